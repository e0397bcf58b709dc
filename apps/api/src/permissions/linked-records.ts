import { isMultipleRelation, relationTarget } from '@platform/form-engine';
import type { RequestUser } from '../auth/request-user';
import { validationFailed } from '../common/api-error';
import { isUuid } from '../common/uuid-v7';
import type { FormRuntime } from '../records/form-runtime';

/** Reads through the records path, so the user's grants and scope decide (RecordsService.query). */
export type LinkedRecordsReader = {
  query(user: RequestUser, appKey: string, formKey: string, body: Record<string, unknown>): Promise<{ items: { id: string }[] }>;
};

/** Per relation field the user sent, the ids among those sent that they may read; null for full access. */
export type ReadableLinks = Map<string, Set<string>> | null;

const MAX_IDS_CHECKED = 500;

const idsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : typeof value === 'string' ? [value] : []).map((id) => id.toLowerCase());

/** The ids among `ids` the user may read on `formKey` (none when the form is closed to them). */
async function readableIds(reader: LinkedRecordsReader, user: RequestUser, appKey: string, formKey: string, ids: string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter(isUuid))].slice(0, MAX_IDS_CHECKED);
  if (!wanted.length) return new Set();
  try {
    const page = await reader.query(user, appKey, formKey, { filter: { in: [{ var: 'id' }, wanted] }, fields: [], limit: MAX_IDS_CHECKED });
    return new Set(page.items.map((item) => item.id.toLowerCase()));
  } catch {
    return new Set();
  }
}

/**
 * Before a write (outside its transaction, which must not wait for a second connection): which of the
 * related ids the user sends they may read on the target forms.
 */
export async function readableLinks(reader: LinkedRecordsReader, user: RequestUser, runtime: FormRuntime, sent: Record<string, unknown>): Promise<ReadableLinks> {
  if (user.isAdmin && !user.tokenScopes) return null;
  const out = new Map<string, Set<string>>();
  for (const f of runtime.fields) {
    const target = f.field.type === 'relation' && f.field.key in sent ? relationTarget(f.field) : undefined;
    if (target) out.set(f.field.key, await readableIds(reader, user, runtime.appKey, target, idsOf(sent[f.field.key])));
  }
  return out;
}

/**
 * Relation values the user sends may name only records of the target form they can read; ids the
 * record already held stay allowed. Otherwise a lookup would copy a record they may not read into one
 * they may, and the answer would tell which ids exist (docs/adr/0008). An unreadable id gets the very
 * issue an id that does not exist gets (RecordLinks.checkRelationsOrThrow). Values the user did not
 * send (defaults, rule values) are the form designer's and are not checked here.
 */
export function checkLinksReadableOrThrow(
  runtime: FormRuntime, readable: ReadableLinks, values: Record<string, unknown>, before: Record<string, unknown> | null,
): void {
  if (!readable) return;
  const issues: { path: (string | number)[]; code: string; message: string }[] = [];
  for (const [key, allowed] of readable) {
    const field = runtime.byKey.get(key)?.field;
    if (!field) continue;
    const held = new Set(idsOf(before?.[key]));
    idsOf(values[key]).forEach((id, index) => {
      if (held.has(id) || allowed.has(id)) return;
      issues.push({ path: isMultipleRelation(field) ? [key, index] : [key], code: 'not_found', message: `${id} is not a record that ${key} may link to` });
    });
  }
  if (issues.length) throw validationFailed(issues, issues[0].message);
}
