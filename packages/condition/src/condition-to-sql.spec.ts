import { conditionToSql } from './condition-to-sql';
import { parseCondition } from './parse-condition';
import type { ConditionContext } from './condition-types';
import { CTX, DEPT_A, DEPT_B, USER_ID, resolveField } from './condition.fixture';

const v = (path: string) => ({ var: path });

function toSql(ast: unknown, ctx: ConditionContext = CTX, params: unknown[] = []): { sql: string; params: unknown[] } {
  const parsed = parseCondition(ast, resolveField);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return { sql: conditionToSql(parsed.condition, ctx, params), params };
}

describe('conditionToSql', () => {
  it.each<[string, unknown, string, unknown[]]>([
    [
      'a view filter',
      { and: [{ '>': [v('amount'), 100] }, { in: [v('status'), ['won', 'lost']] }] },
      `((t."amount" IS NOT NULL AND t."amount" > $1::numeric) AND (t."status" IS NOT NULL AND t."status" <> '' AND t."status" = ANY($2::text[])))`,
      [100, ['won', 'lost']],
    ],
    [
      'a negated contains with LIKE wildcards',
      { '!': { contains: [v('name'), '50%_off\\'] } },
      `(NOT (t."name" IS NOT NULL AND t."name" <> '' AND t."name" LIKE $1::text))`,
      ['%50\\%\\_off\\\\%'],
    ],
    [
      'a data scope with relative days and the user',
      { or: [{ '>=': [v('createdAt'), { $daysAgo: 7 }] }, { '==': [v('owner'), v('$user.id')] }, { containsAny: [v('departments'), v('$user.departmentIds')] }] },
      `((t."created_at" IS NOT NULL AND t."created_at" >= $1::timestamptz) OR (t."owner" IS NOT NULL AND t."owner" = $2::uuid) OR (t."departments" IS NOT NULL AND cardinality(t."departments") > 0 AND t."departments" && $3::uuid[]))`,
      ['2024-02-23T16:00:00.000Z', USER_ID, [DEPT_A, DEPT_B]],
    ],
    ['text orders by code point', { '<': [v('name'), 'b'] }, `(t."name" IS NOT NULL AND t."name" <> '' AND t."name" COLLATE "C" < $1::text)`, ['b']],
    ['text between', { between: [v('name'), 'a', 'b'] }, `(t."name" IS NOT NULL AND t."name" <> '' AND t."name" COLLATE "C" BETWEEN $1::text AND $2::text)`, ['a', 'b']],
    ['startsWith', { startsWith: [v('name'), 'Ac'] }, `(t."name" IS NOT NULL AND t."name" <> '' AND t."name" LIKE $1::text)`, ['Ac%']],
    ['endsWith', { endsWith: [v('name'), '_'] }, `(t."name" IS NOT NULL AND t."name" <> '' AND t."name" LIKE $1::text)`, ['%\\_']],
    ['text != (empty text is distinct)', { '!=': [v('name'), 'a'] }, `(t."name" IS NULL OR t."name" = '' OR t."name" <> $1::text)`, ['a']],
    ['number !=', { '!=': [v('amount'), 1] }, `(t."amount" IS DISTINCT FROM $1::numeric)`, [1]],
    ['boolean ==', { '==': [v('won'), true] }, `(t."won" IS NOT NULL AND t."won" = $1::boolean)`, [true]],
    ['date $today', { '<=': [v('closeDate'), v('$today')] }, `(t."close_date" IS NOT NULL AND t."close_date" <= $1::date)`, ['2024-03-02']],
    ['datetime wall clock in the zone', { '<': [v('createdAt'), '2024-03-01T08:00'] }, `(t."created_at" IS NOT NULL AND t."created_at" < $1::timestamptz)`, ['2024-03-01T00:00:00.000Z']],
    ['$now', { '<': [v('createdAt'), v('$now')] }, `(t."created_at" IS NOT NULL AND t."created_at" < $1::timestamptz)`, ['2024-03-01T17:00:00.000Z']],
    ['time', { '>=': [v('opensAt'), '09:00'] }, `(t."opens_at" IS NOT NULL AND t."opens_at" >= $1::time)`, ['09:00:00']],
    ['uuid in $user.departmentIds', { in: [v('owner'), v('$user.departmentIds')] }, `(t."owner" IS NOT NULL AND t."owner" = ANY($1::uuid[]))`, [[DEPT_A, DEPT_B]]],
    ['containsAll', { containsAll: [v('tags'), ['a', 'b']] }, `(t."tags" IS NOT NULL AND cardinality(t."tags") > 0 AND t."tags" @> $1::text[])`, [['a', 'b']]],
    ['json ==', { '==': [v('address'), 'x'] }, `(t."address" IS NOT NULL AND t."address" NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb) AND t."address" = $1::jsonb)`, ['"x"']],
    ['json in', { in: [v('address'), [1, true]] }, `(t."address" IS NOT NULL AND t."address" NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb) AND t."address" = ANY($1::jsonb[]))`, [['1', 'true']]],
    ['a dotted path (expression parenthesised)', { '==': [v('address.city'), 'x'] }, `((t."address"->>'city') IS NOT NULL AND (t."address"->>'city') <> '' AND (t."address"->>'city') = $1::text)`, ['x']],
    ['isEmpty text', { isEmpty: [v('name')] }, `(t."name" IS NULL OR t."name" = '')`, []],
    ['isEmpty array', { isEmpty: [v('tags')] }, `(t."tags" IS NULL OR cardinality(t."tags") = 0)`, []],
    ['isEmpty json', { isEmpty: [v('address')] }, `(t."address" IS NULL OR t."address" IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb))`, []],
    ['isNotEmpty number', { isNotEmpty: [v('amount')] }, `(t."amount" IS NOT NULL)`, []],
    ['an empty and', { and: [] }, 'TRUE', []],
    ['an empty or', { or: [] }, 'FALSE', []],
    ['one child needs no brackets', { and: [{ isEmpty: [v('won')] }] }, `(t."won" IS NULL)`, []],
  ])('%s', (_name, ast, sql, params) => {
    expect(toSql(ast)).toEqual({ sql, params });
  });

  it('numbers its parameters after those already pushed', () => {
    const params: unknown[] = ['tenant'];
    expect(toSql({ '==': [v('amount'), 5] }, CTX, params).sql).toBe(`(t."amount" IS NOT NULL AND t."amount" = $2::numeric)`);
    expect(params).toEqual(['tenant', 5]);
  });

  it('never puts a value into the SQL text', () => {
    const hostile = `x'); DROP TABLE records; --`;
    const { sql, params } = toSql({ or: [{ '==': [v('name'), hostile] }, { contains: [v('name'), hostile] }, { in: [v('status'), [hostile]] }] });
    expect(sql).not.toContain('DROP');
    expect(params).toEqual([hostile, `%${hostile}%`, [hostile]]);
  });

  it('without a user, $user.id matches nothing and != holds', () => {
    const noUser: ConditionContext = { now: CTX.now, timeZone: CTX.timeZone };
    expect(toSql({ '==': [v('owner'), v('$user.id')] }, noUser)).toEqual({ sql: 'FALSE', params: [] });
    expect(toSql({ '!=': [v('owner'), v('$user.id')] }, noUser)).toEqual({ sql: 'TRUE', params: [] });
    expect(toSql({ in: [v('owner'), v('$user.departmentIds')] }, noUser).params).toEqual([[]]);
  });

  it('keeps ids that are not uuids away from uuid casts', () => {
    const ctx: ConditionContext = { ...CTX, user: { id: 'alice', departmentIds: ['sales', DEPT_A.toUpperCase()] } };
    expect(toSql({ '==': [v('owner'), v('$user.id')] }, ctx).sql).toBe('FALSE');
    expect(toSql({ in: [v('owner'), v('$user.departmentIds')] }, ctx).params).toEqual([[DEPT_A]]);
    expect(toSql({ '==': [v('name'), v('$user.id')] }, ctx).params).toEqual(['alice']);
  });

  it('places relative days in the context time zone', () => {
    const ast = { '>=': [v('createdAt'), { $daysAgo: 1 }] };
    expect(toSql(ast, { ...CTX, timeZone: 'UTC' }).params).toEqual(['2024-02-29T00:00:00.000Z']);
    expect(toSql(ast, { ...CTX, timeZone: 'America/New_York' }).params).toEqual(['2024-02-29T05:00:00.000Z']);
    expect(toSql(ast, CTX).params).toEqual(['2024-02-29T16:00:00.000Z']);
  });
});
