import {
  defaultCopyRequests,
  defaultSourceOf,
  defaultValues,
  type CopiedValues,
  type DefaultCopyRequest,
  type DefaultValueContext,
} from '@platform/form-engine';
import type { FieldDefinition, FormDefinition } from '@platform/schema';
import type { FormMeta, RecordItem } from '../api/types';
import { currentWireValues, isInputField, toWireValue, wireToFormValue, type FormValues } from './form-values';
import { RULE_TIME_ZONE, type RuleUser } from './form-rules';

/**
 * Target values fetched for `relation.targetField` defaults, keyed `relation.targetField@recordId`
 * (so that choosing another record asks again); null when there is nothing the user may copy.
 */
export type FetchedCopies = Readonly<Record<string, unknown>>;

/** A copy chained through relations that are themselves copied is followed this many steps. */
const MAX_COPY_ROUNDS = 3;

export const fetchedCopyKey = (request: DefaultCopyRequest) => `${request.key}@${request.recordId}`;

/** What defaults read in the browser: the clock, the server's time zone and the signed-in user. */
export function defaultContext(user?: RuleUser | null, now: Date = new Date()): DefaultValueContext {
  const context: DefaultValueContext = { now, timeZone: RULE_TIME_ZONE };
  return user ? { ...context, user: { id: user.id, departmentId: user.departmentIds[0] ?? null } } : context;
}

/** The input fields whose value a default gives while the user has not edited them. */
export function defaultedFieldKeys(fields: readonly FieldDefinition[]): Set<string> {
  return new Set(fields.filter((field) => isInputField(field) && defaultSourceOf(field) !== null).map((field) => field.key));
}

/** The record's data as the user made it: the current values without the defaulted fields they left alone. */
function editedData(form: FormDefinition, values: FormValues, edited: ReadonlySet<string>): Record<string, unknown> {
  const data = currentWireValues(form.fields, values);
  for (const key of defaultedFieldKeys(form.fields)) if (!edited.has(key)) delete data[key];
  return data;
}

/**
 * The copies the defaults can use now (`relation.targetField` -> value) and the target records still to
 * fetch. A copy not fetched yet counts as empty, so that a relation defaulting from it waits too.
 */
export function defaultCopies(
  form: FormDefinition,
  values: FormValues,
  edited: ReadonlySet<string>,
  context: DefaultValueContext,
  fetched: FetchedCopies,
): { copied: CopiedValues; missing: DefaultCopyRequest[] } {
  const data = editedData(form, values, edited);
  const copied: Record<string, unknown> = {};
  const missing: DefaultCopyRequest[] = [];
  for (let round = 0; round < MAX_COPY_ROUNDS; round++) {
    const requests = defaultCopyRequests(form, data, context, copied);
    if (requests.length === 0) break;
    for (const request of requests) {
      const key = fetchedCopyKey(request);
      if (Object.hasOwn(fetched, key)) copied[request.key] = fetched[key];
      else {
        copied[request.key] = null;
        missing.push(request);
      }
    }
  }
  return { copied, missing };
}

/**
 * The form values the defaulted fields the user has not edited should hold now (only those that
 * differ from what the form shows): literal defaults, formulas over the current values, copies of
 * other fields and of fetched target records, `$user`; as the server computes them on create.
 */
export function defaultUpdates(
  form: FormDefinition,
  values: FormValues,
  edited: ReadonlySet<string>,
  context: DefaultValueContext,
  copied: CopiedValues = {},
): FormValues {
  const defaults = defaultValues(form, editedData(form, values, edited), context, copied);
  const defaulted = defaultedFieldKeys(form.fields);
  const updates: FormValues = {};
  for (const field of form.fields) {
    if (!defaulted.has(field.key) || edited.has(field.key)) continue;
    const next = defaults[field.key] ?? null;
    if (!sameWire(toWireValue(field, values[field.key]), next)) updates[field.key] = wireToFormValue(field, next);
  }
  return updates;
}

/** Equal as values go on the wire, an empty list being empty like null (so that the form settles). */
function sameWire(a: unknown, b: unknown): boolean {
  const plain = (value: unknown) => (value === undefined || value === '' || (Array.isArray(value) && value.length === 0) ? null : value);
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

/**
 * The value a `relation.targetField` default may copy from a fetched target record: what the API
 * showed, unless the field is masked for some of the user's records of that form (the form's
 * `unfilterable` list, which includes every masked field) or was not shown at all. The server
 * applies the same rule on create.
 */
export function copiedTargetValue(record: RecordItem | null | undefined, targetField: string, targetForm: FormMeta | undefined): unknown {
  if (!record || !Object.hasOwn(record.data, targetField)) return null;
  if (targetForm?.access?.unfilterable.includes(targetField)) return null;
  return record.data[targetField] ?? null;
}
