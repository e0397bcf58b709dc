import type { WithdrawPolicy } from './flow-definition';
import { FlowDriver, approval, flow } from './flow.fixture';

const definition = (withdraw?: WithdrawPolicy) =>
  flow([approval('a', ['a', 'a2'], { mode: 'countersign' }), approval('b', ['b'])], withdraw === undefined ? {} : { withdraw });

describe('withdraw', () => {
  it('before the first decision: ok, open tasks cancelled, their assignees told', () => {
    const driver = new FlowDriver(definition()).start();
    driver.ok({ type: 'withdraw', actorId: 'ini', comment: 'wrong amount' });
    expect(driver.status).toBe('withdrawn');
    expect(driver.current.tasks.map((task) => `${task.status}:${task.cancelReason}`)).toEqual(['cancelled:withdrawn', 'cancelled:withdrawn']);
    expect(driver.events().slice(-2)).toEqual(['withdrawn:start:ini', 'completed:-']);
    expect(driver.effects.map((effect) => effect.type)).toEqual(['cancelTask', 'cancelTask', 'completed', 'notify', 'unlockRecord']);
    expect(driver.effectsOf('notify')[0]).toMatchObject({ userIds: ['a', 'a2'], template: 'flow.withdrawn' });
  });

  it.each<[string, (driver: FlowDriver) => void]>([
    ['an approval', (driver) => driver.approve('a')],
    ['a rejection that did not end the node', (driver) => driver.ok({ type: 'reject', taskId: driver.taskOf('v1').id, actorId: 'v1' })],
  ])('after %s: WITHDRAW_NOT_ALLOWED', (label, act) => {
    const nodes = label.startsWith('an') ? definition() : flow([approval('vote', ['v1', 'v2', 'v3'], { mode: 'vote', votePercent: 50 })]);
    const driver = new FlowDriver(nodes).start();
    act(driver);
    expect(driver.send({ type: 'withdraw', actorId: 'ini' })).toMatchObject({ ok: false, code: 'WITHDRAW_NOT_ALLOWED' });
    expect(driver.status).toBe('running');
  });

  it('a transfer is not a decision', () => {
    const driver = new FlowDriver(definition()).start();
    driver.ok({ type: 'transfer', taskId: driver.taskOf('a').id, actorId: 'a', toUserId: 't' });
    expect(driver.send({ type: 'withdraw', actorId: 'ini' }).ok).toBe(true);
  });

  it.each<[string, ReturnType<typeof flow>, string]>([
    ['no approvers, policy pass', flow([approval('empty', []), approval('c', ['c'])]), 'approved:empty'],
    ['the initiator skipped', flow([approval('self', ['ini'], { onInitiator: 'skip' }), approval('c', ['c'])]), 'approved:self:ini'],
  ])('an automatic pass on arrival (%s) is not a decision', (_label, nodes, pass) => {
    const driver = new FlowDriver(nodes).start();
    expect(driver.events('approved')).toEqual([pass]);
    expect(driver.todo()).toEqual(['c']);
    expect(driver.send({ type: 'withdraw', actorId: 'ini' }).ok).toBe(true);
  });

  it('only the initiator can withdraw', () => {
    const driver = new FlowDriver(definition()).start();
    expect(driver.send({ type: 'withdraw', actorId: 'a' })).toMatchObject({ ok: false, code: 'NOT_INITIATOR' });
  });

  it('a returned flow can be withdrawn; after a resubmit the count starts again', () => {
    const driver = new FlowDriver(definition()).start().approve('a').approve('a2');
    driver.ok({ type: 'return', taskId: driver.taskOf('b').id, actorId: 'b' });
    expect(driver.status).toBe('returned');
    const returned = driver.current;
    expect(driver.send({ type: 'withdraw', actorId: 'ini' }).ok).toBe(true);
    driver.instance = returned;
    driver.ok({ type: 'resubmit', taskId: driver.taskOf('ini').id, actorId: 'ini' });
    expect(driver.send({ type: 'withdraw', actorId: 'ini' }).ok).toBe(true);
  });

  it.each<[WithdrawPolicy, boolean, boolean]>([
    ['beforeFirstDecision', true, false],
    ['whileRunning', true, true],
    ['never', false, false],
  ])('policy %s: before a decision %s, after %s', (policy, before, after) => {
    expect(new FlowDriver(definition(policy)).start().send({ type: 'withdraw', actorId: 'ini' }).ok).toBe(before);
    expect(new FlowDriver(definition(policy)).start().approve('a').send({ type: 'withdraw', actorId: 'ini' }).ok).toBe(after);
  });

  it('a finished flow cannot be withdrawn', () => {
    const driver = new FlowDriver(flow([approval('a', ['a'])])).start().approve('a');
    expect(driver.send({ type: 'withdraw', actorId: 'ini' })).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
  });
});
