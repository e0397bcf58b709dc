import { advance } from './advance';
import { advanceOrThrow } from './advance-or-throw';
import { currentTasks } from './current-tasks';
import type { FlowEvent } from './flow-event';
import { FlowError } from './flow-error';
import type { FlowInstance } from './flow-instance';
import { approval, branch, flow, makeContext } from './flow.fixture';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const definition = deepFreeze(
  flow([
    approval('a', ['a'], { deadline: { after: 'PT1H' }, fieldPermissions: { note: 'editable' } }),
    { key: 'split', name: 'split', type: 'parallel', branches: [branch('x', [approval('x', ['x', 'x2'], { mode: 'countersign' })]), branch('y', [approval('y', ['y'], { resubmit: 'jumpBack' })])] },
  ]),
);

/** Each step names the event from the instance so far. */
const script: ((instance: FlowInstance) => FlowEvent)[] = [
  () => ({ type: 'start', recordId: 'r1', initiatorId: 'ini' }),
  (i) => ({ type: 'approve', taskId: openTask(i, 'a'), actorId: 'a', data: { note: 'fine' } }),
  (i) => ({ type: 'transfer', taskId: openTask(i, 'x'), actorId: 'x', toUserId: 't' }),
  (i) => ({ type: 'return', taskId: openTask(i, 'y'), actorId: 'y' }),
  (i) => ({ type: 'resubmit', taskId: openTask(i, 'ini'), actorId: 'ini' }),
  (i) => ({ type: 'approve', taskId: openTask(i, 'y'), actorId: 'y' }),
  (i) => ({ type: 'approve', taskId: openTask(i, 'x'), actorId: 'x' }),
  (i) => ({ type: 'approve', taskId: openTask(i, 'x2'), actorId: 'x2' }),
];

function openTask(instance: FlowInstance, userId: string): string {
  const task = currentTasks(instance).find((candidate) => candidate.assigneeId === userId);
  if (task === undefined) throw new Error(`no open task for ${userId}`);
  return task.id;
}

function play(): { instances: FlowInstance[]; effects: unknown[] } {
  const context = makeContext();
  const instances: FlowInstance[] = [];
  const effects: unknown[] = [];
  let instance: FlowInstance | null = null;
  for (const step of script) {
    const event = step(instance as FlowInstance);
    const result = advance(definition, instance === null ? null : deepFreeze(instance), deepFreeze(event), context);
    if (!result.ok) throw new Error(result.message);
    instance = result.instance;
    instances.push(structuredClone(instance));
    effects.push(result.effects);
  }
  return { instances, effects };
}

describe('advance', () => {
  it('never modifies its inputs (frozen definition, instance and events)', () => {
    const { instances } = play();
    expect(instances.at(-1)?.status).toBe('approved');
  });

  it('is deterministic for the same inputs', () => {
    expect(play()).toEqual(play());
  });

  it('keeps the instance JSON-serialisable', () => {
    const { instances } = play();
    for (const instance of instances) expect(JSON.parse(JSON.stringify(instance))).toEqual(instance);
  });

  it('advanceOrThrow throws a FlowError with the code', () => {
    const context = makeContext();
    const { instance } = advanceOrThrow(definition, null, { type: 'start', recordId: 'r1', initiatorId: 'ini' }, context);
    const attempt = () => advanceOrThrow(definition, instance, { type: 'withdraw', actorId: 'a' }, context);
    expect(attempt).toThrow(FlowError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'NOT_INITIATOR' }));
  });

  it('an empty flow is approved at once', () => {
    const result = advance(flow([]), null, { type: 'start', recordId: 'r1', initiatorId: 'ini' }, makeContext());
    expect(result).toMatchObject({ ok: true, instance: { status: 'approved' } });
  });

  it('start records picks, history and the first tasks', () => {
    const result = advance(
      flow([{ ...approval('pick', []), approvers: [{ source: 'initiatorPicks' }] }]),
      null,
      { type: 'start', recordId: 'r1', initiatorId: 'ini', picks: { pick: ['p1', 'p2'] }, instanceId: 'fixed' },
      makeContext(),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.instance).toMatchObject({ id: 'fixed', status: 'running', picks: { pick: ['p1', 'p2'] }, startedAt: '2024-05-01T08:00:00.000Z' });
    expect(currentTasks(result.instance).map((task) => task.assigneeId)).toEqual(['p1']);
    expect(result.effects.map((effect) => effect.type)).toEqual(['createTask', 'lockRecord']);
    expect(result.instance.history.map((entry) => entry.event)).toEqual(['started', 'taskCreated']);
  });
});
