import type { FieldDefinition } from '@platform/schema';
import { compileCached } from './formula/compile-cached';
import type { CompileFormulaResult } from './formula/formula-types';

/** What the current user offers a default: `$user.id` and `$user.departmentId` (their first department). */
export type DefaultUserProperty = 'id' | 'departmentId';

/**
 * Where a field's value comes from when a record is created without it (docs/defaults.md):
 * `options.default` (literal), `options.defaultFormula` (formula) or `options.defaultFrom` (field,
 * relation, user). `invalid` is a `defaultFrom` that names nothing (validateFormDefinition refuses it).
 */
export type DefaultSource =
  | { kind: 'literal'; value: unknown }
  | { kind: 'formula'; expression: string }
  | { kind: 'field'; fieldKey: string }
  | { kind: 'relation'; relationField: string; targetField: string }
  | { kind: 'user'; property: DefaultUserProperty }
  | { kind: 'invalid'; text: string };

const USER_PROPERTIES: readonly string[] = ['id', 'departmentId'];

/** Reads `defaultFrom`: "field", "relation.targetField" or "$user.<property>". */
export function parseDefaultFrom(text: string): DefaultSource {
  if (text.startsWith('$user.')) {
    const property = text.slice('$user.'.length);
    return USER_PROPERTIES.includes(property) ? { kind: 'user', property: property as DefaultUserProperty } : { kind: 'invalid', text };
  }
  const parts = text.split('.');
  if (parts.some((part) => part === '') || text.startsWith('$')) return { kind: 'invalid', text };
  if (parts.length === 1) return { kind: 'field', fieldKey: parts[0] };
  if (parts.length === 2) return { kind: 'relation', relationField: parts[0], targetField: parts[1] };
  return { kind: 'invalid', text };
}

/** The default source a field declares (at most one is allowed; the first of default, formula, from wins), or null. */
export function defaultSourceOf(field: FieldDefinition): DefaultSource | null {
  const options = field.options ?? {};
  if (options.default !== undefined && options.default !== null) return { kind: 'literal', value: options.default };
  if (typeof options.defaultFormula === 'string') return { kind: 'formula', expression: options.defaultFormula };
  if (typeof options.defaultFrom === 'string') return parseDefaultFrom(options.defaultFrom);
  return null;
}

/** Default formulas share the formula fields' compile cache. */
export const compileDefaultFormula = (expression: string): CompileFormulaResult => compileCached(expression);

/** The keys of the record a source reads (a formula's `lines.amount` reads `lines`). */
export function defaultSourceKeys(source: DefaultSource): string[] {
  switch (source.kind) {
    case 'formula': {
      const result = compileDefaultFormula(source.expression);
      return result.ok ? [...new Set(result.references.map((reference) => reference.split('.')[0]))] : [];
    }
    case 'field':
      return [source.fieldKey];
    case 'relation':
      return [source.relationField];
    default:
      return [];
  }
}
