import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved views: a personal view belongs to one user (owner_id); shared views have none. Personal views
 * leave with their owner. created_at orders a form's views.
 */
export class ViewOwners1732700000005 implements MigrationInterface {
  name = 'ViewOwners1732700000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE views ADD COLUMN owner_id uuid NULL REFERENCES users(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE views ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE views ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX views_form_owner ON views (app_id, form_key, owner_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX views_form_owner`);
    await q.query(`ALTER TABLE views DROP COLUMN updated_at, DROP COLUMN created_at, DROP COLUMN owner_id`);
  }
}
