import { normalizeBranches, uniqueKey } from './tree';
import type { FlowDefinition, FlowDraft, FlowNode } from './types';

/** A new, empty flow for a form. */
export function newDraft(key: string, formKey: string): FlowDraft {
  return { key, name: '', formKey, nodes: [] };
}

/** The designer's copy of a published definition: no version, default branches last. */
export function draftFromDefinition(definition: FlowDefinition | FlowDraft): FlowDraft {
  const { version: _version, ...rest } = definition as FlowDefinition;
  return { ...rest, nodes: normalizeBranches(rest.nodes ?? []) };
}

/** A key for a new flow of a form that no flow of the app uses yet: quote_flow, quote_flow_2, ... */
export function suggestFlowKey(existingKeys: Iterable<string>, formKey: string): string {
  return uniqueKey(new Set(existingKeys), formKey ? `${formKey}_flow` : 'flow');
}

function cleanNode(node: FlowNode): FlowNode {
  const copy = { ...node } as FlowNode & Record<string, unknown>;
  if (Array.isArray(copy.reminders) && copy.reminders.length === 0) delete copy.reminders;
  if (copy.type === 'condition' || copy.type === 'parallel') {
    return { ...copy, branches: copy.branches.map((branch) => ({ ...branch, nodes: branch.nodes.map(cleanNode) })) } as FlowNode;
  }
  return copy;
}

/** What PUT/POST /flows receives: the draft without empty optional parts. */
export function toPayload(draft: FlowDraft): FlowDraft {
  const payload: FlowDraft = { ...draft, nodes: draft.nodes.map(cleanNode) };
  if (typeof payload.name === 'string') payload.name = payload.name.trim();
  const start = { ...payload.start };
  if (start.initiators && start.initiators.length === 0) delete start.initiators;
  // An empty start map is kept: it means "every field read-only", unlike no map at all.
  if (start.fieldPermissions === undefined) delete start.fieldPermissions;
  if (Object.keys(start).length === 0) delete payload.start;
  else payload.start = start;
  return payload;
}
