import { ConditionError } from './condition-error';
import { evaluateCondition } from './evaluate-condition';
import { CTX, resolveField } from './condition.fixture';

const v = (path: string) => ({ var: path });

describe('evaluateCondition', () => {
  it('evaluates with a resolver', () => {
    expect(evaluateCondition({ '>': [v('amount'), 1] }, { amount: 2 }, CTX, resolveField)).toBe(true);
  });

  it.each<[string, unknown, Record<string, unknown>, boolean]>([
    ['a part as text', { startsWith: [v('address.city'), '深'] }, { address: { city: '深圳市' } }, true],
    ['a part in a list', { in: [v('address.city'), ['广州市', '深圳市']] }, { address: { city: '深圳市' } }, true],
    ['a missing part is empty', { isEmpty: [v('address.city')] }, { address: { province: '广东省' } }, true],
    ['a part of no address is empty', { isEmpty: [v('address.city')] }, { address: null }, true],
    ['a part of no address differs from any name', { '!=': [v('address.city'), '深圳市'] }, {}, true],
    ['a part of no address contains nothing', { contains: [v('address.city'), ''] }, {}, false],
  ])('reads nested values with a resolver: %s', (_name, ast, record, expected) => {
    expect(evaluateCondition(ast, record, CTX, resolveField)).toBe(expected);
  });

  it('throws a ConditionError carrying the code and issues', () => {
    const attempt = () => evaluateCondition({ '==': [v('amount'), null] }, { amount: 2 }, CTX, resolveField);
    expect(attempt).toThrow(ConditionError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', issues: [expect.objectContaining({ path: ['==', 1] })] }));
    expect(() => evaluateCondition({ '==': [v('nope'), 1] }, {}, CTX, resolveField)).toThrow(expect.objectContaining({ code: 'UNKNOWN_FIELD' }));
  });

  describe('without a resolver, kinds come from the record', () => {
    it.each<[string, unknown, Record<string, unknown>, boolean]>([
      ['numbers', { '>': [v('n'), 3] }, { n: 5 }, true],
      ['an empty number', { '>': [v('n'), 3] }, {}, false],
      ['!= on an empty field', { '!=': [v('n'), 3] }, { n: null }, true],
      ['text by code point', { '<': [v('s'), '😀'] }, { s: '\uFF21' }, true],
      ['dates', { '<': [v('d'), { $daysAgo: 1 }] }, { d: '2024-02-29' }, true],
      ['an empty date', { '<': [v('d'), { $daysAgo: 1 }] }, { d: '' }, false],
      ['datetimes', { '>=': [v('at'), v('$today')] }, { at: '2024-03-01T16:00:00Z' }, true],
      ['Date objects', { '>=': [v('at'), v('$today')] }, { at: new Date('2024-03-01T15:00:00Z') }, false],
      ['arrays', { containsAny: [v('tags'), ['a']] }, { tags: ['a'] }, true],
      ['dotted paths', { '==': [v('address.city'), 'x'] }, { address: { city: 'x' } }, true],
      ['a dotted path into an empty value', { '==': [v('address.city'), 'x'] }, { address: null }, false],
      ['!= on a dotted path into an empty value', { '!=': [v('address.city'), 'x'] }, { address: null }, true],
      ['booleans', { '==': [v('b'), false] }, { b: false }, true],
    ])('%s', (_name, ast, record, expected) => {
      expect(evaluateCondition(ast, record, CTX)).toBe(expected);
    });

    it('still refuses values that do not fit the record', () => {
      expect(() => evaluateCondition({ '>': [v('n'), 'x'] }, { n: 1 }, CTX)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    });
  });
});
