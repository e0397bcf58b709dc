import type { ResubmitPolicy } from './flow-definition';
import { FlowDriver, approval, branch, flow } from './flow.fixture';
import { listReturnTargets } from './list-return-targets';

const chain = (resubmit?: ResubmitPolicy) => flow([approval('a', ['a']), approval('b', ['b'], { resubmit }), approval('c', ['c'])]);

function returnTask(driver: FlowDriver, userId: string, toNodeKey?: string) {
  return driver.send({ type: 'return', taskId: driver.taskOf(userId).id, actorId: userId, comment: 'please fix', toNodeKey });
}

function resubmit(driver: FlowDriver, data?: Record<string, unknown>) {
  return driver.send({ type: 'resubmit', taskId: driver.taskOf('ini').id, actorId: 'ini', data });
}

describe('return to the initiator and resubmit', () => {
  it('return gives the initiator a resubmit task on node start and cancels the open tasks', () => {
    const driver = new FlowDriver(flow([approval('a', ['a', 'a2'], { mode: 'countersign' })])).start();
    expect(returnTask(driver, 'a').ok).toBe(true);
    expect(driver.status).toBe('returned');
    expect(driver.todo()).toEqual(['ini']);
    expect(driver.taskOf('ini')).toMatchObject({ nodeKey: 'start', kind: 'resubmit' });
    expect(driver.current.tasks.find((task) => task.assigneeId === 'a2')).toMatchObject({ status: 'cancelled', cancelReason: 'returned' });
    expect(driver.current.history.find((entry) => entry.event === 'returned')).toMatchObject({ nodeKey: 'a', actorId: 'a', toNodeKey: 'start', comment: 'please fix' });
  });

  it.each<[ResubmitPolicy | undefined, string[]]>([
    [undefined, ['a']],
    ['rerun', ['a']],
    ['jumpBack', ['b']],
  ])('resubmit with policy %s continues at %j', (policy, open) => {
    const driver = new FlowDriver(chain(policy)).start().approve('a');
    returnTask(driver, 'b');
    expect(resubmit(driver).ok).toBe(true);
    expect(driver.status).toBe('running');
    expect(driver.todo()).toEqual(open);
    expect(driver.current.returnedFrom).toBeNull();
    expect(driver.events('returned', 'resubmitted')).toEqual(['returned:b:b', 'resubmitted:start:ini']);
    for (const userId of ['a', 'b', 'c'].slice(['a', 'b', 'c'].indexOf(open[0]))) driver.approve(userId);
    expect(driver.status).toBe('approved');
  });

  it('jumpBack inside a parallel node brings back every path that was open, and only those', () => {
    const definition = flow([
      { key: 'split', name: 'split', type: 'parallel', branches: [branch('p1', [approval('x', ['x'])]), branch('p2', [approval('y', ['y'], { resubmit: 'jumpBack' })]), branch('p3', [approval('w', ['w'])])] },
    ]);
    const driver = new FlowDriver(definition).start().approve('x');
    expect(driver.todo()).toEqual(['y', 'w']);
    returnTask(driver, 'y');
    resubmit(driver);
    expect(driver.todo()).toEqual(['y', 'w']);
    driver.approve('y').approve('w');
    expect(driver.status).toBe('approved');
  });

  it('resubmit data follows the start step permissions', () => {
    const definition = { ...chain(), start: { fieldPermissions: { amount: 'editable' as const, reason: 'required' as const } } };
    const driver = new FlowDriver(definition).start();
    returnTask(driver, 'a');
    expect(driver.effectsOf('lockRecord')).toEqual([{ type: 'lockRecord', editableFields: ['amount', 'reason'], editors: [{ userId: 'ini', fields: ['amount', 'reason'] }] }]);
    expect(resubmit(driver, { owner: 'x', reason: 'r' })).toMatchObject({ ok: false, code: 'FIELD_NOT_EDITABLE' });
    expect(resubmit(driver, { amount: 5 })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { fields: ['reason'] } });
    expect(resubmit(driver, { amount: 5, reason: 'cheaper now' }).ok).toBe(true);
    expect(driver.effectsOf('setFields')).toEqual([{ type: 'setFields', data: { amount: 5, reason: 'cheaper now' } }]);
  });

  it('only the initiator resubmits, and only with resubmit', () => {
    const driver = new FlowDriver(chain()).start();
    returnTask(driver, 'a');
    const taskId = driver.taskOf('ini').id;
    expect(driver.send({ type: 'resubmit', taskId, actorId: 'a' })).toMatchObject({ ok: false, code: 'NOT_ASSIGNEE' });
    expect(driver.send({ type: 'approve', taskId, actorId: 'ini' })).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
  });
});

describe('return to a passed node', () => {
  it('re-runs from that node and then through the nodes after it', () => {
    const driver = new FlowDriver(chain()).start().approve('a').approve('b');
    expect(returnTask(driver, 'c', 'a').ok).toBe(true);
    expect(driver.status).toBe('running');
    expect(driver.todo()).toEqual(['a']);
    expect(driver.current.history.filter((entry) => entry.event === 'returned')).toEqual([expect.objectContaining({ nodeKey: 'c', toNodeKey: 'a' })]);
    driver.approve('a');
    expect(driver.todo()).toEqual(['b']);
    driver.approve('b').approve('c');
    expect(driver.status).toBe('approved');
  });

  it('dedupe does not pass the approvers of a node that was returned to', () => {
    const definition = flow([approval('a', ['a'], { dedupe: true }), approval('b', ['b'])]);
    const driver = new FlowDriver(definition).start().approve('a');
    returnTask(driver, 'b', 'a');
    expect(driver.todo()).toEqual(['a']);
  });

  it.each<[string, string]>([
    ['a node not passed yet', 'c'],
    ['the node itself', 'b'],
    ['an unknown node', 'nope'],
  ])('refuses %s', (_label, target) => {
    const driver = new FlowDriver(chain()).start().approve('a');
    expect(returnTask(driver, 'b', target)).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
  });

  const parallel = flow([
    approval('first', ['f']),
    { key: 'split', name: 'split', type: 'parallel', branches: [branch('p1', [approval('x1', ['x1']), approval('x2', ['x2'])]), branch('p2', [approval('y', ['y'])])] },
    approval('last', ['l']),
  ]);

  it('inside a parallel branch, only that branch goes back', () => {
    const driver = new FlowDriver(parallel).start().approve('f').approve('x1');
    expect(driver.todo()).toEqual(['y', 'x2']);
    returnTask(driver, 'x2', 'x1');
    expect(driver.todo()).toEqual(['y', 'x1']);
    driver.approve('y').approve('x1');
    expect(driver.todo()).toEqual(['x2']);
    driver.approve('x2');
    expect(driver.todo()).toEqual(['l']);
  });

  it('from after a parallel node into one branch: that branch re-runs, the others count as done', () => {
    const driver = new FlowDriver(parallel).start().approve('f').approve('x1').approve('x2').approve('y');
    expect(returnTask(driver, 'l', 'x2').ok).toBe(true);
    expect(driver.todo()).toEqual(['x2']);
    driver.approve('x2');
    expect(driver.todo()).toEqual(['l']);
  });

  it('from inside a parallel branch to a node before the parallel node: every path goes back', () => {
    const driver = new FlowDriver(parallel).start().approve('f').approve('x1');
    returnTask(driver, 'y', 'first');
    expect(driver.todo()).toEqual(['f']);
    expect(driver.current.tokens).toHaveLength(1);
    driver.approve('f');
    expect(driver.todo()).toEqual(['x1', 'y']);
  });

  it('lists where a task may return to', () => {
    const driver = new FlowDriver(parallel).start().approve('f').approve('x1');
    const targets = (userId: string) => listReturnTargets(parallel, driver.current, driver.taskOf(userId).id);
    expect(targets('x2')).toEqual(['start', 'first', 'x1']);
    expect(targets('y')).toEqual(['start', 'first']);
    expect(returnTask(driver, 'y', 'x1')).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
    expect(listReturnTargets(parallel, driver.current, 'nope')).toEqual([]);
  });
});
