import { createHash } from 'node:crypto';
import { ApiError } from '../common/api-error';

/** An opaque keyset cursor: the sort values and id of the last row, bound to the sort it was made for. */
/** `total` travels with the cursor: it is counted on the first page only, for the whole walk. */
export type CursorData = { values: (string | number | boolean | null)[]; id: string; total: number; estimate: boolean };

const signature = (sortSignature: string) => createHash('sha256').update(sortSignature).digest('base64url').slice(0, 10);

export function encodeCursor(sortSignature: string, data: CursorData): string {
  return Buffer.from(JSON.stringify({ s: signature(sortSignature), v: data.values, i: data.id, t: data.total, e: data.estimate })).toString('base64url');
}

export function decodeCursorOrThrow(cursor: unknown, sortSignature: string, expectedValues: number): CursorData {
  const invalid = () => new ApiError(400, 'INVALID_CURSOR', 'The cursor is not valid for this query; start from the first page');
  if (typeof cursor !== 'string' || cursor.length > 4000) throw invalid();
  let parsed: { s?: unknown; v?: unknown; i?: unknown; t?: unknown; e?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!parsed || parsed.s !== signature(sortSignature) || !Array.isArray(parsed.v) || parsed.v.length !== expectedValues || typeof parsed.i !== 'string') throw invalid();
  if (!/^[0-9a-f-]{36}$/.test(parsed.i)) throw invalid();
  if (typeof parsed.t !== 'number' || !Number.isInteger(parsed.t) || parsed.t < 0 || typeof parsed.e !== 'boolean') throw invalid();
  for (const v of parsed.v) if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) throw invalid();
  return { values: parsed.v as CursorData['values'], id: parsed.i, total: parsed.t, estimate: parsed.e };
}
