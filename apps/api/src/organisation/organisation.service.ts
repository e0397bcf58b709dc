import { Inject, Injectable } from '@nestjs/common';
import { validateGrantDocument, type DataScope, type FieldPermissions, type GrantAction } from '@platform/schema';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password-hash';
import type { RequestUser } from '../auth/request-user';
import { ApiError, forbidden, notFound, validationFailed } from '../common/api-error';
import { CLOCK, type Clock } from '../common/core.module';
import { isUuid, uuidV7 } from '../common/uuid-v7';
import { Db, type Queryable } from '../database/database';
import type { RoleGrant } from './role.entity';
import { InvalidationService } from '../events/invalidation.service';

export type UserView = {
  id: string; username: string; name: string; departmentIds: string[]; managerId: string | null;
  roleIds: string[]; active: boolean; isAdmin: boolean; createdAt: string;
};
export type DepartmentView = { id: string; name: string; parentId: string | null; headUserId: string | null };
export type RoleView = { id: string; name: string; description: string; grants?: RoleGrant[] };

type Issue = { path: (string | number)[]; code: string; message: string };

const USERNAME_RE = /^[A-Za-z0-9_.@-]{1,64}$/;

type UserRow = {
  id: string; username: string; name: string; department_ids: string[]; manager_id: string | null; role_ids: string[];
  active: boolean; is_admin: boolean; created_at: Date;
};
type DepartmentRow = { id: string; name: string; parent_id: string | null; head_user_id: string | null };

const userView = (r: UserRow): UserView => ({
  id: r.id, username: r.username, name: r.name, departmentIds: r.department_ids, managerId: r.manager_id,
  roleIds: r.role_ids, active: r.active, isAdmin: r.is_admin, createdAt: new Date(r.created_at).toISOString(),
});
const departmentView = (r: DepartmentRow): DepartmentView => ({ id: r.id, name: r.name, parentId: r.parent_id, headUserId: r.head_user_id });

function requireAdmin(actor: RequestUser) {
  if (!actor.isAdmin) throw forbidden('Only administrators can change the organisation');
}

/** Users, departments and roles (API.md "Organisation and permissions"). */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly invalidation: InvalidationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async describeMe(user: RequestUser) {
    const roles = user.roleIds.length
      ? await this.db.query<{ id: string; name: string }>(`SELECT id, name FROM roles WHERE id = ANY($1)`, [user.roleIds]) : [];
    const depts = user.departmentIds.length
      ? await this.db.query<{ id: string; name: string }>(`SELECT id, name FROM departments WHERE id = ANY($1)`, [user.departmentIds]) : [];
    const byId = new Map(depts.map((d) => [d.id, d]));
    return {
      id: user.id, username: user.username, name: user.name, isAdmin: user.isAdmin,
      roles, departments: user.departmentIds.map((id) => byId.get(id)).filter(Boolean),
    };
  }

  // ---- users ----

  async listUsers(opts: { after?: string; limit: number; q?: string }) {
    const params: unknown[] = [];
    const where: string[] = [];
    if (opts.after) {
      if (!isUuid(opts.after)) throw new ApiError(400, 'INVALID_CURSOR', 'The cursor is not valid');
      params.push(opts.after);
      where.push(`id > $${params.length}`);
    }
    if (opts.q) {
      params.push(`%${opts.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
      where.push(`(username ILIKE $${params.length} OR name ILIKE $${params.length})`);
    }
    params.push(opts.limit + 1);
    const rows = await this.db.query<UserRow>(
      `SELECT * FROM users ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id LIMIT $${params.length}`, params);
    const items = rows.slice(0, opts.limit).map(userView);
    return { items, nextCursor: rows.length > opts.limit ? items[items.length - 1].id : null };
  }

  async getUser(id: string): Promise<UserView> {
    if (!isUuid(id)) throw notFound('User not found');
    const row = await this.db.one<UserRow>(`SELECT * FROM users WHERE id = $1`, [id]);
    if (!row) throw notFound('User not found');
    return userView(row);
  }

  private async checkUserRefs(q: Queryable, input: { departmentIds?: unknown; roleIds?: unknown; managerId?: unknown }, issues: Issue[]) {
    for (const [key, table] of [['departmentIds', 'departments'], ['roleIds', 'roles']] as const) {
      const v = input[key];
      if (v === undefined) continue;
      if (!Array.isArray(v) || !v.every(isUuid)) {
        issues.push({ path: [key], code: 'invalid_type', message: `${key} must be an array of ids` });
        continue;
      }
      const found = await q.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1)`, [v]);
      if (found.length !== new Set(v).size) issues.push({ path: [key], code: 'not_found', message: `${key} names something that does not exist` });
    }
    if (input.managerId !== undefined && input.managerId !== null) {
      if (!isUuid(input.managerId) || !(await q.query(`SELECT 1 FROM users WHERE id = $1`, [input.managerId])).length) {
        issues.push({ path: ['managerId'], code: 'not_found', message: 'managerId is not a user' });
      }
    }
  }

  async createUser(actor: RequestUser, body: Record<string, unknown>, ip: string | null): Promise<UserView> {
    requireAdmin(actor);
    const issues: Issue[] = [];
    const { username, name, password } = body;
    if (typeof username !== 'string' || !USERNAME_RE.test(username)) issues.push({ path: ['username'], code: 'invalid_format', message: 'username: 1-64 letters, digits, _ . @ -' });
    if (typeof name !== 'string' || !name.trim() || name.length > 100) issues.push({ path: ['name'], code: 'required', message: 'name is required (at most 100 characters)' });
    if (typeof password !== 'string' || password.length < 6 || password.length > 200) issues.push({ path: ['password'], code: 'too_short', message: 'password needs 6 to 200 characters' });
    for (const k of ['active', 'isAdmin'] as const) if (body[k] !== undefined && typeof body[k] !== 'boolean') issues.push({ path: [k], code: 'invalid_type', message: `${k} must be a boolean` });
    await this.checkUserRefs(this.db, body, issues);
    if (issues.length) throw validationFailed(issues);
    if (await this.db.one(`SELECT 1 FROM users WHERE username = $1`, [username])) {
      throw new ApiError(409, 'UNIQUE_VIOLATION', 'This username is taken', { field: 'username' });
    }
    const id = uuidV7();
    const now = this.clock.now();
    const passwordHash = await hashPassword(password as string);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<UserRow>(
        `INSERT INTO users (id, username, name, password_hash, department_ids, role_ids, manager_id, active, is_admin, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING *`,
        [id, username, (name as string).trim(), passwordHash, body.departmentIds ?? [], body.roleIds ?? [], body.managerId ?? null,
          body.active ?? true, body.isAdmin ?? false, now],
      );
      const view = userView(row);
      await this.audit.write(tx, { at: now, actorId: actor.id, action: 'user.create', target: { type: 'user', id }, after: { ...view }, ip });
      return view;
    });
  }

  async updateUser(actor: RequestUser, id: string, body: Record<string, unknown>, ip: string | null): Promise<UserView> {
    requireAdmin(actor);
    const before = await this.getUser(id);
    const issues: Issue[] = [];
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (col: string, v: unknown) => { params.push(v); sets.push(`${col} = $${params.length}`); };
    const allowed = new Set(['name', 'password', 'departmentIds', 'roleIds', 'managerId', 'active', 'isAdmin', 'username', 'id', 'createdAt']);
    for (const k of Object.keys(body)) if (!allowed.has(k)) issues.push({ path: [k], code: 'unknown_field', message: `${k} is not a user property` });
    if (body.username !== undefined && body.username !== before.username) issues.push({ path: ['username'], code: 'read_only', message: 'username cannot change' });
    if (body.name !== undefined) {
      if (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 100) issues.push({ path: ['name'], code: 'required', message: 'name is required' });
      else set('name', body.name.trim());
    }
    if (body.password !== undefined) {
      if (typeof body.password !== 'string' || body.password.length < 6 || body.password.length > 200) issues.push({ path: ['password'], code: 'too_short', message: 'password needs 6 to 200 characters' });
      else set('password_hash', await hashPassword(body.password));
    }
    for (const [k, col] of [['active', 'active'], ['isAdmin', 'is_admin']] as const) {
      if (body[k] === undefined) continue;
      if (typeof body[k] !== 'boolean') issues.push({ path: [k], code: 'invalid_type', message: `${k} must be a boolean` });
      else set(col, body[k]);
    }
    if (body.managerId === id) issues.push({ path: ['managerId'], code: 'invalid', message: 'a user cannot be their own manager' });
    await this.checkUserRefs(this.db, body, issues);
    if (issues.length) throw validationFailed(issues);
    if (body.departmentIds !== undefined) set('department_ids', body.departmentIds);
    if (body.roleIds !== undefined) set('role_ids', body.roleIds);
    if (body.managerId !== undefined) set('manager_id', body.managerId);
    const now = this.clock.now();
    set('updated_at', now);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<UserRow>(`UPDATE users SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, params);
      const view = userView(row);
      if (body.active === false) await tx.query(`UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [id, now]);
      await this.audit.write(tx, { at: now, actorId: actor.id, action: 'user.update', target: { type: 'user', id }, before: { ...before }, after: { ...view }, ip });
      await this.invalidation.publish(tx, 'auth', id);
      return view;
    }).finally(() => this.invalidation.dispatch('auth', id));
  }

  // ---- departments ----

  async listDepartments() {
    const rows = await this.db.query<DepartmentRow>(`SELECT * FROM departments ORDER BY sort_order, name, id`);
    return { items: rows.map(departmentView), nextCursor: null };
  }

  private async checkDepartment(body: Record<string, unknown>, id: string | null, issues: Issue[]) {
    if (body.name !== undefined && (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 100)) {
      issues.push({ path: ['name'], code: 'required', message: 'name is required (at most 100 characters)' });
    }
    if (body.parentId !== undefined && body.parentId !== null) {
      if (!isUuid(body.parentId) || !(await this.db.one(`SELECT 1 FROM departments WHERE id = $1`, [body.parentId]))) {
        issues.push({ path: ['parentId'], code: 'not_found', message: 'parentId is not a department' });
      } else if (id) {
        const cycle = await this.db.one(
          `WITH RECURSIVE up AS (SELECT id, parent_id FROM departments WHERE id = $1
             UNION ALL SELECT d.id, d.parent_id FROM departments d JOIN up ON d.id = up.parent_id)
           SELECT 1 FROM up WHERE id = $2`, [body.parentId, id]);
        if (cycle) issues.push({ path: ['parentId'], code: 'cycle', message: 'a department cannot sit under itself' });
      }
    }
    if (body.headUserId !== undefined && body.headUserId !== null) {
      if (!isUuid(body.headUserId) || !(await this.db.one(`SELECT 1 FROM users WHERE id = $1`, [body.headUserId]))) {
        issues.push({ path: ['headUserId'], code: 'not_found', message: 'headUserId is not a user' });
      }
    }
  }

  async createDepartment(actor: RequestUser, body: Record<string, unknown>, ip: string | null): Promise<DepartmentView> {
    requireAdmin(actor);
    const issues: Issue[] = [];
    if (body.name === undefined) issues.push({ path: ['name'], code: 'required', message: 'name is required' });
    await this.checkDepartment(body, null, issues);
    if (issues.length) throw validationFailed(issues);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<DepartmentRow>(
        `INSERT INTO departments (id, name, parent_id, head_user_id) VALUES ($1,$2,$3,$4) RETURNING *`,
        [uuidV7(), (body.name as string).trim(), body.parentId ?? null, body.headUserId ?? null]);
      const view = departmentView(row);
      await this.audit.write(tx, { at: now, actorId: actor.id, action: 'department.create', target: { type: 'department', id: view.id }, after: { ...view }, ip });
      return view;
    });
  }

  async updateDepartment(actor: RequestUser, id: string, body: Record<string, unknown>, ip: string | null): Promise<DepartmentView> {
    requireAdmin(actor);
    if (!isUuid(id)) throw notFound('Department not found');
    const before = await this.db.one<DepartmentRow>(`SELECT * FROM departments WHERE id = $1`, [id]);
    if (!before) throw notFound('Department not found');
    const issues: Issue[] = [];
    await this.checkDepartment(body, id, issues);
    if (issues.length) throw validationFailed(issues);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<DepartmentRow>(
        `UPDATE departments SET name = COALESCE($2, name),
           parent_id = CASE WHEN $5 THEN $3::uuid ELSE parent_id END,
           head_user_id = CASE WHEN $6 THEN $4::uuid ELSE head_user_id END
         WHERE id = $1 RETURNING *`,
        [id, typeof body.name === 'string' ? body.name.trim() : null, body.parentId ?? null, body.headUserId ?? null,
          body.parentId !== undefined, body.headUserId !== undefined]);
      const view = departmentView(row);
      await this.audit.write(tx, { at: now, actorId: actor.id, action: 'department.update', target: { type: 'department', id }, before: departmentView(before), after: view, ip });
      return view;
    });
  }

  async deleteDepartment(actor: RequestUser, id: string, ip: string | null): Promise<void> {
    requireAdmin(actor);
    if (!isUuid(id)) throw notFound('Department not found');
    const before = await this.db.one<DepartmentRow>(`SELECT * FROM departments WHERE id = $1`, [id]);
    if (!before) throw notFound('Department not found');
    const inUse = await this.db.one(
      `SELECT (SELECT count(*) FROM departments WHERE parent_id = $1) AS children, (SELECT count(*) FROM users WHERE $1 = ANY(department_ids)) AS members`, [id]);
    if (Number(inUse!.children) || Number(inUse!.members)) {
      throw new ApiError(409, 'DEPARTMENT_IN_USE', 'Move its sub-departments and members elsewhere first', { children: inUse!.children, members: inUse!.members });
    }
    await this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM departments WHERE id = $1`, [id]);
      await this.audit.write(tx, { at: this.clock.now(), actorId: actor.id, action: 'department.delete', target: { type: 'department', id }, before: departmentView(before), ip });
    });
  }

  // ---- roles ----

  async listRoles() {
    const rows = await this.db.query<RoleView>(`SELECT id, name, description FROM roles ORDER BY name, id`);
    return { items: rows, nextCursor: null };
  }

  async getRole(id: string): Promise<RoleView> {
    if (!isUuid(id)) throw notFound('Role not found');
    const row = await this.db.one<RoleView>(`SELECT id, name, description, grants FROM roles WHERE id = $1`, [id]);
    if (!row) throw notFound('Role not found');
    return row;
  }

  async createRole(actor: RequestUser, body: Record<string, unknown>, ip: string | null): Promise<RoleView> {
    requireAdmin(actor);
    if (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 100) throw validationFailed([{ path: ['name'], code: 'required', message: 'name is required' }]);
    if (body.description !== undefined && typeof body.description !== 'string') throw validationFailed([{ path: ['description'], code: 'invalid_type', message: 'description must be a string' }]);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<RoleView>(
        `INSERT INTO roles (id, name, description) VALUES ($1,$2,$3) RETURNING id, name, description, grants`,
        [uuidV7(), body.name, body.description ?? '']);
      await this.audit.write(tx, { at: now, actorId: actor.id, action: 'role.create', target: { type: 'role', id: row.id }, after: { ...row }, ip });
      return row;
    });
  }

  async updateRole(actor: RequestUser, id: string, body: Record<string, unknown>, ip: string | null): Promise<RoleView> {
    requireAdmin(actor);
    const before = await this.getRole(id);
    if (body.name !== undefined && (typeof body.name !== 'string' || !body.name.trim())) throw validationFailed([{ path: ['name'], code: 'required', message: 'name is required' }]);
    if (body.description !== undefined && typeof body.description !== 'string') throw validationFailed([{ path: ['description'], code: 'invalid_type', message: 'description must be a string' }]);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<RoleView>(
        `UPDATE roles SET name = COALESCE($2, name), description = COALESCE($3, description) WHERE id = $1 RETURNING id, name, description, grants`,
        [id, body.name ?? null, body.description ?? null]);
      await this.audit.write(tx, { at: now, actorId: actor.id, action: 'role.update', target: { type: 'role', id }, before: { name: before.name, description: before.description }, after: { name: row.name, description: row.description }, ip });
      return row;
    });
  }

  async deleteRole(actor: RequestUser, id: string, ip: string | null): Promise<void> {
    requireAdmin(actor);
    const before = await this.getRole(id);
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE users SET role_ids = array_remove(role_ids, $1::uuid) WHERE $1 = ANY(role_ids)`, [id]);
      await tx.query(`DELETE FROM roles WHERE id = $1`, [id]);
      await this.audit.write(tx, { at: this.clock.now(), actorId: actor.id, action: 'role.delete', target: { type: 'role', id }, before: { ...before }, ip });
      await this.invalidation.publish(tx, 'auth');
      await this.invalidation.publish(tx, 'roles');
    });
    this.invalidation.dispatch('auth', null);
    this.invalidation.dispatch('roles', null);
  }

  /** PUT /api/roles/{id}/grants: replaces the role's grants after checking each names a real form and fields. */
  async replaceGrants(actor: RequestUser, id: string, body: unknown, ip: string | null): Promise<RoleView> {
    requireAdmin(actor);
    const before = await this.getRole(id);
    if (!Array.isArray(body)) throw validationFailed([{ path: [], code: 'invalid_type', message: 'The body must be an array of grants' }]);
    const issues: Issue[] = [];
    const grants: RoleGrant[] = [];
    for (const [i, g] of body.entries()) {
      const structural = validateGrantDocument(g);
      if (structural.length) { issues.push(...structural.map((s) => ({ ...s, path: [i, ...s.path] }))); continue; }
      const grant = g as { appKey?: string; formKey?: string; actions: GrantAction[]; scope: DataScope; fields?: FieldPermissions };
      if (!grant.appKey || !grant.formKey) { issues.push({ path: [i], code: 'required', message: 'appKey and formKey are required' }); continue; }
      const form = await this.db.one<{ definition: { fields: { key: string }[] } }>(`SELECT definition FROM forms WHERE app_key = $1 AND key = $2`, [grant.appKey, grant.formKey]);
      if (!form) { issues.push({ path: [i, 'formKey'], code: 'not_found', message: `form ${grant.appKey}/${grant.formKey} does not exist` }); continue; }
      const keys = new Set(form.definition.fields.map((f) => f.key));
      const fields = grant.fields;
      if (fields) {
        for (const part of ['visible', 'editable', 'masked'] as const) {
          const list = fields[part];
          if (Array.isArray(list)) for (const k of list) if (!keys.has(k)) issues.push({ path: [i, 'fields', part], code: 'unknown_field', message: `${k} is not a field of ${grant.formKey}` });
        }
        if (fields.visible !== '*') {
          const visible = new Set(fields.visible);
          const notVisible = [...(fields.editable === '*' ? [] : fields.editable), ...(fields.masked ?? [])].filter((k) => !visible.has(k));
          if (notVisible.length) issues.push({ path: [i, 'fields'], code: 'not_subset', message: `editable and masked must be visible: ${notVisible.join(', ')}` });
        }
      }
      if (grant.scope.type === 'custom' && (typeof (grant.scope as { condition?: unknown }).condition !== 'object')) {
        issues.push({ path: [i, 'scope', 'condition'], code: 'required', message: 'a custom scope needs a condition' });
      }
      grants.push({ appKey: grant.appKey, formKey: grant.formKey, actions: grant.actions, scope: grant.scope, fields: grant.fields });
    }
    if (issues.length) throw validationFailed(issues);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<RoleView>(`UPDATE roles SET grants = $2 WHERE id = $1 RETURNING id, name, description, grants`, [id, JSON.stringify(grants)]);
      await this.audit.write(tx, { at: now, actorId: actor.id, action: 'role.grants', target: { type: 'role', id }, before: { grants: before.grants }, after: { grants }, ip });
      await this.invalidation.publish(tx, 'roles');
      return row;
    }).finally(() => this.invalidation.dispatch('roles', null));
  }
}
