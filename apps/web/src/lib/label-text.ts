import type { LocalizedText } from '@platform/schema';

/**
 * The text of a metadata label in a locale, falling back to zh-CN, en-US, then any entry.
 * (Same rule as labelText in @platform/schema; kept here so the web bundle does not pull that package's
 * runtime, which includes ajv.)
 */
export function labelText(label: LocalizedText | null | undefined, locale: string): string {
  if (label === undefined || label === null) return '';
  if (typeof label === 'string') return label;
  return label[locale] ?? label['zh-CN'] ?? label['en-US'] ?? Object.values(label)[0] ?? '';
}
