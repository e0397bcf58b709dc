import type {
  CompareOperator,
  ConditionContext,
  ConditionEvaluator,
  FieldKind,
  ParsedCondition,
  ParsedField,
  ParsedList,
  ParsedOperand,
} from './condition-types';
import { compareCodePoints } from './compare-code-points';
import { normaliseTime } from './literal-formats';
import { itemKind, resolveList, resolveOperand, type ResolvedValue } from './resolve-operand';

type Row = Record<string, unknown>;
type Getter = (record: Row) => unknown;
/** Reads a record value as the normalised form of its kind; undefined when empty. */
type Reader = (raw: unknown) => ResolvedValue | undefined;
type Order = (a: ResolvedValue, b: ResolvedValue) => number;
type Operand = (ctx: ConditionContext) => ResolvedValue | undefined;
type ListValues = { set: Set<ResolvedValue>; values: ResolvedValue[] };

/** Compiles a parsed condition once into closures: `(record, ctx) => boolean`. Per call nothing is
 * interpreted and, for literal conditions, nothing is allocated; values that depend on the context
 * (relative days, `$user`) are recomputed only when `now`, the time zone or the user change. */
export function compileCondition(condition: ParsedCondition): ConditionEvaluator {
  return compileNode(condition);
}

function compileNode(condition: ParsedCondition): ConditionEvaluator {
  switch (condition.type) {
    case 'and':
      return every(condition.conditions.map(compileNode));
    case 'or':
      return some(condition.conditions.map(compileNode));
    case 'not': {
      const inner = compileNode(condition.condition);
      return (record, ctx) => !inner(record, ctx);
    }
    case 'emptiness': {
      const isEmpty = emptinessTest(condition.field);
      return condition.op === 'isEmpty' ? isEmpty : (record) => !isEmpty(record);
    }
    case 'compare':
      return compileCompare(condition.op, condition.field, condition.value);
    case 'between': {
      const get = getter(condition.field.path);
      const read = readerFor(condition.field.kind);
      const order = orderFor(condition.field.kind);
      const low = operandFor(condition.low, condition.field.kind);
      const high = operandFor(condition.high, condition.field.kind);
      return (record, ctx) => {
        const value = read(get(record));
        if (value === undefined) return false;
        const from = low(ctx);
        const to = high(ctx);
        return from !== undefined && to !== undefined && order(value, from) >= 0 && order(value, to) <= 0;
      };
    }
    case 'list':
      return compileList(condition.op, condition.field, condition.list);
    case 'match': {
      const get = getter(condition.field.path);
      const text = condition.value;
      if (condition.op === 'contains') {
        return (record) => {
          const value = get(record);
          return typeof value === 'string' && value !== '' && value.includes(text);
        };
      }
      if (condition.op === 'startsWith') {
        return (record) => {
          const value = get(record);
          return typeof value === 'string' && value !== '' && value.startsWith(text);
        };
      }
      return (record) => {
        const value = get(record);
        return typeof value === 'string' && value !== '' && value.endsWith(text);
      };
    }
  }
}

function every(tests: ConditionEvaluator[]): ConditionEvaluator {
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0];
  if (tests.length === 2) {
    const [a, b] = tests;
    return (record, ctx) => a(record, ctx) && b(record, ctx);
  }
  return (record, ctx) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](record, ctx)) return false;
    return true;
  };
}

function some(tests: ConditionEvaluator[]): ConditionEvaluator {
  if (tests.length === 0) return () => false;
  if (tests.length === 1) return tests[0];
  if (tests.length === 2) {
    const [a, b] = tests;
    return (record, ctx) => a(record, ctx) || b(record, ctx);
  }
  return (record, ctx) => {
    for (let i = 0; i < tests.length; i++) if (tests[i](record, ctx)) return true;
    return false;
  };
}

/** Reads a var path; dotted paths walk into objects (not arrays or strings), as `->` does in SQL. */
function getter(path: string): Getter {
  const segments = path.split('.');
  if (segments.length === 1) return (record) => record[path];
  if (segments.length === 2) {
    const [outer, inner] = segments;
    return (record) => {
      const value = record[outer];
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Row)[inner] : undefined;
    };
  }
  return (record) => {
    let value: unknown = record;
    for (let i = 0; i < segments.length; i++) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      value = (value as Row)[segments[i]];
    }
    return value;
  };
}

const NUMERIC_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

const readText: Reader = (raw) => (typeof raw === 'string' && raw !== '' ? raw : undefined);
/** Numbers; numeric strings too (how `pg` returns numeric columns). */
const readNumber: Reader = (raw) => {
  if (typeof raw === 'number') return raw === raw ? raw : undefined;
  return typeof raw === 'string' && NUMERIC_TEXT.test(raw) ? Number(raw) : undefined;
};
const readBoolean: Reader = (raw) => (typeof raw === 'boolean' ? raw : undefined);
/** 'YYYY-MM-DD' (the date part of a longer ISO string); a Date at local midnight, as `pg` returns
 * date columns. */
const readDate: Reader = (raw) => {
  if (typeof raw === 'string') {
    if (raw.length === 10) return raw;
    return raw.length > 10 && raw.charCodeAt(10) === 84 /* T */ ? raw.slice(0, 10) : undefined;
  }
  if (raw instanceof Date && raw.getTime() === raw.getTime()) {
    const month = String(raw.getMonth() + 1).padStart(2, '0');
    const day = String(raw.getDate()).padStart(2, '0');
    return `${String(raw.getFullYear()).padStart(4, '0')}-${month}-${day}`;
  }
  return undefined;
};
/** Epoch milliseconds of an ISO 8601 string (with an offset) or a Date. */
const readDateTime: Reader = (raw) => {
  if (typeof raw === 'string') {
    if (raw === '') return undefined;
    const instant = Date.parse(raw);
    return instant === instant ? instant : undefined;
  }
  if (raw instanceof Date) {
    const instant = raw.getTime();
    return instant === instant ? instant : undefined;
  }
  return undefined;
};
const readTime: Reader = (raw) => {
  if (typeof raw !== 'string' || raw === '') return undefined;
  return raw.length === 8 ? raw : normaliseTime(raw);
};
const readUuid: Reader = (raw) => (typeof raw === 'string' && raw !== '' ? raw.toLowerCase() : undefined);
/** JSON scalars as they are; null, '', [] and {} are empty; other arrays and objects equal no literal. */
const readJson: Reader = (raw) => {
  if (raw === null || raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'object') return raw as ResolvedValue;
  if (Array.isArray(raw)) return raw.length === 0 ? undefined : (raw as unknown as ResolvedValue);
  for (const key in raw) if (Object.hasOwn(raw, key)) return raw as unknown as ResolvedValue;
  return undefined;
};
const readArray: Reader = (raw) => (Array.isArray(raw) && raw.length > 0 ? (raw as unknown as ResolvedValue) : undefined);

function readerFor(kind: FieldKind): Reader {
  switch (kind) {
    case 'text':
      return readText;
    case 'number':
      return readNumber;
    case 'boolean':
      return readBoolean;
    case 'date':
      return readDate;
    case 'datetime':
      return readDateTime;
    case 'time':
      return readTime;
    case 'uuid':
      return readUuid;
    case 'json':
      return readJson;
    case 'textArray':
    case 'uuidArray':
      return readArray;
  }
}

const nativeOrder: Order = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const codePointOrder: Order = (a, b) => compareCodePoints(a as string, b as string);

/** Text orders by code point (COLLATE "C"); numbers, instants and the fixed-width ASCII forms of
 * dates and times natively. */
function orderFor(kind: FieldKind): Order {
  return kind === 'text' ? codePointOrder : nativeOrder;
}

function emptinessTest(field: ParsedField): (record: Row) => boolean {
  const get = getter(field.path);
  const read = readerFor(field.kind);
  return (record) => read(get(record)) === undefined;
}

/** An operand's value in a context. Literals are constants; the rest is cached for as long as the
 * context values it depends on stay the same. */
function operandFor(operand: ParsedOperand, kind: FieldKind): Operand {
  if (operand.type === 'literal') {
    const value = operand.value;
    return () => value;
  }
  if (operand.type === 'userId') {
    let lastId: string | undefined;
    let last: ResolvedValue | undefined;
    return (ctx) => {
      const id = ctx.user?.id;
      if (id !== lastId) {
        last = resolveOperand(operand, kind, ctx);
        lastId = id;
      }
      return last;
    };
  }
  let lastNow = Number.NaN;
  let lastZone = '';
  let last: ResolvedValue | undefined;
  return (ctx) => {
    const now = ctx.now.getTime();
    if (now !== lastNow || ctx.timeZone !== lastZone) {
      last = resolveOperand(operand, kind, ctx);
      lastNow = now;
      lastZone = ctx.timeZone;
    }
    return last;
  };
}

function compileCompare(op: CompareOperator, field: ParsedField, operand: ParsedOperand): ConditionEvaluator {
  const get = getter(field.path);
  const read = readerFor(field.kind);
  if (operand.type === 'literal') return compileLiteralCompare(op, field.kind, get, read, operand.value);
  const rhs = operandFor(operand, field.kind);
  const order = orderFor(field.kind);
  switch (op) {
    case '==':
      return (record, ctx) => {
        const value = rhs(ctx);
        return value !== undefined && read(get(record)) === value;
      };
    case '!=':
      return (record, ctx) => {
        const value = rhs(ctx);
        return value === undefined || read(get(record)) !== value;
      };
    case '>':
      return (record, ctx) => {
        const left = read(get(record));
        const right = rhs(ctx);
        return left !== undefined && right !== undefined && order(left, right) > 0;
      };
    case '>=':
      return (record, ctx) => {
        const left = read(get(record));
        const right = rhs(ctx);
        return left !== undefined && right !== undefined && order(left, right) >= 0;
      };
    case '<':
      return (record, ctx) => {
        const left = read(get(record));
        const right = rhs(ctx);
        return left !== undefined && right !== undefined && order(left, right) < 0;
      };
    case '<=':
      return (record, ctx) => {
        const left = read(get(record));
        const right = rhs(ctx);
        return left !== undefined && right !== undefined && order(left, right) <= 0;
      };
  }
}

/** The common case, kept free of indirect calls it does not need: a literal right-hand side. */
function compileLiteralCompare(op: CompareOperator, kind: FieldKind, get: Getter, read: Reader, value: ResolvedValue): ConditionEvaluator {
  if (op === '==') return (record) => read(get(record)) === value;
  if (op === '!=') return (record) => read(get(record)) !== value;
  if (kind === 'text') {
    const text = value as string;
    switch (op) {
      case '>':
        return (record) => {
          const left = get(record);
          return typeof left === 'string' && left !== '' && compareCodePoints(left, text) > 0;
        };
      case '>=':
        return (record) => {
          const left = get(record);
          return typeof left === 'string' && left !== '' && compareCodePoints(left, text) >= 0;
        };
      case '<':
        return (record) => {
          const left = get(record);
          return typeof left === 'string' && left !== '' && compareCodePoints(left, text) < 0;
        };
      case '<=':
        return (record) => {
          const left = get(record);
          return typeof left === 'string' && left !== '' && compareCodePoints(left, text) <= 0;
        };
    }
  }
  // Numbers and instants, or dates and times in their fixed-width ASCII forms: native comparison.
  // (Typed as numbers for the compiler; strings compare the same way.)
  const right = value as number;
  switch (op) {
    case '>':
      return (record) => {
        const left = read(get(record)) as number | undefined;
        return left !== undefined && left > right;
      };
    case '>=':
      return (record) => {
        const left = read(get(record)) as number | undefined;
        return left !== undefined && left >= right;
      };
    case '<':
      return (record) => {
        const left = read(get(record)) as number | undefined;
        return left !== undefined && left < right;
      };
    case '<=':
      return (record) => {
        const left = read(get(record)) as number | undefined;
        return left !== undefined && left <= right;
      };
  }
}

function listFor(list: ParsedList, kind: FieldKind): (ctx: ConditionContext) => ListValues {
  const toValues = (values: ResolvedValue[]): ListValues => {
    const set = new Set(values);
    return { set, values: [...set] };
  };
  if (list.type === 'items' && list.items.every((item) => item.type === 'literal')) {
    const constant = toValues(list.items.map((item) => (item as { value: ResolvedValue }).value));
    return () => constant;
  }
  let lastNow = Number.NaN;
  let lastZone = '';
  let lastUser: ConditionContext['user'] | null = null;
  let lastIds: readonly string[] | undefined;
  let last: ListValues = toValues([]);
  return (ctx) => {
    const now = ctx.now.getTime();
    if (now !== lastNow || ctx.timeZone !== lastZone || ctx.user !== lastUser || ctx.user?.departmentIds !== lastIds) {
      last = toValues(resolveList(list, kind, ctx));
      lastNow = now;
      lastZone = ctx.timeZone;
      lastUser = ctx.user;
      lastIds = ctx.user?.departmentIds;
    }
    return last;
  };
}

function compileList(op: 'in' | 'containsAny' | 'containsAll', field: ParsedField, list: ParsedList): ConditionEvaluator {
  const get = getter(field.path);
  const values = listFor(list, itemKind(field.kind));
  if (op === 'in') {
    const read = readerFor(field.kind);
    return (record, ctx) => {
      const value = read(get(record));
      return value !== undefined && values(ctx).set.has(value);
    };
  }
  const lowerCase = field.kind === 'uuidArray';
  if (op === 'containsAny') {
    return (record, ctx) => {
      const array = get(record);
      if (!Array.isArray(array) || array.length === 0) return false;
      const { set } = values(ctx);
      for (let i = 0; i < array.length; i++) {
        const element: unknown = array[i];
        if (typeof element === 'string' && set.has(lowerCase ? element.toLowerCase() : element)) return true;
      }
      return false;
    };
  }
  return (record, ctx) => {
    const array = get(record);
    if (!Array.isArray(array) || array.length === 0) return false;
    const wanted = values(ctx).values;
    for (let w = 0; w < wanted.length; w++) {
      let found = false;
      for (let i = 0; i < array.length && !found; i++) {
        const element: unknown = array[i];
        found = typeof element === 'string' && (lowerCase ? element.toLowerCase() : element) === wanted[w];
      }
      if (!found) return false;
    }
    return true;
  };
}
