import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GRANT_ACTIONS, KEY_REGEX } from '@platform/schema';
import { forbidden, notFound, validationFailed } from '../common/api-error';
import { CLOCK, type Clock } from '../common/core.module';
import { objectBody, stringField } from '../common/json-body';
import { isUuid } from '../common/uuid-v7';
import { Db } from '../database/database';
import type { TokenScope } from './api-token.entity';
import { AuthService } from './auth.service';
import { InvalidationService } from '../events/invalidation.service';
import { CurrentUser } from './current-user.decorator';
import type { RequestUser } from './request-user';

/**
 * Tokens are managed from a signed-in session only: a token that could mint tokens would escape its
 * own scopes.
 */
function refuseTokenCallerOrThrow(user: RequestUser) {
  if (user.tokenScopes) throw forbidden('API tokens are managed from a signed-in session, not with a token');
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('tokens')
export class TokensController {
  constructor(
    private readonly auth: AuthService,
    private readonly db: Db,
    private readonly invalidation: InvalidationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a personal API token; the token is shown once' })
  @ApiBody({ schema: { type: 'object', required: ['name', 'scopes'], properties: { name: { type: 'string' }, scopes: { type: 'array', items: { type: 'object', properties: { appKey: { type: 'string' }, actions: { type: 'array', items: { type: 'string' } } } } }, expiresAt: { type: 'string', format: 'date-time' } } } })
  async create(@CurrentUser() user: RequestUser, @Body() body: unknown) {
    refuseTokenCallerOrThrow(user);
    const input = objectBody(body);
    const name = stringField(input, 'name', { required: true, max: 100 })!;
    const scopes = input.scopes;
    const valid = Array.isArray(scopes) && scopes.every((s) => s && typeof s === 'object' && typeof s.appKey === 'string' && (s.appKey === '*' || KEY_REGEX.test(s.appKey))
      && Array.isArray(s.actions) && s.actions.every((a: unknown) => (GRANT_ACTIONS as readonly unknown[]).includes(a)));
    if (!valid) throw validationFailed([{ path: ['scopes'], code: 'invalid_type', message: 'scopes: [{appKey, actions:[read|create|update|delete|...]}]' }]);
    let expiresAt: Date | null = null;
    if (input.expiresAt !== undefined && input.expiresAt !== null) {
      expiresAt = typeof input.expiresAt === 'string' ? new Date(input.expiresAt) : new Date(NaN);
      if (Number.isNaN(expiresAt.getTime())) throw validationFailed([{ path: ['expiresAt'], code: 'invalid_format', message: 'expiresAt must be an ISO 8601 date-time' }]);
      if (expiresAt.getTime() <= this.clock.now().getTime()) throw validationFailed([{ path: ['expiresAt'], code: 'in_past', message: 'expiresAt must be in the future' }]);
    }
    const cleaned = (scopes as TokenScope[]).map((s) => ({ appKey: s.appKey, actions: s.actions }));
    return this.auth.createApiToken(user.id, name, cleaned, expiresAt);
  }

  @Get()
  async list(@CurrentUser() user: RequestUser) {
    refuseTokenCallerOrThrow(user);
    const rows = await this.db.query<{ id: string; name: string; scopes: TokenScope[]; created_at: Date; expires_at: Date | null; last_used_at: Date | null }>(
      `SELECT id, name, scopes, created_at, expires_at, last_used_at FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC`, [user.id]);
    return {
      items: rows.map((r) => ({ id: r.id, name: r.name, scopes: r.scopes, createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at })),
      nextCursor: null,
    };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentUser() user: RequestUser, @Param('id') id: string) {
    refuseTokenCallerOrThrow(user);
    if (!isUuid(id)) throw notFound('Token not found');
    const rows = await this.db.transaction(async (tx) => {
      const revoked = await tx.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`, [id, user.id]);
      if (revoked.length) await this.invalidation.publish(tx, 'auth', user.id);
      return revoked;
    });
    if (!rows.length) throw notFound('Token not found');
    this.invalidation.dispatch('auth', user.id);
  }
}
