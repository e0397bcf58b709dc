import type { FieldDefinition } from '@platform/schema';
import type { BulkFailure, BulkResult } from '../../api/view-endpoints';
import type { FormAccess } from '../../api/types';
import { isDerivedField, valueFields } from '../field-kinds';

/** Ids sent per bulk call: small enough that progress moves, large enough to be quick. */
export const BULK_CHUNK = 50;

export type BulkProgress = { done: number; total: number; succeeded: string[]; failed: BulkFailure[] };

export function chunkIds(ids: readonly string[], size = BULK_CHUNK): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += size) chunks.push(ids.slice(i, i + size));
  return chunks;
}

function failureOf(id: string, error: unknown): BulkFailure {
  const { status, code, message } = (error ?? {}) as { status?: unknown; code?: unknown; message?: unknown };
  return {
    id,
    status: typeof status === 'number' ? status : 0,
    code: typeof code === 'string' ? code : 'UNKNOWN',
    message: typeof message === 'string' ? message : String(error),
  };
}

/**
 * Sends the ids in chunks, one call after the other, reporting progress after each. A call refused as
 * a whole (no permission, a field one may not edit) fails its ids with that reason and stops the rest,
 * which would be refused alike; they are reported as failed with the same reason.
 */
export async function runBulk(
  ids: readonly string[],
  call: (chunk: string[]) => Promise<BulkResult>,
  onProgress: (progress: BulkProgress) => void = () => undefined,
  size = BULK_CHUNK,
): Promise<BulkProgress> {
  const progress: BulkProgress = { done: 0, total: ids.length, succeeded: [], failed: [] };
  const chunks = chunkIds(ids, size);
  for (let index = 0; index < chunks.length; index++) {
    try {
      const result = await call(chunks[index]);
      progress.succeeded.push(...result.succeeded);
      progress.failed.push(...result.failed);
      progress.done += chunks[index].length;
    } catch (error) {
      const rest = chunks.slice(index).flat();
      progress.failed.push(...rest.map((id) => failureOf(id, error)));
      progress.done = progress.total;
      onProgress({ ...progress });
      return progress;
    }
    onProgress({ ...progress });
  }
  return progress;
}

/** Failures grouped by reason (code and message), largest group first, for the summary. */
export function failureGroups(failed: readonly BulkFailure[]): { code: string; message: string; ids: string[] }[] {
  const groups = new Map<string, { code: string; message: string; ids: string[] }>();
  for (const failure of failed) {
    const key = `${failure.code}\u0000${failure.message}`;
    const group = groups.get(key) ?? { code: failure.code, message: failure.message, ids: [] };
    group.ids.push(failure.id);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.ids.length - a.ids.length);
}

/** Types a bulk edit cannot set: values that are files, rows or computed. */
const NOT_BULK_EDITABLE = new Set(['subForm', 'image', 'attachment', 'signature', 'location', 'relation', 'richText']);

/** The fields a bulk edit offers: value fields the user may edit that are neither computed nor files. */
export function bulkEditableFields(fields: readonly FieldDefinition[], access: FormAccess | undefined): FieldDefinition[] {
  const editable = access?.editable ?? '*';
  return valueFields(fields).filter((field) => !isDerivedField(field) && !NOT_BULK_EDITABLE.has(field.type) && (editable === '*' || editable.includes(field.key)));
}

/** A toggled selection (a new set). */
export function toggleSelected(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** All the given ids selected, or none when they all are already. */
export function toggleAll(selected: ReadonlySet<string>, ids: readonly string[]): Set<string> {
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  return all ? new Set() : new Set(ids);
}
