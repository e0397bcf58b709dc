/** One item's result in a batch action. */
export type BatchOutcome =
  | { id: string; ok: true }
  | { id: string; ok: false; code: string; message: string };

export type BatchSummary = {
  total: number;
  succeeded: number;
  /** Done by someone else (or earlier) in the meantime: 409 TASK_ALREADY_DONE. Not an error for the user. */
  alreadyDone: number;
  failed: number;
  /** The failures (already-done ones excluded), in the order given. */
  failures: { id: string; code: string; message: string }[];
};

export const ALREADY_DONE_CODE = 'TASK_ALREADY_DONE';

export function summariseBatch(outcomes: readonly BatchOutcome[]): BatchSummary {
  const summary: BatchSummary = { total: outcomes.length, succeeded: 0, alreadyDone: 0, failed: 0, failures: [] };
  for (const outcome of outcomes) {
    if (outcome.ok) summary.succeeded += 1;
    else if (outcome.code === ALREADY_DONE_CODE) summary.alreadyDone += 1;
    else {
      summary.failed += 1;
      summary.failures.push({ id: outcome.id, code: outcome.code, message: outcome.message });
    }
  }
  return summary;
}

/** The code and message of whatever a request threw (ApiError carries both). */
function describe(error: unknown): { code: string; message: string } {
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return { code: typeof code === 'string' ? code : 'UNKNOWN', message: typeof message === 'string' ? message : String(error) };
  }
  return { code: 'UNKNOWN', message: String(error) };
}

/**
 * Runs `run` for every id, `concurrency` at a time, and answers one outcome per id in the order given;
 * a failure never stops the others.
 */
export async function runBatch(ids: readonly string[], run: (id: string) => Promise<unknown>, concurrency = 4): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const index = next++;
      const id = ids[index];
      try {
        await run(id);
        outcomes[index] = { id, ok: true };
      } catch (error) {
        outcomes[index] = { id, ok: false, ...describe(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, ids.length)) }, worker));
  return outcomes;
}
