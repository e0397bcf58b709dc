import type { FieldDefinition, FormDefinition } from '@platform/schema';
import { cycleFrom } from './dependency-cycle';
import { compileFormulaOption } from './formula/formula-option-issues';
import { defaultSourceKeys, defaultSourceOf, parseDefaultFrom, type DefaultSource } from './default-source';
import type { FieldOptionIssue, FieldTypeDefinition } from './field-type-definition';
import { isMultipleRelation } from './field-types/relation-field-type';

type TypeOf = (type: string) => FieldTypeDefinition | undefined;

/** The field types a `$user` property can fill. */
const USER_SOURCE_TYPES: Record<string, readonly string[]> = {
  id: ['member', 'members'],
  departmentId: ['department', 'departments'],
};

const DEFAULT_OPTIONS = ['default', 'defaultFormula', 'defaultFrom'] as const;

/**
 * Checks a field's `defaultFormula` and `defaultFrom` against its form (docs/defaults.md): at most one
 * of default / defaultFormula / defaultFrom; a formula that compiles and reads only input fields of the
 * form, not its own; a `defaultFrom` naming another input field, a one-relation of the form (its target
 * field is checked by resolveFormLinks, which knows the other forms) or a `$user` property the field's
 * type can hold; no cycle among defaults. The options' JSON Schema has been checked already.
 */
export function checkDefaultOptions(field: FieldDefinition, form: FormDefinition, typeOf: TypeOf): FieldOptionIssue[] {
  const declared = DEFAULT_OPTIONS.filter((name) => field.options?.[name] !== undefined && field.options?.[name] !== null);
  if (declared.length > 1) {
    return [{
      path: ['options', declared[1]],
      code: 'conflicting_defaults',
      message: `a field takes only one of ${declared.join(', ')}`,
      params: { options: declared.join(', ') },
    }];
  }
  const source = defaultSourceOf(field);
  if (!source || source.kind === 'literal') return [];
  const issues = source.kind === 'formula' ? checkFormula(field, form, typeOf, source.expression) : checkFrom(field, form, typeOf);
  if (issues.length > 0) return issues;
  const cycle = defaultCycleThrough(field, form);
  if (!cycle) return [];
  const at = ['options', source.kind === 'formula' ? 'defaultFormula' : 'defaultFrom'];
  return [{ path: at, code: 'default_cycle', message: `the defaults read each other in a cycle: ${cycle.join(' -> ')}`, params: { cycle: cycle.join(' -> ') } }];
}

const isInput = (candidate: FieldDefinition, typeOf: TypeOf) => {
  const definition = typeOf(candidate.type);
  return definition !== undefined && !definition.layout && !definition.derived;
};

function checkFormula(field: FieldDefinition, form: FormDefinition, typeOf: TypeOf, expression: string): FieldOptionIssue[] {
  const at = ['options', 'defaultFormula'];
  // Every value field is known, so that reading a computed one is named as such rather than as unknown.
  const { result, issues } = compileFormulaOption(expression, form, typeOf, at);
  if (!result.ok) return issues;
  const byKey = new Map(form.fields.map((candidate) => [candidate.key, candidate]));
  for (const key of new Set(result.references.map((reference) => reference.split('.')[0]))) {
    if (key === field.key) return [{ path: at, code: 'default_cycle', message: `the default formula reads its own field "${key}"`, params: { cycle: key } }];
    const read = byKey.get(key);
    if (read && !isInput(read, typeOf)) {
      return [{ path: at, code: 'invalid_reference', message: `a default cannot read "${key}": it is computed after the defaults`, params: { key } }];
    }
  }
  return [];
}

function checkFrom(field: FieldDefinition, form: FormDefinition, typeOf: TypeOf): FieldOptionIssue[] {
  const at = ['options', 'defaultFrom'];
  const text = String(field.options?.defaultFrom);
  const source = parseDefaultFrom(text);
  const byKey = new Map(form.fields.map((candidate) => [candidate.key, candidate]));
  const issue = (code: string, message: string, params: Record<string, string> = {}): FieldOptionIssue[] => [{ path: at, code, message, params: { source: text, ...params } }];
  switch (source.kind) {
    case 'user': {
      const types = USER_SOURCE_TYPES[source.property];
      return types.includes(field.type) ? [] : issue('invalid_default_source', `$user.${source.property} can fill only a ${types.join(' or ')} field`, { types: types.join(', ') });
    }
    case 'field': {
      const read = byKey.get(source.fieldKey);
      if (source.fieldKey === field.key) return issue('default_cycle', `the default copies its own field "${field.key}"`, { cycle: field.key });
      if (!read || typeOf(read.type)?.layout || !typeOf(read.type)) return issue('unknown_field', `"${source.fieldKey}" is not a field of this form`, { key: source.fieldKey });
      return isInput(read, typeOf) ? [] : issue('invalid_reference', `a default cannot copy "${source.fieldKey}": it is computed after the defaults`, { key: source.fieldKey });
    }
    case 'relation': {
      const relation = byKey.get(source.relationField);
      if (!relation) return issue('unknown_field', `"${source.relationField}" is not a field of this form`, { key: source.relationField });
      if (relation.type !== 'relation') return issue('invalid_reference', `"${source.relationField}" is not a relation field`, { key: source.relationField });
      if (isMultipleRelation(relation)) return issue('invalid_reference', `"${source.relationField}" links many records: a default copies only through a relation to one record`, { key: source.relationField });
      return [];
    }
    default:
      return issue('invalid_default_source', `"${text}" is not a field, a relation.field or $user.id / $user.departmentId`);
  }
}

/** A path of defaults from `field` through the fields they read back to it ('a -> b -> a'), or null. */
function defaultCycleThrough(field: FieldDefinition, form: FormDefinition): string[] | null {
  const readsByKey = new Map<string, string[]>();
  for (const candidate of form.fields) {
    const source: DefaultSource | null = defaultSourceOf(candidate);
    if (source) readsByKey.set(candidate.key, defaultSourceKeys(source));
  }
  return cycleFrom(field.key, readsByKey);
}
