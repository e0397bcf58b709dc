import { describe, expect, it } from 'vitest';
import { actionMatches, auditChanges, plainAuditValue, sameJson } from './audit-diff';

describe('audit diff', () => {
  it('lists the fields whose values changed, before -> after', () => {
    const changes = auditChanges({
      before: { stage: 'new', amount: 100, tags: ['vip'], owner: 'u1' },
      after: { stage: 'proposal', amount: 100, tags: ['vip'], owner: 'u2' },
    });
    expect(changes).toEqual([
      { key: 'stage', before: 'new', after: 'proposal', kind: 'changed' },
      { key: 'owner', before: 'u1', after: 'u2', kind: 'changed' },
    ]);
  });

  it('shows every field of a created or deleted record', () => {
    expect(auditChanges({ before: null, after: { name: 'A', amount: 1 } }).map((change) => [change.key, change.kind])).toEqual([
      ['name', 'added'], ['amount', 'added'],
    ]);
    expect(auditChanges({ before: { name: 'A' }, after: null })).toEqual([{ key: 'name', before: 'A', after: undefined, kind: 'removed' }]);
  });

  it('compares arrays and objects by value and treats null and missing alike', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson(null, undefined)).toBe(true);
    expect(sameJson({ a: null }, {})).toBe(true);
    expect(auditChanges({ before: { address: { city: 'SH' }, x: null }, after: { address: { city: 'SH' }, x: null } })).toEqual([]);
    expect(auditChanges({ before: { note: null }, after: { note: 'hi' } })).toEqual([{ key: 'note', before: null, after: 'hi', kind: 'changed' }]);
  });

  it('follows the form field order, unknown keys last', () => {
    const changes = auditChanges({ before: {}, after: { zeta: 1, amount: 2, name: 'n' } }, ['name', 'amount']);
    expect(changes.map((change) => change.key)).toEqual(['name', 'amount', 'zeta']);
  });

  it('matches actions exactly or by family', () => {
    expect(actionMatches('record.update', undefined)).toBe(true);
    expect(actionMatches('record.update', 'record.update')).toBe(true);
    expect(actionMatches('record.update', 'record.create')).toBe(false);
    expect(actionMatches('record.update', 'record.*')).toBe(true);
    expect(actionMatches('role.grants', 'record.*')).toBe(false);
  });

  it('writes plain values as one line', () => {
    expect(plainAuditValue(null)).toBe('');
    expect(plainAuditValue(false)).toBe('false');
    expect(plainAuditValue(['a', 'b'])).toBe('["a","b"]');
  });
});
