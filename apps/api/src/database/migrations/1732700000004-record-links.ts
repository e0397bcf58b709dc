import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Serial-number counters (gap-free: incremented in the creating transaction). */
export class RecordLinks1732700000004 implements MigrationInterface {
  name = 'RecordLinks1732700000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE serial_counters (
        form_id uuid NOT NULL,
        field_key text NOT NULL,
        period text NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (form_id, field_key, period)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE serial_counters`);
  }
}
