import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError, unauthenticated } from '../common/api-error';
import { AuthService } from './auth.service';
import { IS_PUBLIC } from './public.decorator';
import type { AuthedRequest } from './request-user';
import { readCookie, SESSION_COOKIE } from './session-cookie';


const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a browser sends the session cookie with any request, even one another site starts, so a
 * cookie-authenticated change must come from our own origin (Origin, else Referer, equal to Host).
 * Bearer tokens are not sent automatically and need no such check.
 */
function refuseCrossSiteOrThrow(req: AuthedRequest & { method?: string }) {
  if (SAFE_METHODS.has((req.method ?? 'GET').toUpperCase())) return;
  const host = req.headers.host;
  const source = (req.headers.origin ?? req.headers.referer) as string | undefined;
  let sourceHost: string | undefined;
  try {
    sourceHost = source ? new URL(source).host : undefined;
  } catch {
    sourceHost = undefined;
  }
  if (!host || !sourceHost || sourceHost !== host) {
    throw new ApiError(403, 'CSRF_REJECTED', 'This change did not come from the platform’s own pages; reload the page and try again');
  }
}

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
    if (!bearer) refuseCrossSiteOrThrow(req);
    const user = await this.auth.authenticate(token);
    if (!user) throw unauthenticated('Your session has expired or the token is not valid; sign in again');
    req.user = user;
    return true;
  }
}
