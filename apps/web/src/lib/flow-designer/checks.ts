import type { LocalizedText } from '@platform/schema';
import { isEffectIncomplete } from './automation';
import { isEmptyCondition } from './condition-builder';
import { isValidIsoDuration } from './durations';
import { KEY_PATTERN } from './tree';
import {
  isApprovalLike, isBranching, isDefaultBranch, type ApproverSource, type FlowDraft, type FlowNode,
} from './types';

/** What an issue is about: the flow's own settings, the start card, a node or a branch. */
export type IssueTarget =
  | { kind: 'flow'; field?: string }
  | { kind: 'start' }
  | { kind: 'node'; nodeKey: string }
  | { kind: 'branch'; nodeKey: string; branchKey: string };

/**
 * A problem that blocks publishing. Client checks carry a `code` with a text in the locale files
 * (flowDesigner.check.<code>); server issues carry the engine's code and message.
 */
export type DesignerIssue = {
  target: IssueTarget;
  code: string;
  /** The server's own words, for server issues. */
  message?: string;
  source: 'client' | 'server';
};

/** The codes of the client checks (each has flowDesigner.check.<code> in both locale files). */
export const CLIENT_CHECK_CODES = [
  'flowName', 'flowKey', 'flowKeyTaken', 'flowForm', 'nodeName', 'noApprovers', 'noRecipients', 'sourceIncomplete', 'votePercent',
  'noDefaultBranch', 'emptyCondition', 'branchName', 'noBranches', 'delayIncomplete', 'duration', 'emptyUser', 'deadlineField',
  'noEffects', 'effectIncomplete', 'noSubflow',
] as const;
export type ClientCheckCode = (typeof CLIENT_CHECK_CODES)[number];

export function hasText(name: LocalizedText | undefined | null): boolean {
  if (typeof name === 'string') return name.trim() !== '';
  return !!name && Object.values(name).some((text) => typeof text === 'string' && text.trim() !== '');
}

function sourcesComplete(sources: readonly ApproverSource[]): boolean {
  return sources.every((source) => {
    switch (source.source) {
      case 'users': return source.userIds.length > 0;
      case 'roles': return source.roleIds.length > 0;
      case 'field': return !!source.fieldKey;
      case 'manager':
      case 'departmentHead': return source.level === undefined || (Number.isInteger(source.level) && source.level >= 1 && source.level <= 20);
      default: return true;
    }
  });
}

function checkNode(node: FlowNode, issues: DesignerIssue[]): void {
  const target: IssueTarget = { kind: 'node', nodeKey: node.key };
  const add = (code: ClientCheckCode) => issues.push({ target, code, source: 'client' });
  if (!hasText(node.name)) add('nodeName');
  if (isApprovalLike(node)) {
    if (node.approvers.length === 0) add('noApprovers');
    else if (!sourcesComplete(node.approvers)) add('sourceIncomplete');
    if ((node.mode ?? 'sequential') === 'vote' || node.votePercent !== undefined) {
      const percent = node.votePercent;
      if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 1 || percent > 100) add('votePercent');
    }
    if (node.onEmpty === 'user' && !node.onEmptyUserId) add('emptyUser');
    if (node.deadline && 'after' in node.deadline && !isValidIsoDuration(node.deadline.after)) add('duration');
    if (node.deadline && 'field' in node.deadline && !node.deadline.field) add('deadlineField');
    for (const reminder of node.reminders ?? []) {
      if ((reminder.offset !== undefined && !isValidIsoDuration(reminder.offset)) || (reminder.repeat !== undefined && !isValidIsoDuration(reminder.repeat))) {
        add('duration');
        break;
      }
    }
  } else if (node.type === 'cc') {
    if (node.recipients.length === 0) add('noRecipients');
    else if (!sourcesComplete(node.recipients)) add('sourceIncomplete');
  } else if (node.type === 'delay') {
    const hasDuration = node.duration !== undefined;
    const hasField = node.untilField !== undefined;
    if (hasDuration === hasField || (hasField && !node.untilField)) add('delayIncomplete');
    else if (hasDuration && !isValidIsoDuration(node.duration)) add('duration');
  } else if (node.type === 'action') {
    if (node.effects.length === 0) add('noEffects');
    else if (node.effects.some(isEffectIncomplete)) add('effectIncomplete');
  } else if (node.type === 'subflow') {
    if (!node.flowKey) add('noSubflow');
  } else if (isBranching(node)) {
    if (node.branches.length === 0) add('noBranches');
    if (node.type === 'condition' && node.branches.length > 0 && !node.branches.some((branch) => isDefaultBranch(node, branch))) add('noDefaultBranch');
    for (const branch of node.branches) {
      const at: IssueTarget = { kind: 'branch', nodeKey: node.key, branchKey: branch.key };
      if (!hasText(branch.name)) issues.push({ target: at, code: 'branchName', source: 'client' });
      if (node.type === 'condition' && !isDefaultBranch(node, branch) && isEmptyCondition(branch.condition)) {
        issues.push({ target: at, code: 'emptyCondition', source: 'client' });
      }
      for (const child of branch.nodes) checkNode(child, issues);
    }
  }
}

/**
 * The publishing rules that are cheap to run in the browser (the server runs them all, and more:
 * fields, condition parsing). An empty list means "worth sending". `takenFlowKeys`: for a new flow,
 * the keys other flows of the app use (POST would publish a new version of that flow instead).
 */
export function checkDraft(draft: FlowDraft, options: { takenFlowKeys?: readonly string[] } = {}): DesignerIssue[] {
  const issues: DesignerIssue[] = [];
  const flow = (field: string, code: ClientCheckCode) => issues.push({ target: { kind: 'flow', field }, code, source: 'client' });
  if (!hasText(draft.name)) flow('name', 'flowName');
  if (!KEY_PATTERN.test(draft.key)) flow('key', 'flowKey');
  else if (options.takenFlowKeys?.includes(draft.key)) flow('key', 'flowKeyTaken');
  if (!draft.formKey) flow('formKey', 'flowForm');
  if (draft.start?.initiators && !sourcesComplete(draft.start.initiators)) {
    issues.push({ target: { kind: 'start' }, code: 'sourceIncomplete', source: 'client' });
  }
  for (const node of draft.nodes) checkNode(node, issues);
  return issues;
}

/** The issues about one target. */
export function issuesFor(issues: readonly DesignerIssue[], target: IssueTarget): DesignerIssue[] {
  return issues.filter((issue) => sameTarget(issue.target, target));
}

export function sameTarget(a: IssueTarget, b: IssueTarget): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'flow': return a.field === (b as typeof a).field;
    case 'start': return true;
    case 'node': return a.nodeKey === (b as typeof a).nodeKey;
    case 'branch': return a.nodeKey === (b as typeof a).nodeKey && a.branchKey === (b as typeof a).branchKey;
  }
}
