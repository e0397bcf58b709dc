import type { TokenScope } from './api-token.entity';

/** Who is calling, attached to the request by the auth guard. */
export type RequestUser = {
  id: string;
  username: string;
  name: string;
  isAdmin: boolean;
  departmentIds: string[];
  roleIds: string[];
  /** Set when the call uses an API token: it acts with these scopes intersected with the user's rights. */
  tokenScopes?: TokenScope[];
  /**
   * Set when the token's user is an administrator. Such a token administers (`isAdmin`) only when a
   * scope gives every app (`*`) the `manage` action; otherwise it reads and writes records as an
   * administrator would, within its scopes, and nothing else.
   */
  tokenOwnerIsAdmin?: boolean;
  sessionId?: string;
};

export type AuthedRequest = { user?: RequestUser; ip?: string; headers: Record<string, string | string[] | undefined> };
