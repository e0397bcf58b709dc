import type { FieldKind, FieldResolver } from '@platform/condition';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** A field resolver for when the caller gives none: a field's kind is read off the literal it is
 * compared with (the designer wrote it for the field's type: `100` for a number, also when the record
 * holds `"100.00"` as PostgreSQL returns numerics), else off the record value; text otherwise. */
export function guessFieldResolver(condition: unknown, record: Record<string, unknown>): FieldResolver {
  const hints = new Map<string, FieldKind>();
  collectHints(condition, hints, 0);
  return (path) => ({ kind: hints.get(path) ?? kindOf(readPath(record, path)) ?? 'text', sql: '' });
}

function readPath(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function kindOf(value: unknown): FieldKind | undefined {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof Date) return 'datetime';
  if (Array.isArray(value)) return value.length > 0 ? 'textArray' : undefined;
  if (typeof value === 'object' && value !== null) return 'json';
  if (typeof value !== 'string' || value === '') return undefined;
  if (DATE.test(value)) return 'date';
  if (DATETIME.test(value)) return 'datetime';
  return TIME.test(value) ? 'time' : 'text';
}

function collectHints(node: unknown, hints: Map<string, FieldKind>, depth: number): void {
  if (depth > 40 || typeof node !== 'object' || node === null || Array.isArray(node)) return;
  for (const [op, args] of Object.entries(node)) {
    const list: unknown[] = Array.isArray(args) ? args : [args];
    if (op === 'and' || op === 'or' || op === '!') {
      for (const child of list) collectHints(child, hints, depth + 1);
      continue;
    }
    const field = list[0];
    if (typeof field !== 'object' || field === null || !('var' in field) || typeof field.var !== 'string') continue;
    let kind: FieldKind | undefined;
    if (op === 'containsAny' || op === 'containsAll') kind = 'textArray';
    else if (op === 'in') kind = Array.isArray(list[1]) ? kindOf(list[1][0]) : undefined;
    else kind = kindOf(list[1]);
    if (kind !== undefined && !hints.has(field.var)) hints.set(field.var, kind);
  }
}
