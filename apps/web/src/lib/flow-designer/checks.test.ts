import { describe, expect, it } from 'vitest';
import { quoteDiscountFlow } from '../../test/sample-flow-design';
import { checkDraft, issuesFor, type DesignerIssue } from './checks';
import { draftFromDefinition } from './draft';
import { createNode, insertNode, updateBranch, updateNode, type NewNodeNames } from './tree';
import type { FlowDraft } from './types';

const names: NewNodeNames = { node: () => '节点', branch: (_type, n) => `条件${n}`, defaultBranch: '其他情况' };
const summary = (issues: DesignerIssue[]) => issues.map((issue) => `${JSON.stringify(issue.target)} ${issue.code}`);

describe('client checks before publishing', () => {
  it('pass the CRM quote flow', () => {
    expect(checkDraft(draftFromDefinition(quoteDiscountFlow()))).toEqual([]);
  });

  it('flag the flow settings: name, key, form', () => {
    const draft: FlowDraft = { key: 'Bad Key', name: ' ', formKey: '', nodes: [] };
    expect(summary(checkDraft(draft))).toEqual([
      '{"kind":"flow","field":"name"} flowName',
      '{"kind":"flow","field":"key"} flowKey',
      '{"kind":"flow","field":"formKey"} flowForm',
    ]);
  });

  it('flag approval nodes without approvers, incomplete sources, vote percent and empty names', () => {
    let draft: FlowDraft = { key: 'f', name: 'f', formKey: 'quote', nodes: [] };
    draft = insertNode(draft, null, 0, createNode('approval', new Set(), names));
    draft = insertNode(draft, null, 1, { key: 'vote', type: 'approval', name: '', mode: 'vote', votePercent: 0, approvers: [{ source: 'users', userIds: [] }] });
    draft = insertNode(draft, null, 2, { key: 'vote2', type: 'handler', name: 'v', mode: 'vote', approvers: [{ source: 'initiator' }], onEmpty: 'user' });
    draft = insertNode(draft, null, 3, { key: 'copy', type: 'cc', name: 'c', recipients: [] });
    draft = insertNode(draft, null, 4, { key: 'wait', type: 'delay', name: 'w' });
    draft = insertNode(draft, null, 5, { key: 'wait2', type: 'delay', name: 'w', duration: 'two days' });
    expect(summary(checkDraft(draft))).toEqual([
      '{"kind":"node","nodeKey":"approval"} noApprovers',
      '{"kind":"node","nodeKey":"vote"} nodeName',
      '{"kind":"node","nodeKey":"vote"} sourceIncomplete',
      '{"kind":"node","nodeKey":"vote"} votePercent',
      '{"kind":"node","nodeKey":"vote2"} votePercent',
      '{"kind":"node","nodeKey":"vote2"} emptyUser',
      '{"kind":"node","nodeKey":"copy"} noRecipients',
      '{"kind":"node","nodeKey":"wait"} delayIncomplete',
      '{"kind":"node","nodeKey":"wait2"} duration',
    ]);
    const fixed = updateNode(draft, 'vote', (node) => ({ ...node, name: '投票', votePercent: 100, approvers: [{ source: 'roles', roleIds: ['r1'] }] }));
    expect(issuesFor(checkDraft(fixed), { kind: 'node', nodeKey: 'vote' })).toEqual([]);
  });

  it('flag condition nodes without a default branch and branches without a condition, inside branches too', () => {
    let draft = draftFromDefinition(quoteDiscountFlow());
    draft = insertNode(draft, { nodeKey: 'by_discount', branchKey: 'below_90' }, 1, createNode('condition', new Set(['by_discount', 'director', 'manager']), names));
    expect(summary(checkDraft(draft))).toEqual(['{"kind":"branch","nodeKey":"condition","branchKey":"branch_1"} emptyCondition']);
    draft = updateBranch(draft, 'condition', 'branch_1', (branch) => ({ ...branch, condition: { and: [{ '>': [{ var: 'amount' }, 1] }] } }));
    draft = updateNode(draft, 'condition', (node) => (node.type === 'condition' ? { ...node, branches: node.branches.slice(0, 1) } : node));
    expect(summary(checkDraft(draft))).toEqual(['{"kind":"node","nodeKey":"condition"} noDefaultBranch']);
    draft = updateBranch(draft, 'by_discount', 'otherwise', (branch) => ({ ...branch, name: '' }));
    expect(summary(checkDraft(draft))).toContain('{"kind":"branch","nodeKey":"by_discount","branchKey":"otherwise"} branchName');
  });

  it('flag incomplete initiator sources on the start card', () => {
    const draft: FlowDraft = { key: 'f', name: 'f', formKey: 'quote', start: { initiators: [{ source: 'roles', roleIds: [] }] }, nodes: [] };
    expect(summary(checkDraft(draft))).toEqual(['{"kind":"start"} sourceIncomplete']);
  });
});

describe('new flow keys', () => {
  it('must not be used by another flow of the app', () => {
    const draft: FlowDraft = { key: 'quote_discount', name: 'x', formKey: 'quote', nodes: [] };
    expect(summary(checkDraft(draft, { takenFlowKeys: ['quote_discount'] }))).toEqual(['{"kind":"flow","field":"key"} flowKeyTaken']);
  });
});
