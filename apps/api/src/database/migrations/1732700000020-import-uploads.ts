import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports read their file in the job: the request keeps the uploaded bytes in `import_uploads` until the
 * job ends, rather than every row in the job's input. The rows that failed are kept in
 * `import_failed_rows` (their cells as the file showed them) for the error report.
 */
export class ImportUploads1732700000020 implements MigrationInterface {
  name = 'ImportUploads1732700000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_uploads (
        job_id uuid PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
        file_name text NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE import_failed_rows (
        job_id uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        lines jsonb NOT NULL,
        PRIMARY KEY (job_id, row_number)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_failed_rows`);
    await q.query(`DROP TABLE import_uploads`);
  }
}
