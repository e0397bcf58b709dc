import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { fetchRecord } from '../api/endpoints';
import type { FormMeta } from '../api/types';
import { copiedTargetValue, defaultContext, defaultCopies, defaultUpdates, fetchedCopyKey, type FetchedCopies } from '../lib/field-defaults';
import type { RuleUser } from '../lib/form-rules';
import type { FormValues } from '../lib/form-values';
import { useAppMeta } from './use-app-meta';

/** How long a target record read for a copy is reused (choosing the same record again). */
const TARGET_STALE_MS = 30_000;

/**
 * Keeps a new record's defaulted fields current while the user has not edited them
 * (docs/defaults.md): formulas re-evaluate when their inputs change, copies follow the fields they
 * copy, `$user` fills once the user is known, and choosing a relation fetches the target record
 * (GET of a record, with the user's rights) for `relation.targetField` defaults. Off for a stored
 * record. `markEdited` names fields the user (or a rule) set: their defaults no longer apply.
 */
export function useLiveDefaults(options: {
  form: FormMeta;
  formInstance: FormInstance<FormValues>;
  values: FormValues;
  enabled: boolean;
  user: RuleUser | null | undefined;
  appKey: string | undefined;
}): { markEdited: (keys: Iterable<string>) => void } {
  const { form, formInstance, values, enabled, user, appKey } = options;
  const queryClient = useQueryClient();
  const { formByKey } = useAppMeta(appKey ?? '');
  const edited = useRef(new Set<string>());
  const [editedVersion, setEditedVersion] = useState(0);
  const [fetched, setFetched] = useState<FetchedCopies>({});
  // One clock per form: TODAY() does not move while the user types.
  const context = useMemo(() => defaultContext(user), [user]);

  const copies = useMemo(
    () => (enabled ? defaultCopies(form, values, edited.current, context, fetched) : { copied: {}, missing: [] }),
    // editedVersion: the set changed in place.
    [enabled, form, values, context, fetched, editedVersion],
  );

  useEffect(() => {
    if (!enabled) return;
    const updates = defaultUpdates(form, values, edited.current, context, copies.copied);
    if (Object.keys(updates).length > 0) formInstance.setFieldsValue(updates);
  }, [enabled, form, values, context, copies, formInstance]);

  useEffect(() => {
    if (!enabled || !appKey || copies.missing.length === 0) return;
    let cancelled = false;
    for (const request of copies.missing) {
      queryClient
        .fetchQuery({
          queryKey: ['record', appKey, request.targetForm, request.recordId],
          queryFn: () => fetchRecord(appKey, request.targetForm, request.recordId),
          staleTime: TARGET_STALE_MS,
        })
        .then((record) => copiedTargetValue(record, request.targetField, formByKey(request.targetForm)))
        // A record the user may not read gives nothing to copy (the server decides again on save).
        .catch(() => null)
        .then((value) => {
          if (!cancelled) setFetched((current) => ({ ...current, [fetchedCopyKey(request)]: value }));
        });
    }
    return () => {
      cancelled = true;
    };
    // formByKey changes identity on each render; the requests decide what is fetched.
  }, [enabled, appKey, copies.missing, queryClient]);

  const markEdited = useCallback((keys: Iterable<string>) => {
    let added = false;
    for (const key of keys) {
      if (!edited.current.has(key)) {
        edited.current.add(key);
        added = true;
      }
    }
    if (added) setEditedVersion((version) => version + 1);
  }, []);

  return { markEdited };
}
