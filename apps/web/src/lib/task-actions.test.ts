import { describe, expect, it } from 'vitest';
import { hasDecisionSinceSubmit, offeredActions, remindableTaskIds, returnTargets } from './task-actions';
import { DIRECTOR, freshInstance, INITIATOR, MANAGER, returnedInstance, runningInstance } from '../test/sample-flow';

describe('offeredActions', () => {
  it('gives the approver of an open task every decision and hand-over action', () => {
    const offered = offeredActions(runningInstance(), DIRECTOR);
    expect(offered.task?.id).toBe('t2');
    expect(offered.actions).toEqual(['approve', 'reject', 'return', 'transfer', 'delegate', 'addSigner', 'comment']);
    expect(offered.canWithdraw).toBe(false);
    expect(offered.commentTaskId).toBe('t2');
  });

  it('offers nothing to decide to someone without a task, and nothing at all on a finished flow', () => {
    expect(offeredActions(runningInstance(), 'u-other')).toMatchObject({ task: null, actions: [], canWithdraw: false, commentTaskId: null });
    expect(offeredActions(runningInstance(), undefined).actions).toEqual([]);
    const finished = { ...runningInstance(), status: 'approved' as const };
    expect(offeredActions(finished, DIRECTOR)).toMatchObject({ task: null, actions: [], canRemind: false });
    expect(offeredActions(finished, INITIATOR).canWithdraw).toBe(false);
  });

  it('lets the initiator withdraw only until the first decision, and remind whoever the flow waits on', () => {
    const fresh = offeredActions(freshInstance(), INITIATOR);
    expect(fresh).toMatchObject({ task: null, canWithdraw: true, canRemind: true, commentTaskId: 't1' });
    // The manager approved: a decision since the submission.
    expect(offeredActions(runningInstance(), INITIATOR).canWithdraw).toBe(false);
    expect(offeredActions(runningInstance(), INITIATOR, { withdrawPolicy: 'whileRunning' }).canWithdraw).toBe(true);
    expect(offeredActions(freshInstance(), INITIATOR, { withdrawPolicy: 'never' }).canWithdraw).toBe(false);
  });

  it('gives the initiator of a returned flow resubmit (and withdraw)', () => {
    const offered = offeredActions(returnedInstance(), INITIATOR);
    expect(offered.task?.kind).toBe('resubmit');
    expect(offered.actions).toEqual(['resubmit', 'comment']);
    expect(offered.canWithdraw).toBe(true);
    expect(offered.canRemind).toBe(false);
  });

  it('prefers the task the user came for when they hold several', () => {
    const instance = runningInstance();
    instance.currentTasks.push({ ...instance.currentTasks[0], id: 't7', nodeKey: 'other' });
    expect(offeredActions(instance, DIRECTOR, { preferredTaskId: 't7' }).task?.id).toBe('t7');
    expect(offeredActions(instance, DIRECTOR, { preferredTaskId: 'gone' }).task?.id).toBe('t2');
  });

  it('does not count engine passes (no actor) as decisions, and starts over after a resubmission', () => {
    const history = freshInstance().history;
    expect(hasDecisionSinceSubmit([...history, { at: 'x', nodeKey: 'manager', event: 'approved', actorId: null, comment: null }])).toBe(false);
    expect(hasDecisionSinceSubmit(returnedInstance().history)).toBe(true);
    expect(hasDecisionSinceSubmit([...returnedInstance().history, { at: 'y', nodeKey: 'start', event: 'resubmitted', actorId: INITIATOR, comment: null }])).toBe(false);
  });
});

describe('returnTargets', () => {
  it('offers the initiator, then the approval nodes passed since the submission, never the current node', () => {
    const history = runningInstance().history;
    expect(returnTargets(history, 'director')).toEqual(['start', 'manager', 'route']);
    expect(returnTargets(history, 'director', (key) => key !== 'route')).toEqual(['start', 'manager']);
    expect(returnTargets(history, 'manager', (key) => key !== 'route')).toEqual(['start']);
    expect(returnTargets(freshInstance().history, 'manager')).toEqual(['start']);
  });
});

describe('remindableTaskIds', () => {
  it('lists the open tasks of others', () => {
    expect(remindableTaskIds(runningInstance(), INITIATOR)).toEqual(['t2']);
    expect(remindableTaskIds(runningInstance(), DIRECTOR)).toEqual([]);
    expect(remindableTaskIds(freshInstance(), MANAGER)).toEqual([]);
  });
});
