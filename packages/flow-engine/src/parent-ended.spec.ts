import { FlowDriver, approval, flow } from './flow.fixture';

describe('parentEnded', () => {
  const definition = flow([approval('a', ['a', 'a2'], { mode: 'countersign', deadline: { after: 'PT24H' }, reminders: [{ at: 'after', offset: 'PT1H' }] })], { withdraw: 'never' });

  it('ends a running sub-flow withdrawn, whatever its withdraw policy: tasks cancelled, assignees told, record unlocked', () => {
    const driver = new FlowDriver(definition).start().approve('a');
    const open = driver.taskOf('a2');
    driver.ok({ type: 'parentEnded' });
    expect(driver.status).toBe('withdrawn');
    expect(driver.current.tasks.find((task) => task.id === open.id)).toMatchObject({ status: 'cancelled', cancelReason: 'withdrawn' });
    expect(driver.events().slice(-2)).toEqual(['withdrawn:start', 'completed:-']);
    expect(driver.current.history.at(-2)).toMatchObject({ actorId: null, comment: 'parent ended' });
    expect(driver.effects.map((effect) => effect.type)).toEqual(['cancelTask', 'completed', 'notify', 'unlockRecord']);
    expect(driver.effectsOf('notify')[0]).toMatchObject({ userIds: ['a2'], template: 'flow.withdrawn' });
  });

  it('leaves its deadline and reminder timers nothing to do', () => {
    const driver = new FlowDriver(definition).start();
    const task = driver.taskOf('a');
    driver.ok({ type: 'parentEnded' });
    const ended = driver.current;
    for (const event of [{ type: 'timeout', taskId: task.id }, { type: 'remind', taskId: task.id, actorId: null }] as const) {
      expect(driver.send(event)).toMatchObject({ ok: true, effects: [] });
      expect(driver.current).toBe(ended);
    }
  });

  it('changes nothing on an instance that already ended', () => {
    const driver = new FlowDriver(definition).start().approve('a').approve('a2');
    expect(driver.status).toBe('approved');
    const ended = driver.current;
    expect(driver.send({ type: 'parentEnded' })).toMatchObject({ ok: true, effects: [] });
    expect(driver.current).toBe(ended);
  });
});
