import type { FieldKind, FieldResolver } from './condition-types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const MAX_DEPTH = 40;

/** For evaluation without field metadata: a field's kind is read off the record value, or, when the
 * value is empty (where every kind gives the same answer), off the value it is compared with, so the
 * condition still validates. With `prefer: 'literal'` the compared value decides first: a designer's
 * `100` means a number even when the record holds `"100.00"`, as PostgreSQL returns numerics. */
export function inferFieldResolver(ast: unknown, record: Record<string, unknown>, options: { prefer?: 'record' | 'literal' } = {}): FieldResolver {
  const hints = new Map<string, FieldKind>();
  collectHints(ast, hints, 0);
  return (path) => {
    const fromRecord = kindOfValue(readPath(record, path));
    const kind = (options.prefer === 'literal' ? hints.get(path) ?? fromRecord : fromRecord ?? hints.get(path)) ?? 'text';
    return { kind, sql: '' };
  };
}

function readPath(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function kindOfValue(value: unknown): FieldKind | undefined {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof Date) return 'datetime';
  if (Array.isArray(value)) return value.length > 0 ? 'textArray' : undefined;
  if (typeof value === 'object' && value !== null) return 'json';
  if (typeof value !== 'string' || value === '') return undefined;
  if (DATE.test(value)) return 'date';
  if (DATETIME.test(value)) return 'datetime';
  if (TIME.test(value)) return 'time';
  return 'text';
}

function kindOfOperand(operand: unknown): FieldKind | undefined {
  if (typeof operand === 'string') return kindOfValue(operand);
  if (typeof operand === 'number' || typeof operand === 'boolean' || operand instanceof Date) return kindOfValue(operand);
  if (typeof operand !== 'object' || operand === null || Array.isArray(operand)) return undefined;
  const record = operand as Record<string, unknown>;
  if ('$daysAgo' in record || '$daysFromNow' in record || record.var === '$today') return 'date';
  if (record.var === '$now') return 'datetime';
  if (record.var === '$user.id' || record.var === '$user.departmentIds') return 'text';
  return undefined;
}

function collectHints(node: unknown, hints: Map<string, FieldKind>, depth: number): void {
  if (depth > MAX_DEPTH || typeof node !== 'object' || node === null || Array.isArray(node)) return;
  for (const [op, args] of Object.entries(node)) {
    if (op === 'and' || op === 'or' || op === '!') {
      for (const child of Array.isArray(args) ? args : [args]) collectHints(child, hints, depth + 1);
      continue;
    }
    const list: unknown[] = Array.isArray(args) ? args : [args];
    const field = list[0] as { var?: unknown } | null | undefined;
    if (typeof field !== 'object' || field === null || typeof field.var !== 'string' || hints.has(field.var)) continue;
    let kind: FieldKind | undefined;
    if (op === 'containsAny' || op === 'containsAll') kind = 'textArray';
    else if (op === 'contains' || op === 'startsWith' || op === 'endsWith') kind = 'text';
    else if (op === 'in') kind = kindOfOperand(Array.isArray(list[1]) ? list[1][0] : list[1]);
    else kind = kindOfOperand(list[1]);
    if (kind !== undefined) hints.set(field.var, kind);
  }
}
