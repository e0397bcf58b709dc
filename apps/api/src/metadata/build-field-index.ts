import { Logger } from '@nestjs/common';
import type { FieldDefinition } from '@platform/schema';
import type { Queryable } from '../database/database';
import { fieldIndexBuild, quoteIdent } from './form-ddl';

const logger = new Logger('FieldIndexes');

/**
 * Builds a field's index on an existing table, CONCURRENTLY (writes go on), once the form change that
 * wants it is committed. A failed build leaves an INVALID index, which is dropped here. A unique index
 * fails when records written after the form change's duplicate check share a value: then the field is
 * not enforced, which is logged (the next save of the form tries again, see MetadataService.updateForm),
 * and it gets the ordinary index its type has without the option, if any. Answers whether the index
 * wanted stands.
 */
export async function buildFieldIndex(db: Queryable, tableName: string, field: FieldDefinition, where: string): Promise<boolean> {
  const build = fieldIndexBuild(tableName, field);
  if (!build) return true;
  try {
    await db.query(build.sql);
    return true;
  } catch (error) {
    await db.query(`DROP INDEX CONCURRENTLY IF EXISTS data.${quoteIdent(build.name)}`);
    if (!build.unique || (error as { code?: unknown }).code !== '23505') throw error;
    const detail = String((error as { detail?: unknown }).detail ?? '');
    logger.error(`${where}: field ${field.key} is set unique, but records written while its unique index was being built share a value (${detail}); `
      + 'duplicates are not refused until they are changed and the form is saved again');
    const fallback = fieldIndexBuild(tableName, { ...field, options: { ...field.options, unique: false } });
    if (fallback) await db.query(fallback.sql);
    return false;
  }
}
