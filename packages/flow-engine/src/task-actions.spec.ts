import type { ApprovalMode } from './flow-definition';
import { FlowDriver, approval, flow, makeContext } from './flow.fixture';

const single = (mode: ApprovalMode, userIds: string[]) => flow([approval('review', userIds, { mode })]);

describe('transfer versus delegate', () => {
  it('transfer: the new assignee decides and the original is out', () => {
    const driver = new FlowDriver(single('sequential', ['a', 'b'])).start();
    driver.ok({ type: 'transfer', taskId: driver.taskOf('a').id, actorId: 'a', toUserId: 't', comment: 'on leave' });
    expect(driver.todo()).toEqual(['t']);
    expect(driver.taskOf('t').next).toEqual(['b']);
    driver.approve('t');
    expect(driver.todo()).toEqual(['b']);
    expect(driver.events('transferred', 'approved')).toEqual(['transferred:review:a', 'approved:review:t']);
  });

  it('delegate: the delegate acts, then the task comes back to the delegator to decide', () => {
    const driver = new FlowDriver(single('sequential', ['a', 'b'])).start();
    driver.ok({ type: 'delegate', taskId: driver.taskOf('a').id, actorId: 'a', toUserId: 'd' });
    expect(driver.taskOf('d').delegatedFrom).toBe('a');
    driver.reject('d', 'looks wrong to me');
    expect(driver.status).toBe('running');
    expect(driver.todo()).toEqual(['a']);
    driver.approve('a');
    expect(driver.todo()).toEqual(['b']);
    expect(driver.events('delegated', 'delegateReplied', 'approved', 'rejected')).toEqual([
      'delegated:review:a',
      'delegateReplied:review:d',
      'approved:review:a',
    ]);
    expect(driver.current.history.find((entry) => entry.event === 'delegateReplied')?.decision).toBe('rejected');
  });

  it.each<['return' | 'transfer' | 'addSigner']>([['return'], ['transfer'], ['addSigner']])('a delegate cannot %s', (action) => {
    const driver = new FlowDriver(single('sequential', ['a'])).start();
    driver.ok({ type: 'delegate', taskId: driver.taskOf('a').id, actorId: 'a', toUserId: 'd' });
    const taskId = driver.taskOf('d').id;
    const result =
      action === 'return'
        ? driver.send({ type: 'return', taskId, actorId: 'd' })
        : action === 'transfer'
          ? driver.send({ type: 'transfer', taskId, actorId: 'd', toUserId: 'x' })
          : driver.send({ type: 'addSigner', taskId, actorId: 'd', toUserId: 'x', position: 'after' });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
  });

  it.each<[string, string, string]>([
    ['to oneself', 'a', 'INVALID_EVENT'],
    ['to someone with an open task on the node', 'b', 'INVALID_EVENT'],
  ])('transfer %s is refused', (_label, toUserId, code) => {
    const driver = new FlowDriver(single('countersign', ['a', 'b'])).start();
    expect(driver.send({ type: 'transfer', taskId: driver.taskOf('a').id, actorId: 'a', toUserId })).toMatchObject({ ok: false, code });
  });
});

describe('add signer', () => {
  it('before, in a sequential node: the signer decides first, then the task comes back', () => {
    const driver = new FlowDriver(single('sequential', ['a', 'b'])).start();
    driver.ok({ type: 'addSigner', taskId: driver.taskOf('a').id, actorId: 'a', toUserId: 's', position: 'before' });
    expect(driver.todo()).toEqual(['s']);
    driver.approve('s');
    expect(driver.todo()).toEqual(['a']);
    driver.approve('a');
    expect(driver.todo()).toEqual(['b']);
  });

  it('after, in a sequential node: the signer decides after the assignee, before the next one', () => {
    const driver = new FlowDriver(single('sequential', ['a', 'b'])).start();
    driver.ok({ type: 'addSigner', taskId: driver.taskOf('a').id, actorId: 'a', toUserId: 's', position: 'after' });
    expect(driver.todo()).toEqual(['a']);
    driver.approve('a');
    expect(driver.todo()).toEqual(['s']);
    driver.approve('s');
    expect(driver.todo()).toEqual(['b']);
    driver.approve('b');
    expect(driver.status).toBe('approved');
  });

  it.each<['before' | 'after', string[]]>([
    ['before', ['s', 'a']],
    ['after', ['a', 's']],
  ])('%s, in a countersign node: the signer joins the seat, which needs both', (position, order) => {
    const driver = new FlowDriver(single('countersign', ['a', 'b'])).start();
    driver.ok({ type: 'addSigner', taskId: driver.taskOf('a').id, actorId: 'a', toUserId: 's', position });
    driver.approve('b').approve(order[0]);
    expect(driver.status).toBe('running');
    driver.approve(order[1]);
    expect(driver.status).toBe('approved');
    expect(driver.current.history.filter((entry) => entry.event === 'signerAdded').map((entry) => entry.position)).toEqual([position]);
  });

  it('a signer added before can reject for the seat', () => {
    const driver = new FlowDriver(single('countersign', ['a', 'b'])).start();
    driver.ok({ type: 'addSigner', taskId: driver.taskOf('a').id, actorId: 'a', toUserId: 's', position: 'before' });
    driver.reject('s');
    expect(driver.status).toBe('rejected');
  });
});

describe('refused actions', () => {
  it('a second action on a finished task is TASK_ALREADY_DONE', () => {
    const driver = new FlowDriver(single('sequential', ['a', 'b'])).start();
    const taskId = driver.taskOf('a').id;
    driver.approve('a');
    for (const event of [
      { type: 'approve', taskId, actorId: 'a' },
      { type: 'reject', taskId, actorId: 'a' },
      { type: 'transfer', taskId, actorId: 'a', toUserId: 'x' },
      { type: 'return', taskId, actorId: 'a' },
    ] as const) {
      expect(driver.send(event)).toMatchObject({ ok: false, code: 'TASK_ALREADY_DONE' });
    }
  });

  it.each<[string, (driver: FlowDriver) => { taskId: string; actorId: string }, string]>([
    ['someone else acts on the task', (driver) => ({ taskId: driver.taskOf('a').id, actorId: 'intruder' }), 'NOT_ASSIGNEE'],
    ['an unknown task', () => ({ taskId: 'nope', actorId: 'a' }), 'TASK_NOT_FOUND'],
  ])('%s', (_label, target, code) => {
    const driver = new FlowDriver(single('sequential', ['a'])).start();
    expect(driver.send({ type: 'approve', ...target(driver) })).toMatchObject({ ok: false, code });
  });

  it('a failed action changes nothing', () => {
    const driver = new FlowDriver(single('sequential', ['a'])).start();
    const before = structuredClone(driver.current);
    driver.send({ type: 'approve', taskId: driver.taskOf('a').id, actorId: 'b' });
    expect(driver.current).toEqual(before);
  });

  it('events need a started instance of the same version', () => {
    const driver = new FlowDriver(single('sequential', ['a']));
    expect(driver.send({ type: 'withdraw', actorId: 'ini' })).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
    driver.start();
    expect(driver.send({ type: 'start', recordId: 'r', initiatorId: 'ini' })).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
    const other = new FlowDriver({ ...single('sequential', ['a']), version: 2 });
    other.instance = driver.current;
    expect(other.send({ type: 'approve', taskId: driver.taskOf('a').id, actorId: 'a' })).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
  });

  it('a rejection can require a comment', () => {
    const driver = new FlowDriver(flow([approval('review', ['a'], { rejectCommentRequired: true })])).start();
    const taskId = driver.taskOf('a').id;
    expect(driver.send({ type: 'reject', taskId, actorId: 'a', comment: '  ' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    driver.reject('a', 'over budget');
    expect(driver.status).toBe('rejected');
  });
});

describe('field data on approve', () => {
  const definition = flow([
    approval('finance', ['f'], { fieldPermissions: { budget_code: 'required', note: 'editable', amount: 'readonly', secret: 'hidden' } }),
    approval('ceo', ['c']),
  ]);

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string | null, string[] | undefined]>([
    ['editable and required fields may be set', {}, { budget_code: 'B-7', note: 'ok' }, null, undefined],
    ['a readonly field is refused', { budget_code: 'B-7' }, { amount: 5 }, 'FIELD_NOT_EDITABLE', ['amount']],
    ['a hidden field is refused', { budget_code: 'B-7' }, { secret: 1 }, 'FIELD_NOT_EDITABLE', ['secret']],
    ['a field the node does not list is refused', { budget_code: 'B-7' }, { other: 1 }, 'FIELD_NOT_EDITABLE', ['other']],
    ['a required field must have a value', {}, { note: 'x' }, 'VALIDATION_FAILED', ['budget_code']],
    ['a required field cannot be cleared', { budget_code: 'B-7' }, { budget_code: '' }, 'VALIDATION_FAILED', ['budget_code']],
    ['a required field already in the record is enough', { budget_code: 'B-7' }, {}, null, undefined],
  ])('%s', (_label, record, data, code, fields) => {
    const driver = new FlowDriver(definition, makeContext({ record })).start();
    const result = driver.send({ type: 'approve', taskId: driver.taskOf('f').id, actorId: 'f', data });
    if (code === null) {
      expect(result.ok).toBe(true);
      expect(driver.effectsOf('setFields')).toEqual(Object.keys(data).length > 0 ? [{ type: 'setFields', data }] : []);
    } else {
      expect(result).toMatchObject({ ok: false, code, details: { fields } });
    }
  });

  it('a node without field permissions accepts no data', () => {
    const driver = new FlowDriver(definition, makeContext({ record: { budget_code: 'B' } })).start().approve('f');
    expect(driver.send({ type: 'approve', taskId: driver.taskOf('c').id, actorId: 'c', data: { note: 'x' } })).toMatchObject({
      ok: false,
      code: 'FIELD_NOT_EDITABLE',
    });
  });

  it('locks the record to the current assignees and their editable fields', () => {
    const driver = new FlowDriver(definition, makeContext({ record: { budget_code: 'B' } })).start();
    expect(driver.effectsOf('lockRecord')).toEqual([
      { type: 'lockRecord', editableFields: ['budget_code', 'note'], editors: [{ userId: 'f', fields: ['budget_code', 'note'] }] },
    ]);
    driver.approve('f');
    expect(driver.effectsOf('lockRecord')).toEqual([{ type: 'lockRecord', editableFields: [], editors: [{ userId: 'c', fields: [] }] }]);
    driver.approve('c');
    expect(driver.effects.map((effect) => effect.type).slice(-3)).toEqual(['completed', 'notify', 'unlockRecord']);
    expect(driver.effectsOf('notify')).toEqual([expect.objectContaining({ userIds: ['ini'], template: 'flow.approved' })]);
  });
});

describe('remind and comment', () => {
  it('remind notifies the open assignees and records who reminded', () => {
    const driver = new FlowDriver(single('countersign', ['a', 'b'])).start().approve('a');
    driver.ok({ type: 'remind', actorId: 'ini' });
    expect(driver.effectsOf('notify')).toEqual([
      expect.objectContaining({ userIds: ['b'], template: 'flow.remind', data: expect.objectContaining({ nodeKey: 'review' }) }),
    ]);
    expect(driver.events('reminded')).toEqual(['reminded:review:ini']);
  });

  it('a scheduled reminder for a finished task is a no-op', () => {
    const driver = new FlowDriver(single('sequential', ['a'])).start();
    const taskId = driver.taskOf('a').id;
    driver.approve('a');
    expect(driver.send({ type: 'remind', actorId: null, taskId })).toMatchObject({ ok: true, effects: [] });
  });

  it('comment adds history on the task node and needs text', () => {
    const driver = new FlowDriver(single('sequential', ['a'])).start();
    const taskId = driver.taskOf('a').id;
    driver.ok({ type: 'comment', actorId: 'x', comment: 'please hurry', taskId });
    expect(driver.current.history.at(-1)).toMatchObject({ event: 'commented', nodeKey: 'review', actorId: 'x', comment: 'please hurry' });
    expect(driver.send({ type: 'comment', actorId: 'x', comment: ' ' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});
