import { Inject, Injectable, Logger } from '@nestjs/common';
import { validateFlowDefinition } from '@platform/flow-engine';
import { validateFormDefinition, unresolveFormLinks } from '@platform/form-engine';
import {
  migrateAppPackage, validateAppPackageDocument, type AppPackage, type FormDefinition, type PackageFlow, type PackageRole, type ViewDefinition,
} from '@platform/schema';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password-hash';
import type { RequestUser } from '../auth/request-user';
import { ApiError, forbidden, notFound, validationFailed } from '../common/api-error';
import { CLOCK, type Clock } from '../common/core.module';
import { uuidV7 } from '../common/uuid-v7';
import { Db, type Queryable } from '../database/database';
import { MetadataService } from '../metadata/metadata.service';
import type { RoleGrant } from '../organisation/role.entity';
import { RecordsService } from '../records/records.service';
import { InvalidationService } from '../events/invalidation.service';

export type ImportOptions = { withDemo?: boolean; demoPassword?: string; onProgress?: (done: number, total: number) => void };
export type ImportResult = { appKey: string; created: boolean; forms: { created: string[]; updated: string[] }; roles: number; flows?: number; demo?: { users: number; records: number } };

type Issue = { path: (string | number)[]; code: string; message: string };

/** Import and export of app packages: one versioned JSON document per app (ARCHITECTURE.md). */
@Injectable()
export class AppPackagesService {
  private readonly logger = new Logger('AppPackages');

  constructor(
    private readonly db: Db,
    private readonly metadata: MetadataService,
    private readonly records: RecordsService,
    private readonly audit: AuditService,
    private readonly invalidation: InvalidationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  validateOrThrow(doc: unknown): AppPackage {
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw validationFailed([{ path: [], code: 'invalid_type', message: 'An app package is a JSON object' }]);
    const migrated = migrateAppPackage(doc as { schemaVersion?: unknown });
    if (!migrated.ok) throw new ApiError(400, migrated.code, migrated.message);
    const pkg = migrated.document;
    const issues: Issue[] = validateAppPackageDocument(pkg);
    if (issues.length) throw validationFailed(issues);
    const formKeys = new Set<string>();
    pkg.forms.forEach((f, i) => {
      if (formKeys.has(f.key)) issues.push({ path: ['forms', i, 'key'], code: 'duplicate_key', message: `form key ${f.key} appears twice` });
      formKeys.add(f.key);
      issues.push(...validateFormDefinition(f).map((x) => ({ ...x, path: ['forms', i, ...x.path] })));
    });
    (pkg.views ?? []).forEach((v, i) => {
      if (!formKeys.has(v.formKey)) issues.push({ path: ['views', i, 'formKey'], code: 'not_found', message: `view ${v.key} names unknown form ${v.formKey}` });
    });
    const forms = new Map(pkg.forms.map((f) => [f.key, f]));
    (pkg.flows ?? []).forEach((flow, i) => {
      const form = forms.get(flow.formKey);
      if (!form) { issues.push({ path: ['flows', i, 'formKey'], code: 'not_found', message: `flow ${flow.key} names unknown form ${flow.formKey}` }); return; }
      const found = validateFlowDefinition({ ...flow, version: 1 }, { fieldKeys: form.fields.map((f) => f.key) });
      issues.push(...found.map((x) => ({ path: ['flows', i, ...x.path], code: String(x.code), message: x.message })));
    });
    (pkg.roles ?? []).forEach((r, i) => r.grants.forEach((g, j) => {
      if (!formKeys.has(g.formKey)) issues.push({ path: ['roles', i, 'grants', j, 'formKey'], code: 'not_found', message: `role ${r.key} names unknown form ${g.formKey}` });
    }));
    if (issues.length) throw validationFailed(issues);
    return pkg;
  }

  /** Creates the app, or upgrades it: forms matched by key are altered, new ones created, none dropped. */
  async importPackage(actor: RequestUser, doc: unknown, ip: string | null, options: ImportOptions = {}): Promise<ImportResult> {
    if (!actor.isAdmin) throw forbidden('Only administrators can import app packages');
    const pkg = this.validateOrThrow(doc);
    const appKey = pkg.app.key;
    const result: ImportResult = { appKey, created: false, forms: { created: [], updated: [] }, roles: 0 };
    const afterCommit: (() => Promise<void>)[] = [];
    await this.db.transaction(async (tx) => {
      const exists = (await tx.query(`SELECT 1 FROM apps WHERE key = $1`, [appKey])).length > 0;
      result.created = !exists;
      const appBody = { ...pkg.app } as Record<string, unknown>;
      if (exists) await this.metadata.updateApp(actor, appKey, appBody, ip, tx);
      else await this.metadata.createApp(actor, appBody, ip, tx);
      await tx.query(`UPDATE apps SET package_version = $2 WHERE key = $1`, [appKey, pkg.packageVersion]);
      const packageForms = new Map(pkg.forms.map((f) => [f.key, f]));
      for (const form of pkg.forms) {
        const present = (await tx.query(`SELECT 1 FROM forms WHERE app_key = $1 AND key = $2`, [appKey, form.key])).length > 0;
        if (present) {
          await this.metadata.updateForm(actor, appKey, form.key, { ...form } as Record<string, unknown>, ip, { q: tx, packageForms, afterCommit });
          result.forms.updated.push(form.key);
        } else {
          await this.metadata.createForm(actor, appKey, { ...form } as Record<string, unknown>, ip, { q: tx, packageForms, afterCommit });
          result.forms.created.push(form.key);
        }
      }
      await this.upsertViews(tx, appKey, pkg.views ?? []);
      result.roles = await this.upsertRoles(tx, appKey, pkg.roles ?? []);
      result.flows = await this.upsertFlows(tx, appKey, pkg.flows ?? [], actor.id);
      await this.invalidation.publish(tx, 'roles');
      await this.audit.write(tx, { at: this.clock.now(), actorId: actor.id, action: 'app.import', target: { type: 'app', appKey }, after: { packageVersion: pkg.packageVersion, ...result.forms }, ip });
    });
    this.invalidation.dispatch('roles', null);
    for (const finish of afterCommit) await finish();
    if (options.withDemo && result.created && pkg.demo) {
      result.demo = await this.importDemo(actor, pkg, options);
    }
    return result;
  }

  private async upsertViews(tx: Queryable, appKey: string, views: ViewDefinition[]) {
    const [app] = await tx.query<{ id: string }>(`SELECT id FROM apps WHERE key = $1`, [appKey]);
    for (const v of views) {
      await tx.query(
        `INSERT INTO views (id, app_id, form_key, key, definition) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT (app_id, form_key, key) DO UPDATE SET definition = EXCLUDED.definition`,
        [uuidV7(), app.id, v.formKey, v.key, JSON.stringify(v)]);
    }
  }

  private async upsertRoles(tx: Queryable, appKey: string, roles: PackageRole[]): Promise<number> {
    for (const r of roles) {
      const grants: RoleGrant[] = r.grants.map((g) => ({ appKey, formKey: g.formKey, actions: g.actions, scope: g.scope, fields: g.fields }));
      const name = typeof r.name === 'string' ? r.name : (r.name['zh-CN'] ?? Object.values(r.name)[0]);
      const description = r.description === undefined ? '' : typeof r.description === 'string' ? r.description : (r.description['zh-CN'] ?? '');
      await tx.query(
        `INSERT INTO roles (id, name, description, package_key, grants) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT (package_key) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
           grants = (SELECT COALESCE(jsonb_agg(g), '[]'::jsonb) FROM jsonb_array_elements(roles.grants) g WHERE g->>'appKey' <> $6) || EXCLUDED.grants`,
        [uuidV7(), name, description, `${appKey}:${r.key}`, JSON.stringify(grants), appKey]);
    }
    return roles.length;
  }

  /** Publishes each flow whose definition differs from its latest version; role keys become role ids. */
  private async upsertFlows(tx: Queryable, appKey: string, flows: PackageFlow[], actorId: string): Promise<number> {
    if (!flows.length) return 0;
    const roles = await tx.query<{ id: string; package_key: string }>(`SELECT id, package_key FROM roles WHERE package_key LIKE $1`, [`${appKey}:%`]);
    const byKey = new Map(roles.map((r) => [r.package_key.slice(appKey.length + 1), r.id]));
    let published = 0;
    for (const flow of flows) {
      const definition = mapRoleIds(flow, (k) => byKey.get(k) ?? k);
      const [latest] = await tx.query<{ version: number; definition: Record<string, unknown> }>(
        `SELECT version, definition FROM flow_definitions WHERE app_key = $1 AND key = $2 ORDER BY version DESC LIMIT 1`, [appKey, flow.key]);
      const { version: _v, ...previous } = latest?.definition ?? {};
      if (latest && JSON.stringify(previous) === JSON.stringify(definition)) continue;
      const version = (latest?.version ?? 0) + 1;
      await tx.query(`INSERT INTO flow_definitions (app_key, key, version, form_key, definition, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [appKey, flow.key, version, flow.formKey, JSON.stringify({ ...definition, version }), this.clock.now(), actorId]);
      published += 1;
    }
    return published;
  }

  /** Demo departments, users (skipped when the username exists) and records, resolved to ids. */
  private async importDemo(actor: RequestUser, pkg: AppPackage, options: ImportOptions) {
    const demo = pkg.demo!;
    const appKey = pkg.app.key;
    const now = this.clock.now();
    const deptIds = new Map<string, string>();
    const userIds = new Map<string, string>();
    const passwordHash = await hashPassword(options.demoPassword ?? 'Demo@2026');
    await this.db.transaction(async (tx) => {
      for (const d of demo.departments ?? []) {
        const id = uuidV7();
        deptIds.set(d.key, id);
        await tx.query(`INSERT INTO departments (id, name, parent_id) VALUES ($1,$2,$3)`, [id, d.name, d.parentKey ? deptIds.get(d.parentKey) ?? null : null]);
      }
      const roleIds = new Map((await tx.query<{ id: string; package_key: string }>(`SELECT id, package_key FROM roles WHERE package_key LIKE $1`, [`${appKey}:%`]))
        .map((r) => [r.package_key.slice(appKey.length + 1), r.id]));
      for (const u of demo.users ?? []) {
        const existing = await tx.query<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [u.username]);
        if (existing.length) { userIds.set(u.username, existing[0].id); continue; }
        const id = uuidV7();
        userIds.set(u.username, id);
        await tx.query(
          `INSERT INTO users (id, username, name, password_hash, department_ids, role_ids, active, is_admin, created_at, updated_at)
           VALUES ($1,$2,$3,$4,$5,$6,true,$7,$8,$8)`,
          [id, u.username, u.name, passwordHash, u.departmentKeys.map((k) => deptIds.get(k)).filter(Boolean),
            u.roleKeys.map((k) => roleIds.get(k)).filter(Boolean), u.isAdmin ?? false, now]);
      }
      for (const u of demo.users ?? []) {
        if (u.managerUsername) await tx.query(`UPDATE users SET manager_id = $2 WHERE id = $1`, [userIds.get(u.username), userIds.get(u.managerUsername) ?? null]);
      }
      for (const d of demo.departments ?? []) {
        if (d.headUsername) await tx.query(`UPDATE departments SET head_user_id = $2 WHERE id = $1`, [deptIds.get(d.key), userIds.get(d.headUsername) ?? null]);
      }
    });
    const forms = new Map(pkg.forms.map((f) => [f.key, f]));
    const total = (demo.records ?? []).reduce((n, r) => n + r.rows.length, 0);
    let done = 0;
    // Relation values in demo data are the titles of records created before them: formKey -> title -> id.
    const titles = new Map<string, Map<string, string>>();
    for (const group of demo.records ?? []) {
      const form = forms.get(group.formKey)!;
      const titleField = form.settings?.titleField;
      for (const row of group.rows) {
        const data = resolveDemoValues(form, row.data, userIds, deptIds, titles);
        const owner = row.owner ? userIds.get(row.owner) : undefined;
        const created = await this.records.create(actor, appKey, group.formKey, { data, ...(owner ? { ownerId: owner } : {}) }, null);
        if (titleField && typeof created.data[titleField] === 'string') {
          if (!titles.has(group.formKey)) titles.set(group.formKey, new Map());
          titles.get(group.formKey)!.set(created.data[titleField] as string, created.id);
        }
        done += 1;
        if (done % 50 === 0 || done === total) options.onProgress?.(done, total);
      }
    }
    this.logger.log(`demo data: ${userIds.size} users, ${done} records`);
    return { users: userIds.size, records: done };
  }

  async exportPackage(actor: RequestUser, appKey: string): Promise<AppPackage> {
    if (!actor.isAdmin) throw forbidden('Only administrators can export app packages');
    const app = await this.db.one<{ id: string; key: string; name: AppPackage['app']['name']; description: AppPackage['app']['description'] | null; icon: string | null; navigation: AppPackage['app']['navigation']; package_version: string | null }>(
      `SELECT * FROM apps WHERE key = $1`, [appKey]);
    if (!app) throw notFound('App not found');
    const forms = await this.db.query<{ definition: FormDefinition }>(`SELECT definition FROM forms WHERE app_id = $1 ORDER BY created_at, key`, [app.id]);
    const views = await this.db.query<{ definition: ViewDefinition }>(`SELECT definition FROM views WHERE app_id = $1 AND owner_id IS NULL ORDER BY form_key, key`, [app.id]);
    const roles = await this.db.query<{ name: string; description: string; package_key: string | null; id: string; grants: RoleGrant[] }>(
      `SELECT * FROM roles WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(grants) g WHERE g->>'appKey' = $1) ORDER BY package_key NULLS LAST, name`, [appKey]);
    const flowRows = await this.db.query<{ definition: PackageFlow }>(
      `SELECT DISTINCT ON (key) definition FROM flow_definitions WHERE app_key = $1 ORDER BY key, version DESC`, [appKey]);
    const roleKeyById = new Map(roles.filter((r) => r.package_key?.startsWith(appKey + ':')).map((r) => [r.id, r.package_key!.slice(appKey.length + 1)]));
    const pkg: AppPackage = {
      schemaVersion: 1,
      kind: 'app-package',
      packageVersion: app.package_version ?? '1.0.0',
      app: {
        key: app.key, name: app.name,
        ...(app.description !== null ? { description: app.description } : {}),
        ...(app.icon !== null ? { icon: app.icon } : {}),
        navigation: app.navigation,
      },
      forms: forms.map((f) => unresolveFormLinks(f.definition)),
      views: views.map((v) => v.definition),
      roles: roles.map((r) => ({
        key: r.package_key?.startsWith(appKey + ':') ? r.package_key.slice(appKey.length + 1) : 'role_' + r.id.replace(/-/g, '').slice(-12),
        name: r.name,
        ...(r.description ? { description: r.description } : {}),
        grants: r.grants.filter((g) => g.appKey === appKey).map((g) => ({ formKey: g.formKey, actions: g.actions, scope: g.scope, ...(g.fields ? { fields: g.fields } : {}) })),
      })),
      flows: flowRows.map((f) => {
        const { version: _v, ...definition } = mapRoleIds(f.definition, (id) => roleKeyById.get(id) ?? id);
        return definition as PackageFlow;
      }),
    };
    return pkg;
  }
}

/**
 * Member fields hold usernames, department fields department keys and relation fields the titles of
 * records created earlier in demo data.
 */
function resolveDemoValues(form: FormDefinition, data: Record<string, unknown>, users: Map<string, string>, depts: Map<string, string>, titles: Map<string, Map<string, string>>) {
  const out: Record<string, unknown> = {};
  const types = new Map(form.fields.map((f) => [f.key, f.type]));
  const targets = new Map(form.fields.filter((f) => f.type === 'relation').map((f) => [f.key, String(f.options?.targetForm)]));
  for (const [k, v] of Object.entries(data)) {
    const t = types.get(k);
    const map = t === 'member' || t === 'members' ? users : t === 'department' || t === 'departments' ? depts : t === 'relation' ? titles.get(targets.get(k)!) ?? new Map<string, string>() : null;
    if (!map) out[k] = v;
    else if (Array.isArray(v)) out[k] = v.map((x) => map.get(String(x))).filter(Boolean);
    else out[k] = v === null || v === undefined ? null : map.get(String(v)) ?? null;
  }
  return out;
}

/** A copy of a flow definition with every `roles` approver source's ids passed through `map`. */
function mapRoleIds<T>(value: T, map: (id: string) => string): T {
  if (Array.isArray(value)) return value.map((v) => mapRoleIds(v, map)) as T;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = mapRoleIds(v, map);
    if (o.source === 'roles' && Array.isArray(o.roleIds)) out.roleIds = (o.roleIds as string[]).map(map);
    return out as T;
  }
  return value;
}
