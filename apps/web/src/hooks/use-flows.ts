import { useCallback, useEffect } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchFlows, fetchInbox, fetchRecordFlow } from '../api/flow-endpoints';
import type { FlowDefinitionSummary, FlowInstance } from '../api/flow-types';
import { findNode, START_NODE_KEY } from '../lib/flow-definition';
import { INBOX_COUNTS_KEY, INBOX_KEY } from '../lib/inbox';
import { labelText } from '../lib/label-text';
import { subscribeLiveEvents } from '../lib/live-events';
import { useLocale } from './use-locale';

const FLOWS_STALE_MS = 60 * 1000;

export function flowsQueryOptions(appKey: string) {
  return { queryKey: ['flows', appKey], queryFn: () => fetchFlows(appKey), staleTime: FLOWS_STALE_MS, retry: false };
}

export const recordFlowKey = (appKey: string, formKey: string, recordId: string) => ['record-flow', appKey, formKey, recordId] as const;

/** Names of flows and their nodes, for one app's definitions (the start step is "发起人"). */
export function useFlowNames(flows: readonly FlowDefinitionSummary[] | undefined) {
  const { t } = useTranslation();
  const locale = useLocale();
  const flowName = useCallback(
    (flowKey: string) => {
      const flow = flows?.find((candidate) => candidate.key === flowKey);
      return flow ? labelText(flow.name, locale) || flowKey : flowKey;
    },
    [flows, locale],
  );
  const nodeName = useCallback(
    (flowKey: string, nodeKey: string) => {
      if (nodeKey === START_NODE_KEY) return t('flow.node.start');
      const node = findNode(flows?.find((candidate) => candidate.key === flowKey)?.nodes, nodeKey);
      return node ? labelText(node.name, locale) || nodeKey : nodeKey;
    },
    [flows, locale, t],
  );
  return { flowName, nodeName };
}

/** The app's flow definitions (GET /api/apps/{appKey}/flows), cached for a minute. */
export function useFlows(appKey: string, enabled = true) {
  const query = useQuery({ ...flowsQueryOptions(appKey), enabled: enabled && !!appKey });
  const flows = query.data?.items;
  const names = useFlowNames(flows);
  return { ...query, flows: flows ?? [], ...names };
}

/** The record's latest flow instance (null: it never went through one). */
export function useRecordFlow(appKey: string, formKey: string, recordId: string | undefined, enabled = true) {
  return useQuery<FlowInstance | null>({
    queryKey: recordFlowKey(appKey, formKey, recordId ?? ''),
    queryFn: () => fetchRecordFlow(appKey, formKey, recordId ?? ''),
    enabled: enabled && !!recordId,
    staleTime: 0,
    retry: false,
  });
}

/** The to-do and cc counts for the header badge and the inbox tabs; refreshed by live events and every minute. */
export function useInboxCounts(enabled = true) {
  return useQuery({
    queryKey: INBOX_COUNTS_KEY,
    queryFn: ({ signal }) => fetchInbox('todo', null, 1, signal).then((page) => page.counts ?? { todo: 0, cc: 0 }),
    enabled,
    staleTime: 0,
    refetchInterval: 60 * 1000,
    retry: false,
  });
}

/** After a flow action: the inbox, the record, its lists and its flow are stale. */
export function invalidateAfterFlowAction(queryClient: QueryClient, target: { appKey: string; formKey: string; recordId: string }) {
  void queryClient.invalidateQueries({ queryKey: INBOX_KEY });
  void queryClient.invalidateQueries({ queryKey: ['record', target.appKey, target.formKey, target.recordId] });
  void queryClient.invalidateQueries({ queryKey: ['records', target.appKey, target.formKey] });
  void queryClient.invalidateQueries({ queryKey: recordFlowKey(target.appKey, target.formKey, target.recordId) });
  void queryClient.invalidateQueries({ queryKey: ['audit', { appKey: target.appKey, formKey: target.formKey, recordId: target.recordId }] });
}

/** Keeps the tab's one live-event stream open while mounted (the header mounts it once per page). */
export function useLiveEvents(enabled = true) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return undefined;
    return subscribeLiveEvents({ invalidate: (key) => void queryClient.invalidateQueries({ queryKey: [...key] }) });
  }, [enabled, queryClient]);
}
