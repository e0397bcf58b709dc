import { compileCondition } from './compile-condition';
import { parseCondition } from './parse-condition';
import type { ConditionContext } from './condition-types';
import { CTX, DEPT_A, DEPT_B, USER_ID, resolveField } from './condition.fixture';

function evaluate(ast: unknown, record: Record<string, unknown>, ctx: ConditionContext = CTX): boolean {
  const parsed = parseCondition(ast, resolveField);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return compileCondition(parsed.condition)(record, ctx);
}

const v = (path: string) => ({ var: path });

describe('compileCondition: empty values', () => {
  // Every kind, every spelling of empty: comparisons are false except !=, isEmpty is true.
  const cases: [field: string, literal: unknown, empties: unknown[]][] = [
    ['name', 'x', [undefined, null, '']],
    ['amount', 0, [undefined, null, '']],
    ['won', false, [undefined, null]],
    ['closeDate', '2024-03-01', [undefined, null, '']],
    ['createdAt', '2024-03-01T00:00:00Z', [undefined, null, '']],
    ['opensAt', '09:00', [undefined, null, '']],
    ['owner', USER_ID, [undefined, null, '']],
    ['address', 'x', [undefined, null, '', [], {}]],
  ];
  const rows = cases.flatMap(([field, literal, empties]) => empties.map((empty) => [field, literal, empty] as const));

  it.each(rows)('%s = %p: == false, != true, isEmpty true, ! negates', (field, literal, empty) => {
    const record = { [field]: empty };
    expect(evaluate({ '==': [v(field), literal] }, record)).toBe(false);
    expect(evaluate({ '!=': [v(field), literal] }, record)).toBe(true);
    expect(evaluate({ '!': { '==': [v(field), literal] } }, record)).toBe(true);
    if (field !== 'won') expect(evaluate({ in: [v(field), [literal]] }, record)).toBe(false);
    expect(evaluate({ isEmpty: [v(field)] }, record)).toBe(true);
    expect(evaluate({ isNotEmpty: [v(field)] }, record)).toBe(false);
  });

  it.each([
    ['>', { '>': [v('amount'), -1] }],
    ['<', { '<': [v('name'), 'zzz'] }],
    ['between', { between: [v('closeDate'), '2000-01-01', '2100-01-01'] }],
    ['contains ""', { contains: [v('name'), ''] }],
    ['startsWith ""', { startsWith: [v('name'), ''] }],
    ['containsAll []', { containsAll: [v('tags'), []] }],
    ['== ""', { '==': [v('name'), ''] }],
  ])('an empty field fails %s', (_name, ast) => {
    for (const empty of [undefined, null, '', []]) {
      expect(evaluate(ast, { amount: empty, name: empty, closeDate: empty, tags: empty })).toBe(false);
    }
  });
});

describe('compileCondition: values', () => {
  it.each<[string, unknown, Record<string, unknown>, boolean]>([
    // text: code point order, case-sensitive matching, wildcards are literal
    ['U+FF21 sorts before an astral character', { '<': [v('name'), '😀'] }, { name: '\uFF21' }, true],
    ['an astral character sorts after U+FFFD', { '>': [v('name'), '\uFFFD'] }, { name: '𝒳' }, true],
    ['text orders by code point, not locale', { '<': [v('name'), 'a'] }, { name: 'B' }, true],
    ['contains is case-sensitive', { contains: [v('name'), 'acme'] }, { name: 'Acme Ltd' }, false],
    ['contains', { contains: [v('name'), 'me L'] }, { name: 'Acme Ltd' }, true],
    ['startsWith', { startsWith: [v('name'), 'Ac'] }, { name: 'Acme' }, true],
    ['endsWith', { endsWith: [v('name'), 'me'] }, { name: 'Acme' }, true],
    ['% is literal', { contains: [v('name'), 'a%b'] }, { name: 'xaZZby' }, false],
    ['% matches itself', { contains: [v('name'), 'a%b'] }, { name: 'xa%by' }, true],
    ['_ is literal', { startsWith: [v('name'), '_'] }, { name: 'x' }, false],
    ['text between is inclusive', { between: [v('name'), 'a', 'c'] }, { name: 'c' }, true],
    ['text in', { in: [v('name'), ['a', 'b']] }, { name: 'b' }, true],
    ['text != other', { '!=': [v('name'), 'a'] }, { name: 'b' }, true],
    // numbers
    ['number >', { '>': [v('amount'), 9.5] }, { amount: 10 }, true],
    ['a numeric string reads as a number', { '>': [v('amount'), 10] }, { amount: '10.5' }, true],
    ['numbers compare numerically', { '<': [v('amount'), 10] }, { amount: 9 }, true],
    ['between includes its bounds', { between: [v('amount'), 1, 10] }, { amount: 10 }, true],
    ['between with low above high is empty', { between: [v('amount'), 10, 1] }, { amount: 5 }, false],
    ['negative decimals', { '<=': [v('amount'), -2.5] }, { amount: -2.5 }, true],
    ['number in', { in: [v('amount'), [1, 2, 3]] }, { amount: 2 }, true],
    // booleans
    ['false == false', { '==': [v('won'), false] }, { won: false }, true],
    ['true != false', { '!=': [v('won'), false] }, { won: true }, true],
    // dates: today in Shanghai is 2024-03-02
    ['$daysAgo 1 is yesterday in the time zone', { '==': [v('closeDate'), { $daysAgo: 1 }] }, { closeDate: '2024-03-01' }, true],
    ['$today', { '==': [v('closeDate'), v('$today')] }, { closeDate: '2024-03-02' }, true],
    ['$now against a date is today', { '==': [v('closeDate'), v('$now')] }, { closeDate: '2024-03-02' }, true],
    ['$daysFromNow crosses the month end', { '==': [v('closeDate'), { $daysFromNow: 29 }] }, { closeDate: '2024-03-31' }, true],
    ['$daysAgo crosses the leap day', { '==': [v('closeDate'), { $daysAgo: 2 }] }, { closeDate: '2024-02-29' }, true],
    ['dates compare as dates', { '<': [v('closeDate'), '2024-10-01'] }, { closeDate: '2024-09-30' }, true],
    ['date between relative days', { between: [v('closeDate'), { $daysAgo: 7 }, v('$today')] }, { closeDate: '2024-02-24' }, true],
    ['date just outside relative days', { between: [v('closeDate'), { $daysAgo: 7 }, v('$today')] }, { closeDate: '2024-02-23' }, false],
    // datetimes: $daysAgo 2 = 2024-02-29, which starts at 2024-02-28T16:00Z in Shanghai
    ['start of day $daysAgo: at it', { '>=': [v('createdAt'), { $daysAgo: 2 }] }, { createdAt: '2024-02-28T16:00:00.000Z' }, true],
    ['start of day $daysAgo: 1 ms before', { '>=': [v('createdAt'), { $daysAgo: 2 }] }, { createdAt: '2024-02-28T15:59:59.999Z' }, false],
    ['instants compare across offsets', { '==': [v('createdAt'), '2024-02-29T00:00:00+08:00'] }, { createdAt: '2024-02-28T16:00:00Z' }, true],
    ['a Date in the record', { '==': [v('createdAt'), '2024-02-28T16:00:00Z'] }, { createdAt: new Date('2024-02-28T16:00:00Z') }, true],
    ['a date-time without offset is wall time in the zone', { '==': [v('createdAt'), '2024-03-01T10:00:00'] }, { createdAt: '2024-03-01T02:00:00Z' }, true],
    ['a bare date against a datetime is its start', { '>=': [v('createdAt'), '2024-03-01'] }, { createdAt: '2024-02-29T16:00:00Z' }, true],
    ['a bare date against a datetime: before its start', { '>=': [v('createdAt'), '2024-03-01'] }, { createdAt: '2024-02-29T15:59:59Z' }, false],
    ['$now', { '<': [v('createdAt'), v('$now')] }, { createdAt: '2024-03-01T16:59:59Z' }, true],
    ['$today against a datetime is its start', { '==': [v('createdAt'), v('$today')] }, { createdAt: '2024-03-01T16:00:00Z' }, true],
    // times
    ['time >', { '>': [v('opensAt'), '09:00'] }, { opensAt: '09:30:00' }, true],
    ['HH:mm equals HH:mm:00', { '==': [v('opensAt'), '09:30'] }, { opensAt: '09:30:00' }, true],
    ['fractions compare as times', { '==': [v('opensAt'), '09:30:00.50'] }, { opensAt: '09:30:00.5' }, true],
    ['time between', { between: [v('opensAt'), '09:00', '17:00'] }, { opensAt: '17:00:00' }, true],
    // uuids and $user
    ['uuids ignore case', { '==': [v('owner'), USER_ID.toUpperCase()] }, { owner: USER_ID }, true],
    ['$user.id', { '==': [v('owner'), v('$user.id')] }, { owner: USER_ID }, true],
    ['in $user.departmentIds', { in: [v('owner'), v('$user.departmentIds')] }, { owner: DEPT_B }, true],
    ['in a list with $user.id', { in: [v('owner'), [DEPT_A, v('$user.id')]] }, { owner: USER_ID }, true],
    // arrays
    ['containsAny', { containsAny: [v('tags'), ['b', 'z']] }, { tags: ['a', 'b'] }, true],
    ['containsAny, none shared', { containsAny: [v('tags'), ['y', 'z']] }, { tags: ['a', 'b'] }, false],
    ['containsAll', { containsAll: [v('tags'), ['b', 'a']] }, { tags: ['a', 'b', 'c'] }, true],
    ['containsAll, one missing', { containsAll: [v('tags'), ['a', 'z']] }, { tags: ['a', 'b'] }, false],
    ['containsAll [] on a non-empty array', { containsAll: [v('tags'), []] }, { tags: ['a'] }, true],
    ['an array with an empty string is not empty', { isEmpty: [v('tags')] }, { tags: [''] }, false],
    ['containsAny $user.departmentIds', { containsAny: [v('departments'), v('$user.departmentIds')] }, { departments: [DEPT_A.toUpperCase()] }, true],
    ['uuid arrays ignore case', { containsAll: [v('departments'), [DEPT_A.toUpperCase()]] }, { departments: [DEPT_A] }, true],
    // json and dotted paths
    ['a dotted path reaches into json', { '==': [v('address.city'), '上海'] }, { address: { city: '上海' } }, true],
    ['a dotted path through a non-object is empty', { isEmpty: [v('address.city')] }, { address: 'Shanghai' }, true],
    ['a dotted path through an array is empty', { isEmpty: [v('address.city')] }, { address: [{ city: 'x' }] }, true],
    ['json scalar equality', { '==': [v('address'), 'x'] }, { address: 'x' }, true],
    ['json equality is typed', { '==': [v('address'), 1] }, { address: '1' }, false],
    ['a json object equals no scalar', { '!=': [v('address'), 'x'] }, { address: { city: 'x' } }, true],
    ['a json object is not empty', { isNotEmpty: [v('address')] }, { address: { city: '' } }, true],
    // combinators
    ['and [] is true', { and: [] }, {}, true],
    ['or [] is false', { or: [] }, {}, false],
    ['! [x] form', { '!': [{ '==': [v('name'), 'a'] }] }, { name: 'a' }, false],
    [
      'nested and/or/!',
      { and: [{ '>': [v('amount'), 0] }, { or: [{ '==': [v('name'), 'a'] }, { '!': { isEmpty: [v('tags')] } }] }] },
      { amount: 1, name: 'b', tags: ['x'] },
      true,
    ],
  ])('%s', (_name, ast, record, expected) => {
    expect(evaluate(ast, record)).toBe(expected);
    expect(evaluate({ '!': ast }, record)).toBe(!expected);
  });
});

describe('compileCondition: context', () => {
  const noUser: ConditionContext = { now: CTX.now, timeZone: CTX.timeZone };

  it.each<[string, boolean, unknown]>([
    ['== $user.id', false, { '==': [v('owner'), v('$user.id')] }],
    ['!= $user.id', true, { '!=': [v('owner'), v('$user.id')] }],
    ['in $user.departmentIds', false, { in: [v('owner'), v('$user.departmentIds')] }],
    ['containsAny $user.departmentIds', false, { containsAny: [v('departments'), v('$user.departmentIds')] }],
  ])('without a user, %s is %p', (_name, expected, ast) => {
    const record = { owner: USER_ID, departments: [DEPT_A] };
    const parsed = parseCondition(ast, resolveField);
    if (!parsed.ok) throw new Error('invalid');
    expect(compileCondition(parsed.condition)(record, noUser)).toBe(expected);
  });

  it('computes relative days per context, not once at compile time', () => {
    const parsed = parseCondition({ '==': [v('closeDate'), v('$today')] }, resolveField);
    if (!parsed.ok) throw new Error('invalid');
    const isToday = compileCondition(parsed.condition);
    const record = { closeDate: '2024-03-01' };
    expect(isToday(record, CTX)).toBe(false); // 2024-03-02 in Shanghai
    expect(isToday(record, { ...CTX, timeZone: 'UTC' })).toBe(true);
    expect(isToday(record, { ...CTX, now: new Date('2024-03-01T15:59:59Z') })).toBe(true);
    expect(isToday(record, CTX)).toBe(false);
  });

  it('follows a change of user', () => {
    const parsed = parseCondition({ '==': [v('owner'), v('$user.id')] }, resolveField);
    if (!parsed.ok) throw new Error('invalid');
    const mine = compileCondition(parsed.condition);
    expect(mine({ owner: USER_ID }, CTX)).toBe(true);
    expect(mine({ owner: USER_ID }, { ...CTX, user: { id: DEPT_A, departmentIds: [] } })).toBe(false);
  });

  it('refuses an unknown time zone with a ConditionError', () => {
    const parsed = parseCondition({ '==': [v('closeDate'), v('$today')] }, resolveField);
    if (!parsed.ok) throw new Error('invalid');
    expect(() => compileCondition(parsed.condition)({ closeDate: '2024-03-01' }, { ...CTX, timeZone: 'Mars/Olympus' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
