import type { Queryable } from '../database/database';

/**
 * Removes the comments of every record of a form (or, without `formKey`, of every form of an app), soft
 * deleted ones included, inside the caller's transaction. Comments name their record by keys with no
 * foreign key to it (records live in per-form tables), so dropping a form's table leaves them behind
 * unless its deletion calls this; a form created later under the same key starts with none.
 */
export async function deleteRecordComments(q: Queryable, target: { appKey: string; formKey?: string }): Promise<void> {
  if (target.formKey === undefined) await q.query(`DELETE FROM record_comments WHERE app_key = $1`, [target.appKey]);
  else await q.query(`DELETE FROM record_comments WHERE app_key = $1 AND form_key = $2`, [target.appKey, target.formKey]);
}
