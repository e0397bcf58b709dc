import { describe, expect, it } from 'vitest';
import zhCN from '../../locales/zh-CN.json';
import enUS from '../../locales/en-US.json';
import { quoteDiscountFlow } from '../../test/sample-flow-design';
import { CLIENT_CHECK_CODES } from './checks';
import { draftFromDefinition } from './draft';
import { issueTarget, mapServerIssues, SERVER_ISSUE_CODES } from './issue-paths';
import { insertNode } from './tree';

const draft = insertNode(
  insertNode(draftFromDefinition(quoteDiscountFlow()), null, 0, { key: 'first', type: 'approval', name: '一审', approvers: [] }),
  { nodeKey: 'by_discount', branchKey: 'otherwise' }, 1, { key: 'legal', type: 'approval', name: '法务', approvers: [] },
);
// nodes: [first, by_discount[below_90: [director], otherwise: [manager, legal]]]

describe('server issue paths onto the designer', () => {
  it('finds the node a path points into, at any depth', () => {
    expect(issueTarget(draft, ['nodes', 0, 'approvers'])).toEqual({ kind: 'node', nodeKey: 'first' });
    expect(issueTarget(draft, ['nodes', 1, 'branches', 1, 'nodes', 1, 'approvers'])).toEqual({ kind: 'node', nodeKey: 'legal' });
    expect(issueTarget(draft, ['nodes', 1, 'branches', 0, 'nodes', 0, 'votePercent'])).toEqual({ kind: 'node', nodeKey: 'director' });
    expect(issueTarget(draft, ['nodes', 1, 'branches', 1, 'nodes', 0, 'approvers', 0, 'level'])).toEqual({ kind: 'node', nodeKey: 'manager' });
  });

  it('points branch issues at the branch, and branch-list issues at the node', () => {
    expect(issueTarget(draft, ['nodes', 1, 'branches', 0, 'condition', '<', 0])).toEqual({ kind: 'branch', nodeKey: 'by_discount', branchKey: 'below_90' });
    expect(issueTarget(draft, ['nodes', 1, 'branches', 1])).toEqual({ kind: 'branch', nodeKey: 'by_discount', branchKey: 'otherwise' });
    expect(issueTarget(draft, ['nodes', 1, 'branches'])).toEqual({ kind: 'node', nodeKey: 'by_discount' });
    expect(issueTarget(draft, ['nodes', 1, 'key'])).toEqual({ kind: 'node', nodeKey: 'by_discount' });
  });

  it('sends start and flow-level paths to the start card and the flow settings', () => {
    expect(issueTarget(draft, ['start', 'initiators', 0, 'userIds'])).toEqual({ kind: 'start' });
    expect(issueTarget(draft, ['formKey'])).toEqual({ kind: 'flow', field: 'formKey' });
    expect(issueTarget(draft, [])).toEqual({ kind: 'flow', field: undefined });
    expect(issueTarget(draft, ['nodes'])).toEqual({ kind: 'flow' });
    // Paths past the end of the tree stop at the deepest node that exists.
    expect(issueTarget(draft, ['nodes', 9, 'name'])).toEqual({ kind: 'flow' });
    expect(issueTarget(draft, ['nodes', 1, 'branches', 1, 'nodes', 7, 'name'])).toEqual({ kind: 'branch', nodeKey: 'by_discount', branchKey: 'otherwise' });
  });

  it('maps a VALIDATION_FAILED answer into designer issues', () => {
    const issues = mapServerIssues(draft, [
      { path: ['nodes', 1, 'branches', 1, 'nodes', 1, 'approvers'], code: 'NO_APPROVERS', message: 'at least one user source is required' },
      { path: ['formKey'], code: 'unknown_form', message: 'formKey must name a form of this app' },
    ]);
    expect(issues).toEqual([
      { target: { kind: 'node', nodeKey: 'legal' }, code: 'NO_APPROVERS', message: 'at least one user source is required', source: 'server' },
      { target: { kind: 'flow', field: 'formKey' }, code: 'unknown_form', message: 'formKey must name a form of this app', source: 'server' },
    ]);
  });

  it('has a text for every check and server code in both languages', () => {
    type Tree = { [key: string]: string | Tree };
    const has = (tree: Tree, key: string) => key.split('.').reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);
    const keys = [
      ...CLIENT_CHECK_CODES.map((code) => `flowDesigner.check.${code}`),
      ...SERVER_ISSUE_CODES.map((code) => `flowDesigner.serverIssue.${code}`),
    ];
    expect(keys.filter((key) => typeof has(zhCN as Tree, key) !== 'string' || typeof has(enUS as Tree, key) !== 'string')).toEqual([]);
  });
});

describe('server issues after edits', () => {
  it('stay while their node is unchanged and go once it is edited or removed', async () => {
    const { targetUnchanged } = await import('./issue-paths');
    const { removeNode, updateNode } = await import('./tree');
    const node = { kind: 'node' as const, nodeKey: 'legal' };
    const other = updateNode(draft, 'first', (current) => ({ ...current, name: '初审' }));
    expect(targetUnchanged(draft, other, node)).toBe(true);
    expect(targetUnchanged(draft, updateNode(draft, 'legal', (current) => ({ ...current, name: '法务部' })), node)).toBe(false);
    expect(targetUnchanged(draft, removeNode(draft, 'legal'), node)).toBe(false);
    expect(targetUnchanged(draft, { ...draft, formKey: 'contract' }, { kind: 'flow', field: 'formKey' })).toBe(false);
  });
});
