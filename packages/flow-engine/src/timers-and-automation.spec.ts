import type { OverduePolicy } from './flow-definition';
import { FlowDriver, T0, approval, flow, makeContext, users } from './flow.fixture';

const hoursAfterT0 = (hours: number) => new Date(T0.getTime() + hours * 3_600_000).toISOString();

describe('deadlines and reminders', () => {
  it('a deadline after a duration sets dueAt and schedules the timeout', () => {
    const driver = new FlowDriver(flow([approval('review', ['a'], { deadline: { after: 'PT24H' } })])).start();
    const task = driver.taskOf('a');
    expect(task.dueAt).toBe(hoursAfterT0(24));
    expect(driver.effectsOf('scheduleDeadline')).toEqual([{ type: 'scheduleDeadline', taskId: task.id, at: hoursAfterT0(24) }]);
  });

  it.each<[unknown, string | undefined]>([
    ['2024-05-03', '2024-05-03T16:00:00.000Z'],
    ['2024-05-03T10:00:00+08:00', '2024-05-03T02:00:00.000Z'],
    ['', undefined],
    ['soon', undefined],
  ])('a deadline from a field holding %j is %s', (value, dueAt) => {
    const definition = flow([approval('review', ['a'], { deadline: { field: 'due' } })]);
    const driver = new FlowDriver(definition, makeContext({ record: { due: value } })).start();
    expect(driver.taskOf('a').dueAt).toBe(dueAt);
  });

  it('reminders before, at and after the deadline, repeating', () => {
    const definition = flow([
      approval('review', ['a'], {
        deadline: { after: 'PT24H' },
        reminders: [
          { at: 'before', offset: 'PT2H' },
          { at: 'at' },
          { at: 'after', offset: 'PT1H', repeat: 'PT4H', times: 3 },
        ],
      }),
    ]);
    const driver = new FlowDriver(definition).start();
    expect(driver.effectsOf('scheduleReminder').map((effect) => effect.at)).toEqual([
      hoursAfterT0(22),
      hoursAfterT0(24),
      hoursAfterT0(25),
      hoursAfterT0(29),
      hoursAfterT0(33),
    ]);
  });

  it('without a deadline, only after-reminders apply, counted from the task creation', () => {
    const definition = flow([approval('review', ['a'], { reminders: [{ at: 'before', offset: 'PT1H' }, { at: 'after', offset: 'PT8H' }] })]);
    expect(new FlowDriver(definition).start().effectsOf('scheduleReminder').map((effect) => effect.at)).toEqual([hoursAfterT0(8)]);
  });
});

describe('overdue', () => {
  const definition = (onOverdue: OverduePolicy) =>
    flow([approval('review', ['a', 'b'], { mode: 'countersign', onOverdue, deadline: { after: 'PT8H' } }), approval('next', ['n'])]);

  it.each<[OverduePolicy, string[], string, string[]]>([
    ['approve', ['b'], 'running', []],
    ['reject', [], 'rejected', ['ini']],
    ['escalate', ['b', 'ma'], 'running', []],
    ['notify', ['a', 'b'], 'running', ['a', 'ini']],
  ])('%s: open tasks %j, status %s, notified %j', (policy, open, status, notified) => {
    const driver = new FlowDriver(definition(policy), makeContext({ org: { managers: { a: 'ma' } } })).start();
    driver.context.clock.now = new Date(hoursAfterT0(8));
    driver.ok({ type: 'timeout', taskId: driver.taskOf('a').id });
    expect(driver.todo()).toEqual(open);
    expect(driver.status).toBe(status);
    expect(driver.effectsOf('notify').flatMap((effect) => effect.userIds)).toEqual(notified);
    expect(driver.events('overdue')).toEqual(['overdue:review']);
  });

  it('auto-approval is logged as such and the node goes on when the others approve', () => {
    const driver = new FlowDriver(definition('approve')).start();
    driver.ok({ type: 'timeout', taskId: driver.taskOf('a').id });
    expect(driver.current.history.find((entry) => entry.event === 'approved')).toMatchObject({ actorId: null, auto: 'overdue' });
    driver.approve('b');
    expect(driver.todo()).toEqual(['n']);
  });

  it('escalation to the manager gives the manager a fresh deadline', () => {
    const driver = new FlowDriver(definition('escalate'), makeContext({ org: { managers: { a: 'ma' } } })).start();
    driver.context.clock.now = new Date(hoursAfterT0(8));
    driver.ok({ type: 'timeout', taskId: driver.taskOf('a').id });
    expect(driver.taskOf('ma').dueAt).toBe(hoursAfterT0(16));
    expect(driver.current.history.find((entry) => entry.event === 'transferred')).toMatchObject({ userId: 'ma', auto: 'overdue', actorId: null });
  });

  it('escalation without a manager notifies instead', () => {
    const driver = new FlowDriver(definition('escalate')).start();
    driver.ok({ type: 'timeout', taskId: driver.taskOf('a').id });
    expect(driver.todo()).toEqual(['a', 'b']);
    expect(driver.effectsOf('notify')).toEqual([expect.objectContaining({ template: 'flow.overdue', userIds: ['a', 'ini'] })]);
  });

  it.each<[string, OverduePolicy, boolean]>([
    ['policy none', 'none', false],
    ['a task already done', 'reject', true],
  ])('a timeout with %s changes nothing', (_label, policy, approveFirst) => {
    const driver = new FlowDriver(definition(policy)).start();
    const taskId = driver.taskOf('a').id;
    if (approveFirst) driver.approve('a');
    const before = driver.current;
    expect(driver.send({ type: 'timeout', taskId })).toEqual({ ok: true, instance: before, effects: [] });
  });
});

describe('delay, action, sub-flow and cc nodes', () => {
  it('a delay waits for delayElapsed', () => {
    const driver = new FlowDriver(flow([{ key: 'cool_off', name: 'wait', type: 'delay', duration: 'PT2H' }, approval('a', ['a'])])).start();
    expect(driver.effectsOf('scheduleDelay')).toEqual([{ type: 'scheduleDelay', nodeKey: 'cool_off', at: hoursAfterT0(2) }]);
    expect(driver.todo()).toEqual([]);
    expect(driver.send({ type: 'delayElapsed', nodeKey: 'other' })).toMatchObject({ ok: true, effects: [] });
    driver.ok({ type: 'delayElapsed', nodeKey: 'cool_off' });
    expect(driver.todo()).toEqual(['a']);
    expect(driver.send({ type: 'delayElapsed', nodeKey: 'cool_off' })).toMatchObject({ ok: true, effects: [] });
  });

  it.each<[unknown, boolean]>([
    ['2024-05-10', true],
    ['2024-04-01', false],
    [null, false],
  ])('a delay until a field holding %j waits: %s', (value, waits) => {
    const definition = flow([{ key: 'hold', name: 'hold', type: 'delay', untilField: 'start_date' }, approval('a', ['a'])]);
    const driver = new FlowDriver(definition, makeContext({ record: { start_date: value } })).start();
    expect(driver.todo()).toEqual(waits ? [] : ['a']);
    if (waits) expect(driver.effectsOf('scheduleDelay')[0].at).toBe('2024-05-09T16:00:00.000Z');
  });

  it('an action node emits its effects in order and goes on', () => {
    const definition = flow([
      {
        key: 'book',
        name: 'book',
        type: 'action',
        effects: [
          { type: 'setFields', data: { stage: 'approved_pending' } },
          { type: 'notify', recipients: [users('ops'), { source: 'initiator' }], template: 'purchase.booked' },
          { type: 'webhook', url: 'https://erp.example.com/hook' },
        ],
      },
      approval('a', ['a']),
    ]);
    const driver = new FlowDriver(definition).start();
    expect(driver.effects.filter((effect) => ['setFields', 'notify', 'webhook'].includes(effect.type))).toEqual([
      { type: 'setFields', data: { stage: 'approved_pending' } },
      { type: 'notify', userIds: ['ops', 'ini'], template: 'purchase.booked', data: { instanceId: 'id1', flowKey: 'purchase', recordId: 'rec1', nodeKey: 'book' } },
      { type: 'webhook', url: 'https://erp.example.com/hook', payload: { instanceId: 'id1', flowKey: 'purchase', recordId: 'rec1', nodeKey: 'book' } },
    ]);
    expect(driver.todo()).toEqual(['a']);
  });

  it.each<['approved' | 'rejected' | 'withdrawn', 'reject' | 'continue' | undefined, string, string[]]>([
    ['approved', undefined, 'running', ['a']],
    ['rejected', undefined, 'rejected', []],
    ['withdrawn', undefined, 'rejected', []],
    ['rejected', 'reject', 'rejected', []],
    ['rejected', 'continue', 'running', ['a']],
    ['withdrawn', 'continue', 'running', ['a']],
  ])('a sub-flow that ends %s under onRejected %s leaves this instance %s', (status, onRejected, expected, todo) => {
    const child = { key: 'child', name: 'child', type: 'subflow' as const, flowKey: 'contract_review', ...(onRejected ? { onRejected } : {}) };
    const driver = new FlowDriver(flow([child, approval('a', ['a'])])).start();
    const [started] = driver.effectsOf('startSubflow');
    expect(started).toEqual({ type: 'startSubflow', nodeKey: 'child', visitId: expect.any(String), flowKey: 'contract_review', recordId: 'rec1', initiatorId: 'ini' });
    expect(driver.todo()).toEqual([]);
    driver.ok({ type: 'subflowCompleted', nodeKey: 'child', status, visitId: started.visitId });
    expect(driver.status).toBe(expected);
    expect(driver.todo()).toEqual(todo);
  });

  it('a sub-flow bound through a relation field names it; a completion of another visit of the node changes nothing', () => {
    const driver = new FlowDriver(flow([{ key: 'child', name: 'child', type: 'subflow', flowKey: 'review', relationField: 'customer' }, approval('a', ['a'])])).start();
    const [started] = driver.effectsOf('startSubflow');
    expect(started).toMatchObject({ relationField: 'customer', recordId: 'rec1' });
    driver.ok({ type: 'subflowCompleted', nodeKey: 'child', status: 'rejected', visitId: 'another-visit' });
    expect(driver.status).toBe('running');
    expect(driver.todo()).toEqual([]);
    driver.ok({ type: 'subflowCompleted', nodeKey: 'child', status: 'approved', visitId: started.visitId });
    expect(driver.todo()).toEqual(['a']);
  });

  it('a cc node creates done cc tasks, notifies and does not wait', () => {
    const driver = new FlowDriver(flow([{ key: 'inform', name: 'cc', type: 'cc', recipients: [users('c1', 'c2')] }, approval('a', ['a'])])).start();
    expect(driver.current.tasks.filter((task) => task.kind === 'cc').map((task) => `${task.assigneeId}:${task.status}`)).toEqual(['c1:done', 'c2:done']);
    expect(driver.effectsOf('notify')).toEqual([expect.objectContaining({ userIds: ['c1', 'c2'], template: 'flow.cc' })]);
    expect(driver.todo()).toEqual(['a']);
  });
});
