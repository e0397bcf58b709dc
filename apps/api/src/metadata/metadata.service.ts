import { Inject, Injectable } from '@nestjs/common';
import { linkDependents, resolveFormLinks, validateFormDefinition } from '@platform/form-engine';
import { labelText, validateAppDocument, type AppDefinition, type FieldDefinition, type FormDefinition, type LocalizedText, type NavigationItem, type SchemaIssue } from '@platform/schema';
import { AuditService } from '../audit/audit.service';
import type { RequestUser } from '../auth/request-user';
import { ApiError, forbidden, notFound, validationFailed } from '../common/api-error';
import { CLOCK, type Clock } from '../common/core.module';
import { uuidV7 } from '../common/uuid-v7';
import { deleteRecordComments } from '../comments/delete-record-comments';
import { Db, type Queryable } from '../database/database';
import { GrantsService } from '../permissions/grants.service';
import { canSee, FULL_ACCESS, isFilterable, type FormAccess } from '../permissions/form-access';
import { JobsService } from '../jobs/jobs.service';
import { InvalidationService } from '../events/invalidation.service';
import { FormRetypeService, RETYPE_JOB } from './form-retype.service';
import { buildFieldIndex } from './build-field-index';
import { convertColumnSql } from './convert-column';
import {
  addColumnSql, alterChildTableSql, childColumnRetypes, createChildTableSql, createTableSql, diffFields, dropChildTableSql, dropColumnSql,
  dropFieldIndexesSql, duplicateValuesSql, fieldColumnSqlType, isUniqueField, qualifiedTable, quoteIdent, uniqueIndexName, type FieldChange,
} from './form-ddl';

/** `published`: false until the app is first published; until then only administrators see it. */
export type AppView = { key: string; name: LocalizedText; description: LocalizedText | null; icon: string | null; navigation: NavigationItem[]; published: boolean };
/** What the caller may do with the form: lets a client offer only the actions, filters and edits that will work. */
export type FormAccessView = { actions: string[]; editable: string[] | '*'; unfilterable: string[] };
export type FormView = FormDefinition & { version: number; jobs?: { id: string; type: string; field: string }[]; access?: FormAccessView };

const accessView = (access: FormAccess | undefined, form: FormDefinition): FormAccessView => {
  if (!access || access.all) return { actions: [...FULL_ACCESS.actions], editable: '*', unfilterable: [] };
  return {
    actions: [...access.actions],
    editable: access.editable === 'all' ? '*' : [...access.editable],
    unfilterable: form.fields.map((f) => f.key).filter((k) => canSee(access, k) && !isFilterable(access, k)),
  };
};

/**
 * How a form save runs inside a caller's transaction: `q` the transaction, `packageForms` forms saved with
 * this one (its relations may name them before they exist), `afterCommit` where the save leaves what must
 * wait for the commit (index builds, retype jobs, cache invalidation); without it they run at once.
 */
export type SaveFormOptions = { q?: Queryable; packageForms?: ReadonlyMap<string, FormDefinition>; afterCommit?: (() => Promise<void>)[] };

type FormRow = { id: string; app_id: string; app_key: string; key: string; version: number; definition: FormDefinition; table_name: string };

const LOCK_TIMEOUT = `SET LOCAL lock_timeout = '5s'`;

type AppRow = { key: string; name: LocalizedText; description: LocalizedText | null; icon: string | null; navigation: NavigationItem[]; published_at: Date | null };
const APP_COLUMNS = 'key, name, description, icon, navigation, published_at';
const appView = (r: AppRow): AppView => ({
  key: r.key, name: r.name, description: r.description, icon: r.icon, navigation: r.navigation, published: r.published_at !== null,
});
const formView = (r: FormRow): FormView => ({ ...r.definition, key: r.key, version: r.version });

/** Apps and forms: versioned documents whose forms are real tables in schema `data`. */
@Injectable()
export class MetadataService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly grants: GrantsService,
    private readonly retype: FormRetypeService,
    private readonly jobs: JobsService,
    private readonly invalidation: InvalidationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // ---- apps ----

  async listApps(user: RequestUser) {
    const rows = await this.db.query<AppRow>(`SELECT ${APP_COLUMNS} FROM apps ORDER BY created_at, key`);
    if (user.isAdmin) return { items: rows.map(appView), nextCursor: null };
    const readable = await this.grants.readableAppKeys(user);
    return { items: rows.filter((r) => readable.has(r.key) && r.published_at !== null).map(appView), nextCursor: null };
  }

  async getApp(user: RequestUser, appKey: string): Promise<AppView> {
    const row = await this.db.one<AppRow>(`SELECT ${APP_COLUMNS} FROM apps WHERE key = $1`, [appKey]);
    if (!row) throw notFound('App not found');
    if (!user.isAdmin && (row.published_at === null || !(await this.grants.readableAppKeys(user)).has(appKey))) throw notFound('App not found');
    if (!user.isAdmin) {
      const forms = new Set((await this.listForms(user, appKey)).items.map((f) => f.key));
      return { ...appView(row), navigation: filterNavigation(row.navigation, forms) };
    }
    return appView(row);
  }

  async createApp(actor: RequestUser, body: Record<string, unknown>, ip: string | null, q: Queryable = this.db): Promise<AppView> {
    if (!actor.isAdmin) throw forbidden('Only administrators can create apps');
    // `"published": false` makes a draft app, which only administrators see until it is published.
    const { published = true, ...doc } = body;
    const issues = validateAppDocument(doc);
    if (typeof published !== 'boolean') issues.push({ path: ['published'], code: 'type', message: 'published must be true or false' });
    if (issues.length) throw validationFailed(issues);
    const app = doc as AppDefinition;
    if (await q.query(`SELECT 1 FROM apps WHERE key = $1`, [app.key]).then((r) => r.length)) {
      throw new ApiError(409, 'KEY_TAKEN', `An app with key ${app.key} exists`, { key: app.key });
    }
    const now = this.clock.now();
    const run = async (tx: Queryable) => {
      const [row] = await tx.query<AppRow>(
        `INSERT INTO apps (id, key, name, description, icon, navigation, created_at, updated_at, published_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$7,$8)
         RETURNING ${APP_COLUMNS}`,
        [uuidV7(), app.key, JSON.stringify(app.name), app.description === undefined ? null : JSON.stringify(app.description), app.icon ?? null,
          JSON.stringify(app.navigation ?? []), now, published ? now : null]);
      await this.audit.write(tx, { at: now, actorId: actor.id, action: 'app.create', target: { type: 'app', appKey: app.key }, after: { ...appView(row) }, ip });
      return appView(row);
    };
    return q === this.db ? this.db.transaction(run) : run(q);
  }

  async updateApp(actor: RequestUser, appKey: string, body: Record<string, unknown>, ip: string | null, q: Queryable = this.db): Promise<AppView> {
    if (!actor.isAdmin) throw forbidden('Only administrators can change apps');
    const beforeRow = await q.query<AppRow>(`SELECT ${APP_COLUMNS} FROM apps WHERE key = $1`, [appKey]).then((r) => r[0]);
    if (!beforeRow) throw notFound('App not found');
    const { published: _published, ...before } = appView(beforeRow);
    const merged = { ...before, ...body, key: appKey };
    if (merged.description === null) delete (merged as Partial<AppView>).description;
    if (merged.icon === null) delete (merged as Partial<AppView>).icon;
    const issues = validateAppDocument(merged);
    if (body.key !== undefined && body.key !== appKey) issues.push({ path: ['key'], code: 'read_only', message: 'an app key cannot change' });
    if (issues.length) throw validationFailed(issues);
    const now = this.clock.now();
    const run = async (tx: Queryable) => {
      const [row] = await tx.query<AppRow>(
        `UPDATE apps SET name = $2, description = $3, icon = $4, navigation = $5, updated_at = $6 WHERE key = $1
         RETURNING ${APP_COLUMNS}`,
        [appKey, JSON.stringify(merged.name), merged.description === undefined ? null : JSON.stringify(merged.description), merged.icon ?? null,
          JSON.stringify(merged.navigation ?? []), now]);
      await this.audit.write(tx, { at: now, actorId: actor.id, action: 'app.update', target: { type: 'app', appKey }, before: { ...before }, after: { ...appView(row) }, ip });
      return appView(row);
    };
    return q === this.db ? this.db.transaction(run) : run(q);
  }

  async deleteApp(actor: RequestUser, appKey: string, ip: string | null): Promise<void> {
    if (!actor.isAdmin) throw forbidden('Only administrators can delete apps');
    const app = await this.db.one<AppRow & { id: string }>(`SELECT id, ${APP_COLUMNS} FROM apps WHERE key = $1`, [appKey]);
    if (!app) throw notFound('App not found');
    await this.db.transaction(async (tx) => {
      await tx.query(LOCK_TIMEOUT);
      const forms = await tx.query<{ table_name: string; definition: FormDefinition }>(`SELECT table_name, definition FROM forms WHERE app_id = $1`, [app.id]);
      for (const f of forms) await this.dropFormTables(tx, f.table_name, f.definition);
      await deleteRecordComments(tx, { appKey });
      await tx.query(`DELETE FROM apps WHERE id = $1`, [app.id]);
      await this.audit.write(tx, { at: this.clock.now(), actorId: actor.id, action: 'app.delete', target: { type: 'app', appKey }, before: appView(app), ip });
      await this.invalidation.publish(tx, 'forms');
    });
    this.invalidation.dispatch('forms', null);
  }

  // ---- forms ----

  async listForms(user: RequestUser, appKey: string): Promise<{ items: FormView[]; nextCursor: null }> {
    const rows = await this.db.query<FormRow>(`SELECT * FROM forms WHERE app_key = $1 ORDER BY created_at, key`, [appKey]);
    if (!rows.length && !(await this.db.one(`SELECT 1 FROM apps WHERE key = $1`, [appKey]))) throw notFound('App not found');
    const views: FormView[] = [];
    for (const r of rows) {
      const access = user.isAdmin ? undefined : await this.grants.formAccess(user, appKey, r.key);
      if (access && !access.actions.has('read')) continue;
      const view = access ? this.grants.redactForm(formView(r), access) : formView(r);
      views.push({ ...view, access: accessView(access, r.definition) });
    }
    return { items: views, nextCursor: null };
  }

  async getForm(user: RequestUser, appKey: string, formKey: string): Promise<FormView> {
    const row = await this.db.one<FormRow>(`SELECT * FROM forms WHERE app_key = $1 AND key = $2`, [appKey, formKey]);
    if (!row) throw notFound('Form not found');
    if (user.isAdmin) return { ...formView(row), access: accessView(undefined, row.definition) };
    const access = await this.grants.formAccess(user, appKey, formKey);
    if (!access.actions.has('read') && !access.actions.has('manage')) throw notFound('Form not found');
    const view = access.actions.has('manage') ? formView(row) : this.grants.redactForm(formView(row), access);
    return { ...view, access: accessView(access, row.definition) };
  }

  private async canManage(user: RequestUser, appKey: string, formKey: string | null) {
    if (user.isAdmin) return;
    if (formKey && (await this.grants.formAccess(user, appKey, formKey)).actions.has('manage')) return;
    throw forbidden('You may not design this form');
  }

  /**
   * The checks a save would make of a form document, without saving (for the designer, whose browser
   * cannot run the JSON Schema part under the CSP): the document's own issues, then its links to the
   * app's other forms. 200 `{issues}`, empty when a save would pass them.
   */
  async checkForm(actor: RequestUser, appKey: string, body: Record<string, unknown>): Promise<{ issues: SchemaIssue[] }> {
    const formKey = typeof body.key === 'string' ? body.key : null;
    const exists = formKey ? (await this.db.query(`SELECT 1 FROM forms WHERE app_key = $1 AND key = $2`, [appKey, formKey])).length > 0 : false;
    await this.canManage(actor, appKey, exists ? formKey : null);
    const { version: _ignored, ...doc } = body;
    const issues = validateFormDefinition(doc);
    if (issues.length) return { issues };
    const rows = await this.db.query<{ key: string; definition: FormDefinition }>(`SELECT key, definition FROM forms WHERE app_key = $1`, [appKey]);
    return { issues: resolveFormLinks(doc as FormDefinition, new Map(rows.map((r) => [r.key, r.definition]))).issues };
  }

  /** `packageForms`: forms being imported with this one, which its relations may name before they exist. */
  async createForm(actor: RequestUser, appKey: string, body: Record<string, unknown>, ip: string | null, { q, packageForms, afterCommit }: SaveFormOptions = {}): Promise<FormView> {
    await this.canManage(actor, appKey, null);
    const app = await (q ?? this.db).query<{ id: string }>(`SELECT id FROM apps WHERE key = $1`, [appKey]).then((r) => r[0]);
    if (!app) throw notFound('App not found');
    const { version: _ignored, ...doc } = body;
    const issues = validateFormDefinition(doc);
    if (issues.length) throw validationFailed(issues);
    const form = await this.resolveLinksOrThrow(q ?? this.db, appKey, doc as FormDefinition, packageForms);
    if ((await (q ?? this.db).query(`SELECT 1 FROM forms WHERE app_key = $1 AND key = $2`, [appKey, form.key])).length) {
      throw new ApiError(409, 'KEY_TAKEN', `A form with key ${form.key} exists in ${appKey}`, { key: form.key });
    }
    const id = uuidV7();
    const tableName = 'f_' + id.replace(/-/g, '');
    const now = this.clock.now();
    const run = async (tx: Queryable) => {
      await tx.query(LOCK_TIMEOUT);
      for (const sql of createTableSql(tableName, form.fields)) await tx.query(sql);
      const [row] = await tx.query<FormRow>(
        `INSERT INTO forms (id, app_id, app_key, key, version, definition, table_name, created_at, updated_at)
         VALUES ($1,$2,$3,$4,1,$5,$6,$7,$7) RETURNING *`,
        [id, app.id, appKey, form.key, JSON.stringify(form), tableName, now]);
      await tx.query(`INSERT INTO form_versions (form_id, version, definition, created_at, created_by) VALUES ($1, 1, $2, $3, $4)`,
        [id, JSON.stringify(form), now, actor.id]);
      await this.audit.write(tx, { at: now, actorId: actor.id, action: 'form.create', target: { type: 'form', appKey, formKey: form.key, id }, after: { ...form }, ip });
      await this.invalidation.publish(tx, 'forms');
      return formView(row);
    };
    const created = q ? await run(q) : await this.db.transaction(run);
    const finish = async () => this.invalidation.dispatch('forms', null);
    if (afterCommit) afterCommit.push(finish);
    else await finish();
    return created;
  }

  /**
   * PATCH a form: a partial document; `fields`, when present, is the complete new list matched by key.
   * Added fields are ADD COLUMN (a catalog change), removed ones DROP COLUMN, all under lock_timeout.
   */
  async updateForm(actor: RequestUser, appKey: string, formKey: string, body: Record<string, unknown>, ip: string | null, { q, packageForms, afterCommit }: SaveFormOptions = {}): Promise<FormView> {
    await this.canManage(actor, appKey, formKey);
    const row = await (q ?? this.db).query<FormRow>(`SELECT * FROM forms WHERE app_key = $1 AND key = $2`, [appKey, formKey]).then((r) => r[0]);
    if (!row) throw notFound('Form not found');
    const { version: expectedVersion, ...patch } = body;
    if (expectedVersion !== undefined && expectedVersion !== row.version) {
      throw new ApiError(409, 'FORM_VERSION_CONFLICT', 'The form was changed by someone else; reload it', { version: row.version });
    }
    let next: FormDefinition = { ...row.definition, ...(patch as Partial<FormDefinition>), key: formKey };
    const issues = validateFormDefinition(next);
    if (patch.key !== undefined && patch.key !== formKey) issues.push({ path: ['key'], code: 'read_only', message: 'a form key cannot change' });
    if (issues.length) throw validationFailed(issues);
    await this.linkDependentsOrThrow(q ?? this.db, appKey, formKey, next, packageForms);
    next = await this.resolveLinksOrThrow(q ?? this.db, appKey, next, packageForms);
    const oldByKey = new Map(row.definition.fields.map((f) => [f.key, f]));
    next.fields.forEach((f, index) => {
      const prev = oldByKey.get(f.key);
      if (prev?.type !== 'subForm' || f.type !== 'subForm') return;
      const retyped = childColumnRetypes(prev, f);
      if (retyped.length) {
        throw validationFailed(retyped.map(([at, key]) => ({ path: ['fields', index, 'options', 'fields', at, 'type'], code: 'read_only', message: `the type of the sub-form column ${key} cannot change; add a new column instead` })));
      }
    });
    const changes = [...diffFields(row.definition.fields, next.fields), ...(await this.missingUniqueIndexes(q ?? this.db, row, next))];
    // A change of column type runs as a background job; until it swaps, the field keeps its old type.
    const retypes = changes.filter((c): c is Extract<typeof c, { kind: 'retype' }> => c.kind === 'retype');
    if (retypes.length) {
      const old = new Map(row.definition.fields.map((f) => [f.key, f]));
      next.fields = next.fields.map((f) => (retypes.some((r) => r.after.key === f.key) ? old.get(f.key)! : f));
    }
    const now = this.clock.now();
    const indexes: FieldDefinition[] = [];
    const jobs: { id: string; type: string; field: string }[] = [];
    const run = async (tx: Queryable) => {
      await tx.query(LOCK_TIMEOUT);
      await this.duplicatesOrThrow(tx, row.table_name, changes, next.fields);
      for (const c of changes) {
        if (c.kind === 'retype') {
          jobs.push({ id: await this.retype.prepare(tx, row, c.before, c.after, actor.id), type: RETYPE_JOB, field: c.after.key });
        } else if (c.kind === 'add') {
          const sql = addColumnSql(row.table_name, c.field);
          await tx.query(sql.column);
          if (sql.index) indexes.push(c.field);
        } else if (c.kind === 'reindex') {
          // The old index goes with the change (a cleared `unique` stops refusing at once); the new one is built after it.
          for (const sql of dropFieldIndexesSql(row.table_name, c.after.key)) await tx.query(sql);
          indexes.push(c.after);
        } else if (c.kind === 'drop') {
          await tx.query(dropColumnSql(row.table_name, c.field));
        } else if (c.kind === 'addChild') {
          for (const sql of createChildTableSql(row.table_name, c.field)) await tx.query(sql);
        } else if (c.kind === 'dropChild') {
          await tx.query(dropChildTableSql(row.table_name, c.field));
        } else if (c.kind === 'alterChild') {
          for (const sql of alterChildTableSql(row.table_name, c.before, c.after)) await tx.query(sql);
        }
      }
      const version = row.version + 1;
      const [updated] = await tx.query<FormRow>(
        `UPDATE forms SET definition = $2, version = $3, updated_at = $4 WHERE id = $1 RETURNING *`,
        [row.id, JSON.stringify(next), version, now]);
      await tx.query(`INSERT INTO form_versions (form_id, version, definition, created_at, created_by) VALUES ($1,$2,$3,$4,$5)`,
        [row.id, version, JSON.stringify(next), now, actor.id]);
      await this.audit.write(tx, { at: now, actorId: actor.id, action: 'form.update', target: { type: 'form', appKey, formKey, id: row.id }, before: { ...row.definition }, after: { ...next }, ip });
      await this.invalidation.publish(tx, 'forms');
      return formView(updated);
    };
    const result = q ? await run(q) : await this.db.transaction(run);
    // Indexes of new fields are built on their own connection once the column is committed (inside the
    // caller's transaction they would wait on its lock for ever); retype jobs start then too.
    const finish = async () => {
      this.invalidation.dispatch('forms', null);
      for (const field of indexes) await buildFieldIndex(this.db, row.table_name, field, `${appKey}/${formKey}`);
      for (const job of jobs) await this.jobs.dispatch(job.type, job.id);
    };
    if (afterCommit) afterCommit.push(finish);
    else await finish();
    return jobs.length ? { ...result, jobs } : result;
  }

  /**
   * Unique fields whose unique index is missing or invalid though their column stays as it is: a form
   * made before `unique` was enforced, or a build that met duplicates (buildFieldIndex). A save checks
   * and builds them as if the option were set now.
   */
  private async missingUniqueIndexes(q: Queryable, row: FormRow, next: FormDefinition): Promise<FieldChange[]> {
    const before = new Map(row.definition.fields.map((f) => [f.key, f]));
    const kept = next.fields.filter((f) => {
      const prev = before.get(f.key);
      return prev && isUniqueField(prev) && isUniqueField(f) && fieldColumnSqlType(prev) === fieldColumnSqlType(f);
    });
    if (!kept.length) return [];
    const valid = new Set((await q.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'data' AND t.relname = $1 AND i.indisvalid AND i.indisunique`, [row.table_name])).map((r) => r.name));
    return kept.filter((f) => !valid.has(uniqueIndexName(row.table_name, f.key)))
      .map((f) => ({ kind: 'reindex', before: { ...before.get(f.key)!, options: { ...before.get(f.key)!.options, unique: false } }, after: f }));
  }

  /**
   * Refuses, before anything changes, to make a field unique while live records share a value in it
   * (a type change compares the converted values): 400 VALIDATION_FAILED, issue `unique_conflict` on the
   * field's `unique` option, naming a few shared values and how many records hold them.
   */
  private async duplicatesOrThrow(tx: Queryable, tableName: string, changes: FieldChange[], fields: FieldDefinition[]) {
    const issues: (SchemaIssue & { params: Record<string, string | number> })[] = [];
    for (const c of changes) {
      if ((c.kind !== 'reindex' && c.kind !== 'retype') || !isUniqueField(c.after) || (c.kind === 'reindex' && isUniqueField(c.before))) continue;
      const value = c.kind === 'retype' ? convertColumnSql(fieldColumnSqlType(c.before)!, fieldColumnSqlType(c.after)!, quoteIdent(c.before.key)) : undefined;
      if (value === null) continue; // a conversion that cannot be made is refused by the retype itself
      const shared = await tx.query<{ value: string; records: number; sharedValues: number; recordsInAll: number }>(duplicateValuesSql(tableName, c.after, 5, value));
      if (!shared.length) continue;
      const values = shared.map((s) => JSON.stringify(s.value.length > 40 ? `${s.value.slice(0, 40)}…` : s.value)).join(', ');
      const { sharedValues, recordsInAll } = shared[0];
      const label = labelText(c.after.label, 'en-US') || c.after.key;
      issues.push({
        path: ['fields', fields.findIndex((f) => f.key === c.after.key), 'options', 'unique'],
        code: 'unique_conflict',
        message: `${recordsInAll} records share ${sharedValues} value${sharedValues === 1 ? '' : 's'} of ${label} (${values}${sharedValues > shared.length ? ', …' : ''}); change them before making the field unique`,
        params: { field: c.after.key, values, sharedValues, records: recordsInAll },
      });
    }
    if (issues.length) throw validationFailed(issues, issues[0].message);
  }

  /**
   * Relations, lookups and rollups are checked against the app's other forms, and what the server derives
   * from them is written into the definition (a lookup's target field, a rollup's result type).
   */
  private async resolveLinksOrThrow(q: Queryable, appKey: string, form: FormDefinition, packageForms?: ReadonlyMap<string, FormDefinition>): Promise<FormDefinition> {
    if (!form.fields.some((f) => f.type === 'relation' || f.type === 'lookup' || f.type === 'rollup')) return form;
    const rows = await q.query<{ key: string; definition: FormDefinition }>(`SELECT key, definition FROM forms WHERE app_key = $1`, [appKey]);
    const forms = new Map(rows.map((r) => [r.key, r.definition]));
    for (const [key, definition] of packageForms ?? []) forms.set(key, definition);
    const resolved = resolveFormLinks(form, forms);
    if (resolved.issues.length) throw validationFailed(resolved.issues);
    return resolved.form;
  }

  /**
   * Refuses a change that would break what other forms of the app built on this one (a lookup of a
   * removed or retyped field, a relation to a deleted form): 409 FIELD_REFERENCED naming them.
   */
  private async linkDependentsOrThrow(q: Queryable, appKey: string, formKey: string, next: FormDefinition | null, packageForms?: ReadonlyMap<string, FormDefinition>) {
    const rows = await q.query<{ key: string; definition: FormDefinition }>(`SELECT key, definition FROM forms WHERE app_key = $1`, [appKey]);
    if (rows.length < 2) return;
    const forms = new Map(rows.map((r) => [r.key, r.definition]));
    for (const [key, definition] of packageForms ?? []) if (key !== formKey) forms.set(key, definition);
    const dependents = linkDependents(formKey, next, forms);
    if (dependents.length === 0) return;
    const named = dependents.slice(0, 5).map((d) => `${d.formKey}.${d.fieldKey}`).join(', ');
    throw new ApiError(409, 'FIELD_REFERENCED', `Other forms use what this change removes or retypes: ${named}. Change or remove those fields first.`, { dependents: dependents.slice(0, 50) });
  }

  private async dropFormTables(tx: Queryable, tableName: string, definition: FormDefinition) {
    for (const f of definition.fields) if (f.type === 'subForm') await tx.query(dropChildTableSql(tableName, f));
    await tx.query(`DROP TABLE IF EXISTS ${qualifiedTable(tableName)}`);
  }

  async deleteForm(actor: RequestUser, appKey: string, formKey: string, ip: string | null): Promise<void> {
    await this.canManage(actor, appKey, formKey);
    const row = await this.db.one<FormRow>(`SELECT * FROM forms WHERE app_key = $1 AND key = $2`, [appKey, formKey]);
    if (!row) throw notFound('Form not found');
    await this.linkDependentsOrThrow(this.db, appKey, formKey, null);
    await this.db.transaction(async (tx) => {
      await tx.query(LOCK_TIMEOUT);
      await this.dropFormTables(tx, row.table_name, row.definition);
      await deleteRecordComments(tx, { appKey, formKey });
      // A draft of the deleted form would come back as a new form at the next publish.
      await tx.query(`DELETE FROM form_drafts WHERE app_key = $1 AND form_key = $2`, [appKey, formKey]);
      await tx.query(`DELETE FROM forms WHERE id = $1`, [row.id]);
      await this.audit.write(tx, { at: this.clock.now(), actorId: actor.id, action: 'form.delete', target: { type: 'form', appKey, formKey, id: row.id }, before: { ...row.definition }, ip });
      await this.invalidation.publish(tx, 'forms');
    });
    this.invalidation.dispatch('forms', null);
  }
}

function filterNavigation(items: NavigationItem[], forms: Set<string>): NavigationItem[] {
  const out: NavigationItem[] = [];
  for (const item of items) {
    if (item.type === 'group') {
      const children = filterNavigation(item.children, forms);
      if (children.length) out.push({ ...item, children });
    } else if (forms.has(item.formKey)) out.push(item);
  }
  return out;
}
