import { api } from './client';
import type { FlowDefinition, FlowDraft } from '../lib/flow-designer/types';

const seg = encodeURIComponent;

/** The latest version of a flow definition (with its `version`). */
export const fetchFlowDefinition = (appKey: string, flowKey: string) =>
  api.get<FlowDefinition>(`/api/apps/${seg(appKey)}/flows/${seg(flowKey)}`);

/** A new flow: publishes version 1. */
export const createFlowDefinition = (appKey: string, draft: FlowDraft) =>
  api.post<FlowDefinition>(`/api/apps/${seg(appKey)}/flows`, draft);

/** Publishes a new version of an existing flow; running instances finish on their own version. */
export const publishFlowDefinition = (appKey: string, flowKey: string, draft: FlowDraft) =>
  api.put<FlowDefinition>(`/api/apps/${seg(appKey)}/flows/${seg(flowKey)}`, draft);

export const flowDefinitionKey = (appKey: string, flowKey: string) => ['flow', appKey, flowKey] as const;
