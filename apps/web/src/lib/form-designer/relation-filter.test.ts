import { describe, expect, it } from 'vitest';
import { parseCondition } from '@platform/condition';
import type { FieldDefinition } from './types';
import { joinRelationFilter, splitRelationFilter, userClause } from './relation-filter';

const field = (key: string, type: FieldDefinition['type']): FieldDefinition => ({ key, type, label: key });
const target = [field('name', 'text'), field('status', 'select'), field('owner', 'member'), field('team', 'members'), field('dept', 'department'), field('depts', 'departments')];

describe('relation filters', () => {
  it('writes current-user tests the condition language reads', () => {
    const kinds: Record<string, string> = { owner: 'uuid', team: 'uuidArray', dept: 'uuid', depts: 'uuidArray' };
    for (const key of Object.keys(kinds)) {
      const clause = userClause(target.find((candidate) => candidate.key === key)!);
      const parsed = parseCondition(clause!, (path) => (path === key ? { kind: kinds[key] as 'uuid', sql: key } : undefined));
      expect(parsed.ok, `${key}: ${JSON.stringify(parsed)}`).toBe(true);
    }
    expect(userClause(field('name', 'text'))).toBeNull();
  });

  it('joins builder rows and user tests into one AND, and splits them back', () => {
    const rows = { and: [{ in: [{ var: 'status' }, ['on']] }] };
    const stored = joinRelationFilter({ rows, userFields: ['owner', 'depts'] }, target);
    expect(stored).toEqual({ and: [{ in: [{ var: 'status' }, ['on']] }, { '==': [{ var: 'owner' }, { var: '$user.id' }] }, { containsAny: [{ var: 'depts' }, { var: '$user.departmentIds' }] }] });
    expect(splitRelationFilter(stored, target)).toEqual({ rows, userFields: ['owner', 'depts'] });
    // An OR of rows stays one clause.
    const either = { or: [{ in: [{ var: 'status' }, ['on']] }, { contains: [{ var: 'name' }, 'A'] }] };
    const withUser = joinRelationFilter({ rows: either, userFields: ['team'] }, target);
    expect(withUser).toEqual({ and: [either, { containsAny: [{ var: 'team' }, [{ var: '$user.id' }]] }] });
    expect(splitRelationFilter(withUser, target)).toEqual({ rows: either, userFields: ['team'] });
  });

  it('stores nothing for an empty filter, and leaves other shapes to the builder', () => {
    expect(joinRelationFilter({ rows: { and: [] }, userFields: [] }, target)).toBeUndefined();
    expect(joinRelationFilter({ rows: null, userFields: ['owner'] }, target)).toEqual({ and: [{ '==': [{ var: 'owner' }, { var: '$user.id' }] }] });
    expect(splitRelationFilter(undefined, target)).toEqual({ rows: null, userFields: [] });
    expect(splitRelationFilter({ '==': [{ var: 'owner' }, { var: '$user.id' }] }, target)).toEqual({ rows: null, userFields: ['owner'] });
    const nested = { not: [{ in: [{ var: 'status' }, ['on']] }] };
    expect(splitRelationFilter(nested, target)).toEqual({ rows: nested, userFields: [] });
  });
});
