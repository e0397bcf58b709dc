// The condition language has two back ends: the compiled in-memory evaluator and the SQL compiler.
// This property test checks they select exactly the same rows of a real PostgreSQL table, for random
// data (empty values, astral text, LIKE wildcards, decimals, month ends, DST days) and random
// conditions (nested and/or/!, every operator, relative dates, $user variables, several time zones).
// Address parts (`ad.city`) resolve through the API's own resolver, so its SQL is what is tested.
// A failure prints the data seed (in the describe title) and fast-check's seed and counterexample;
// rerun with CONDITION_DATA_SEED=<seed> to get the same rows. CONDITION_RUNS sets runs per property.
import fc from 'fast-check';
import { Client } from 'pg';
import {
  compileCondition,
  conditionToSql,
  parseCondition,
  type ConditionContext,
  type FieldKind,
  type ResolvedField,
} from '@platform/condition';
import { getFieldType } from '@platform/form-engine';
import { conditionFieldOf } from '../src/records/condition-fields';
import type { RuntimeField } from '../src/records/form-runtime';

// The server the API test setup chose (DATABASE_URL or the embedded one), else the local default.
const DATABASE_URL = process.env.TEST_SERVER_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DATA_SEED = Number(process.env.CONDITION_DATA_SEED ?? Date.now() % 2_147_483_647);
const ROWS = 200;
const RUNS = Number(process.env.CONDITION_RUNS ?? 500);
const TABLE = `condition_agreement_${process.pid}_${Date.now().toString(36)}`;

/** An address column as the records API resolves it: the whole value, and each declared part. */
const ADDRESS: RuntimeField = { field: { key: 'ad', type: 'address', label: 'ad' }, def: getFieldType('address')!, column: 't."ad"', sqlType: 'jsonb' };
function addressField(path: string): ResolvedField {
  const resolved = conditionFieldOf(ADDRESS, path);
  if (!resolved || 'refused' in resolved) throw new Error(`the address does not resolve ${path}`);
  return resolved;
}

const FIELDS: Record<string, ResolvedField> = {
  tx: { kind: 'text', sql: 't."tx"' },
  nm: { kind: 'number', sql: 't."nm"' },
  bl: { kind: 'boolean', sql: 't."bl"' },
  dt: { kind: 'date', sql: 't."dt"' },
  ts: { kind: 'datetime', sql: 't."ts"' },
  tm: { kind: 'time', sql: 't."tm"' },
  ta: { kind: 'textArray', sql: 't."ta"' },
  uu: { kind: 'uuid', sql: 't."uu"' },
  ua: { kind: 'uuidArray', sql: 't."ua"' },
  j: { kind: 'json', sql: 't."j"' },
  'j.city': { kind: 'text', sql: `t."j"->>'city'` },
  'j.n': { kind: 'number', sql: `(t."j"->>'n')::numeric` },
  'j.tag': { kind: 'json', sql: `t."j"->'tag'` },
  ad: addressField('ad'),
  'ad.province': addressField('ad.province'),
  'ad.city': addressField('ad.city'),
  'ad.district': addressField('ad.district'),
  'ad.detail': addressField('ad.detail'),
};
const resolve = (path: string) => FIELDS[path];

// ---------------------------------------------------------------------------------------- values

// Characters whose UTF-16 order differs from code point order (U+E000–U+FFFF against astral ones),
// LIKE wildcards and escapes, quotes, accents and CJK.
const ALPHABET = ['a', 'b', 'B', 'z', ' ', 'é', '中', '\uE000', '\uFF21', '\uFFFD', '😀', '𝒳', '%', '_', '\\', "'", '"'];
const smallText = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 4 }).map((chars) => chars.join(''));
const anyText = fc
  .string({ unit: 'binary', maxLength: 4 })
  .filter((s) => !s.includes('\u0000'));
const text = fc.oneof({ weight: 5, arbitrary: smallText }, { weight: 1, arbitrary: anyText });

const number = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(0.1, 0.2, 0.3, -2.5, 2.5, 1e21, -1e-7, 123456.789, 0.30000000000000004),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const ANCHOR_DAYS = ['2023-02-28', '2024-02-29', '2024-03-10', '2024-03-31', '2024-09-08', '2024-11-03', '2024-12-31'];
const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const formatDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const date = fc
  .tuple(fc.constantFrom(...ANCHOR_DAYS), fc.integer({ min: -3, max: 3 }))
  .map(([day, shift]) => formatDay(dayMs(day) + shift * DAY_MS));
// Instants near local midnights of several zones (UTC+8, UTC-4/-5, UTC+12:45) and random ones.
const instant = fc.oneof(
  fc
    .tuple(date, fc.constantFrom(0, 8, -4, -5, 12.75, -3, 5.5), fc.constantFrom(0, 1, -1, 3_600_000, 59_999))
    .map(([day, offsetHours, ms]) => dayMs(day) - offsetHours * 3_600_000 + ms),
  fc.tuple(date, fc.integer({ min: 0, max: DAY_MS - 1 })).map(([day, ms]) => dayMs(day) + ms),
);
const twoDigits = (n: number) => String(n).padStart(2, '0');
const withOffset = (ms: number, offsetMinutes: number) => {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${twoDigits(Math.floor(abs / 60))}:${twoDigits(abs % 60)}`;
};
const time = fc
  .tuple(fc.constantFrom(0, 9, 12, 23), fc.constantFrom(0, 30, 59), fc.constantFrom(0, 1, 59), fc.constantFrom('', '', '', '.5', '.25'))
  .map(([h, m, s, fraction]) => `${twoDigits(h)}:${twoDigits(m)}:${twoDigits(s)}${fraction}`);

const UUIDS = [
  '00000000-0000-4000-8000-000000000001',
  '00000000-0000-4000-8000-000000000002',
  'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  'ffffffff-0000-4000-8000-00000000000f',
  '12345678-9abc-4def-8123-456789abcdef',
];
const uuid = fc.constantFrom(...UUIDS);
const uuidLiteral = fc.tuple(uuid, fc.boolean()).map(([id, upper]) => (upper ? id.toUpperCase() : id));
const ARRAY_ITEMS = ['a', 'b', 'c', '', 'é', '😀', UUIDS[0]];
const textArray = fc.array(fc.constantFrom(...ARRAY_ITEMS), { maxLength: 3 });
const uuidArray = fc.uniqueArray(uuid, { maxLength: 3 });
const jsonScalar = fc.oneof(fc.constantFrom('a', 'b', '', '1', '😀'), fc.constantFrom(0, 1, 1.5, -2), fc.boolean());
const jsonValue = fc.oneof(
  { weight: 4, arbitrary: fc.record(
    {
      city: fc.option(text, { nil: null }),
      n: fc.option(number, { nil: null }),
      tag: fc.oneof(jsonScalar, fc.constantFrom(null, [], {}, ['a'], { a: 1 })),
    },
    { requiredKeys: [] },
  ) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('str', '', 1.5, true, null, [], {}, [1]) },
);

// Region names (some sharing prefixes and suffixes) next to random text, so that equality and `in` hit.
const ADDRESS_NAMES = ['广东省', '广西壮族自治区', '深圳市', '广州市', '市辖区', '南山区', '东城区', '科技园路1号', '1号%_'];
const addressText = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ADDRESS_NAMES) }, { weight: 1, arbitrary: smallText });
const addressPart = fc.option(fc.oneof(addressText, fc.constant('')), { nil: null, freq: 4 });
const addressValue = fc.oneof(
  { weight: 6, arbitrary: fc.record({ province: addressPart, city: addressPart, district: addressPart, detail: addressPart }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined) },
);

/** Empty in all its spellings: undefined and null (SQL NULL) and the kind's own empty value. */
function maybe<T>(arbitrary: fc.Arbitrary<T>, ...empties: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: fc.constantFrom(undefined, null, ...empties) });
}

type Row = {
  id: number;
  tx: unknown;
  nm: unknown;
  bl: unknown;
  dt: unknown;
  ts: unknown;
  tm: unknown;
  ta: unknown;
  uu: unknown;
  ua: unknown;
  j: unknown;
  ad: unknown;
};

// Each row is stored in PostgreSQL and handed to the evaluator in one of its wire forms.
const rowArbitrary = fc.record({
  tx: maybe(text, ''),
  nm: maybe(fc.tuple(number, fc.integer({ min: 0, max: 9 })).map(([n, form]) => (form === 0 ? { wire: String(n), n } : { wire: n, n }))),
  bl: maybe(fc.boolean()),
  dt: maybe(date),
  ts: maybe(fc.tuple(instant, fc.constantFrom('Z', 'date', '+08:00', '-05:00')).map(([ms, form]) => ({ ms, form }))),
  tm: maybe(time),
  ta: maybe(textArray, []),
  uu: maybe(uuid),
  ua: maybe(uuidArray, []),
  j: fc.oneof({ weight: 5, arbitrary: jsonValue }, { weight: 1, arbitrary: fc.constant(undefined) }),
  ad: addressValue,
});

type GeneratedRow = typeof rowArbitrary extends fc.Arbitrary<infer T> ? T : never;

function toRecordAndParams(id: number, generated: GeneratedRow): { record: Row; params: unknown[] } {
  const nm = generated.nm as { wire: unknown; n: number } | null | undefined;
  const ts = generated.ts as { ms: number; form: string } | null | undefined;
  const tsWire = !ts ? ts : ts.form === 'Z' ? new Date(ts.ms).toISOString() : ts.form === 'date' ? new Date(ts.ms) : withOffset(ts.ms, ts.form === '+08:00' ? 480 : -300);
  const record: Row = { id, tx: generated.tx, nm: nm ? nm.wire : nm, bl: generated.bl, dt: generated.dt, ts: tsWire, tm: generated.tm, ta: generated.ta, uu: generated.uu, ua: generated.ua, j: generated.j, ad: generated.ad };
  const params = [
    id,
    generated.tx ?? null,
    nm ? String(nm.n) : null,
    generated.bl ?? null,
    generated.dt ?? null,
    ts ? new Date(ts.ms).toISOString() : null,
    generated.tm ?? null,
    generated.ta ?? null,
    generated.uu ?? null,
    generated.ua ?? null,
    generated.j === undefined ? null : JSON.stringify(generated.j),
    generated.ad === undefined || generated.ad === null ? null : JSON.stringify(generated.ad),
  ];
  return { record, params };
}

// ------------------------------------------------------------------------------------ conditions

const v = (path: string) => ({ var: path });
const relativeDay = fc.oneof(
  fc.integer({ min: -10, max: 40 }).map((n) => ({ $daysAgo: n })),
  fc.integer({ min: -10, max: 40 }).map((n) => ({ $daysFromNow: n })),
  fc.constant({ var: '$today' }),
  fc.constant({ var: '$now' }),
);
const datetimeLiteral = fc.oneof(
  fc.tuple(instant, fc.constantFrom(0, 480, -300, 765)).map(([ms, offset]) => (offset === 0 ? new Date(ms).toISOString() : withOffset(ms, offset))),
  fc.tuple(instant).map(([ms]) => new Date(ms).toISOString().slice(0, 19)),
  date,
);
const shortTime = fc.oneof(time, time.map((t) => t.slice(0, 5)));

const OPERAND: Partial<Record<FieldKind, fc.Arbitrary<unknown>>> = {
  text: fc.oneof({ weight: 9, arbitrary: text }, { weight: 1, arbitrary: fc.constant(v('$user.id')) }),
  number,
  boolean: fc.boolean(),
  date: fc.oneof(date, relativeDay),
  datetime: fc.oneof(datetimeLiteral, relativeDay),
  time: shortTime,
  uuid: fc.oneof({ weight: 3, arbitrary: uuidLiteral }, { weight: 1, arbitrary: fc.constant(v('$user.id')) }),
  json: jsonScalar,
};
const ARRAY_OPERAND: Partial<Record<FieldKind, fc.Arbitrary<unknown>>> = {
  textArray: fc.oneof(fc.array(fc.constantFrom(...ARRAY_ITEMS), { maxLength: 3 }), fc.constant(v('$user.departmentIds'))),
  uuidArray: fc.oneof(fc.array(uuidLiteral, { maxLength: 3 }), fc.constant(v('$user.departmentIds'))),
};

function clauseFor(path: string): fc.Arbitrary<unknown> {
  const { kind, operators } = FIELDS[path];
  const field = v(path);
  const emptiness = fc.constantFrom('isEmpty', 'isNotEmpty').map((op) => ({ [op]: [field] }));
  // Fields narrowed to some operators (the address and its parts) get clauses with only those.
  if (operators) return fc.oneof(...narrowedClauses(path, operators));
  if (kind === 'textArray' || kind === 'uuidArray') {
    const list = ARRAY_OPERAND[kind]!;
    return fc.oneof(emptiness, fc.tuple(fc.constantFrom('containsAny', 'containsAll'), list).map(([op, values]) => ({ [op]: [field, values] })));
  }
  const operand = OPERAND[kind]!;
  const equality = fc.tuple(fc.constantFrom('==', '!='), operand).map(([op, value]) => ({ [op]: [field, value] }));
  const inList = fc.oneof(
    fc.array(operand, { maxLength: 4 }),
    kind === 'uuid' || kind === 'text' ? fc.constant(v('$user.departmentIds')) : fc.array(operand, { maxLength: 2 }),
  ).map((list) => ({ in: [field, list] }));
  if (kind === 'boolean') return fc.oneof(emptiness, equality);
  if (kind === 'uuid' || kind === 'json') return fc.oneof(emptiness, equality, inList);
  const ordering = fc.tuple(fc.constantFrom('>', '>=', '<', '<='), operand).map(([op, value]) => ({ [op]: [field, value] }));
  const between = fc.tuple(operand, operand).map(([low, high]) => ({ between: [field, low, high] }));
  const options = [emptiness, equality, equality, ordering, ordering, between, inList];
  if (kind === 'text') {
    options.push(fc.tuple(fc.constantFrom('contains', 'startsWith', 'endsWith'), smallText).map(([op, value]) => ({ [op]: [field, value] })));
  }
  return fc.oneof(...options);
}

function narrowedClauses(path: string, operators: readonly string[]): fc.Arbitrary<unknown>[] {
  const field = v(path);
  const operand = path.startsWith('ad.') ? addressText : OPERAND[FIELDS[path].kind]!;
  const matchText = path.startsWith('ad.') ? fc.oneof(fc.constantFrom('广', '市', '区', '号', '%', '_'), smallText) : smallText;
  const byOperator: Record<string, fc.Arbitrary<unknown>> = {
    isEmpty: fc.constant({ isEmpty: [field] }),
    isNotEmpty: fc.constant({ isNotEmpty: [field] }),
    '==': operand.map((value) => ({ '==': [field, value] })),
    '!=': operand.map((value) => ({ '!=': [field, value] })),
    in: fc.array(operand, { maxLength: 4 }).map((list) => ({ in: [field, list] })),
    contains: matchText.map((value) => ({ contains: [field, value] })),
    startsWith: matchText.map((value) => ({ startsWith: [field, value] })),
    endsWith: matchText.map((value) => ({ endsWith: [field, value] })),
  };
  const clauses = operators.map((op) => byOperator[op]);
  if (clauses.some((clause) => clause === undefined)) throw new Error(`no generator for an operator of ${path}: ${operators.join(', ')}`);
  return clauses;
}

const clause = fc.oneof(...Object.keys(FIELDS).map(clauseFor));
const { condition } = fc.letrec<{ condition: unknown }>((tie) => ({
  condition: fc.oneof(
    { maxDepth: 4, depthSize: 'small' },
    { weight: 4, arbitrary: clause },
    { weight: 1, arbitrary: fc.array(tie('condition'), { maxLength: 3 }).map((items) => ({ and: items })) },
    { weight: 1, arbitrary: fc.array(tie('condition'), { maxLength: 3 }).map((items) => ({ or: items })) },
    { weight: 1, arbitrary: tie('condition').map((inner) => ({ '!': inner })) },
  ),
}));

const TIME_ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'America/Santiago', 'Pacific/Chatham', 'Asia/Kolkata', 'Europe/London'];
const context: fc.Arbitrary<ConditionContext> = fc.record({
  now: instant.map((ms) => new Date(ms)),
  timeZone: fc.constantFrom(...TIME_ZONES),
  user: fc.option(
    fc.record({ id: fc.oneof(uuid, fc.constantFrom('alice', 'a')), departmentIds: fc.uniqueArray(fc.oneof(uuid, fc.constantFrom('a', 'b')), { maxLength: 3 }) }),
    { nil: undefined, freq: 6 },
  ),
});

// ----------------------------------------------------------------------------------------- test

describe(`condition back ends agree (data seed ${DATA_SEED})`, () => {
  const client = new Client({ connectionString: DATABASE_URL });
  let records: Row[] = [];

  beforeAll(async () => {
    await client.connect();
    // Results must not depend on the session's zone: relative dates come from the context.
    await client.query(`SET TIME ZONE 'Pacific/Kiritimati'`);
    // A linguistic collation on the text column proves ordering uses COLLATE "C" (code points).
    const icu = await client.query(`SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'`);
    const textCollation = icu.rowCount ? ' COLLATE "und-x-icu"' : '';
    await client.query(`CREATE TEMP TABLE "${TABLE}" (
      id int PRIMARY KEY, tx text${textCollation}, nm numeric, bl boolean, dt date, ts timestamptz, tm time,
      ta text[], uu uuid, ua uuid[], j jsonb, ad jsonb)`);
    const generated = fc.sample(rowArbitrary, { numRuns: ROWS, seed: DATA_SEED });
    records = [];
    for (let i = 0; i < generated.length; i++) {
      const { record, params } = toRecordAndParams(i + 1, generated[i]);
      records.push(record);
      await client.query(`INSERT INTO "${TABLE}" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, params);
    }
  }, 30_000);

  afterAll(async () => {
    await client.query(`DROP TABLE IF EXISTS "${TABLE}"`);
    await client.end();
  });

  async function selectedBySql(ast: unknown, ctx: ConditionContext): Promise<{ sql: string; hits: (boolean | null)[] }> {
    const parsed = parseCondition(ast, resolve);
    if (!parsed.ok) throw new Error(`generated an invalid condition: ${JSON.stringify(parsed.issues)}`);
    const params: unknown[] = [];
    const sql = conditionToSql(parsed.condition, ctx, params);
    const { rows } = await client.query<{ hit: boolean | null }>(`SELECT (${sql}) AS hit FROM "${TABLE}" AS t ORDER BY id`, params);
    return { sql, hits: rows.map((row) => row.hit) };
  }

  function selectedByEvaluator(ast: unknown, ctx: ConditionContext): boolean[] {
    const parsed = parseCondition(ast, resolve);
    if (!parsed.ok) throw new Error(`generated an invalid condition: ${JSON.stringify(parsed.issues)}`);
    const evaluate = compileCondition(parsed.condition);
    return records.map((record) => evaluate(record as unknown as Record<string, unknown>, ctx));
  }

  function ids(hits: (boolean | null)[]): number[] {
    return hits.flatMap((hit, i) => (hit ? [records[i].id] : []));
  }

  it('stored the generated rows', async () => {
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM "${TABLE}"`);
    expect(Number(rows[0].count)).toBe(ROWS);
  });

  it('selects the same rows in memory and in SQL, and SQL never yields NULL', async () => {
    let properSubsets = 0;
    await fc.assert(
      fc.asyncProperty(condition, context, async (ast, ctx) => {
        const { sql, hits } = await selectedBySql(ast, ctx);
        const expected = selectedByEvaluator(ast, ctx);
        if (hits.some((hit) => hit === null)) throw new Error(`SQL yielded NULL: ${sql}`);
        expect({ ast, sql, ids: ids(hits) }).toEqual({ ast, sql, ids: ids(expected) });
        const selected = ids(hits).length;
        if (selected > 0 && selected < ROWS) properSubsets += 1;
      }),
      { numRuns: RUNS },
    );
    // Agreement on "nothing" or "everything" proves little: most conditions must split the rows.
    expect(properSubsets).toBeGreaterThan(RUNS * 0.4);
  }, 60_000);

  it('agrees on every single clause against every row, including the negation', async () => {
    // Shallow conditions hit each operator more often than the nested generator does.
    await fc.assert(
      fc.asyncProperty(clause, context, async (ast, ctx) => {
        for (const candidate of [ast, { '!': ast }]) {
          const { sql, hits } = await selectedBySql(candidate, ctx);
          expect({ candidate, sql, ids: ids(hits) }).toEqual({ candidate, sql, ids: ids(selectedByEvaluator(candidate, ctx)) });
        }
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});
