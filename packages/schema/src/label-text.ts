import type { LocalizedText } from './types';

/** The text of a label in a locale, falling back to zh-CN, en-US, then any. */
export function labelText(label: LocalizedText | undefined, locale: string): string {
  if (label === undefined) return '';
  if (typeof label === 'string') return label;
  return label[locale] ?? label['zh-CN'] ?? label['en-US'] ?? Object.values(label)[0] ?? '';
}
