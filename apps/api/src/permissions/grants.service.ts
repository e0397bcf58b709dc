import { Injectable } from '@nestjs/common';
import type { FormDefinition } from '@platform/schema';
import type { RequestUser } from '../auth/request-user';
import { Db } from '../database/database';
import { TtlCache } from '../common/ttl-cache';
import { InvalidationService } from '../events/invalidation.service';
import type { RoleGrant } from '../organisation/role.entity';
import { FULL_ACCESS, mergeGrants, redactFormDefinition, type FormAccess } from './form-access';

/** Loads a user's grants and turns them into access; the single place every path asks. */
@Injectable()
export class GrantsService {
  private readonly cache = new TtlCache<string, RoleGrant[]>(60_000);

  constructor(private readonly db: Db, private readonly invalidation: InvalidationService) {
    invalidation.on('roles', () => this.cache.clear());
  }

  async formAccess(user: RequestUser, appKey: string, formKey: string): Promise<FormAccess> {
    if (user.isAdmin && !user.tokenScopes) return FULL_ACCESS;
    if (user.isAdmin || user.tokenOwnerIsAdmin) return mergeGrants([{ appKey, formKey, actions: [...FULL_ACCESS.actions], scope: { type: 'all' } }], user.tokenScopes, appKey);
    const grants = await this.grantsFor(user, appKey, formKey);
    return mergeGrants(grants, user.tokenScopes, appKey);
  }

  async grantsFor(user: RequestUser, appKey: string, formKey: string): Promise<RoleGrant[]> {
    if (!user.roleIds.length) return [];
    const key = `${[...user.roleIds].sort().join(',')}|${appKey}|${formKey}`;
    const hit = this.invalidation.live ? this.cache.get(key) : undefined;
    if (hit) return hit;
    const grants = await this.db.query<RoleGrant>(
      // An app not yet published grants nothing: only administrators see it.
      `SELECT g FROM roles r, jsonb_array_elements(r.grants) g WHERE r.id = ANY($1) AND g->>'appKey' = $2 AND g->>'formKey' = $3
         AND EXISTS (SELECT 1 FROM apps a WHERE a.key = $2 AND a.published_at IS NOT NULL)`,
      [user.roleIds, appKey, formKey],
    ).then((rows) => rows.map((r) => (r as unknown as { g: RoleGrant }).g));
    if (this.invalidation.live) this.cache.set(key, grants);
    return grants;
  }

  async readableAppKeys(user: RequestUser): Promise<Set<string>> {
    if (user.tokenOwnerIsAdmin && user.tokenScopes) {
      const apps = await this.db.query<{ key: string }>(`SELECT key FROM apps`);
      return new Set(apps.map((a) => a.key).filter((k) => user.tokenScopes!.some((s) => s.appKey === k || s.appKey === '*')));
    }
    if (!user.roleIds.length) return new Set();
    const rows = await this.db.query<{ app_key: string }>(
      `SELECT DISTINCT g->>'appKey' AS app_key FROM roles r, jsonb_array_elements(r.grants) g
        WHERE r.id = ANY($1) AND g->'actions' ? 'read'
          AND EXISTS (SELECT 1 FROM apps a WHERE a.key = g->>'appKey' AND a.published_at IS NOT NULL)`, [user.roleIds]);
    const keys = rows.map((r) => r.app_key);
    if (user.tokenScopes) return new Set(keys.filter((k) => user.tokenScopes!.some((s) => s.appKey === k || s.appKey === '*')));
    return new Set(keys);
  }

  redactForm<T extends FormDefinition>(form: T, access: FormAccess): T {
    return redactFormDefinition(form, access);
  }
}
