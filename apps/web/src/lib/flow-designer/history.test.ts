import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, pushHistory, redo, undo } from './history';

describe('designer history', () => {
  it('undoes and redoes whole states, and a new edit drops the redo steps', () => {
    let history = createHistory('a');
    expect(canUndo(history)).toBe(false);
    history = pushHistory(history, 'b');
    history = pushHistory(history, 'c');
    history = undo(history);
    expect(history.present).toBe('b');
    expect(canRedo(history)).toBe(true);
    history = undo(history);
    expect(history.present).toBe('a');
    expect(undo(history)).toBe(history);
    history = redo(history);
    expect(history.present).toBe('b');
    history = pushHistory(history, 'x');
    expect(canRedo(history)).toBe(false);
    expect(history.past).toEqual(['a', 'b']);
    expect(redo(history)).toBe(history);
  });

  it('merges edits with the same tag into one step (typing a name), but not across other edits or undo', () => {
    let history = createHistory('');
    history = pushHistory(history, '审', 'name:n1');
    history = pushHistory(history, '审批', 'name:n1');
    history = pushHistory(history, '审批人', 'name:n1');
    expect(history.past).toEqual(['']);
    history = pushHistory(history, '审批人!', 'name:n2');
    expect(history.past).toEqual(['', '审批人']);
    history = undo(history);
    history = pushHistory(history, '审批人?', 'name:n2');
    expect(history.past).toEqual(['', '审批人']);
    // The first tagged edit of a fresh history is its own step.
    expect(pushHistory(createHistory('a'), 'b', 't').past).toEqual(['a']);
  });

  it('ignores no-op pushes and keeps at most `limit` steps', () => {
    let history = createHistory(0);
    expect(pushHistory(history, 0)).toBe(history);
    for (let i = 1; i <= 10; i++) history = pushHistory(history, i, null, 3);
    expect(history.past).toEqual([7, 8, 9]);
    expect(history.present).toBe(10);
  });
});
