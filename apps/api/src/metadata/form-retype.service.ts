import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { FieldDefinition, FormDefinition } from '@platform/schema';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import { CLOCK, type Clock } from '../common/core.module';
import { Db, type Queryable } from '../database/database';
import { JobsService, type JobContext } from '../jobs/jobs.service';
import { InvalidationService } from '../events/invalidation.service';
import { buildFieldIndex } from './build-field-index';
import { convertColumnSql } from './convert-column';
import { addColumnSql, fieldColumnSqlType, qualifiedTable, quoteIdent } from './form-ddl';

export const RETYPE_JOB = 'form.retype';
const BATCH = 5000;

type RetypeInput = { formId: string; field: FieldDefinition; shadow: string; fromType: string; toType: string; actorId: string };

/**
 * A field type change that needs a table rewrite, done without blocking writes: a shadow column of
 * the new type is kept in step by a trigger, back-filled in batches by a background job, then swapped
 * in by a short transaction (drop old, rename shadow). Until then the field keeps its old type.
 */
@Injectable()
export class FormRetypeService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    private readonly invalidation: InvalidationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.jobs.register(RETYPE_JOB, (ctx) => this.run(ctx));
  }

  /** In the PATCH transaction: adds the shadow column and its trigger, records the job. */
  async prepare(tx: Queryable, form: { id: string; table_name: string }, before: FieldDefinition, after: FieldDefinition, actorId: string): Promise<string> {
    const fromType = fieldColumnSqlType(before)!;
    const toType = fieldColumnSqlType(after)!;
    const column = quoteIdent(before.key);
    const convert = convertColumnSql(fromType, toType, `NEW.${column}`);
    if (!convert) {
      throw new ApiError(409, 'FIELD_TYPE_CHANGE_NOT_SUPPORTED', `${before.type} cannot be converted to ${after.type}; add a new field instead`, { field: before.key });
    }
    const running = await tx.query(`SELECT 1 FROM jobs WHERE type = $1 AND status IN ('queued','running') AND input->>'formId' = $2`, [RETYPE_JOB, form.id]);
    if (running.length) throw new ApiError(409, 'FORM_BUSY', 'A type change of this form is still running; try again when it is done');
    const shadow = `_r_${randomBytes(4).toString('hex')}`;
    const table = qualifiedTable(form.table_name);
    await tx.query(addColumnSql(form.table_name, { ...after, key: shadow }).column);
    await tx.query(`CREATE FUNCTION data.${shadow}_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.${quoteIdent(shadow)} := ${convert}; RETURN NEW; END $$`);
    await tx.query(`CREATE TRIGGER ${quoteIdent(shadow + '_sync')} BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION data.${shadow}_sync()`);
    const input: RetypeInput = { formId: form.id, field: after, shadow, fromType, toType, actorId };
    return this.jobs.record(tx, RETYPE_JOB, input, actorId);
  }

  private async run(ctx: JobContext): Promise<Record<string, unknown>> {
    const input = ctx.input as unknown as RetypeInput;
    const form = await this.db.one<{ table_name: string; definition: FormDefinition; version: number; app_key: string; key: string }>(
      `SELECT table_name, definition, version, app_key, key FROM forms WHERE id = $1`, [input.formId]);
    if (!form) return { skipped: 'form deleted' };
    const table = qualifiedTable(form.table_name);
    const column = quoteIdent(input.field.key);
    const shadow = quoteIdent(input.shadow);
    const exists = await this.db.one(`SELECT 1 FROM information_schema.columns WHERE table_schema = 'data' AND table_name = $1 AND column_name = $2`, [form.table_name, input.shadow]);
    if (!exists) return { skipped: 'already swapped' };
    const convert = convertColumnSql(input.fromType, input.toType, column)!;
    const [{ n: total }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    let done = 0;
    let last = '00000000-0000-0000-0000-000000000000';
    await ctx.progress(0, total);
    // Back-fill in batches by id; each batch is its own short transaction, so writes keep flowing.
    for (;;) {
      const rows = await this.db.query<{ _id: string }>(
        `UPDATE ${table} t SET ${shadow} = ${convert.replaceAll(column, `t.${column}`)}
          WHERE t._id IN (SELECT _id FROM ${table} WHERE _id > $1 ORDER BY _id LIMIT ${BATCH}) RETURNING t._id`, [last]);
      if (!rows.length) break;
      done += rows.length;
      last = rows.reduce((m, r) => (r._id > m ? r._id : m), last);
      await ctx.progress(Math.min(done, total), total);
    }
    const [{ lost }] = await this.db.query<{ lost: number }>(`SELECT count(*)::int AS lost FROM ${table} WHERE ${column} IS NOT NULL AND ${shadow} IS NULL`);
    await this.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = '10s'`);
      await tx.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      await tx.query(`DROP TRIGGER IF EXISTS ${quoteIdent(input.shadow + '_sync')} ON ${table}`);
      await tx.query(`DROP FUNCTION IF EXISTS data.${input.shadow}_sync()`);
      await tx.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
      await tx.query(`ALTER TABLE ${table} RENAME COLUMN ${shadow} TO ${column}`);
      const [current] = await tx.query<{ definition: FormDefinition; version: number }>(`SELECT definition, version FROM forms WHERE id = $1 FOR UPDATE`, [input.formId]);
      const definition = { ...current.definition, fields: current.definition.fields.map((f) => (f.key === input.field.key ? input.field : f)) };
      const version = current.version + 1;
      const now = this.clock.now();
      await tx.query(`UPDATE forms SET definition = $2, version = $3, updated_at = $4 WHERE id = $1`, [input.formId, JSON.stringify(definition), version, now]);
      await tx.query(`INSERT INTO form_versions (form_id, version, definition, created_at, created_by) VALUES ($1,$2,$3,$4,$5)`, [input.formId, version, JSON.stringify(definition), now, input.actorId]);
      await this.invalidation.publish(tx, 'forms');
      await this.audit.write(tx, { at: now, actorId: input.actorId, action: 'form.retype', target: { type: 'form', appKey: form.app_key, formKey: form.key, id: input.formId }, before: { field: input.field.key, type: input.fromType }, after: { field: input.field.key, type: input.field.type, cleared: lost }, ip: null });
    });
    this.invalidation.dispatch('forms', null);
    // A unique field whose values met duplicates written since the form change's check: said in the job's result too.
    const indexed = await buildFieldIndex(this.db, form.table_name, input.field, `${form.app_key}/${form.key}`);
    return { field: input.field.key, converted: done, cleared: lost, ...(indexed ? {} : { uniqueNotEnforced: true }) };
  }
}
