import fc from 'fast-check';
import type { ApprovalMode } from './flow-definition';
import { FlowDriver, approval, flow } from './flow.fixture';
import { nodeOutcome } from './node-outcome';

const single = (mode: ApprovalMode, userIds: string[], votePercent?: number) =>
  flow([approval('manager_review', userIds, { mode, votePercent })]);

describe('approval modes', () => {
  it('sequential: one assignee at a time, in order', () => {
    const driver = new FlowDriver(single('sequential', ['a', 'b', 'c'])).start();
    expect(driver.todo()).toEqual(['a']);
    driver.approve('a');
    expect(driver.todo()).toEqual(['b']);
    expect(driver.taskOf('b').order).toBe(1);
    driver.approve('b').approve('c');
    expect(driver.status).toBe('approved');
    expect(driver.events('approved', 'nodeCompleted', 'completed')).toEqual([
      'approved:manager_review:a',
      'approved:manager_review:b',
      'approved:manager_review:c',
      'nodeCompleted:manager_review',
      'completed:-',
    ]);
  });

  it('sequential: a rejection ends the instance with rejected then completed', () => {
    const driver = new FlowDriver(single('sequential', ['a', 'b'])).start().reject('a', 'too expensive');
    expect(driver.status).toBe('rejected');
    expect(driver.events().slice(-2)).toEqual(['rejected:manager_review:a', 'completed:-']);
    expect(driver.effectsOf('completed')).toEqual([{ type: 'completed', status: 'rejected' }]);
    expect(driver.current.tasks.map((task) => task.assigneeId)).toEqual(['a']);
  });

  it.each<[string, string[], 'approve' | 'reject', 'running' | 'approved' | 'rejected', string[]]>([
    ['countersign waits for everyone', ['a', 'b', 'c'], 'approve', 'running', ['b', 'c']],
    ['countersign: one rejection rejects', ['a', 'b', 'c'], 'reject', 'rejected', []],
  ])('%s', (_label, userIds, first, status, open) => {
    const driver = new FlowDriver(single('countersign', userIds)).start();
    expect(driver.todo()).toEqual(userIds);
    if (first === 'approve') driver.approve('a');
    else driver.reject('a');
    expect(driver.status).toBe(status);
    expect(driver.todo()).toEqual(open);
  });

  it.each<['approve' | 'reject', 'approved' | 'rejected']>([
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ])('anySign: the first decision (%s) wins and cancels the others', (action, status) => {
    const driver = new FlowDriver(single('anySign', ['a', 'b', 'c'])).start();
    if (action === 'approve') driver.approve('b');
    else driver.reject('b');
    expect(driver.status).toBe(status);
    expect(driver.current.tasks.map((task) => `${task.assigneeId}:${task.status}`)).toEqual(['a:cancelled', 'b:done', 'c:cancelled']);
    expect(driver.effectsOf('cancelTask').map((effect) => effect.reason)).toEqual(['superseded', 'superseded']);
  });

  it('anySign: a late decision on a superseded task succeeds and changes nothing', () => {
    const driver = new FlowDriver(single('anySign', ['a', 'b'])).start();
    const lateTask = driver.taskOf('a').id;
    driver.approve('b');
    const before = driver.current;
    const late = driver.send({ type: 'reject', taskId: lateTask, actorId: 'a' });
    expect(late).toEqual({ ok: true, instance: before, effects: [] });
  });

  // Votes are given in order; the expected status is checked after each one.
  it.each<[string, number, number, ('y' | 'n')[], string[]]>([
    ['60% of 5 passes at the third approval', 5, 60, ['y', 'y', 'y'], ['running', 'running', 'approved']],
    ['60% of 5 fails at the third rejection', 5, 60, ['n', 'y', 'n', 'n'], ['running', 'running', 'running', 'rejected']],
    ['50% of 4 passes at two approvals', 4, 50, ['n', 'y', 'y'], ['running', 'running', 'approved']],
    ['50% of 4 fails at three rejections', 4, 50, ['n', 'n', 'n'], ['running', 'running', 'rejected']],
    ['100% of 3 fails at the first rejection', 3, 100, ['y', 'n'], ['running', 'rejected']],
    ['1% of 10 passes at the first approval', 10, 1, ['n', 'y'], ['running', 'approved']],
    ['67% of 3 needs all three (2.01 rounds up)', 3, 67, ['y', 'y', 'y'], ['running', 'running', 'approved']],
  ])('vote: %s', (_label, count, percent, votes, statuses) => {
    const userIds = Array.from({ length: count }, (_, i) => `v${i}`);
    const driver = new FlowDriver(single('vote', userIds, percent)).start();
    votes.forEach((vote, i) => {
      if (vote === 'y') driver.approve(userIds[i]);
      else driver.reject(userIds[i]);
      expect(driver.status).toBe(statuses[i]);
    });
    if (driver.status !== 'running') expect(driver.todo()).toEqual([]);
  });

  it('vote: a rejection that leaves the threshold reachable does not end the node', () => {
    const driver = new FlowDriver(single('vote', ['a', 'b', 'c'], 50)).start().reject('a');
    expect(driver.status).toBe('running');
    expect(driver.events('rejected', 'completed')).toEqual(['rejected:manager_review:a']);
  });

  it('handler nodes create handle tasks with the same modes', () => {
    const driver = new FlowDriver(flow([{ ...approval('fill_in', ['h1', 'h2'], { mode: 'countersign' }), type: 'handler' }])).start();
    expect(driver.current.tasks.map((task) => task.kind)).toEqual(['handle', 'handle']);
    driver.approve('h1').approve('h2');
    expect(driver.status).toBe('approved');
  });

  it('a 50-approver countersign completes exactly once whatever the order of approvals', () => {
    const userIds = Array.from({ length: 50 }, (_, i) => `u${String(i).padStart(2, '0')}`);
    const definition = flow([approval('board', userIds, { mode: 'countersign' }), approval('after', ['z'])]);
    fc.assert(
      fc.property(fc.shuffledSubarray(userIds, { minLength: 50, maxLength: 50 }), (order) => {
        const driver = new FlowDriver(definition).start();
        order.forEach((userId, i) => {
          driver.approve(userId);
          expect(driver.todo()).toEqual(i < 49 ? expect.not.arrayContaining(['z']) : ['z']);
        });
        expect(driver.events('nodeCompleted')).toEqual(['nodeCompleted:board']);
        expect(driver.events('approved')).toHaveLength(50);
        driver.approve('z');
        expect(driver.events('completed')).toEqual(['completed:-']);
        expect(driver.effectsOf('completed', true)).toHaveLength(1);
      }),
      { numRuns: 25, seed: 20240501 },
    );
  });
});

describe('nodeOutcome', () => {
  it.each<[ApprovalMode, number, number, number, number | undefined, string]>([
    ['countersign', 3, 3, 0, undefined, 'approved'],
    ['countersign', 3, 2, 0, undefined, 'pending'],
    ['countersign', 3, 2, 1, undefined, 'rejected'],
    ['anySign', 3, 0, 1, undefined, 'rejected'],
    ['anySign', 3, 1, 0, undefined, 'approved'],
    ['vote', 10, 3, 0, 30, 'approved'],
    ['vote', 10, 2, 7, 30, 'pending'],
    ['vote', 10, 2, 8, 30, 'rejected'],
    ['vote', 2, 1, 0, undefined, 'pending'],
    ['vote', 0, 0, 0, 50, 'rejected'],
  ])('%s with %i seats, %i approved, %i rejected at %s%%: %s', (mode, total, approved, rejected, percent, expected) => {
    expect(nodeOutcome(mode, { total, approved, rejected }, percent)).toBe(expected);
  });
});
