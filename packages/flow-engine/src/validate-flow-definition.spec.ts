import type { FieldResolver } from '@platform/condition';
import { validateFlowDefinition } from './validate-flow-definition';

const approvalNode = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  name: key,
  type: 'approval',
  approvers: [{ source: 'users', userIds: ['u1'] }],
  ...extra,
});
const definition = (nodes: unknown[], extra: Record<string, unknown> = {}) => ({ key: 'purchase', name: 'Purchase', formKey: 'purchase_request', version: 1, nodes, ...extra });
const fieldKeys = ['amount', 'note', 'due', 'customer'];
const codes = (value: unknown, options = { fieldKeys }) => validateFlowDefinition(value, options).map((issue) => [issue.code, issue.path.join('.')]);

describe('validateFlowDefinition', () => {
  it('accepts a complete definition', () => {
    const valid = definition(
      [
        approvalNode('manager', { mode: 'vote', votePercent: 60, fieldPermissions: { note: 'editable' }, deadline: { after: 'P1D' }, reminders: [{ at: 'before', offset: 'PT2H' }], onOverdue: 'escalate' }),
        {
          key: 'route',
          name: 'Route',
          type: 'condition',
          branches: [
            { key: 'big', name: 'Big', condition: { '>': [{ var: 'amount' }, 1000] }, nodes: [approvalNode('cfo')] },
            { key: 'other', name: 'Other', condition: null, nodes: [] },
          ],
        },
        { key: 'both', name: 'Both', type: 'parallel', branches: [{ key: 'l', name: 'L', condition: null, nodes: [approvalNode('legal')] }, { key: 'o', name: 'O', condition: null, nodes: [] }] },
        { key: 'inform', name: 'CC', type: 'cc', recipients: [{ source: 'initiator' }] },
        { key: 'wait', name: 'Wait', type: 'delay', untilField: 'due' },
        { key: 'book', name: 'Book', type: 'action', effects: [{ type: 'setFields', data: { note: 'ok' } }, { type: 'webhook', url: 'https://x.example/h' }] },
        { key: 'child', name: 'Child', type: 'subflow', flowKey: 'contract' },
        { key: 'linked', name: 'Linked', type: 'subflow', flowKey: 'contract', relationField: 'customer', onRejected: 'continue' },
      ],
      { start: { initiators: [{ source: 'roles', roleIds: ['sales'] }], fieldPermissions: { amount: 'required' } } },
    );
    expect(validateFlowDefinition(valid, { fieldKeys })).toEqual([]);
  });

  it.each<[string, unknown, (string | undefined)[][]]>([
    ['not an object', 'flow', [['INVALID_DEFINITION', '']]],
    ['nodes missing', { key: 'p', name: 'P', formKey: 'f', version: 1 }, [['INVALID_DEFINITION', 'nodes']]],
    ['an unknown node type', definition([{ key: 'x', name: 'X', type: 'robot' }]), [['UNKNOWN_NODE_TYPE', 'nodes.0.type']]],
    ['duplicate node keys, also across branches', definition([approvalNode('a'), { key: 'p', name: 'P', type: 'parallel', branches: [{ key: 'b', name: 'B', condition: null, nodes: [approvalNode('a')] }] }]), [['DUPLICATE_NODE_KEY', 'nodes.1.branches.0.nodes.0.key']]],
    ['the reserved key start', definition([approvalNode('start')]), [['RESERVED_NODE_KEY', 'nodes.0.key']]],
    ['a malformed key', definition([approvalNode('Bad Key')]), [['INVALID_VALUE', 'nodes.0.key']]],
    ['an approval node without approver sources', definition([approvalNode('a', { approvers: [] })]), [['NO_APPROVERS', 'nodes.0.approvers']]],
    ['an approval node with approvers missing', definition([{ key: 'a', name: 'A', type: 'approval' }]), [['NO_APPROVERS', 'nodes.0.approvers']]],
    ['an unknown approver source', definition([approvalNode('a', { approvers: [{ source: 'everyone' }] })]), [['INVALID_VALUE', 'nodes.0.approvers.0']]],
    ['a users source without ids', definition([approvalNode('a', { approvers: [{ source: 'users', userIds: [] }] })]), [['INVALID_VALUE', 'nodes.0.approvers.0.userIds']]],
    ['a field source naming an unknown field', definition([approvalNode('a', { approvers: [{ source: 'field', fieldKey: 'owner' }] })]), [['UNKNOWN_FIELD', 'nodes.0.approvers.0.fieldKey']]],
    ['votePercent 0', definition([approvalNode('a', { mode: 'vote', votePercent: 0 })]), [['VOTE_PERCENT_OUT_OF_RANGE', 'nodes.0.votePercent']]],
    ['votePercent 101', definition([approvalNode('a', { mode: 'vote', votePercent: 101 })]), [['VOTE_PERCENT_OUT_OF_RANGE', 'nodes.0.votePercent']]],
    ['vote without votePercent', definition([approvalNode('a', { mode: 'vote' })]), [['VOTE_PERCENT_OUT_OF_RANGE', 'nodes.0.votePercent']]],
    ['an unknown mode', definition([approvalNode('a', { mode: 'whoever' })]), [['INVALID_VALUE', 'nodes.0.mode']]],
    ['field permissions naming an unknown field', definition([approvalNode('a', { fieldPermissions: { amount: 'editable', ghost: 'required' } })]), [['UNKNOWN_FIELD', 'nodes.0.fieldPermissions.ghost']]],
    ['an unknown field permission', definition([approvalNode('a', { fieldPermissions: { amount: 'writable' } })]), [['INVALID_VALUE', 'nodes.0.fieldPermissions.amount']]],
    ['start permissions naming an unknown field', definition([], { start: { fieldPermissions: { ghost: 'editable' } } }), [['UNKNOWN_FIELD', 'start.fieldPermissions.ghost']]],
    ['a bad deadline duration', definition([approvalNode('a', { deadline: { after: '24 hours' } })]), [['INVALID_DURATION', 'nodes.0.deadline.after']]],
    ['onEmpty user without a user', definition([approvalNode('a', { onEmpty: 'user' })]), [['INVALID_VALUE', 'nodes.0.onEmptyUserId']]],
    ['a condition node without a default branch', definition([{ key: 'c', name: 'C', type: 'condition', branches: [{ key: 'b', name: 'B', condition: { '==': [{ var: 'amount' }, 1] }, nodes: [] }] }]), [['MISSING_DEFAULT_BRANCH', 'nodes.0.branches']]],
    [
      'branches after the default',
      definition([{ key: 'c', name: 'C', type: 'condition', branches: [{ key: 'd', name: 'D', condition: null, nodes: [] }, { key: 'b', name: 'B', condition: { '==': [{ var: 'amount' }, 1] }, nodes: [] }, { key: 'e', name: 'E', condition: null, nodes: [] }] }]),
      [['UNREACHABLE_BRANCH', 'nodes.0.branches.1'], ['UNREACHABLE_BRANCH', 'nodes.0.branches.2']],
    ],
    ['duplicate branch keys', definition([{ key: 'p', name: 'P', type: 'parallel', branches: [{ key: 'b', name: 'B', condition: null, nodes: [] }, { key: 'b', name: 'B', condition: null, nodes: [] }] }]), [['DUPLICATE_BRANCH_KEY', 'nodes.0.branches.1.key']]],
    ['a parallel branch with a condition', definition([{ key: 'p', name: 'P', type: 'parallel', branches: [{ key: 'b', name: 'B', condition: { '==': [{ var: 'amount' }, 1] }, nodes: [] }] }]), [['INVALID_CONDITION', 'nodes.0.branches.0.condition']]],
    ['a branch condition on an unknown field', definition([{ key: 'c', name: 'C', type: 'condition', branches: [{ key: 'b', name: 'B', condition: { '==': [{ var: 'ghost' }, 1] }, nodes: [] }, { key: 'd', name: 'D', condition: null, nodes: [] }] }]), [['UNKNOWN_FIELD', 'nodes.0.branches.0.condition']]],
    ['a delay with neither duration nor field', definition([{ key: 'w', name: 'W', type: 'delay' }]), [['INVALID_VALUE', 'nodes.0']]],
    ['an action with an unknown effect', definition([{ key: 'x', name: 'X', type: 'action', effects: [{ type: 'deleteEverything' }] }]), [['INVALID_VALUE', 'nodes.0.effects.0.type']]],
    ['a webhook without an http url', definition([{ key: 'x', name: 'X', type: 'action', effects: [{ type: 'webhook', url: 'ftp://x' }] }]), [['INVALID_VALUE', 'nodes.0.effects.0.url']]],
    ['a sub-flow without flowKey', definition([{ key: 's', name: 'S', type: 'subflow' }]), [['INVALID_VALUE', 'nodes.0.flowKey']]],
    ['a sub-flow bound through an unknown field', definition([{ key: 's', name: 'S', type: 'subflow', flowKey: 'x', relationField: 'ghost' }]), [['UNKNOWN_FIELD', 'nodes.0.relationField']]],
    ['a sub-flow with an unknown rejection rule', definition([{ key: 's', name: 'S', type: 'subflow', flowKey: 'x', onRejected: 'ignore' }]), [['INVALID_VALUE', 'nodes.0.onRejected']]],
    ['an issue nested deep in branches', definition([{ key: 'p', name: 'P', type: 'parallel', branches: [{ key: 'b', name: 'B', condition: null, nodes: [{ key: 'c', name: 'C', type: 'condition', branches: [{ key: 'd', name: 'D', condition: null, nodes: [approvalNode('x', { approvers: [] })] }] }] }] }]), [['NO_APPROVERS', 'nodes.0.branches.0.nodes.0.branches.0.nodes.0.approvers']]],
  ])('reports %s', (_label, value, expected) => {
    expect(codes(value)).toEqual(expected);
  });

  it('does not check field names without a field list', () => {
    expect(validateFlowDefinition(definition([approvalNode('a', { fieldPermissions: { ghost: 'editable' } })]))).toEqual([]);
  });

  it('parses branch conditions with the given resolver', () => {
    const resolveField: FieldResolver = (path) => (path === 'amount' ? { kind: 'number', sql: 't."amount"' } : undefined);
    const flow = definition([
      {
        key: 'c',
        name: 'C',
        type: 'condition',
        branches: [
          { key: 'a', name: 'A', condition: { contains: [{ var: 'amount' }, 'x'] }, nodes: [] },
          { key: 'b', name: 'B', condition: { '==': [{ var: 'ghost' }, 1] }, nodes: [] },
          { key: 'd', name: 'D', condition: null, nodes: [] },
        ],
      },
    ]);
    expect(validateFlowDefinition(flow, { resolveField }).map((issue) => [issue.code, issue.nodeKey])).toEqual([
      ['INVALID_CONDITION', 'c'],
      ['UNKNOWN_FIELD', 'c'],
    ]);
  });
});
