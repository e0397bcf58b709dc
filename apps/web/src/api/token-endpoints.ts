import { api } from './client';
import type { ListResponse } from './types';

/** What a token may do in one app (`*`: every app); it acts with these intersected with its user's rights. */
export type TokenScope = { appKey: string; actions: string[] };

/** A personal API token as GET /api/tokens lists it (never its secret). */
export type ApiToken = {
  id: string;
  name: string;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
};

export type TokenInput = { name: string; scopes: TokenScope[]; expiresAt?: string };

/** The answer of POST /api/tokens: the token itself, shown once. */
export type CreatedToken = { id: string; token: string };

export const listTokens = () => api.get<ListResponse<ApiToken>>('/api/tokens');

export const createToken = (input: TokenInput) => api.post<CreatedToken>('/api/tokens', input);

export const revokeToken = (id: string) => api.delete(`/api/tokens/${encodeURIComponent(id)}`);
