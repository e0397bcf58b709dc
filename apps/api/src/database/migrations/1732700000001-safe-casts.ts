import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Casts that answer NULL instead of failing, used when a field changes type: a value that does not
 * fit the new type is cleared (and counted) rather than aborting the conversion.
 */
export class SafeCasts1732700000001 implements MigrationInterface {
  name = 'SafeCasts1732700000001';

  async up(q: QueryRunner): Promise<void> {
    const casts: [string, string][] = [
      ['numeric', 'numeric'], ['numeric182', 'numeric(18,2)'], ['smallint', 'smallint'], ['date', 'date'],
      ['timestamptz', 'timestamptz(3)'], ['time', 'time(0)'], ['uuid', 'uuid'], ['boolean', 'boolean'],
    ];
    for (const [name, type] of casts) {
      await q.query(`
        CREATE FUNCTION data.try_${name}(v text) RETURNS ${type} LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
          RETURN btrim(v)::${type};
        EXCEPTION WHEN others THEN
          RETURN NULL;
        END $$`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['numeric', 'numeric182', 'smallint', 'date', 'timestamptz', 'time', 'uuid', 'boolean']) {
      await q.query(`DROP FUNCTION IF EXISTS data.try_${name}(text)`);
    }
  }
}
