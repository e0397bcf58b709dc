import { describe, expect, it } from 'vitest';
import { runBatch, summariseBatch } from './batch-summary';
import { ApiError } from '../api/client';

describe('summariseBatch', () => {
  it('counts successes, tasks already handled by others, and failures with their messages', () => {
    expect(summariseBatch([
      { id: 'a', ok: true },
      { id: 'b', ok: false, code: 'TASK_ALREADY_DONE', message: 'done' },
      { id: 'c', ok: false, code: 'VALIDATION_FAILED', message: 'a rejection needs a comment' },
      { id: 'd', ok: true },
    ])).toEqual({
      total: 4,
      succeeded: 2,
      alreadyDone: 1,
      failed: 1,
      failures: [{ id: 'c', code: 'VALIDATION_FAILED', message: 'a rejection needs a comment' }],
    });
    expect(summariseBatch([])).toMatchObject({ total: 0, succeeded: 0, failed: 0 });
  });
});

describe('runBatch', () => {
  it('runs every id, at most `concurrency` at once, and keeps going after a failure', async () => {
    let running = 0;
    let peak = 0;
    const outcomes = await runBatch(['a', 'b', 'c', 'd', 'e'], async (id) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      if (id === 'b') throw new ApiError(409, 'TASK_ALREADY_DONE', 'done');
      if (id === 'd') throw new Error('boom');
    }, 2);
    expect(peak).toBe(2);
    expect(outcomes).toEqual([
      { id: 'a', ok: true },
      { id: 'b', ok: false, code: 'TASK_ALREADY_DONE', message: 'done' },
      { id: 'c', ok: true },
      { id: 'd', ok: false, code: 'UNKNOWN', message: 'boom' },
      { id: 'e', ok: true },
    ]);
  });
});
