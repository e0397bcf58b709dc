import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Uploaded files and the records holding them (image, attachment and signature fields). */
export class Files1732700000003 implements MigrationInterface {
  name = 'Files1732700000003';

  async up(q: QueryRunner): Promise<void> {
    // storage_key is chosen by the server (from the id), never from the client's file name.
    await q.query(`
      CREATE TABLE files (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        size bigint NOT NULL,
        mime text NOT NULL,
        storage_key text NOT NULL,
        thumb_key text NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL
      )`);
    // One row per (file, record, field): who may download a file follows from the records holding it.
    await q.query(`
      CREATE TABLE file_holders (
        file_id uuid NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        form_id uuid NOT NULL,
        record_id uuid NOT NULL,
        field_key text NOT NULL,
        PRIMARY KEY (file_id, form_id, record_id, field_key)
      )`);
    await q.query(`CREATE INDEX file_holders_record_idx ON file_holders(form_id, record_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS file_holders`);
    await q.query(`DROP TABLE IF EXISTS files`);
  }
}
