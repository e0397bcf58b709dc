import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { unauthenticated } from '../common/api-error';
import { AuthService } from './auth.service';
import { IS_PUBLIC } from './public.decorator';
import type { AuthedRequest } from './request-user';
import { readCookie, SESSION_COOKIE } from './session-cookie';


/** Every route needs a valid session or API token unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService, private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    const bearer = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const token = bearer || readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!token) throw unauthenticated();
    const user = await this.auth.authenticate(token);
    if (!user) throw unauthenticated('Your session has expired or the token is not valid; sign in again');
    req.user = user;
    return true;
  }
}
