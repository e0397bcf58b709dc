import type { LocalizedText } from '@platform/schema';

/**
 * Writes the text of a label in one locale. A plain string stays a plain string; a per-locale label
 * gets (or replaces) the entry of that locale and keeps the others.
 */
export function withLocaleText(label: LocalizedText | undefined, locale: string, text: string): LocalizedText {
  if (label === undefined || typeof label === 'string') return text;
  return { ...label, [locale]: text };
}
