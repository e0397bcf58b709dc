import { labelText, type ChoiceOption, type FieldDefinition } from '@platform/schema';
import type { DisplayLocale, FieldOptionIssue } from '../field-type-definition';

/** The choices of a select/radio/multiSelect/checkbox field, ignoring malformed entries. */
export function choiceOptions(field: FieldDefinition): ChoiceOption[] {
  const list = field.options?.options;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (item): item is ChoiceOption =>
      typeof item === 'object' && item !== null && typeof (item as { key?: unknown }).key === 'string',
  );
}

export function choiceKeys(field: FieldDefinition): Set<string> {
  return new Set(choiceOptions(field).map((option) => option.key));
}

/** The option's label in the locale; a key no longer among the options shows as itself. */
export function choiceLabel(field: FieldDefinition, key: string, locale: DisplayLocale): string {
  const option = choiceOptions(field).find((candidate) => candidate.key === key);
  return option ? labelText(option.label, locale) : key;
}

/** Option keys must be unique within a field. */
export function checkChoiceKeys(field: FieldDefinition): FieldOptionIssue[] {
  const seen = new Set<string>();
  const issues: FieldOptionIssue[] = [];
  choiceOptions(field).forEach((option, index) => {
    if (seen.has(option.key)) {
      issues.push({ path: ['options', 'options', index, 'key'], code: 'duplicate_key', message: `option key "${option.key}" is used twice` });
    }
    seen.add(option.key);
  });
  return issues;
}
