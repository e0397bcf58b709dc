import type { FieldDefinition, LocalizedText } from '@platform/schema';

type OptionKinds = { number: number; string: string; boolean: boolean; text: LocalizedText };

/** A typed read of `field.options[name]`: a value of another type counts as absent. */
export function readOption<K extends keyof OptionKinds>(
  field: FieldDefinition,
  name: string,
  kind: K,
): OptionKinds[K] | undefined {
  const value = field.options?.[name];
  const matches =
    kind === 'number' ? typeof value === 'number' && Number.isFinite(value)
    : kind === 'text' ? typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value))
    : typeof value === kind;
  return matches ? (value as OptionKinds[K]) : undefined;
}
