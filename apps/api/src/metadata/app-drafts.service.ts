import { Inject, Injectable } from '@nestjs/common';
import { validateFormDefinition } from '@platform/form-engine';
import { validateAppDocument, type FormDefinition, type LocalizedText, type NavigationItem, type SchemaIssue } from '@platform/schema';
import { AuditService } from '../audit/audit.service';
import type { RequestUser } from '../auth/request-user';
import { ApiError, forbidden, notFound, validationFailed } from '../common/api-error';
import { CLOCK, type Clock } from '../common/core.module';
import { Db, type Queryable } from '../database/database';
import { InvalidationService } from '../events/invalidation.service';
import { GrantsService } from '../permissions/grants.service';
import { MetadataService, type AppView, type FormView } from './metadata.service';

/** What the app builder changes before publishing: the app's name, description, icon and navigation. */
export type AppDraft = { name: LocalizedText; description?: LocalizedText; icon?: string; navigation: NavigationItem[] };
export type FormDraftView = { key: string; definition: FormDefinition; baseVersion: number | null; updatedAt: string; updatedBy: string };
export type FormDraftSummary = { key: string; name: LocalizedText; isNew: boolean; baseVersion: number | null; version: number | null; stale: boolean; updatedAt: string };
export type DraftsView = { published: boolean; app: AppDraft | null; forms: FormDraftSummary[] };
/** What "discard all" removed: whether the app builder's changes were among it, and the forms whose drafts went. */
export type DiscardedDrafts = { app: boolean; forms: string[] };

type AppRow = {
  id: string; name: LocalizedText; description: LocalizedText | null; icon: string | null; navigation: NavigationItem[];
  published_at: Date | null; draft: AppDraft | null;
};
type FormDraftRow = { form_key: string; definition: FormDefinition; base_version: number | null; updated_by: string; updated_at: Date };

/** A form draft is a whole form document; this bounds what one may store. */
const MAX_DRAFT_BYTES = 1_000_000;
const APP_DRAFT_KEYS = ['name', 'description', 'icon', 'navigation'] as const;

const draftView = (r: FormDraftRow): FormDraftView => ({
  key: r.form_key, definition: r.definition, baseVersion: r.base_version, updatedAt: r.updated_at.toISOString(), updatedBy: r.updated_by,
});

/** Adds a form to the navigation unless some item already names it; an empty navigation lists every form anyway. */
function withFormInNavigation(navigation: NavigationItem[], formKey: string): NavigationItem[] {
  if (navigation.length === 0) return navigation;
  const names = (items: NavigationItem[]): boolean =>
    items.some((item) => (item.type === 'group' ? names(item.children ?? []) : item.formKey === formKey));
  return names(navigation) ? navigation : [...navigation, { type: 'form', formKey }];
}

/**
 * Drafts and publishing. The app builder's changes and forms saved as drafts wait here, visible to those
 * who design the app and to nobody else; publishing applies them in one transaction through the same
 * form saves as the API's (table changes, versions, audit), and makes a new app visible to its users.
 */
@Injectable()
export class AppDraftsService {
  constructor(
    private readonly db: Db,
    private readonly metadata: MetadataService,
    private readonly grants: GrantsService,
    private readonly audit: AuditService,
    private readonly invalidation: InvalidationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The app's row: its published name, description, icon and navigation, and the builder's draft. */
  private async appOrThrow(q: Queryable, appKey: string, lock = false) {
    const row = await q.query<AppRow>(
      `SELECT id, name, description, icon, navigation, published_at, draft FROM apps WHERE key = $1${lock ? ' FOR UPDATE' : ''}`, [appKey]).then((r) => r[0]);
    if (!row) throw notFound('App not found');
    return row;
  }

  /** Administrators design apps; a form's managers may also draft and publish that form. */
  private async canDesignForm(user: RequestUser, appKey: string, formKey: string, exists: boolean) {
    if (user.isAdmin) return;
    if (exists && (await this.grants.formAccess(user, appKey, formKey)).actions.has('manage')) return;
    throw forbidden('You may not design this form');
  }

  private async formVersion(q: Queryable, appKey: string, formKey: string): Promise<number | null> {
    const row = await q.query<{ version: number }>(`SELECT version FROM forms WHERE app_key = $1 AND key = $2`, [appKey, formKey]).then((r) => r[0]);
    return row?.version ?? null;
  }

  // ---- reading ----

  async drafts(user: RequestUser, appKey: string): Promise<DraftsView> {
    if (!user.isAdmin) throw forbidden('Only administrators can see an app\'s unpublished changes');
    const app = await this.appOrThrow(this.db, appKey);
    const rows = await this.db.query<FormDraftRow & { version: number | null }>(
      `SELECT d.*, f.version FROM form_drafts d LEFT JOIN forms f ON f.app_key = d.app_key AND f.key = d.form_key
        WHERE d.app_key = $1 ORDER BY d.updated_at, d.form_key`, [appKey]);
    return {
      published: app.published_at !== null,
      app: app.draft,
      forms: rows.map((r) => ({
        key: r.form_key, name: r.definition.name, isNew: r.version === null, baseVersion: r.base_version, version: r.version,
        stale: r.version !== null && r.base_version !== r.version, updatedAt: r.updated_at.toISOString(),
      })),
    };
  }

  async formDraft(user: RequestUser, appKey: string, formKey: string): Promise<FormDraftView> {
    const exists = (await this.formVersion(this.db, appKey, formKey)) !== null;
    await this.canDesignForm(user, appKey, formKey, exists);
    const row = await this.db.one<FormDraftRow>(`SELECT * FROM form_drafts WHERE app_key = $1 AND form_key = $2`, [appKey, formKey]);
    if (!row) throw notFound('No draft of this form');
    return draftView(row);
  }

  // ---- saving drafts ----

  /** Stores the app builder's changes (merged over the published app), checked as an app document. */
  async saveAppDraft(user: RequestUser, appKey: string, body: Record<string, unknown>, ip: string | null): Promise<DraftsView> {
    if (!user.isAdmin) throw forbidden('Only administrators can change apps');
    const app = await this.appOrThrow(this.db, appKey);
    const unknown = Object.keys(body).filter((k) => !(APP_DRAFT_KEYS as readonly string[]).includes(k));
    const base: AppDraft = app.draft ?? { name: app.name, description: app.description ?? undefined, icon: app.icon ?? undefined, navigation: app.navigation };
    const merged: Record<string, unknown> = { ...base, ...body };
    for (const key of ['description', 'icon'] as const) if (merged[key] === null) delete merged[key];
    const issues: SchemaIssue[] = validateAppDocument({ key: appKey, ...merged });
    unknown.forEach((k) => issues.push({ path: [k], code: 'unknown_property', message: `${k} cannot be drafted; use name, description, icon or navigation` }));
    if (issues.length) throw validationFailed(issues);
    const draft = Object.fromEntries(APP_DRAFT_KEYS.filter((k) => merged[k] !== undefined).map((k) => [k, merged[k]])) as AppDraft;
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE apps SET draft = $2 WHERE key = $1`, [appKey, JSON.stringify(draft)]);
      await this.audit.write(tx, { at: this.clock.now(), actorId: user.id, action: 'app.draft', target: { type: 'app', appKey }, after: { ...draft }, ip });
    });
    return this.drafts(user, appKey);
  }

  async discardAppDraft(user: RequestUser, appKey: string, ip: string | null): Promise<void> {
    if (!user.isAdmin) throw forbidden('Only administrators can change apps');
    await this.appOrThrow(this.db, appKey);
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE apps SET draft = NULL WHERE key = $1`, [appKey]);
      await this.audit.write(tx, { at: this.clock.now(), actorId: user.id, action: 'app.draft.discard', target: { type: 'app', appKey }, ip });
    });
  }

  /**
   * Discards everything the app has waiting, in one transaction: the app builder's changes and every form
   * draft, each audited as its own discard would be. Answers what went; published forms stay as they are.
   */
  async discardAllDrafts(user: RequestUser, appKey: string, ip: string | null): Promise<DiscardedDrafts> {
    if (!user.isAdmin) throw forbidden('Only administrators can change apps');
    return this.db.transaction(async (tx) => {
      const app = await this.appOrThrow(tx, appKey, true);
      const at = this.clock.now();
      if (app.draft !== null) {
        await tx.query(`UPDATE apps SET draft = NULL WHERE key = $1`, [appKey]);
        await this.audit.write(tx, { at, actorId: user.id, action: 'app.draft.discard', target: { type: 'app', appKey }, ip });
      }
      const gone = await tx.query<{ form_key: string }>(`DELETE FROM form_drafts WHERE app_key = $1 RETURNING form_key`, [appKey]);
      const forms = gone.map((r) => r.form_key).sort();
      for (const formKey of forms) {
        await this.audit.write(tx, { at, actorId: user.id, action: 'form.draft.discard', target: { type: 'form', appKey, formKey }, ip });
      }
      return { app: app.draft !== null, forms };
    });
  }

  /**
   * Stores a form document as a draft: no table changes and nothing visible to users. `version` is the
   * published version it was designed over (none for a new form). The answer carries the issues a
   * publish would refuse, so the designer can show them; a draft is kept even while it has some.
   */
  async saveFormDraft(user: RequestUser, appKey: string, formKey: string, body: Record<string, unknown>, ip: string | null) {
    await this.appOrThrow(this.db, appKey);
    const current = await this.formVersion(this.db, appKey, formKey);
    await this.canDesignForm(user, appKey, formKey, current !== null);
    const { version, ...doc } = body;
    const issues: SchemaIssue[] = [];
    if (doc.key !== undefined && doc.key !== formKey) issues.push({ path: ['key'], code: 'read_only', message: 'the key in the document must be the form key of the address' });
    if (!Array.isArray(doc.fields)) issues.push({ path: ['fields'], code: 'required', message: 'a form draft needs its list of fields' });
    if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version))) issues.push({ path: ['version'], code: 'type', message: 'version must be an integer' });
    if (current !== null && version === undefined) issues.push({ path: ['version'], code: 'required', message: 'the version the draft was designed over is needed' });
    if (JSON.stringify(doc).length > MAX_DRAFT_BYTES) issues.push({ path: [], code: 'too_large', message: `a form draft may hold at most ${MAX_DRAFT_BYTES} bytes` });
    if (issues.length) throw validationFailed(issues);
    const definition = { ...doc, key: formKey } as unknown as FormDefinition;
    const now = this.clock.now();
    const row = await this.db.transaction(async (tx) => {
      const [saved] = await tx.query<FormDraftRow>(
        `INSERT INTO form_drafts (app_key, form_key, definition, base_version, updated_by, updated_at) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (app_key, form_key) DO UPDATE SET definition = EXCLUDED.definition, base_version = EXCLUDED.base_version,
           updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
         RETURNING *`,
        [appKey, formKey, JSON.stringify(definition), current === null ? null : version, user.id, now]);
      await this.audit.write(tx, { at: now, actorId: user.id, action: 'form.draft', target: { type: 'form', appKey, formKey }, after: { ...definition }, ip });
      return saved;
    });
    const found = validateFormDefinition(definition);
    return { ...draftView(row), issues: found.length ? found : (await this.metadata.checkForm(user, appKey, { ...definition })).issues };
  }

  async discardFormDraft(user: RequestUser, appKey: string, formKey: string, ip: string | null): Promise<void> {
    const current = await this.formVersion(this.db, appKey, formKey);
    await this.canDesignForm(user, appKey, formKey, current !== null);
    await this.db.transaction(async (tx) => {
      const gone = await tx.query(`DELETE FROM form_drafts WHERE app_key = $1 AND form_key = $2 RETURNING form_key`, [appKey, formKey]);
      if (!gone.length) throw notFound('No draft of this form');
      await this.audit.write(tx, { at: this.clock.now(), actorId: user.id, action: 'form.draft.discard', target: { type: 'form', appKey, formKey }, ip });
    });
  }

  // ---- publishing ----

  /**
   * Publishes in one transaction: every form draft (or only `formKeys`), then the app builder's changes,
   * and marks the app published. A form published for the first time joins the navigation. A draft
   * designed over a version someone has since replaced is refused (409 DRAFT_STALE), as is any draft a
   * save would refuse, with `details.form` naming it; nothing is published then.
   */
  async publish(user: RequestUser, appKey: string, formKeys: string[] | null, ip: string | null): Promise<{ app: AppView; forms: FormView[] }> {
    if (formKeys === null && !user.isAdmin) throw forbidden('Only administrators can publish an app');
    const afterCommit: (() => Promise<void>)[] = [];
    const result = await this.db.transaction(async (tx) => {
      const app = await this.appOrThrow(tx, appKey, true);
      const drafts = await tx.query<FormDraftRow>(
        `SELECT * FROM form_drafts WHERE app_key = $1 ${formKeys ? 'AND form_key = ANY($2)' : ''} ORDER BY updated_at, form_key FOR UPDATE`,
        formKeys ? [appKey, formKeys] : [appKey]);
      if (formKeys) {
        const missing = formKeys.filter((k) => !drafts.some((d) => d.form_key === k));
        if (missing.length) throw new ApiError(404, 'NOT_FOUND', `No draft of ${missing.join(', ')}`, { forms: missing });
      }
      const packageForms = new Map(drafts.map((d) => [d.form_key, d.definition]));
      let navigation = app.draft?.navigation ?? null;
      const forms: FormView[] = [];
      for (const draft of drafts) {
        const version = await this.formVersion(tx, appKey, draft.form_key);
        await this.canDesignForm(user, appKey, draft.form_key, version !== null);
        if (version !== null && draft.base_version !== version) {
          throw new ApiError(409, 'DRAFT_STALE', `The form ${draft.form_key} was changed since this draft was made; reopen it in the designer`,
            { form: draft.form_key, version, baseVersion: draft.base_version });
        }
        const body = { ...draft.definition } as Record<string, unknown>;
        try {
          forms.push(version === null
            ? await this.metadata.createForm(user, appKey, body, ip, { q: tx, packageForms, afterCommit })
            : await this.metadata.updateForm(user, appKey, draft.form_key, body, ip, { q: tx, packageForms, afterCommit }));
        } catch (e) {
          if (e instanceof ApiError) throw new ApiError(e.status, e.code, `${draft.form_key}: ${e.message}`, { ...e.details, form: draft.form_key });
          throw e;
        }
        if (version === null) {
          if (navigation) navigation = withFormInNavigation(navigation, draft.form_key);
          else {
            const live = await tx.query<{ navigation: NavigationItem[] }>(`SELECT navigation FROM apps WHERE key = $1`, [appKey]).then((r) => r[0].navigation);
            const next = withFormInNavigation(live, draft.form_key);
            if (next !== live) await tx.query(`UPDATE apps SET navigation = $2 WHERE key = $1`, [appKey, JSON.stringify(next)]);
          }
        }
      }
      await tx.query(`DELETE FROM form_drafts WHERE app_key = $1 AND form_key = ANY($2)`, [appKey, drafts.map((d) => d.form_key)]);
      const applyApp = formKeys === null && app.draft !== null;
      if (applyApp) {
        await this.metadata.updateApp(user, appKey, { ...app.draft, description: app.draft!.description ?? null, icon: app.draft!.icon ?? null, navigation }, ip, tx);
        await tx.query(`UPDATE apps SET draft = NULL WHERE key = $1`, [appKey]);
      } else if (navigation && app.draft) {
        // A form published on its own still joins the navigation the builder is preparing.
        await tx.query(`UPDATE apps SET draft = $2 WHERE key = $1`, [appKey, JSON.stringify({ ...app.draft, navigation })]);
      }
      if (formKeys === null || app.published_at !== null) {
        await tx.query(`UPDATE apps SET published_at = $2 WHERE key = $1`, [appKey, this.clock.now()]);
      }
      await this.audit.write(tx, {
        at: this.clock.now(), actorId: user.id, action: 'app.publish', target: { type: 'app', appKey },
        after: { forms: drafts.map((d) => d.form_key), app: applyApp, firstPublish: app.published_at === null && formKeys === null }, ip,
      });
      // Grants of a newly published app start to count.
      await this.invalidation.publish(tx, 'roles');
      return { forms };
    });
    this.invalidation.dispatch('roles', null);
    for (const finish of afterCommit) await finish();
    return { app: await this.metadata.getApp(user, appKey), forms: result.forms };
  }
}
