import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthedRequest, RequestUser } from './request-user';

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestUser => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().user!;
});

/** The caller's IP address, for the audit trail. */
export const ClientIp = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().ip ?? null;
});
