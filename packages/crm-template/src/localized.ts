/** A label in both shipped locales: every label of the CRM package is one of these. */
export type Localized = { 'zh-CN': string; 'en-US': string };

export function localized(zh: string, en: string): Localized {
  return { 'zh-CN': zh, 'en-US': en };
}
