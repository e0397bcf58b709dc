import { defaultCopyRequests, type CopiedValues, type DefaultCopyRequest, type DefaultValueContext } from '@platform/form-engine';
import type { FormDefinition } from '@platform/schema';
import type { RequestUser } from '../auth/request-user';
import { ApiError } from '../common/api-error';
import type { FormAccess } from '../permissions/form-access';
import type { RecordView } from './records.service';

/** What copying a default through a relation needs: a record as the user may read it, and their access to its form. */
export type DefaultTargetReader = {
  get(user: RequestUser, appKey: string, formKey: string, id: string): Promise<RecordView>;
  context(user: RequestUser, appKey: string, formKey: string): Promise<{ access: FormAccess }>;
};

/** A relation may default from a copy, whose target may be copied in turn: a few rounds at most. */
const MAX_COPY_ROUNDS = 3;

/** What defaults read besides the record (docs/defaults.md): the clock, the time zone, the creating user. */
export function defaultContextFor(user: RequestUser, now: Date, timeZone: string): DefaultValueContext {
  return { now, timeZone, user: { id: user.id, departmentId: user.departmentIds[0] ?? null } };
}

/**
 * The target values the `relation.targetField` defaults of a create need, read with the creating user's
 * rights: a record they cannot read, a field hidden from them or masked by any of their grants gives
 * null (no copy). The values are raw: validateRecordData coerces and checks them with the rest.
 */
export async function readCopiedDefaults(
  reader: DefaultTargetReader,
  user: RequestUser,
  appKey: string,
  form: FormDefinition,
  data: Readonly<Record<string, unknown>>,
  context: DefaultValueContext,
): Promise<CopiedValues> {
  let copied: Record<string, unknown> = {};
  for (let round = 0; round < MAX_COPY_ROUNDS; round++) {
    const requests = defaultCopyRequests(form, data, context, copied);
    if (requests.length === 0) break;
    const values = await Promise.all(requests.map((request) => readableTargetValue(reader, user, appKey, request)));
    copied = { ...copied, ...Object.fromEntries(requests.map((request, index) => [request.key, values[index]])) };
  }
  return copied;
}

async function readableTargetValue(reader: DefaultTargetReader, user: RequestUser, appKey: string, request: DefaultCopyRequest): Promise<unknown> {
  try {
    const [{ access }, record] = await Promise.all([
      reader.context(user, appKey, request.targetForm),
      reader.get(user, appKey, request.targetForm, request.recordId),
    ]);
    if (!Object.hasOwn(record.data, request.targetField) || maskedByAnyGrant(access, request.targetField)) return null;
    return record.data[request.targetField];
  } catch (error) {
    // Not found or not readable by this user: nothing to copy (the relation itself is checked on write).
    if (error instanceof ApiError && error.status < 500) return null;
    throw error;
  }
}

/** A masked value is never copied: the copy would store the mask, or show the user what it hides. */
function maskedByAnyGrant(access: FormAccess, key: string): boolean {
  return !access.all && (access.masked.has(key) || access.readGrants.some((grant) => grant.masked.has(key)));
}
