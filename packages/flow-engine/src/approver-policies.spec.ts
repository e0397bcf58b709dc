import type { ApprovalMode, ApprovalNode, ApproverSource, EmptyApproverPolicy, InitiatorApproverPolicy } from './flow-definition';
import { FlowDriver, approval, flow, makeContext, users, type Org } from './flow.fixture';

const org: Org = {
  roles: { finance: ['f1', 'f2'], empty: [] },
  managers: { ini: 'm1', m1: 'm2', a: 'ma' },
  heads: { ini: 'head' },
};

describe('approver sources', () => {
  it.each<[string, ApproverSource[], string[]]>([
    ['named users', [users('u1', 'u2')], ['u1', 'u2']],
    ['roles', [{ source: 'roles', roleIds: ['finance'] }], ['f1', 'f2']],
    ['the direct manager', [{ source: 'manager', level: 1 }], ['m1']],
    ['the manager two levels up', [{ source: 'manager', level: 2 }], ['m2']],
    ['the department head', [{ source: 'departmentHead' }], ['head']],
    ['a member field of the record', [{ source: 'field', fieldKey: 'reviewers' }], ['r1', 'r2']],
    ['the initiator', [{ source: 'initiator' }], ['ini']],
    ['the initiator picks', [{ source: 'initiatorPicks' }], ['p1']],
    ['several sources, each user once, in source order', [users('f2', 'u1'), { source: 'roles', roleIds: ['finance'] }], ['f2', 'u1', 'f1']],
  ])('%s', (_label, approvers, expected) => {
    const definition = flow([{ ...approval('review', [], { mode: 'countersign' }), approvers }]);
    const driver = new FlowDriver(definition, makeContext({ org, record: { reviewers: ['r1', 'r2'] } })).start('ini', { review: ['p1'] });
    expect(driver.todo()).toEqual(expected);
  });

  it.each<[string, boolean]>([
    ['ini', true],
    ['f1', true],
    ['stranger', false],
  ])('start by %s allowed: %s', (initiatorId, allowed) => {
    const definition = flow([approval('a', ['a'])], { start: { initiators: [{ source: 'roles', roleIds: ['finance'] }, { source: 'users', userIds: ['ini'] }] } });
    const result = new FlowDriver(definition, makeContext({ org })).send({ type: 'start', recordId: 'r', initiatorId });
    expect(result.ok ? 'ok' : result.code).toBe(allowed ? 'ok' : 'START_NOT_ALLOWED');
  });
});

describe('empty approvers', () => {
  it.each<[EmptyApproverPolicy | undefined, Partial<ApprovalNode>, string | null, string[], string]>([
    [undefined, {}, 'admin', [], 'approved'],
    ['pass', {}, 'admin', [], 'approved'],
    ['admin', {}, 'admin', ['admin'], 'running'],
    ['admin', {}, null, [], 'rejected'],
    ['user', { onEmptyUserId: 'backup' }, 'admin', ['backup'], 'running'],
    ['user', {}, 'admin', [], 'rejected'],
    ['reject', {}, 'admin', [], 'rejected'],
  ])('policy %s %j (admin %s): tasks %j, status %s', (onEmpty, extra, admin, open, status) => {
    const definition = flow([approval('review', [], { ...extra, onEmpty, approvers: [{ source: 'roles', roleIds: ['empty'] }] })]);
    const driver = new FlowDriver(definition, makeContext({ org: { ...org, admin } })).start();
    expect(driver.todo()).toEqual(open);
    expect(driver.status).toBe(status);
    if (status !== 'running') expect(driver.current.history.find((entry) => entry.auto === 'empty')).toMatchObject({ nodeKey: 'review', actorId: null });
  });
});

describe('approver is the initiator', () => {
  it.each<[InitiatorApproverPolicy | undefined, ApprovalMode, string[], string[], string]>([
    [undefined, 'sequential', ['ini', 'b'], ['ini'], 'running'],
    ['self', 'countersign', ['ini', 'b'], ['ini', 'b'], 'running'],
    ['skip', 'sequential', ['ini', 'b'], ['b'], 'running'],
    ['skip', 'sequential', ['b', 'ini'], ['b'], 'running'],
    ['skip', 'countersign', ['ini', 'b'], ['b'], 'running'],
    ['skip', 'anySign', ['ini', 'b'], [], 'approved'],
    ['skip', 'sequential', ['ini'], [], 'approved'],
    ['manager', 'countersign', ['ini', 'b'], ['m1', 'b'], 'running'],
    ['manager', 'countersign', ['ini', 'm1'], ['m1'], 'running'],
  ])('policy %s, %s %j: tasks %j, status %s', (onInitiator, mode, approvers, open, status) => {
    const definition = flow([approval('review', approvers, { mode, onInitiator })]);
    const driver = new FlowDriver(definition, makeContext({ org })).start('ini');
    expect(driver.todo()).toEqual(open);
    expect(driver.status).toBe(status);
  });

  it('skip passes the initiator again when a sequential chain reaches them', () => {
    const definition = flow([approval('review', ['b', 'ini', 'c'], { onInitiator: 'skip' })]);
    const driver = new FlowDriver(definition).start('ini').approve('b');
    expect(driver.todo()).toEqual(['c']);
    expect(driver.current.history.find((entry) => entry.auto === 'initiator')).toMatchObject({ actorId: 'ini', event: 'approved' });
  });

  it('manager without a manager falls to the empty-approver policy', () => {
    const definition = flow([approval('review', ['loner'], { onInitiator: 'manager', onEmpty: 'admin' })]);
    const driver = new FlowDriver(definition, makeContext({ org })).start('loner');
    expect(driver.todo()).toEqual(['admin']);
  });
});

describe('dedupe', () => {
  it.each<[boolean, ApprovalMode, string[], string[]]>([
    [true, 'sequential', ['a', 'x'], ['x']],
    [true, 'countersign', ['a', 'b'], ['b']],
    [true, 'anySign', ['a', 'b'], ['next']],
    [true, 'vote', ['a', 'b', 'c'], ['b', 'c']],
    [false, 'countersign', ['a', 'b'], ['a', 'b']],
  ])('dedupe %s, %s %j after a approved: tasks %j', (dedupe, mode, approvers, open) => {
    const definition = flow([approval('first', ['a']), approval('second', approvers, { mode, dedupe, votePercent: 60 }), approval('next', ['next'])]);
    const driver = new FlowDriver(definition).start().approve('a');
    expect(driver.todo()).toEqual(open);
    if (dedupe) expect(driver.current.history.filter((entry) => entry.auto === 'dedupe')).toEqual([expect.objectContaining({ nodeKey: 'second', actorId: 'a' })]);
  });

  it('in a sequential chain the approver who already approved is passed when their turn comes', () => {
    const definition = flow([approval('first', ['a']), approval('second', ['x', 'a', 'y'], { dedupe: true })]);
    const driver = new FlowDriver(definition).start().approve('a').approve('x');
    expect(driver.todo()).toEqual(['y']);
  });

  it('a rejection earlier does not count', () => {
    const definition = flow([approval('first', ['a', 'b'], { mode: 'vote', votePercent: 50 }), approval('second', ['a'], { dedupe: true })]);
    const driver = new FlowDriver(definition).start().reject('a').approve('b');
    expect(driver.todo()).toEqual(['a']);
  });
});
