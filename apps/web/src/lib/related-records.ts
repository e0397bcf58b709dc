import type { Condition, FieldDefinition, FieldType, FormDefinition } from '@platform/schema';
import { titleFieldKey, valueFields } from './field-kinds';

/** A relation field of some form that points at the open record's form. */
export type ReferencingField<F extends FormDefinition = FormDefinition> = { form: F; field: FieldDefinition; multiple: boolean };

/** Bulky values that do not fit one line of a related-record row. */
const BULKY_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['richText', 'image', 'attachment', 'signature', 'subForm', 'location']);

const DETAIL_COUNT = 3;

/** Every (form, relation field) whose options.targetForm is `targetFormKey`, in the forms' order. */
export function findReferencingFields<F extends FormDefinition>(forms: readonly F[], targetFormKey: string): ReferencingField<F>[] {
  return forms.flatMap((form) =>
    form.fields
      .filter((field) => field.type === 'relation' && field.options?.targetForm === targetFormKey)
      .map((field) => ({ form, field, multiple: field.options?.multiple === true })),
  );
}

/** The records whose relation field holds `recordId`: `==` for a one-relation, `containsAny` for a many-relation. */
export function relatedRecordsFilter(reference: Pick<ReferencingField, 'field' | 'multiple'>, recordId: string): Condition {
  const value = { var: reference.field.key };
  return reference.multiple ? { containsAny: [value, [recordId]] } : { '==': [value, recordId] };
}

/** A stable key per (form, relation field): tabs, React keys and query keys. */
export function referenceKey(reference: Pick<ReferencingField, 'form' | 'field'>): string {
  return `${reference.form.key}.${reference.field.key}`;
}

/**
 * What a related-record row shows: the title field (settings.titleField, else the first text field) and up
 * to three more one-line fields, leaving out the relation back to the open record (it names that record).
 */
export function relatedRowFields(form: FormDefinition, relationKey: string): { title: FieldDefinition | undefined; details: FieldDefinition[] } {
  const fields = valueFields(form.fields);
  const titleKey = titleFieldKey(form.fields, form.settings?.titleField);
  const title = fields.find((field) => field.key === titleKey);
  const details = fields
    .filter((field) => field.key !== titleKey && field.key !== relationKey && !BULKY_TYPES.has(field.type))
    .slice(0, DETAIL_COUNT);
  return { title, details };
}

/**
 * A new record "from" the open one (the related-records tab's New): the relation field to fill and the
 * record it points at travel in the new-record address, `records/new?relation=customer&record=<id>`.
 */
export const PREFILL_FIELD_PARAM = 'relation';
export const PREFILL_RECORD_PARAM = 'record';

export function prefillSearch(fieldKey: string, recordId: string): string {
  return `?${new URLSearchParams({ [PREFILL_FIELD_PARAM]: fieldKey, [PREFILL_RECORD_PARAM]: recordId }).toString()}`;
}

/** A record id as the API writes them (UUIDv7); anything else in the address is ignored. */
const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The values a new record starts with from its address: the named relation field of the form set to the
 * record (in a list for a relation to many records). Nothing for a field that is not a relation of the
 * form or an id that is not one.
 */
export function prefilledValues(fields: readonly FieldDefinition[], search: URLSearchParams): Record<string, string | string[]> {
  const key = search.get(PREFILL_FIELD_PARAM);
  const id = search.get(PREFILL_RECORD_PARAM);
  const field = fields.find((candidate) => candidate.key === key);
  if (!field || field.type !== 'relation' || !id || !RECORD_ID.test(id)) return {};
  return { [field.key]: field.options?.multiple === true ? [id] : id };
}
