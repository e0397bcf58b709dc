import type { FieldDefinition, FormDefinition, SchemaIssue } from '@platform/schema';
import { parseDefaultFrom } from './default-source';
import { fieldTypeFor } from './field-type-for';
import { isMultipleRelation, relationTarget } from './field-types/relation-field-type';
import { rollupAggregate, type RollupResultType } from './field-types/rollup-field-type';
import { subFormFields } from './field-types/sub-form-field-type';

/** A rollup's rows: a relation field (`key` on this form, or `form.key` pointing at this form) or a sub-form. */
export type RollupSource =
  | { kind: 'forward'; relationField: string }
  | { kind: 'reverse'; formKey: string; relationField: string }
  | { kind: 'subForm'; subFormField: string };

export function rollupSource(field: FieldDefinition): RollupSource | null {
  const subForm = field.options?.subFormField;
  if (typeof subForm === 'string') return { kind: 'subForm', subFormField: subForm };
  const relation = field.options?.relationField;
  if (typeof relation !== 'string') return null;
  const dot = relation.indexOf('.');
  return dot < 0 ? { kind: 'forward', relationField: relation } : { kind: 'reverse', formKey: relation.slice(0, dot), relationField: relation.slice(dot + 1) };
}

const NUMERIC_KINDS = new Set(['number']);

function resultTypeOf(aggregate: string, target: FieldDefinition | undefined): RollupResultType | 'invalid' {
  if (aggregate === 'count' || aggregate === 'countDistinct') return 'number';
  const kind = target ? fieldTypeFor(target)?.conditionKind : undefined;
  if (aggregate === 'sum' || aggregate === 'avg') return kind && NUMERIC_KINDS.has(kind) ? 'number' : 'invalid';
  if (kind === 'number') return 'number';
  if (kind === 'date') return 'date';
  if (kind === 'datetime') return 'datetime';
  return 'invalid';
}

/**
 * Checks the fields of `form` that reach other forms of its app (relations, lookups, rollups) against
 * those forms, and completes what the server derives from them: a lookup's `valueField` (a copy of the
 * target field) and `many`, a rollup's `resultType`. `forms` holds the app's forms by key (this form's
 * new definition is used for itself). A target form or field not found is an issue.
 */
export function resolveFormLinks(form: FormDefinition, forms: ReadonlyMap<string, FormDefinition>): { form: FormDefinition; issues: SchemaIssue[] } {
  const issues: SchemaIssue[] = [];
  const formOf = (key: string) => (key === form.key ? form : forms.get(key));
  const byKey = new Map(form.fields.map((field) => [field.key, field]));
  const fields = form.fields.map((field, index): FieldDefinition => {
    const at = (...path: (string | number)[]) => ['fields', index, ...path];
    const copied = defaultTargetIssue(field, byKey, formOf);
    if (copied) issues.push({ ...copied, path: at('options', 'defaultFrom') });
    if (field.type === 'relation') {
      const target = relationTarget(field);
      const targetForm = target ? formOf(target) : undefined;
      if (!targetForm) {
        issues.push({ path: at('options', 'targetForm'), code: 'unknown_form', message: `"${String(target)}" is not a form of this app` });
        return field;
      }
      const display = Array.isArray(field.options?.displayFields) ? (field.options.displayFields as string[]) : [];
      display.forEach((key, position) => {
        if (!targetForm.fields.some((candidate) => candidate.key === key)) {
          issues.push({ path: at('options', 'displayFields', position), code: 'unknown_field', message: `"${key}" is not a field of the form "${targetForm.key}"` });
        }
      });
      return field;
    }
    if (field.type === 'lookup') {
      const relation = byKey.get(String(field.options?.relationField));
      const targetForm = relation?.type === 'relation' ? formOf(relationTarget(relation) ?? '') : undefined;
      if (!relation || !targetForm) return field; // checkOptions reports the relation; the relation reports its form
      const targetField = targetForm.fields.find((candidate) => candidate.key === field.options?.targetField);
      const definition = targetField && fieldTypeFor(targetField);
      if (!targetField || !definition || definition.layout || targetField.type === 'subForm') {
        issues.push({ path: at('options', 'targetField'), code: 'unknown_field', message: `"${String(field.options?.targetField)}" is not a value field of the form "${targetForm.key}"` });
        return field;
      }
      return { ...field, options: { ...field.options, valueField: targetField, many: isMultipleRelation(relation) } };
    }
    if (field.type === 'rollup') {
      const source = rollupSource(field);
      let targetFields: FieldDefinition[] | undefined;
      if (source?.kind === 'subForm') {
        const subForm = byKey.get(source.subFormField);
        targetFields = subForm?.type === 'subForm' ? subFormFields(subForm) : undefined;
      } else if (source?.kind === 'forward') {
        const relation = byKey.get(source.relationField);
        targetFields = relation?.type === 'relation' ? formOf(relationTarget(relation) ?? '')?.fields : undefined;
      } else if (source?.kind === 'reverse') {
        const other = formOf(source.formKey);
        const relation = other?.fields.find((candidate) => candidate.key === source.relationField);
        if (!other || relation?.type !== 'relation' || relationTarget(relation) !== form.key) {
          issues.push({ path: at('options', 'relationField'), code: 'unknown_field', message: `"${source.formKey}.${source.relationField}" is not a relation of another form pointing at this one` });
          return field;
        }
        targetFields = other.fields;
      }
      if (!targetFields) return field; // checkOptions reports it
      const aggregate = rollupAggregate(field);
      const targetKey = field.options?.targetField;
      const target = targetFields.find((candidate) => candidate.key === targetKey);
      if (targetKey !== undefined && !target) {
        issues.push({ path: at('options', 'targetField'), code: 'unknown_field', message: `"${String(targetKey)}" is not a field of the rows summed up` });
        return field;
      }
      const resultType = resultTypeOf(aggregate, target);
      if (resultType === 'invalid') {
        issues.push({ path: at('options', 'aggregate'), code: 'invalid_option', message: `${aggregate} cannot summarise a ${target?.type ?? 'missing'} field` });
        return field;
      }
      return { ...field, options: { ...field.options, resultType } };
    }
    return field;
  });
  return { form: { ...form, fields }, issues };
}

/**
 * A `defaultFrom` of "relation.targetField" whose target field is not a value field of the relation's
 * target form (a copy of sub-form rows is refused too); null when it is fine or is not such a default
 * (validateFormDefinition checks the relation itself).
 */
function defaultTargetIssue(
  field: FieldDefinition,
  byKey: ReadonlyMap<string, FieldDefinition>,
  formOf: (key: string) => FormDefinition | undefined,
): Omit<SchemaIssue, 'path'> | null {
  const from = field.options?.defaultFrom;
  const source = typeof from === 'string' ? parseDefaultFrom(from) : null;
  if (source?.kind !== 'relation') return null;
  const relation = byKey.get(source.relationField);
  const targetForm = relation?.type === 'relation' ? formOf(relationTarget(relation) ?? '') : undefined;
  if (!targetForm) return null;
  const target = targetForm.fields.find((candidate) => candidate.key === source.targetField);
  const definition = target && fieldTypeFor(target);
  if (target && definition && !definition.layout && target.type !== 'subForm') return null;
  return { code: 'unknown_field', message: `"${source.targetField}" is not a value field of the form "${targetForm.key}"` };
}

/** The definition without what resolveFormLinks added (for exports: the importer derives it again). */
export function unresolveFormLinks(form: FormDefinition): FormDefinition {
  return {
    ...form,
    fields: form.fields.map((field) => {
      if (field.type !== 'lookup' && field.type !== 'rollup') return field;
      const { valueField: _valueField, many: _many, resultType: _resultType, ...options } = field.options ?? {};
      return { ...field, options };
    }),
  };
}

/** What decides a linked field's column: a lookup's copied type (and its result type) and `many`, a rollup's result type. */
function storageShape(field: FieldDefinition | undefined): string {
  const options = field?.options ?? {};
  const copied = options.valueField as FieldDefinition | undefined;
  return JSON.stringify([copied?.type ?? null, copied?.options?.resultType ?? null, options.many ?? null, options.resultType ?? null]);
}

/** A field of another form that a change of `formKey` would break or silently change. */
export type LinkDependent = { formKey: string; fieldKey: string; message: string };

/**
 * The fields of the app's other forms that reach `formKey` (relations and their display fields, lookups,
 * rollups, copied defaults) and would no longer resolve, or would resolve differently (a lookup's copy
 * of a field whose type changed, a rollup's result type), were `formKey` replaced by `next` (null: the
 * form is deleted). Their copies and columns were made for the old definition, so such a change must
 * wait until those fields are changed or removed.
 */
export function linkDependents(formKey: string, next: FormDefinition | null, forms: ReadonlyMap<string, FormDefinition>): LinkDependent[] {
  const after = new Map(forms);
  if (next) after.set(formKey, next);
  else after.delete(formKey);
  const dependents: LinkDependent[] = [];
  for (const [key, form] of forms) {
    if (key === formKey) continue;
    const before = resolveFormLinks(form, forms);
    const changed = resolveFormLinks(form, after);
    changed.form.fields.forEach((field, index) => {
      const atField = (candidate: SchemaIssue) => candidate.path[0] === 'fields' && candidate.path[1] === index;
      // An issue the form had already is not this change's doing.
      const issue = changed.issues.find((candidate) => atField(candidate) && !before.issues.some((old) => atField(old) && old.code === candidate.code));
      const was = before.form.fields[index];
      if (issue) dependents.push({ formKey: key, fieldKey: field.key, message: issue.message });
      else if (storageShape(was) !== storageShape(field)) {
        dependents.push({ formKey: key, fieldKey: field.key, message: `the field "${field.key}" of "${key}" copies a field this change retypes` });
      }
    });
  }
  return dependents;
}
