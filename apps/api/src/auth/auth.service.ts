import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { ApiError, unauthenticated } from '../common/api-error';
import { CLOCK, SETTINGS, type Clock } from '../common/core.module';
import type { Settings } from '../common/settings';
import { uuidV7 } from '../common/uuid-v7';
import { Db } from '../database/database';
import { AuditService } from '../audit/audit.service';
import { DUMMY_HASH, verifyPassword } from './password-hash';
import type { RequestUser } from './request-user';
import type { TokenScope } from './api-token.entity';
import { TtlCache } from '../common/ttl-cache';
import { InvalidationService } from '../events/invalidation.service';

const MAX_FAILURES = 5;
const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 15;
const TOUCH_EVERY_MS = 60_000;

export const SESSION_PREFIX = 'ses_';
export const API_TOKEN_PREFIX = 'pat_';

const sha256 = (token: string) => createHash('sha256').update(token).digest();

type UserRow = {
  id: string; username: string; name: string; password_hash: string; active: boolean; is_admin: boolean;
  department_ids: string[]; role_ids: string[];
};

const toRequestUser = (u: UserRow): RequestUser => ({
  id: u.id, username: u.username, name: u.name, isAdmin: u.is_admin, departmentIds: u.department_ids, roleIds: u.role_ids,
});

/** A token administers only when a scope gives it `manage` on every app (API.md: its scopes intersected with its user's rights). */
export const tokenAdministers = (scopes: TokenScope[]) => scopes.some((s) => s.appKey === '*' && s.actions.includes('manage'));

/** The caller as a token acts: its user's rights within the token's scopes. */
function tokenUser(user: RequestUser, scopes: TokenScope[]): RequestUser {
  return { ...user, isAdmin: user.isAdmin && tokenAdministers(scopes), ...(user.isAdmin ? { tokenOwnerIsAdmin: true } : {}), tokenScopes: scopes };
}

type CachedAuth = { user: RequestUser; touchedAt: number; tokenId?: string };

@Injectable()
export class AuthService {
  /** Valid sessions and tokens seen lately, by token hash; dropped on any change to their user. */
  private readonly cache = new TtlCache<string, CachedAuth>(30_000);

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly invalidation: InvalidationService,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    invalidation.on('auth', (userId) => (userId ? this.cache.deleteWhere((e) => e.user.id === userId) : this.cache.clear()));
  }

  /**
   * Password login with per-username throttling: 5 failures within 15 minutes lock the username for
   * 15 minutes (429 even with the right password). Unknown, wrong and deactivated all look the same.
   */
  async login(username: string, password: string, ip: string | null): Promise<{ token: string; user: RequestUser }> {
    const now = this.clock.now();
    const throttle = await this.db.one<{ failed_count: number; window_started_at: Date; locked_until: Date | null }>(
      `SELECT failed_count, window_started_at, locked_until FROM login_throttle WHERE username = $1`, [username]);
    if (throttle?.locked_until && throttle.locked_until > now) {
      throw new ApiError(429, 'RATE_LIMITED', 'Too many failed sign-in attempts; try again later', {
        retryAfterSeconds: Math.ceil((throttle.locked_until.getTime() - now.getTime()) / 1000),
      });
    }
    const user = await this.db.one<UserRow>(`SELECT * FROM users WHERE username = $1`, [username]);
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      await this.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO login_throttle AS t (username, failed_count, window_started_at, locked_until)
           VALUES ($1, 1, $2, NULL)
           ON CONFLICT (username) DO UPDATE SET
             failed_count = CASE WHEN t.window_started_at < $2 - make_interval(mins => $3) THEN 1 ELSE t.failed_count + 1 END,
             window_started_at = CASE WHEN t.window_started_at < $2 - make_interval(mins => $3) THEN $2 ELSE t.window_started_at END,
             locked_until = CASE WHEN t.window_started_at >= $2 - make_interval(mins => $3) AND t.failed_count + 1 >= $4
                                 THEN $2 + make_interval(mins => $5) ELSE NULL END`,
          [username, now, WINDOW_MINUTES, MAX_FAILURES, LOCK_MINUTES],
        );
        await this.audit.write(tx, {
          at: now, actorId: user?.id ?? null, action: 'auth.login_failed', target: { type: 'auth', id: user?.id ?? null },
          after: { username }, ip,
        });
      });
      throw unauthenticated('Wrong username or password');
    }
    const token = SESSION_PREFIX + randomBytes(32).toString('base64url');
    const maxMs = this.settings.sessionMaxDays * 86_400_000;
    await this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM login_throttle WHERE username = $1`, [username]);
      await tx.query(
        `INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, ip) VALUES ($1,$2,$3,$4,$4,$5,$6)`,
        [uuidV7(), sha256(token), user.id, now, new Date(now.getTime() + maxMs), ip],
      );
      await this.audit.write(tx, { at: now, actorId: user.id, action: 'auth.login', target: { type: 'auth', id: user.id }, after: { username }, ip });
    });
    return { token, user: toRequestUser(user) };
  }

  async logout(user: RequestUser, ip: string | null): Promise<void> {
    if (!user.sessionId) return;
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [user.sessionId, now]);
      await this.audit.write(tx, { at: now, actorId: user.id, action: 'auth.logout', target: { type: 'auth', id: user.id }, ip });
      await this.invalidation.publish(tx, 'auth', user.id);
    });
    this.invalidation.dispatch('auth', user.id);
  }

  /** Resolves a bearer token or session cookie to the user, or undefined when it is not valid. */
  async authenticate(token: string): Promise<RequestUser | undefined> {
    if (!token.startsWith(SESSION_PREFIX) && !token.startsWith(API_TOKEN_PREFIX)) return undefined;
    const key = sha256(token).toString('base64');
    const now = this.clock.now().getTime();
    if (this.invalidation.live) {
      const hit = this.cache.get(key, now);
      if (hit) {
        if (now - hit.touchedAt > TOUCH_EVERY_MS) {
          hit.touchedAt = now;
          if (hit.user.sessionId) await this.db.query(`UPDATE sessions SET last_seen_at = $2 WHERE id = $1`, [hit.user.sessionId, new Date(now)]);
          else if (hit.tokenId) await this.db.query(`UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`, [hit.tokenId, new Date(now)]);
        }
        return hit.user;
      }
    }
    const found = token.startsWith(SESSION_PREFIX) ? await this.authenticateSession(token) : await this.authenticateApiToken(token);
    if (found && this.invalidation.live) {
      this.cache.set(key, { user: found.user, touchedAt: now, tokenId: found.tokenId }, now, found.validUntil.getTime());
    }
    return found?.user;
  }

  private async authenticateSession(token: string): Promise<{ user: RequestUser; validUntil: Date; tokenId?: string } | undefined> {
    const now = this.clock.now();
    const row = await this.db.one<UserRow & { session_id: string; last_seen_at: Date; expires_at: Date }>(
      `SELECT u.id, u.username, u.name, u.is_admin, u.department_ids, u.role_ids, s.id AS session_id, s.last_seen_at, s.expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
          AND s.last_seen_at > $2 - make_interval(hours => $3) AND u.active`,
      [sha256(token), now, this.settings.sessionIdleHours],
    );
    if (!row) return undefined;
    if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.db.query(`UPDATE sessions SET last_seen_at = $2 WHERE id = $1`, [row.session_id, now]);
    }
    const idleUntil = now.getTime() + this.settings.sessionIdleHours * 3_600_000;
    return { user: { ...toRequestUser(row), sessionId: row.session_id }, validUntil: new Date(Math.min(idleUntil, row.expires_at.getTime())) };
  }

  private async authenticateApiToken(token: string): Promise<{ user: RequestUser; validUntil: Date; tokenId?: string } | undefined> {
    const now = this.clock.now();
    const row = await this.db.one<UserRow & { token_id: string; scopes: TokenScope[]; last_used_at: Date | null; expires_at: Date | null }>(
      `SELECT u.id, u.username, u.name, u.is_admin, u.department_ids, u.role_ids, t.id AS token_id, t.scopes, t.last_used_at, t.expires_at
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.active`,
      [sha256(token), now],
    );
    if (!row) return undefined;
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
      await this.db.query(`UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`, [row.token_id, now]);
    }
    return { user: tokenUser(toRequestUser(row), row.scopes), validUntil: row.expires_at ?? new Date(8.64e15), tokenId: row.token_id };
  }

  /** Creates an API token for `user`; the token itself is returned once and stored only as a hash. */
  async createApiToken(userId: string, name: string, scopes: TokenScope[], expiresAt: Date | null) {
    const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const id = uuidV7();
    await this.db.query(
      `INSERT INTO api_tokens (id, user_id, name, token_hash, scopes, created_at, expires_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [id, userId, name, sha256(token), JSON.stringify(scopes), this.clock.now(), expiresAt],
    );
    return { id, token };
  }
}
