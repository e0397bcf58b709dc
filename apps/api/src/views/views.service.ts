import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { findViewFieldIssues, KEY_REGEX, validateViewDocument, type ViewDefinition } from '@platform/schema';
import { AuditService } from '../audit/audit.service';
import type { RequestUser } from '../auth/request-user';
import { ApiError, forbidden, notFound, validationFailed } from '../common/api-error';
import { CLOCK, type Clock } from '../common/core.module';
import { uuidV7 } from '../common/uuid-v7';
import { Db, type Queryable } from '../database/database';
import { MetadataService, type FormView } from '../metadata/metadata.service';
import { RecordsService } from '../records/records.service';

/** A saved view as the API answers it. */
export type SavedView = ViewDefinition & {
  id: string;
  /** True for the caller's own view; false for a view shared with everyone who reads the form. */
  personal: boolean;
  ownerId: string | null;
  /** Whether the caller may change or delete it. */
  editable: boolean;
  createdAt: string;
  updatedAt: string;
};

type ViewRow = { id: string; key: string; definition: ViewDefinition; owner_id: string | null; created_at: Date; updated_at: Date };

/** Properties a view document may carry in a request; `personal` is the API's own. */
const WRITABLE = new Set(['key', 'formKey', 'name', 'type', 'columns', 'sort', 'filter', 'groupField', 'columnWidths', 'frozenColumns', 'personal']);
/** Properties of an answer that a client may send back unchanged: ignored. */
const ANSWER_ONLY = new Set(['id', 'ownerId', 'editable', 'createdAt', 'updatedAt']);
/** A user's personal views per form, at most. */
export const MAX_PERSONAL_VIEWS = 100;

type Caller = { user: RequestUser; form: FormView; manages: boolean; reads: boolean };

/** Saved views of a form: shared ones (designed by those who manage the form) and each user's own. */
@Injectable()
export class ViewsService {
  constructor(
    private readonly db: Db,
    private readonly metadata: MetadataService,
    private readonly records: RecordsService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: RequestUser, appKey: string, formKey: string): Promise<{ items: SavedView[]; nextCursor: null }> {
    const caller = await this.caller(user, appKey, formKey);
    const rows = await this.db.query<ViewRow>(
      `SELECT v.id, v.key, v.definition, v.owner_id, v.created_at, v.updated_at FROM views v JOIN apps a ON a.id = v.app_id
        WHERE a.key = $1 AND v.form_key = $2 AND (v.owner_id IS NULL OR v.owner_id = $3)
        ORDER BY v.owner_id IS NOT NULL, v.created_at, v.key`,
      [appKey, formKey, user.id]);
    return { items: rows.map((r) => this.toView(caller, r)), nextCursor: null };
  }

  async get(user: RequestUser, appKey: string, formKey: string, viewKey: string): Promise<SavedView> {
    const caller = await this.caller(user, appKey, formKey);
    return this.toView(caller, await this.rowOrThrow(this.db, appKey, formKey, viewKey, user.id));
  }

  async create(user: RequestUser, appKey: string, formKey: string, body: Record<string, unknown>, ip: string | null): Promise<SavedView> {
    const caller = await this.caller(user, appKey, formKey);
    const personal = personalFlagOrThrow(body.personal, true);
    if (!personal && !caller.manages) throw forbidden('Only designers of this form can share a view');
    const { personal: _p, ...rest } = writableOrThrow(body, false);
    if (rest.formKey !== undefined && rest.formKey !== formKey) throw validationFailed([{ path: ['formKey'], code: 'read_only', message: 'formKey is the form in the path' }]);
    const definition = withoutNulls({ ...rest, formKey, key: typeof rest.key === 'string' ? rest.key : generatedKey() });
    await this.checkOrThrow(caller, appKey, formKey, definition);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const [app] = await tx.query<{ id: string }>(`SELECT id FROM apps WHERE key = $1`, [appKey]);
      if (!app) throw notFound('App not found');
      if (personal) await this.checkLimitOrThrow(tx, app.id, formKey, user.id);
      const [row] = await tx.query<ViewRow>(
        `INSERT INTO views (id, app_id, form_key, key, definition, owner_id, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$7)
         ON CONFLICT (app_id, form_key, key) DO NOTHING RETURNING id, key, definition, owner_id, created_at, updated_at`,
        [uuidV7(), app.id, formKey, definition.key, JSON.stringify(definition), personal ? user.id : null, now]);
      if (!row) throw new ApiError(409, 'KEY_TAKEN', `A view with key ${definition.key} exists on this form`, { key: definition.key });
      await this.audit.write(tx, { at: now, actorId: user.id, action: 'view.create', target: { type: 'form', appKey, formKey, id: row.id }, after: { ...definition, personal }, ip });
      return this.toView(caller, row);
    });
  }

  /** A partial document: what it names replaces the stored value (`null` clears an optional one). */
  async update(user: RequestUser, appKey: string, formKey: string, viewKey: string, body: Record<string, unknown>, ip: string | null): Promise<SavedView> {
    const caller = await this.caller(user, appKey, formKey);
    const patch = writableOrThrow(body, true);
    const { personal: personalValue, ...changes } = patch;
    return this.db.transaction(async (tx) => {
      const row = await this.rowOrThrow(tx, appKey, formKey, viewKey, user.id, true);
      this.checkEditableOrThrow(caller, row);
      const wasPersonal = row.owner_id !== null;
      const personal = personalFlagOrThrow(personalValue, wasPersonal);
      if (personal !== wasPersonal && !caller.manages) throw forbidden('Only designers of this form can share a view');
      if (changes.key !== undefined && changes.key !== viewKey) throw validationFailed([{ path: ['key'], code: 'read_only', message: 'a view key cannot change' }]);
      if (changes.formKey !== undefined && changes.formKey !== formKey) throw validationFailed([{ path: ['formKey'], code: 'read_only', message: 'a view stays on its form' }]);
      const definition = withoutNulls({ ...row.definition, ...changes, key: viewKey, formKey });
      await this.checkOrThrow(caller, appKey, formKey, definition);
      const now = this.clock.now();
      const [updated] = await tx.query<ViewRow>(
        `UPDATE views SET definition = $2, owner_id = $3, updated_at = $4 WHERE id = $1 RETURNING id, key, definition, owner_id, created_at, updated_at`,
        [row.id, JSON.stringify(definition), personal ? (row.owner_id ?? user.id) : null, now]);
      await this.audit.write(tx, {
        at: now, actorId: user.id, action: 'view.update', target: { type: 'form', appKey, formKey, id: row.id },
        before: { ...row.definition, personal: wasPersonal }, after: { ...definition, personal }, ip,
      });
      return this.toView(caller, updated);
    });
  }

  async remove(user: RequestUser, appKey: string, formKey: string, viewKey: string, ip: string | null): Promise<void> {
    const caller = await this.caller(user, appKey, formKey);
    await this.db.transaction(async (tx) => {
      const row = await this.rowOrThrow(tx, appKey, formKey, viewKey, user.id, true);
      this.checkEditableOrThrow(caller, row);
      await tx.query(`DELETE FROM views WHERE id = $1`, [row.id]);
      await this.audit.write(tx, {
        at: this.clock.now(), actorId: user.id, action: 'view.delete', target: { type: 'form', appKey, formKey, id: row.id },
        before: { ...row.definition, personal: row.owner_id !== null }, ip,
      });
    });
  }

  /** The form as the caller sees it (404 without read or manage) and what the caller may do with views. */
  private async caller(user: RequestUser, appKey: string, formKey: string): Promise<Caller> {
    const form = await this.metadata.getForm(user, appKey, formKey);
    const actions = form.access?.actions ?? [];
    return { user, form, manages: actions.includes('manage'), reads: actions.includes('read') };
  }

  /** A shared view, or the caller's own personal one; anyone else's is as if it did not exist. */
  private async rowOrThrow(q: Queryable, appKey: string, formKey: string, viewKey: string, userId: string, lock = false): Promise<ViewRow> {
    if (!KEY_REGEX.test(viewKey)) throw notFound('View not found');
    const [row] = await q.query<ViewRow>(
      `SELECT v.id, v.key, v.definition, v.owner_id, v.created_at, v.updated_at FROM views v JOIN apps a ON a.id = v.app_id
        WHERE a.key = $1 AND v.form_key = $2 AND v.key = $3 AND (v.owner_id IS NULL OR v.owner_id = $4)${lock ? ' FOR UPDATE OF v' : ''}`,
      [appKey, formKey, viewKey, userId]);
    if (!row) throw notFound('View not found');
    return row;
  }

  private checkEditableOrThrow(caller: Caller, row: ViewRow) {
    if (!this.isEditable(caller, row)) throw forbidden('Only designers of this form can change a shared view');
  }

  private isEditable(caller: Caller, row: ViewRow): boolean {
    return row.owner_id === null ? caller.manages : row.owner_id === caller.user.id;
  }

  private async checkLimitOrThrow(q: Queryable, appId: string, formKey: string, userId: string) {
    const [{ n }] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM views WHERE app_id = $1 AND form_key = $2 AND owner_id = $3`, [appId, formKey, userId]);
    if (n >= MAX_PERSONAL_VIEWS) throw new ApiError(400, 'VIEW_LIMIT_REACHED', `You have ${MAX_PERSONAL_VIEWS} views on this form; delete one first`, { limit: MAX_PERSONAL_VIEWS });
  }

  /**
   * The document's shape, then its field names against the fields the caller sees (a hidden field is
   * UNKNOWN_FIELD, as everywhere), then its filter and sort through a one-row query, which refuses
   * them exactly as the list would (UNKNOWN_OPERATOR, FIELD_NOT_FILTERABLE, ...).
   */
  private async checkOrThrow(caller: Caller, appKey: string, formKey: string, definition: ViewDefinition) {
    const issues = validateViewDocument(definition);
    if (issues.length) throw validationFailed(issues);
    const fieldIssues = findViewFieldIssues(definition, caller.form.fields);
    const unknownField = fieldIssues.find((i) => i.code === 'unknown_field');
    if (unknownField) {
      throw new ApiError(400, 'UNKNOWN_FIELD', unknownField.message, { field: fieldNamedAt(definition, unknownField.path), issues: fieldIssues });
    }
    if (fieldIssues.length) throw validationFailed(fieldIssues, fieldIssues[0].message);
    const hasFilter = definition.filter !== undefined && definition.filter !== null;
    if (caller.reads && (hasFilter || definition.sort?.length)) {
      await this.records.query(caller.user, appKey, formKey, {
        ...(hasFilter ? { filter: definition.filter } : {}), ...(definition.sort ? { sort: definition.sort } : {}), limit: 1, fields: ['id'],
      });
    }
  }

  private toView(caller: Caller, row: ViewRow): SavedView {
    return {
      ...row.definition,
      key: row.key,
      id: row.id,
      personal: row.owner_id !== null,
      ownerId: row.owner_id,
      editable: this.isEditable(caller, row),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }
}

/** The field key an issue's path points at (`["columns", 2]`, `["sort", 0, "field"]`, `["columnWidths", "x"]`). */
function fieldNamedAt(view: ViewDefinition, path: (string | number)[]): string | undefined {
  const [where, at] = path;
  if (where === 'columns') return view.columns?.[Number(at)];
  if (where === 'sort') return view.sort?.[Number(at)]?.field;
  if (where === 'columnWidths') return String(at);
  return view.groupField;
}

/** A key for a view created without one: `v_` and 12 hex digits. */
function generatedKey(): string {
  return `v_${randomBytes(6).toString('hex')}`;
}

function personalFlagOrThrow(value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw validationFailed([{ path: ['personal'], code: 'invalid_type', message: 'personal must be true or false' }]);
  return value;
}

/** The body's view properties; unknown ones are refused, answer-only ones dropped on PATCH. */
function writableOrThrow(body: Record<string, unknown>, patch: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (WRITABLE.has(k)) out[k] = v;
    else if (!(patch && ANSWER_ONLY.has(k))) throw validationFailed([{ path: [k], code: 'unknown_property', message: `${k} is not a view property` }]);
  }
  if (out.formKey !== undefined && typeof out.formKey !== 'string') throw validationFailed([{ path: ['formKey'], code: 'invalid_type', message: 'formKey must be a string' }]);
  return out;
}

/** `null` states an optional property is absent (on PATCH: clears it); the filter may stay null. */
function withoutNulls(doc: Record<string, unknown>): ViewDefinition {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (v !== null || k === 'filter') out[k] = v;
  return out as ViewDefinition;
}
