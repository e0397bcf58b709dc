import type { ConditionContext, FieldKind, ParsedCondition, ParsedField } from './condition-types';
import { itemKind, resolveList, resolveOperand, type ResolvedValue } from './resolve-operand';

const SQL_TYPE: Record<FieldKind, string> = {
  text: 'text',
  number: 'numeric',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
  time: 'time',
  uuid: 'uuid',
  json: 'jsonb',
  textArray: 'text[]',
  uuidArray: 'uuid[]',
};

const EMPTY_JSON = `('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb)`;

/** Compiles a parsed condition to a PostgreSQL boolean expression that is never NULL (so NOT cannot
 * let three-valued logic leak through). Values are pushed onto `params` and referenced as `$n`; the
 * SQL text holds only the resolver's column expressions and constants. Agrees with compileCondition
 * on every record: an empty column fails every test except `!=` and isEmpty. */
export function conditionToSql(condition: ParsedCondition, ctx: ConditionContext, params: unknown[]): string {
  switch (condition.type) {
    case 'and':
    case 'or': {
      if (condition.conditions.length === 0) return condition.type === 'and' ? 'TRUE' : 'FALSE';
      const parts = condition.conditions.map((child) => conditionToSql(child, ctx, params));
      return parts.length === 1 ? parts[0] : `(${parts.join(condition.type === 'and' ? ' AND ' : ' OR ')})`;
    }
    case 'not':
      return `(NOT ${conditionToSql(condition.condition, ctx, params)})`;
    case 'emptiness':
      return `(${condition.op === 'isEmpty' ? isEmptySql(condition.field) : isNotEmptySql(condition.field)})`;
    case 'compare': {
      const { field, op } = condition;
      const value = resolveOperand(condition.value, field.kind, ctx);
      if (value === undefined) return op === '!=' ? 'TRUE' : 'FALSE';
      const col = column(field);
      const param = pushParam(params, toParam(field.kind, value), SQL_TYPE[field.kind]);
      if (op === '!=') {
        if (field.kind === 'text' || field.kind === 'json') return `(${isEmptySql(field)} OR ${col} <> ${param})`;
        return `(${col} IS DISTINCT FROM ${param})`;
      }
      // Equality needs no collation (and keeps the column's index usable).
      const left = op === '==' ? col : ordered(field);
      return `(${isNotEmptySql(field)} AND ${left} ${op === '==' ? '=' : op} ${param})`;
    }
    case 'between': {
      const { field } = condition;
      const low = resolveOperand(condition.low, field.kind, ctx);
      const high = resolveOperand(condition.high, field.kind, ctx);
      if (low === undefined || high === undefined) return 'FALSE';
      const type = SQL_TYPE[field.kind];
      const from = pushParam(params, toParam(field.kind, low), type);
      const to = pushParam(params, toParam(field.kind, high), type);
      return `(${isNotEmptySql(field)} AND ${ordered(field)} BETWEEN ${from} AND ${to})`;
    }
    case 'list': {
      const { field, op } = condition;
      const kind = itemKind(field.kind);
      const values = resolveList(condition.list, kind, ctx).map((value) => toParam(kind, value));
      const col = column(field);
      if (op === 'in') {
        return `(${isNotEmptySql(field)} AND ${col} = ANY(${pushParam(params, values, `${SQL_TYPE[kind]}[]`)}))`;
      }
      const param = pushParam(params, values, SQL_TYPE[field.kind]);
      return `(${isNotEmptySql(field)} AND ${col} ${op === 'containsAny' ? '&&' : '@>'} ${param})`;
    }
    case 'match': {
      const { field, op, value } = condition;
      // LIKE with its wildcards and escape character escaped matches the text literally.
      const escaped = value.replace(/[\\%_]/g, '\\$&');
      const pattern = op === 'contains' ? `%${escaped}%` : op === 'startsWith' ? `${escaped}%` : `%${escaped}`;
      return `(${isNotEmptySql(field)} AND ${column(field)} LIKE ${pushParam(params, pattern, 'text')})`;
    }
  }
}

function pushParam(params: unknown[], value: unknown, type: string): string {
  params.push(value);
  return `$${params.length}::${type}`;
}

function toParam(kind: FieldKind, value: ResolvedValue): unknown {
  if (kind === 'datetime') return new Date(value as number).toISOString();
  if (kind === 'json') return JSON.stringify(value);
  return value;
}

/** The resolver's expression, parenthesised unless it is a plain (quoted) identifier chain. */
function column(field: ParsedField): string {
  return /^[\w."]+$/.test(field.sql) ? field.sql : `(${field.sql})`;
}

/** Text orders by code point, whatever the column's collation. */
function ordered(field: ParsedField): string {
  return field.kind === 'text' ? `${column(field)} COLLATE "C"` : column(field);
}

function isNotEmptySql(field: ParsedField): string {
  const col = column(field);
  switch (field.kind) {
    case 'text':
      return `${col} IS NOT NULL AND ${col} <> ''`;
    case 'textArray':
    case 'uuidArray':
      return `${col} IS NOT NULL AND cardinality(${col}) > 0`;
    case 'json':
      return `${col} IS NOT NULL AND ${col} NOT IN ${EMPTY_JSON}`;
    default:
      return `${col} IS NOT NULL`;
  }
}

function isEmptySql(field: ParsedField): string {
  const col = column(field);
  switch (field.kind) {
    case 'text':
      return `${col} IS NULL OR ${col} = ''`;
    case 'textArray':
    case 'uuidArray':
      return `${col} IS NULL OR cardinality(${col}) = 0`;
    case 'json':
      return `${col} IS NULL OR ${col} IN ${EMPTY_JSON}`;
    default:
      return `${col} IS NULL`;
  }
}
