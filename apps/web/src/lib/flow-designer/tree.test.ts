import { describe, expect, it } from 'vitest';
import { quoteDiscountFlow } from '../../test/sample-flow-design';
import { draftFromDefinition } from './draft';
import {
  addBranch, addDefaultBranch, allNodes, canMoveBranch, canRemoveBranch, createNode, findBranch, findNode, getChain, insertNode,
  locateNode, moveBranch, nodeKeys, normalizeBranches, removeBranch, removeNode, uniqueKey, updateBranch, updateNode, type NewNodeNames,
} from './tree';
import type { ConditionNode, FlowDraft, FlowNode } from './types';

const names: NewNodeNames = {
  node: (type) => `new ${type}`,
  branch: (type, n) => `${type} ${n}`,
  defaultBranch: 'otherwise',
};

const sample = (): FlowDraft => draftFromDefinition(quoteDiscountFlow());
const keysOf = (nodes: readonly FlowNode[]) => nodes.map((node) => node.key);
const branchKeys = (draft: FlowDraft, nodeKey: string) => {
  const node = findNode(draft, nodeKey);
  return node && 'branches' in node ? node.branches.map((branch) => branch.key) : [];
};

describe('flow tree operations', () => {
  it('finds nodes and chains anywhere in the tree', () => {
    const draft = sample();
    expect(locateNode(draft.nodes, 'manager')).toMatchObject({ chain: { nodeKey: 'by_discount', branchKey: 'otherwise' }, index: 0 });
    expect(locateNode(draft.nodes, 'by_discount')).toMatchObject({ chain: null, index: 0, parent: null });
    expect(getChain(draft, { nodeKey: 'by_discount', branchKey: 'below_90' })?.map((node) => node.key)).toEqual(['director']);
    expect(getChain(draft, { nodeKey: 'by_discount', branchKey: 'nope' })).toBeUndefined();
    expect(keysOf(allNodes(draft.nodes))).toEqual(['by_discount', 'director', 'manager']);
  });

  it('inserts into the top chain and into branches, keeping keys unique in the whole tree', () => {
    let draft = sample();
    const taken = nodeKeys(draft.nodes);
    draft = insertNode(draft, null, 0, createNode('approval', taken, names));
    draft = insertNode(draft, { nodeKey: 'by_discount', branchKey: 'below_90' }, 1, createNode('cc', nodeKeys(draft.nodes), names));
    // A node whose key is already used (here: a copy of "manager") gets a fresh one.
    draft = insertNode(draft, null, 99, { key: 'manager', type: 'cc', name: 'x', recipients: [] });
    expect(keysOf(draft.nodes)).toEqual(['approval', 'by_discount', 'manager_2']);
    expect(keysOf(getChain(draft, { nodeKey: 'by_discount', branchKey: 'below_90' }) ?? [])).toEqual(['director', 'cc']);
    expect(findNode(draft, 'approval')).toMatchObject({ type: 'approval', name: 'new approval', approvers: [] });
    const all = keysOf(allNodes(draft.nodes));
    expect(new Set(all).size).toBe(all.length);
  });

  it('renames nested keys of an inserted branching node when they clash', () => {
    const draft = sample();
    const copy: FlowNode = {
      key: 'by_discount', type: 'parallel', name: 'p',
      branches: [{ key: 'a', name: 'a', condition: null, nodes: [{ key: 'director', type: 'cc', name: 'c', recipients: [] }] }],
    };
    const next = insertNode(draft, null, 1, copy);
    expect(keysOf(next.nodes)).toEqual(['by_discount', 'by_discount_2']);
    expect(keysOf(getChain(next, { nodeKey: 'by_discount_2', branchKey: 'a' }) ?? [])).toEqual(['director_2']);
  });

  it('never hands out the reserved key start, and cleans bases', () => {
    expect(uniqueKey(new Set(), 'start')).toBe('start_2');
    expect(uniqueKey(new Set(['approval', 'approval_2']), 'approval')).toBe('approval_3');
    expect(uniqueKey(new Set(), '9 Big Deal!')).toBe('big_deal_');
    expect(uniqueKey(new Set(), '审批')).toBe('node');
  });

  it('removes nodes with their branches, and leaves the input alone', () => {
    const draft = sample();
    const withoutManager = removeNode(draft, 'manager');
    expect(getChain(withoutManager, { nodeKey: 'by_discount', branchKey: 'otherwise' })).toEqual([]);
    expect(findNode(draft, 'manager')).toBeDefined();
    expect(removeNode(draft, 'by_discount').nodes).toEqual([]);
    expect(removeNode(draft, 'nope')).toBe(draft);
  });

  it('updates a node or a branch but never its key', () => {
    const draft = sample();
    const renamed = updateNode(draft, 'director', (node) => ({ ...node, key: 'hacked', name: '总监' }));
    expect(findNode(renamed, 'director')?.name).toBe('总监');
    const branch = updateBranch(renamed, 'by_discount', 'below_90', (current) => ({ ...current, name: '八折以下', condition: { '<': [{ var: 'discount' }, 80] } }));
    expect(findBranch(branch, 'by_discount', 'below_90')?.branch).toMatchObject({ name: '八折以下', condition: { '<': [{ var: 'discount' }, 80] } });
  });

  it('adds condition branches before the default, which stays last; parallel branches at the end', () => {
    let draft = sample();
    const added = addBranch(draft, 'by_discount', names);
    draft = added.draft;
    expect(added.branchKey).toBe('branch_3');
    expect(branchKeys(draft, 'by_discount')).toEqual(['below_90', 'branch_3', 'otherwise']);
    expect(findBranch(draft, 'by_discount', 'branch_3')?.branch).toMatchObject({ name: 'condition 2', condition: { and: [] }, nodes: [] });

    draft = insertNode(draft, null, 1, createNode('parallel', nodeKeys(draft.nodes), names));
    draft = addBranch(draft, 'parallel', names).draft;
    expect(branchKeys(draft, 'parallel')).toEqual(['branch_1', 'branch_2', 'branch_3']);
    expect(findBranch(draft, 'parallel', 'branch_3')?.branch.condition).toBeNull();
  });

  it('moves branches left and right, but not past or with the default branch', () => {
    let draft = addBranch(sample(), 'by_discount', names).draft;
    const node = findNode(draft, 'by_discount');
    if (!node) throw new Error('missing');
    expect(canMoveBranch(node, 'below_90', -1)).toBe(false);
    expect(canMoveBranch(node, 'below_90', 1)).toBe(true);
    expect(canMoveBranch(node, 'branch_3', 1)).toBe(false);
    expect(canMoveBranch(node, 'otherwise', -1)).toBe(false);
    draft = moveBranch(draft, 'by_discount', 'below_90', 1);
    expect(branchKeys(draft, 'by_discount')).toEqual(['branch_3', 'below_90', 'otherwise']);
    expect(moveBranch(draft, 'by_discount', 'otherwise', -1)).toBe(draft);

    // Parallel branches have no default: any may move.
    let parallel = insertNode(draft, null, 0, createNode('parallel', nodeKeys(draft.nodes), names));
    parallel = moveBranch(parallel, 'parallel', 'branch_2', -1);
    expect(branchKeys(parallel, 'parallel')).toEqual(['branch_2', 'branch_1']);
  });

  it('removes branches; the default cannot go; the last other branch dissolves the node into the chain', () => {
    let draft = addBranch(sample(), 'by_discount', names).draft;
    const node = findNode(draft, 'by_discount');
    if (!node) throw new Error('missing');
    expect(canRemoveBranch(node, 'otherwise')).toBe(false);
    expect(removeBranch(draft, 'by_discount', 'otherwise')).toBe(draft);
    draft = removeBranch(draft, 'by_discount', 'branch_3');
    expect(branchKeys(draft, 'by_discount')).toEqual(['below_90', 'otherwise']);
    // Two branches left: removing the condition keeps the default path in place of the node.
    draft = insertNode(draft, null, 1, { key: 'notify', type: 'cc', name: '抄送', recipients: [{ source: 'initiator' }] });
    draft = removeBranch(draft, 'by_discount', 'below_90');
    expect(keysOf(draft.nodes)).toEqual(['manager', 'notify']);

    // Inside a branch too.
    let nested = insertNode(sample(), { nodeKey: 'by_discount', branchKey: 'below_90' }, 0, createNode('parallel', new Set(), names));
    nested = insertNode(nested, { nodeKey: 'parallel', branchKey: 'branch_2' }, 0, { key: 'legal', type: 'approval', name: '法务', approvers: [{ source: 'initiator' }] });
    nested = removeBranch(nested, 'parallel', 'branch_1');
    expect(keysOf(getChain(nested, { nodeKey: 'by_discount', branchKey: 'below_90' }) ?? [])).toEqual(['legal', 'director']);
  });

  it('puts default branches last when loading, and adds a missing default', () => {
    const loaded: FlowNode[] = [{
      key: 'route', type: 'condition', name: 'r',
      branches: [
        { key: 'other', name: 'o', condition: null, nodes: [] },
        { key: 'big', name: 'b', condition: { '>': [{ var: 'amount' }, 1] }, nodes: [] },
      ],
    }];
    const normalized = normalizeBranches(loaded);
    expect((normalized[0] as { branches: { key: string }[] }).branches.map((branch) => branch.key)).toEqual(['big', 'other']);

    const route = loaded[0] as ConditionNode;
    const noDefault: FlowDraft = { key: 'f', name: 'f', formKey: 'quote', nodes: [{ ...route, branches: [route.branches[1]] }] };
    const fixed = addDefaultBranch(noDefault, 'route', '其他情况');
    expect(branchKeys(fixed, 'route')).toEqual(['big', 'otherwise']);
    expect(addDefaultBranch(fixed, 'route', 'x')).toBe(fixed);
  });

  it('creates each node type with sensible defaults', () => {
    const taken = new Set(['approval']);
    expect(createNode('approval', taken, names)).toEqual({ key: 'approval_2', type: 'approval', name: 'new approval', approvers: [] });
    expect(createNode('handler', taken, names)).toMatchObject({ type: 'handler', approvers: [] });
    expect(createNode('cc', taken, names)).toMatchObject({ type: 'cc', recipients: [] });
    expect(createNode('delay', taken, names)).toMatchObject({ type: 'delay', duration: 'P1D' });
    const condition = createNode('condition', taken, names);
    expect(condition).toMatchObject({ branches: [{ key: 'branch_1', condition: { and: [] } }, { key: 'otherwise', condition: null, name: 'otherwise' }] });
  });
});
