import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drafts and publishing. An app is visible to non-administrators only once published (`published_at`);
 * apps that exist already count as published. What an administrator changes in the app builder (name,
 * icon, navigation) waits in `apps.draft`, and a form designed but not yet published waits in
 * `form_drafts` (no table change happens until it is published).
 */
export class AppDrafts1732700000015 implements MigrationInterface {
  name = 'AppDrafts1732700000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE apps ADD COLUMN published_at timestamptz NULL, ADD COLUMN draft jsonb NULL`);
    await q.query(`UPDATE apps SET published_at = created_at`);
    await q.query(`
      CREATE TABLE form_drafts (
        app_key text NOT NULL REFERENCES apps(key) ON DELETE CASCADE,
        form_key text NOT NULL,
        definition jsonb NOT NULL,
        base_version integer NULL,
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (app_key, form_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE form_drafts`);
    await q.query(`ALTER TABLE apps DROP COLUMN draft, DROP COLUMN published_at`);
  }
}
