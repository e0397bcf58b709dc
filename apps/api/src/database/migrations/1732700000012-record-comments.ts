import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comments on records (the record page's comments tab). A comment names its record by app, form and
 * record id, as audit entries and flow instances do: records live in per-form tables, so there is no
 * foreign key to them. Deleting is soft: `deleted_at` is set and the list shows "comment deleted".
 * author_id has no foreign key for the reason notifications.user_id has none (users are deactivated,
 * never deleted; no key-share lock on the author's row).
 */
export class RecordComments1732700000012 implements MigrationInterface {
  name = 'RecordComments1732700000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE record_comments (
        id uuid PRIMARY KEY,
        app_key text NOT NULL,
        form_key text NOT NULL,
        record_id uuid NOT NULL,
        author_id uuid NOT NULL,
        body text NOT NULL,
        mentions uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL,
        edited_at timestamptz NULL,
        deleted_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX record_comments_record_idx ON record_comments(app_key, form_key, record_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS record_comments`);
  }
}
