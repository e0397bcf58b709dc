import { useQuery } from '@tanstack/react-query';
import type { SchemaIssue } from '@platform/schema';
import { checkFormDefinition } from '../api/form-design-endpoints';
import type { FormDraft } from '../lib/form-designer/types';
import { useSettledValue } from './use-settled-value';

/** How long the draft must rest before the server checks it. */
const SETTLE_MS = 600;

/**
 * The server's checks of a form draft (POST forms/check: what a save would refuse), for when the
 * browser cannot run the engine's full checks (the CSP forbids compiling JSON Schemas). Null until an
 * answer for the current draft is in; a failed check (offline, no right) also gives null, and the
 * save says the rest.
 */
export function useServerChecks(appKey: string, payload: FormDraft, enabled: boolean): SchemaIssue[] | null {
  const [settled] = useSettledValue(payload, SETTLE_MS);
  const current = JSON.stringify(settled) === JSON.stringify(payload);
  const checked = useQuery({
    queryKey: ['form-check', appKey, settled],
    queryFn: ({ signal }) => checkFormDefinition(appKey, settled, signal),
    enabled,
    staleTime: 60_000,
    retry: false,
  });
  return enabled && current && checked.data ? checked.data.issues : null;
}
