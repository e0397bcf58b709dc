import type { FieldType, JsonSchema } from './types';

/**
 * One option the property panel edits with a plain control, read from the type's options JSON Schema
 * (GET /api/field-types): numbers, switches, short texts, choices from an enum, texts per language and
 * lists of short texts.
 */
export type SimpleOption =
  | { name: string; kind: 'number'; integer: boolean; min?: number; max?: number; defaultValue?: number }
  | { name: string; kind: 'boolean' }
  | { name: string; kind: 'string'; maxLength?: number }
  | { name: string; kind: 'enum'; values: string[]; defaultValue?: string }
  | { name: string; kind: 'localized'; maxLength?: number }
  | { name: string; kind: 'stringList' };

/** Options with an editor of their own (choices, formulas, links, segments, columns, tabs, defaults). */
const DEDICATED = new Set([
  'options', 'tree', 'expression', 'targetForm', 'displayFields', 'onDelete', 'filter', 'relationField', 'targetField',
  'subFormField', 'sourceField', 'segments', 'fields', 'tabs', 'default', 'defaultFormula', 'defaultFrom',
]);

/** Options the server fills in itself (a lookup's target definition, a rollup's result type). */
const SERVER_DERIVED: Partial<Record<FieldType, readonly string[]>> = {
  lookup: ['valueField', 'many'],
  rollup: ['resultType'],
};

function isLocalizedText(schema: JsonSchema): boolean {
  const variants = schema.anyOf ?? [];
  return variants.length === 2 && variants.some((part) => part.type === 'string') && variants.some((part) => part.type === 'object');
}

function maxLengthOf(schema: JsonSchema): number | undefined {
  return schema.maxLength ?? schema.anyOf?.find((part) => part.type === 'string')?.maxLength;
}

function simpleOption(name: string, schema: JsonSchema): SimpleOption | null {
  if (Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string')) {
    return { name, kind: 'enum', values: schema.enum as string[], defaultValue: typeof schema.default === 'string' ? schema.default : undefined };
  }
  if (isLocalizedText(schema)) return { name, kind: 'localized', maxLength: maxLengthOf(schema) };
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? schema.exclusiveMinimum;
      return {
        name, kind: 'number', integer: schema.type === 'integer',
        ...(min !== undefined ? { min } : {}),
        ...(schema.maximum !== undefined ? { max: schema.maximum } : {}),
        ...(typeof schema.default === 'number' ? { defaultValue: schema.default } : {}),
      };
    }
    case 'boolean':
      return { name, kind: 'boolean' };
    case 'string':
      return { name, kind: 'string', maxLength: schema.maxLength };
    case 'array':
      return schema.items?.type === 'string' ? { name, kind: 'stringList' } : null;
    default:
      return null;
  }
}

/** The options of a type the panel edits with plain controls, in the schema's order. */
export function simpleOptions(type: FieldType, schema: JsonSchema | undefined): SimpleOption[] {
  const hidden = new Set(SERVER_DERIVED[type] ?? []);
  return Object.entries(schema?.properties ?? {})
    .filter(([name]) => !DEDICATED.has(name) && !hidden.has(name))
    .map(([name, property]) => simpleOption(name, property))
    .filter((option): option is SimpleOption => option !== null);
}

/**
 * A typed number as the option's value: empty removes the option, out-of-range or a fraction for an
 * integer is kept as typed so that the checks say what is wrong.
 */
export function numberOptionValue(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** "a, b ,c" → ["a", "b", "c"]; nothing left → undefined (the option goes). */
export function stringListValue(text: string): string[] | undefined {
  const items = text.split(/[,，\s]+/).map((item) => item.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
}
