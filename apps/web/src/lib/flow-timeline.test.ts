import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineLookups } from './flow-timeline';
import { DIRECTOR, INITIATOR, MANAGER, returnedInstance, runningInstance } from '../test/sample-flow';

const names: Record<string, string> = { [INITIATOR]: '张三', [MANAGER]: '李明', [DIRECTOR]: '王建国' };
const nodes: Record<string, string> = { start: '发起人', manager: '经理', director: '销售总监', route: '分支' };
const lookups: TimelineLookups = { nodeName: (key) => nodes[key] ?? key, userName: (id) => names[id], systemName: '系统' };

describe('buildTimeline', () => {
  it('turns the history into lines with names, hides bookkeeping and ends with who it waits on', () => {
    const items = buildTimeline(runningInstance(), lookups);
    expect(items.map((item) => [item.event, item.nodeName, item.actorName])).toEqual([
      ['started', '发起人', '张三'],
      ['taskCreated', '经理', ''],
      ['approved', '经理', '李明'],
      ['taskCreated', '销售总监', ''],
      ['pending', '销售总监', '王建国'],
    ]);
    expect(items[2]).toMatchObject({ comment: '可以', tone: 'green', at: '2026-03-01T08:04:00.000Z' });
    expect(items[4].at).toBeUndefined();
  });

  it('shows a return in orange with its comment, and the initiator as the one it waits on', () => {
    const items = buildTimeline(returnedInstance(), lookups);
    const returned = items.find((item) => item.event === 'returned');
    expect(returned).toMatchObject({ actorName: '王建国', nodeName: '销售总监', comment: '请补充折扣说明', tone: 'orange' });
    expect(items[items.length - 1]).toMatchObject({ event: 'pending', nodeName: '发起人', actorName: '张三' });
  });

  it('merges the tasks a countersign node creates at once, names the engine as the system, and colours the end', () => {
    const instance = runningInstance();
    const at = '2026-03-01T09:00:00.000Z';
    const finished = {
      ...instance,
      status: 'approved' as const,
      currentTasks: [],
      history: [
        ...instance.history,
        { at, nodeKey: 'director', event: 'taskCreated', actorId: null, comment: null },
        { at, nodeKey: 'director', event: 'taskCreated', actorId: null, comment: null },
        { at, nodeKey: 'director', event: 'approved', actorId: null, comment: null },
        { at, nodeKey: null, event: 'completed', actorId: null, comment: null },
      ],
    };
    const items = buildTimeline(finished, lookups);
    // Two tasks created on the director node at 09:00 make one line (3 arrivals in all, not 4).
    expect(items.filter((item) => item.event === 'taskCreated')).toHaveLength(3);
    expect(items.find((item) => item.event === 'approved' && item.actorName === '系统')).toBeDefined();
    expect(items[items.length - 1]).toMatchObject({ event: 'completed', status: 'approved', tone: 'green', actorName: '' });
    expect(items.some((item) => item.event === 'pending')).toBe(false);
  });

  it('dedupes identical arrivals and shows an unknown user by id', () => {
    const instance = runningInstance();
    const arrival = instance.history[instance.history.length - 1];
    const items = buildTimeline(
      { ...instance, history: [...instance.history, { ...arrival }], currentTasks: [...instance.currentTasks, { ...instance.currentTasks[0], id: 't9', assigneeId: 'u-x' }] },
      lookups,
    );
    expect(items.filter((item) => item.event === 'taskCreated' && item.nodeKey === 'director')).toHaveLength(1);
    expect(items[items.length - 1].actorName).toBe('王建国, u-x');
  });
});
