import type { Queryable } from '../database/database';

/**
 * Removes the comments of every record of a form (or, without `formKey`, of every form of an app), soft
 * deleted ones included, and the notifications that point at those records (mentions, approvals), inside
 * the caller's transaction. Comments and notifications name their record by keys with no foreign key to
 * it (records live in per-form tables), so dropping a form's table leaves them behind unless its deletion
 * calls this: a notification would open a record that is gone, and a form created later under the same
 * key would start with another form's comments.
 */
export async function deleteRecordComments(q: Queryable, target: { appKey: string; formKey?: string }): Promise<void> {
  const params = [target.appKey, target.formKey ?? null];
  await q.query(`DELETE FROM record_comments WHERE app_key = $1 AND ($2::text IS NULL OR form_key = $2)`, params);
  await q.query(`DELETE FROM notifications WHERE data ? 'recordId' AND data->>'appKey' = $1 AND ($2::text IS NULL OR data->>'formKey' = $2)`, params);
}
