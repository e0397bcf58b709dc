import type { LocalizedText } from './types';

export const PRIMARY_LOCALE = 'zh-CN';
export const LABEL_LOCALES = ['zh-CN', 'en-US'] as const;

/**
 * The text a label has of its own in one locale: a plain string is the primary (zh-CN) text, shown in
 * every language until a translation is added; a per-locale map answers its entry.
 */
export function ownLabelText(label: LocalizedText | undefined, locale: string): string {
  if (label === undefined) return '';
  if (typeof label === 'string') return locale === PRIMARY_LOCALE ? label : '';
  return label[locale] ?? '';
}

/**
 * Writes a label's text in one locale. A label with only the primary text stays a plain string; a
 * translation turns it into a map ({"zh-CN": ..., "en-US": ...}); emptying the translation turns it
 * back. Empty entries are dropped.
 */
export function withLabelText(label: LocalizedText | undefined, locale: string, text: string): LocalizedText {
  const entries: Record<string, string> = typeof label === 'string' ? { [PRIMARY_LOCALE]: label } : { ...(label ?? {}) };
  entries[locale] = text;
  for (const [key, value] of Object.entries(entries)) if (value.trim() === '') delete entries[key];
  const keys = Object.keys(entries);
  if (keys.length === 0) return '';
  if (keys.length === 1 && keys[0] === PRIMARY_LOCALE) return entries[PRIMARY_LOCALE];
  return entries;
}

/** Whether a label says anything in some locale. */
export function hasLabel(label: LocalizedText | undefined): boolean {
  if (typeof label === 'string') return label.trim() !== '';
  return !!label && Object.values(label).some((text) => typeof text === 'string' && text.trim() !== '');
}
