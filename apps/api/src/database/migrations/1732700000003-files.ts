import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Uploaded files and the records holding them (image, attachment and signature fields). */
export class Files1732700000003 implements MigrationInterface {
  name = 'Files1732700000003';

  async up(_q: QueryRunner): Promise<void> {
    // filled in by the files module
  }

  async down(_q: QueryRunner): Promise<void> {}
}
