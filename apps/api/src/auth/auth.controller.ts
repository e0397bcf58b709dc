import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SETTINGS } from '../common/core.module';
import { objectBody, stringField } from '../common/json-body';
import type { Settings } from '../common/settings';
import { OrganisationService } from '../organisation/organisation.service';
import { AuthService } from './auth.service';
import { clearedSessionCookie, sessionCookie } from './session-cookie';
import { ClientIp, CurrentUser } from './current-user.decorator';
import { Public } from './public.decorator';
import type { RequestUser } from './request-user';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly organisation: OrganisationService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with a username and password; sets an HttpOnly session cookie' })
  @ApiBody({ schema: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } } })
  async login(@Body() body: unknown, @ClientIp() ip: string | null, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = objectBody(body);
    const username = stringField(input, 'username', { required: true, max: 200 })!;
    const password = stringField(input, 'password', { required: true, max: 1000 })!;
    const { token, user } = await this.auth.login(username, password, ip);
    reply.header('Set-Cookie', sessionCookie(token, this.settings.sessionMaxDays * 86400));
    return { token, user: { id: user.id, username: user.username, name: user.name } };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the current session' })
  async logout(@CurrentUser() user: RequestUser, @ClientIp() ip: string | null, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.auth.logout(user, ip);
    reply.header('Set-Cookie', clearedSessionCookie());
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The current user with roles and departments' })
  async me(@CurrentUser() user: RequestUser) {
    return this.organisation.describeMe(user);
  }
}
