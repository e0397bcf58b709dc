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
  if (target.formKey === undefined) {
    await q.query(`DELETE FROM record_comments WHERE app_key = $1`, [target.appKey]);
    await q.query(`DELETE FROM notifications WHERE data->>'appKey' = $1 AND data ? 'recordId'`, [target.appKey]);
  } else {
    await q.query(`DELETE FROM record_comments WHERE app_key = $1 AND form_key = $2`, [target.appKey, target.formKey]);
    await q.query(`DELETE FROM notifications WHERE data->>'appKey' = $1 AND data->>'formKey' = $2 AND data ? 'recordId'`, [target.appKey, target.formKey]);
  }
}
