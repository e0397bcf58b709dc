import { parseCondition } from './parse-condition';
import { referencedFields } from './referenced-fields';
import type { ConditionIssue } from './condition-types';
import { FIELDS, resolveField } from './condition.fixture';

const v = (path: string) => ({ var: path });

function issuesOf(ast: unknown): ConditionIssue[] {
  const result = parseCondition(ast, resolveField);
  return result.ok ? [] : result.issues;
}

describe('parseCondition: refusals', () => {
  it.each<[string, unknown, ConditionIssue['code'], (string | number)[], RegExp]>([
    // null and empties
    ['a null literal', { '==': [v('name'), null] }, 'VALIDATION_FAILED', ['==', 1], /null.*use isEmpty/],
    ['a null in a list', { in: [v('name'), ['a', null]] }, 'VALIDATION_FAILED', ['in', 1, 1], /use isEmpty/],
    ['a null list', { containsAny: [v('tags'), null] }, 'VALIDATION_FAILED', ['containsAny', 1], /use isEmpty/],
    // fields and operators
    ['an unknown field', { '==': [v('nope'), 1] }, 'UNKNOWN_FIELD', ['==', 0], /unknown field "nope"/],
    ['a prototype property as field', { '==': [v('constructor'), 1] }, 'UNKNOWN_FIELD', ['==', 0], /unknown field/],
    ['a part the resolver refuses, with its reason', { '==': [v('address.zip'), '1'] }, 'UNKNOWN_FIELD', ['==', 0], /unknown field "address.zip": an address offers the parts city/],
    ['an unknown operator', { like: [v('name'), 'a%'] }, 'UNKNOWN_OPERATOR', ['like'], /unknown operator "like"/],
    ['a prototype name as operator', { toString: [v('name')] }, 'UNKNOWN_OPERATOR', ['toString'], /unknown operator/],
    ['== on an array field', { '==': [v('tags'), 'a'] }, 'UNKNOWN_OPERATOR', ['=='], /textArray field "tags".*containsAny/],
    ['in on an array field', { in: [v('tags'), ['a']] }, 'UNKNOWN_OPERATOR', ['in'], /does not apply/],
    ['> on a boolean', { '>': [v('won'), false] }, 'UNKNOWN_OPERATOR', ['>'], /boolean field "won"/],
    ['contains on a number', { contains: [v('amount'), '1'] }, 'UNKNOWN_OPERATOR', ['contains'], /number field/],
    ['an operator the field does not list', { '>': [v('status'), 'a'] }, 'UNKNOWN_OPERATOR', ['>'], /field "status"/],
    ['containsAny on a scalar', { containsAny: [v('owner'), []] }, 'UNKNOWN_OPERATOR', ['containsAny'], /uuid field/],
    // values of the wrong type
    ['text against a number', { '>': [v('amount'), 'abc'] }, 'VALIDATION_FAILED', ['>', 1], /expected a number for number field "amount"; got "abc"/],
    ['a numeric string against a number', { '==': [v('amount'), '12'] }, 'VALIDATION_FAILED', ['==', 1], /expected a number/],
    ['an impossible date', { '==': [v('closeDate'), '2024-13-45'] }, 'VALIDATION_FAILED', ['==', 1], /expected a date 'YYYY-MM-DD'/],
    ['30 February', { '==': [v('closeDate'), '2024-02-30'] }, 'VALIDATION_FAILED', ['==', 1], /expected a date/],
    ['a datetime against a date', { '==': [v('closeDate'), '2024-02-01T00:00:00Z'] }, 'VALIDATION_FAILED', ['==', 1], /expected a date/],
    ['a malformed datetime', { '<': [v('createdAt'), 'yesterday'] }, 'VALIDATION_FAILED', ['<', 1], /ISO 8601/],
    ['an hour 24', { '<': [v('createdAt'), '2024-02-01T24:00:00Z'] }, 'VALIDATION_FAILED', ['<', 1], /ISO 8601/],
    ['a malformed time', { '<': [v('opensAt'), '9am'] }, 'VALIDATION_FAILED', ['<', 1], /'HH:mm:ss'/],
    ['a malformed uuid', { '==': [v('owner'), 'abc'] }, 'VALIDATION_FAILED', ['==', 1], /expected a uuid/],
    ['a string against a boolean', { '==': [v('won'), 'true'] }, 'VALIDATION_FAILED', ['==', 1], /true or false/],
    ['a number against text', { '==': [v('name'), 1] }, 'VALIDATION_FAILED', ['==', 1], /expected text/],
    ['an object against json', { '==': [v('address'), { city: 'x' }] }, 'VALIDATION_FAILED', ['==', 1], /unsupported value/],
    ['a list where one value goes', { '==': [v('name'), ['a']] }, 'VALIDATION_FAILED', ['==', 1], /single value/],
    ['one value where a list goes', { in: [v('name'), 'a'] }, 'VALIDATION_FAILED', ['in', 1], /list of values/],
    ['a NUL character', { contains: [v('name'), 'a\u0000'] }, 'VALIDATION_FAILED', ['contains', 1], /NUL/],
    ['an unpaired surrogate', { '==': [v('name'), 'a\uD800'] }, 'VALIDATION_FAILED', ['==', 1], /surrogate/],
    ['contains with a number', { contains: [v('name'), 1] }, 'VALIDATION_FAILED', ['contains', 1], /takes text/],
    ['an infinite number', { '>': [v('amount'), Infinity] }, 'VALIDATION_FAILED', ['>', 1], /expected a number/],
    // variables
    ['an unknown variable', { '==': [v('name'), v('$me')] }, 'VALIDATION_FAILED', ['==', 1], /unknown variable "\$me"/],
    ['another field as the value', { '==': [v('name'), v('status')] }, 'VALIDATION_FAILED', ['==', 1], /another field/],
    ['a variable as the field', { '==': [v('$user.id'), 'x'] }, 'VALIDATION_FAILED', ['==', 0], /is a variable/],
    ['$daysAgo with a fraction', { '>': [v('closeDate'), { $daysAgo: 1.5 }] }, 'VALIDATION_FAILED', ['>', 1], /whole number/],
    ['$daysAgo with text', { '>': [v('closeDate'), { $daysAgo: '3' }] }, 'VALIDATION_FAILED', ['>', 1], /whole number/],
    ['$daysAgo against text', { '>': [v('name'), { $daysAgo: 3 }] }, 'VALIDATION_FAILED', ['>', 1], /date and datetime/],
    ['$now against a time', { '>': [v('opensAt'), v('$now')] }, 'VALIDATION_FAILED', ['>', 1], /\$now applies/],
    ['$user.id against a number', { '==': [v('amount'), v('$user.id')] }, 'VALIDATION_FAILED', ['==', 1], /\$user.id applies/],
    ['$user.departmentIds as one value', { '==': [v('owner'), v('$user.departmentIds')] }, 'VALIDATION_FAILED', ['==', 1], /is a list/],
    ['$user.departmentIds against numbers', { in: [v('amount'), v('$user.departmentIds')] }, 'VALIDATION_FAILED', ['in', 1], /holds uuids/],
    // shapes
    ['a missing argument', { '==': [v('name')] }, 'VALIDATION_FAILED', ['=='], /takes 2 arguments/],
    ['an extra argument', { isEmpty: [v('name'), 1] }, 'VALIDATION_FAILED', ['isEmpty'], /takes 1 argument/],
    ['between with two arguments', { between: [v('amount'), 1] }, 'VALIDATION_FAILED', ['between'], /takes 3 arguments/],
    ['arguments not in a list', { '==': v('name') }, 'VALIDATION_FAILED', ['=='], /list of arguments/],
    ['a field that is not a var', { '==': ['name', 'x'] }, 'VALIDATION_FAILED', ['==', 0], /\{"var": "fieldKey"\}/],
    ['a var that is not a string', { '==': [{ var: 1 }, 'x'] }, 'VALIDATION_FAILED', ['==', 0], /non-empty string/],
    ['a malformed path', { '==': [v('address..city'), 'x'] }, 'VALIDATION_FAILED', ['==', 0], /malformed field path/],
    ['and without a list', { and: { '==': [v('name'), 'a'] } }, 'VALIDATION_FAILED', ['and'], /list of conditions/],
    ['! with two conditions', { '!': [{ isEmpty: [v('name')] }, { isEmpty: [v('name')] }] }, 'VALIDATION_FAILED', ['!'], /one condition/],
    ['two operators in one object', { '==': [v('name'), 'a'], '!=': [v('name'), 'b'] }, 'VALIDATION_FAILED', [], /exactly one operator/],
    ['an empty object', {}, 'VALIDATION_FAILED', [], /needs an operator/],
    ['a string', 'name == 1', 'VALIDATION_FAILED', [], /is an object/],
    ['null', null, 'VALIDATION_FAILED', [], /is an object/],
    ['a list', [], 'VALIDATION_FAILED', [], /is an object/],
  ])('refuses %s', (_name, ast, code, path, message) => {
    const issues = issuesOf(ast);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toEqual({ code, path, message: expect.stringMatching(message) });
  });

  it('reports every problem, each with its path', () => {
    const issues = issuesOf({
      and: [{ '==': [v('nope'), 1] }, { or: [{ '>': [v('amount'), 'x'] }, { '!': { '==': [v('tags'), 'a'] } }] }],
    });
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'UNKNOWN_FIELD', path: ['and', 0, '==', 0] },
      { code: 'VALIDATION_FAILED', path: ['and', 1, 'or', 0, '>', 1] },
      { code: 'UNKNOWN_OPERATOR', path: ['and', 1, 'or', 1, '!', '=='] },
    ]);
  });

  it('refuses deep nesting with one issue', () => {
    let ast: unknown = { isEmpty: [v('name')] };
    for (let i = 0; i < 100; i++) ast = { '!': ast };
    const issues = issuesOf(ast);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/deeper than 32/);
  });

  it('refuses a huge condition with one issue', () => {
    const issues = issuesOf({ or: Array.from({ length: 5000 }, () => ({ '==': [v('nope'), null] })) });
    expect(issues.filter((i) => /too large/.test(i.message))).toHaveLength(1);
    expect(issues.length).toBeLessThan(1000);
    expect(issuesOf({ in: [v('amount'), Array.from({ length: 2000 }, (_, i) => i)] })).toEqual([
      expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/too large/) }),
    ]);
  });

  it('accepts a list of several hundred values', () => {
    expect(issuesOf({ in: [v('amount'), Array.from({ length: 900 }, (_, i) => i)] })).toEqual([]);
  });

  it('refuses a field kind the resolver made up', () => {
    const result = parseCondition({ isEmpty: [v('x')] }, () => ({ kind: 'money' as never, sql: 't."x"' }));
    expect(result).toEqual({ ok: false, issues: [expect.objectContaining({ code: 'UNKNOWN_FIELD' })] });
  });
});

describe('parseCondition: normalised form', () => {
  it.each<[string, unknown, unknown]>([
    ['a number', { '>': [v('amount'), 1.5] }, { type: 'compare', op: '>', field: { path: 'amount', kind: 'number', sql: 't."amount"' }, value: { type: 'literal', value: 1.5 } }],
    ['! without brackets', { '!': { isEmpty: v('name') } }, { type: 'not', condition: { type: 'emptiness', op: 'isEmpty', field: { path: 'name', kind: 'text', sql: 't."name"' } } }],
    ['$daysAgo', { '>': [v('closeDate'), { $daysAgo: 3 }] }, expect.objectContaining({ value: { type: 'relativeDay', days: -3 } })],
    ['$daysAgo 0', { '>': [v('closeDate'), { $daysAgo: 0 }] }, expect.objectContaining({ value: { type: 'relativeDay', days: 0 } })],
    ['$daysFromNow', { '<': [v('createdAt'), { $daysFromNow: 3 }] }, expect.objectContaining({ value: { type: 'relativeDay', days: 3 } })],
    ['$now on a date is today', { '<': [v('closeDate'), v('$now')] }, expect.objectContaining({ value: { type: 'relativeDay', days: 0 } })],
    ['an instant with offset', { '<': [v('createdAt'), '2024-03-01T08:00:00+08:00'] }, expect.objectContaining({ value: { type: 'literal', value: Date.parse('2024-03-01T00:00:00Z') } })],
    ['sub-milliseconds are dropped', { '<': [v('createdAt'), '2024-03-01T00:00:00.123999Z'] }, expect.objectContaining({ value: { type: 'literal', value: Date.parse('2024-03-01T00:00:00.123Z') } })],
    ['a wall-clock time', { '<': [v('createdAt'), '2024-03-01 08:00'] }, expect.objectContaining({ value: { type: 'localDateTime', value: '2024-03-01T08:00:00.000' } })],
    ['a time', { '<': [v('opensAt'), '08:00'] }, expect.objectContaining({ value: { type: 'literal', value: '08:00:00' } })],
    ['a time with a fraction', { '<': [v('opensAt'), '08:00:00.500'] }, expect.objectContaining({ value: { type: 'literal', value: '08:00:00.5' } })],
    ['an upper-case uuid', { '==': [v('owner'), 'AAAAAAAA-0000-4000-8000-00000000000A'] }, expect.objectContaining({ value: { type: 'literal', value: 'aaaaaaaa-0000-4000-8000-00000000000a' } })],
    ['$user.departmentIds', { containsAll: [v('departments'), v('$user.departmentIds')] }, expect.objectContaining({ list: { type: 'userDepartmentIds' } })],
    ['an empty and', { and: [] }, { type: 'and', conditions: [] }],
  ])('%s', (_name, ast, expected) => {
    expect(parseCondition(ast, resolveField)).toEqual({ ok: true, condition: expected });
  });

  it('is plain JSON that can be cached', () => {
    const result = parseCondition({ and: [{ in: [v('owner'), [v('$user.id')]] }, { '>=': [v('createdAt'), { $daysAgo: 7 }] }] }, resolveField);
    if (!result.ok) throw new Error('invalid');
    expect(JSON.parse(JSON.stringify(result.condition))).toEqual(result.condition);
  });

  it('passes dotted paths to the resolver, which decides', () => {
    const seen: string[] = [];
    parseCondition({ '==': [v('address.city'), 'x'] }, (path) => {
      seen.push(path);
      return FIELDS[path];
    });
    expect(seen).toEqual(['address.city']);
  });
});

describe('referencedFields', () => {
  it('lists each field once, in order, without variables', () => {
    const result = parseCondition(
      { or: [{ '==': [v('owner'), v('$user.id')] }, { '!': { '>': [v('amount'), 1] } }, { '<': [v('amount'), 9] }, { isEmpty: [v('address.city')] }] },
      resolveField,
    );
    if (!result.ok) throw new Error('invalid');
    expect(referencedFields(result.condition)).toEqual(['owner', 'amount', 'address.city']);
  });
});
