import type {
  CompareOperator,
  ConditionIssue,
  ConditionIssueCode,
  ConditionOperator,
  FieldKind,
  FieldResolver,
  ListOperator,
  ParseConditionResult,
  ParsedCondition,
  ParsedField,
  ParsedList,
  ParsedOperand,
  TextMatchOperator,
} from './condition-types';
import { OPERATORS_BY_KIND } from './operators-by-kind';
import { MAX_INSTANT, MIN_INSTANT, isStorableText, normaliseTime, parseDateLiteral, parseDateTimeLiteral, UUID_PATTERN } from './literal-formats';
import { itemKind } from './resolve-operand';

/** Limits that keep a hostile condition from costing much: nodes counted are conditions, values and
 * list items. */
const MAX_NODES = 1000;
const MAX_DEPTH = 32;
const MAX_RELATIVE_DAYS = 100_000;
const MAX_PATH_LENGTH = 200;

type Path = (string | number)[];
type State = { resolve: FieldResolver; issues: ConditionIssue[]; nodes: number; tooLarge: boolean };

const COMPARE_OPERATORS = new Set<string>(['==', '!=', '>', '>=', '<', '<=']);
const LIST_OPERATORS = new Set<string>(['in', 'containsAny', 'containsAll']);
const MATCH_OPERATORS = new Set<string>(['contains', 'startsWith', 'endsWith']);
const NULL_MESSAGE = 'comparing with null is not allowed: use isEmpty or isNotEmpty';

/** Checks a condition (JSON AST) against the fields the resolver knows and normalises it for the two
 * back ends. Never throws: every problem found is returned as an issue with a path into the AST. */
export function parseCondition(ast: unknown, resolve: FieldResolver): ParseConditionResult {
  const state: State = { resolve, issues: [], nodes: 0, tooLarge: false };
  const condition = parseNode(ast, [], 0, state);
  if (condition === undefined || state.issues.length > 0) {
    return { ok: false, issues: state.issues.length > 0 ? state.issues : [issue('VALIDATION_FAILED', 'invalid condition', [])] };
  }
  return { ok: true, condition };
}

function issue(code: ConditionIssueCode, message: string, path: Path): ConditionIssue {
  return { code, message, path };
}

function fail(state: State, path: Path, message: string, code: ConditionIssueCode = 'VALIDATION_FAILED'): undefined {
  if (!state.tooLarge) state.issues.push(issue(code, message, path));
  return undefined;
}

/** Counts a node; false once the condition is too large (reported once, then parsing winds down). */
function count(state: State, path: Path): boolean {
  if (state.tooLarge) return false;
  state.nodes += 1;
  if (state.nodes > MAX_NODES) {
    fail(state, path, `the condition is too large: more than ${MAX_NODES} conditions, values and list items`);
    state.tooLarge = true;
    return false;
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function parseNode(node: unknown, path: Path, depth: number, state: State): ParsedCondition | undefined {
  if (!count(state, path)) return undefined;
  if (depth > MAX_DEPTH) {
    fail(state, path, `conditions nest deeper than ${MAX_DEPTH} levels`);
    state.tooLarge = true;
    return undefined;
  }
  if (!isPlainObject(node)) {
    return fail(state, path, `a condition is an object with one operator, e.g. {"==": [{"var": "status"}, "won"]}; got ${describe(node)}`);
  }
  const keys = Object.keys(node);
  if (keys.length !== 1) {
    return fail(state, path, keys.length === 0
      ? 'a condition needs an operator, e.g. {"==": [{"var": "status"}, "won"]}'
      : `a condition has exactly one operator; found ${keys.length}: ${keys.slice(0, 5).map(clip).join(', ')}`);
  }
  const op = keys[0];
  const args = node[op];
  const at = [...path, op];
  if (op === 'and' || op === 'or') {
    if (!Array.isArray(args)) return fail(state, at, `"${op}" takes a list of conditions`);
    const conditions: ParsedCondition[] = [];
    let valid = true;
    for (let i = 0; i < args.length && !state.tooLarge; i++) {
      const child = parseNode(args[i], [...at, i], depth + 1, state);
      if (child === undefined) valid = false;
      else conditions.push(child);
    }
    return valid && !state.tooLarge ? { type: op, conditions } : undefined;
  }
  if (op === '!') {
    if (Array.isArray(args) && args.length !== 1) return fail(state, at, '"!" takes one condition');
    const inner = Array.isArray(args) ? parseNode(args[0], [...at, 0], depth + 1, state) : parseNode(args, at, depth + 1, state);
    return inner === undefined ? undefined : { type: 'not', condition: inner };
  }
  if (COMPARE_OPERATORS.has(op) || LIST_OPERATORS.has(op) || MATCH_OPERATORS.has(op) || op === 'between' || op === 'isEmpty' || op === 'isNotEmpty') {
    return parseClause(op as ConditionOperator, args, at, state);
  }
  return fail(state, at, `unknown operator "${clip(op)}"`, 'UNKNOWN_OPERATOR');
}

function usage(op: ConditionOperator): string {
  if (op === 'isEmpty' || op === 'isNotEmpty') return '[{"var": field}]';
  if (op === 'between') return '[{"var": field}, low, high]';
  if (LIST_OPERATORS.has(op)) return '[{"var": field}, [values]]';
  return '[{"var": field}, value]';
}

function parseClause(op: ConditionOperator, args: unknown, at: Path, state: State): ParsedCondition | undefined {
  const unary = op === 'isEmpty' || op === 'isNotEmpty';
  if (!Array.isArray(args) && !unary) return fail(state, at, `"${op}" takes a list of arguments: ${usage(op)}`);
  const list: unknown[] = Array.isArray(args) ? args : [args];
  const argPath = (i: number): Path => (Array.isArray(args) ? [...at, i] : at);
  const arity = unary ? 1 : op === 'between' ? 3 : 2;
  if (list.length !== arity) {
    return fail(state, at, `"${op}" takes ${arity} argument${arity > 1 ? 's' : ''}: ${usage(op)}; got ${list.length}`);
  }
  const resolved = parseFieldReference(list[0], argPath(0), state);
  if (resolved === undefined) return undefined;
  const { field, operators } = resolved;
  if (!OPERATORS_BY_KIND[field.kind].includes(op) || (operators !== undefined && !operators.includes(op))) {
    const hint = field.kind === 'textArray' || field.kind === 'uuidArray' ? ' (list fields take containsAny, containsAll, isEmpty, isNotEmpty)' : '';
    return fail(state, at, `operator "${op}" does not apply to ${field.kind} field "${field.path}"${hint}`, 'UNKNOWN_OPERATOR');
  }
  if (op === 'isEmpty' || op === 'isNotEmpty') return { type: 'emptiness', op, field };
  if (op === 'between') {
    const low = parseOperand(list[1], field, argPath(1), state);
    const high = parseOperand(list[2], field, argPath(2), state);
    return low && high ? { type: 'between', field, low, high } : undefined;
  }
  if (LIST_OPERATORS.has(op)) {
    const values = parseList(list[1], field, argPath(1), state);
    return values ? { type: 'list', op: op as ListOperator, field, list: values } : undefined;
  }
  if (MATCH_OPERATORS.has(op)) {
    const text = list[1];
    if (!count(state, argPath(1))) return undefined;
    if (text === null) return fail(state, argPath(1), NULL_MESSAGE);
    if (typeof text !== 'string') return fail(state, argPath(1), `"${op}" takes text to look for; got ${describe(text)}`);
    if (!isStorableText(text)) return fail(state, argPath(1), 'text must not contain NUL characters or unpaired surrogates');
    return { type: 'match', op: op as TextMatchOperator, field, value: text };
  }
  const value = parseOperand(list[1], field, argPath(1), state);
  return value ? { type: 'compare', op: op as CompareOperator, field, value } : undefined;
}

function parseFieldReference(
  raw: unknown,
  at: Path,
  state: State,
): { field: ParsedField; operators?: readonly string[] } | undefined {
  if (!count(state, at)) return undefined;
  if (!isPlainObject(raw) || Object.keys(raw).length !== 1 || !Object.hasOwn(raw, 'var')) {
    return fail(state, at, `the first argument names a field: {"var": "fieldKey"}; got ${describe(raw)}`);
  }
  const name = raw.var;
  if (typeof name !== 'string' || name === '') return fail(state, at, 'a field name is a non-empty string');
  if (name.startsWith('$')) return fail(state, at, `"${clip(name)}" is a variable; the first argument must be a field`);
  if (name.length > MAX_PATH_LENGTH || name.split('.').some((segment) => segment === '')) {
    return fail(state, at, `malformed field path "${clip(name)}"`);
  }
  const resolved = state.resolve(name);
  if (resolved === undefined) return fail(state, at, `unknown field "${clip(name)}"`, 'UNKNOWN_FIELD');
  if ('refused' in resolved) return fail(state, at, resolved.refused, 'UNKNOWN_FIELD');
  if (!Object.hasOwn(OPERATORS_BY_KIND, resolved.kind)) {
    return fail(state, at, `field "${clip(name)}" has a kind conditions cannot compare`, 'UNKNOWN_FIELD');
  }
  return { field: { path: name, kind: resolved.kind, sql: resolved.sql }, operators: resolved.operators };
}

function parseList(raw: unknown, field: ParsedField, at: Path, state: State): ParsedList | undefined {
  if (!count(state, at)) return undefined;
  if (raw === null) return fail(state, at, NULL_MESSAGE);
  const kind = itemKind(field.kind);
  if (isPlainObject(raw) && Object.keys(raw).length === 1 && raw.var === '$user.departmentIds') {
    if (kind !== 'uuid' && kind !== 'text') {
      return fail(state, at, `$user.departmentIds holds uuids; it does not apply to ${field.kind} field "${field.path}"`);
    }
    return { type: 'userDepartmentIds' };
  }
  if (!Array.isArray(raw)) return fail(state, at, `expected a list of values or {"var": "$user.departmentIds"}; got ${describe(raw)}`);
  const items: ParsedOperand[] = [];
  let valid = true;
  for (let i = 0; i < raw.length && !state.tooLarge; i++) {
    const item = parseOperand(raw[i], { ...field, kind }, [...at, i], state);
    if (item === undefined) valid = false;
    else items.push(item);
  }
  return valid && !state.tooLarge ? { type: 'items', items } : undefined;
}

function parseOperand(raw: unknown, field: ParsedField, at: Path, state: State): ParsedOperand | undefined {
  if (!count(state, at)) return undefined;
  if (raw === null) return fail(state, at, NULL_MESSAGE);
  if (raw === undefined) return fail(state, at, 'missing value');
  if (Array.isArray(raw)) return fail(state, at, `expected a single value for ${field.kind} field "${field.path}", got a list`);
  if (raw instanceof Date) {
    const instant = raw.getTime();
    if (field.kind !== 'datetime' || !(instant >= MIN_INSTANT && instant <= MAX_INSTANT)) {
      return fail(state, at, `a Date applies to datetime fields (years 0001–9999), not ${field.kind} field "${field.path}"`);
    }
    return { type: 'literal', value: instant };
  }
  if (typeof raw === 'object') return parseVariable(raw, field, at, state);
  return parseLiteral(raw, field, at, state);
}

function parseVariable(raw: object, field: ParsedField, at: Path, state: State): ParsedOperand | undefined {
  const { kind, path } = field;
  const record = raw as Record<string, unknown>;
  const keys = Object.keys(record);
  const isDay = kind === 'date' || kind === 'datetime';
  if (keys.length === 1 && keys[0] === 'var') {
    const name = record.var;
    if (typeof name !== 'string' || !name.startsWith('$')) {
      return fail(state, at, 'comparing with another field is not supported: the value is a literal or a variable ($now, $today, $user.id)');
    }
    switch (name) {
      case '$now':
        if (kind === 'datetime') return { type: 'now' };
        if (kind === 'date') return { type: 'relativeDay', days: 0 };
        return fail(state, at, `$now applies to date and datetime fields, not ${kind} field "${path}"`);
      case '$today':
        if (isDay) return { type: 'relativeDay', days: 0 };
        return fail(state, at, `$today applies to date and datetime fields, not ${kind} field "${path}"`);
      case '$user.id':
        if (kind === 'uuid' || kind === 'text') return { type: 'userId' };
        return fail(state, at, `$user.id applies to uuid and text fields, not ${kind} field "${path}"`);
      case '$user.departmentIds':
        return fail(state, at, '$user.departmentIds is a list: use it with in, containsAny or containsAll');
      default:
        return fail(state, at, `unknown variable "${clip(name)}"; known: $now, $today, $user.id, $user.departmentIds`);
    }
  }
  if (keys.length === 1 && (keys[0] === '$daysAgo' || keys[0] === '$daysFromNow')) {
    const key = keys[0];
    const n = record[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || Math.abs(n) > MAX_RELATIVE_DAYS) {
      return fail(state, at, `${key} takes a whole number of days (at most ${MAX_RELATIVE_DAYS}); got ${describe(n)}`);
    }
    if (!isDay) return fail(state, at, `${key} applies to date and datetime fields, not ${kind} field "${path}"`);
    const days = key === '$daysAgo' ? -n : n;
    return { type: 'relativeDay', days: days === 0 ? 0 : days };
  }
  return fail(state, at, `unsupported value ${describe(raw)}: use a literal, {"$daysAgo": n}, {"$daysFromNow": n} or {"var": "$now"}`);
}

const EXPECTED: Record<FieldKind, string> = {
  text: 'text',
  number: 'a number',
  boolean: 'true or false',
  date: "a date 'YYYY-MM-DD'",
  datetime: "an ISO 8601 date-time such as '2024-05-01T08:30:00+08:00'",
  time: "a time 'HH:mm:ss'",
  uuid: 'a uuid',
  json: 'text, a number or a boolean',
  textArray: 'text',
  uuidArray: 'a uuid',
};

function parseLiteral(raw: unknown, field: ParsedField, at: Path, state: State): ParsedOperand | undefined {
  const { kind, path } = field;
  const literal = (value: string | number | boolean): ParsedOperand => ({ type: 'literal', value });
  const wrongType = () => fail(state, at, `expected ${EXPECTED[kind]} for ${kind} field "${path}"; got ${describe(raw)}`);
  if (typeof raw === 'string' && !isStorableText(raw)) {
    return fail(state, at, 'text must not contain NUL characters or unpaired surrogates');
  }
  switch (kind) {
    case 'text':
      return typeof raw === 'string' ? literal(raw) : wrongType();
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? literal(raw) : wrongType();
    case 'boolean':
      return typeof raw === 'boolean' ? literal(raw) : wrongType();
    case 'date': {
      const day = typeof raw === 'string' ? parseDateLiteral(raw) : undefined;
      return day === undefined ? wrongType() : literal(day);
    }
    case 'datetime': {
      const parsed = typeof raw === 'string' ? parseDateTimeLiteral(raw) : undefined;
      if (parsed === undefined) return wrongType();
      return 'instant' in parsed ? literal(parsed.instant) : { type: 'localDateTime', value: parsed.wallClock };
    }
    case 'time': {
      const time = typeof raw === 'string' ? normaliseTime(raw) : undefined;
      return time === undefined ? wrongType() : literal(time);
    }
    case 'uuid':
    case 'uuidArray':
      return typeof raw === 'string' && UUID_PATTERN.test(raw) ? literal(raw.toLowerCase()) : wrongType();
    case 'json':
      return typeof raw === 'string' || typeof raw === 'boolean' || (typeof raw === 'number' && Number.isFinite(raw)) ? literal(raw) : wrongType();
    case 'textArray':
      return typeof raw === 'string' ? literal(raw) : wrongType();
  }
}
