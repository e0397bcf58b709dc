import type { FieldDefinition } from '@platform/schema';
import { HttpExceptionFilter } from '../common/http-exception.filter';
import { createTableSql, diffFields, fieldIndexBuild, uniqueIndexName, uniqueViolationFieldKey } from './form-ddl';

const TABLE = 'f_0192a1b2c3d47e8f9a0b1c2d3e4f5a6b';
const text = (key: string, options: Record<string, unknown> = {}): FieldDefinition => ({ key, type: 'text', label: key, options });
/** What node-postgres gives for a unique violation on a form table. */
const violation = (constraint: string, column: string) => ({ code: '23505', table: TABLE, constraint, detail: `Key (${column})=(A-1) already exists.` });

describe('unique field indexes', () => {
  it('builds a unique index on the column of live records, named so that the field comes back', () => {
    const sql = createTableSql(TABLE, [text('code', { unique: true }), text('name')]);
    expect(sql).toContain(`CREATE UNIQUE INDEX "${TABLE}_code_uq" ON data."${TABLE}" ("code") WHERE _deleted_at IS NULL`);
    expect(sql.filter((s) => /^CREATE (UNIQUE )?INDEX/.test(s) && s.includes('"name"'))).toEqual([]);
    expect(fieldIndexBuild(TABLE, text('code', { unique: true }))?.sql).toBe(`CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "${TABLE}_code_uq" ON data."${TABLE}" ("code") WHERE _deleted_at IS NULL`);
    expect(fieldIndexBuild(TABLE, text('name'))).toBeNull();
  });

  it.each([
    ['a plain name', 'code', 'code', `${TABLE}_code_uq`],
    ['a hashed name, through the detail', 'a_rather_long_key_for_the_badge_code', 'a_rather_long_key_for_the_badge_code', uniqueIndexName(TABLE, 'a_rather_long_key_for_the_badge_code')],
    ['an ordinary index', 'code', null, `${TABLE}_code_idx`],
    ['a constraint of another table', 'code', null, 'f_other_code_uq'],
    ['a unique index made by hand', 'code', null, 'item_code_unique'],
    ['a hashed name whose detail names another column', 'other', null, uniqueIndexName(TABLE, 'a_rather_long_key_for_the_badge_code')],
  ])('recovers the field from %s', (_case, column, expected, constraint) => {
    expect(uniqueIndexName(TABLE, 'a_rather_long_key_for_the_badge_code').length).toBeLessThanOrEqual(63);
    expect(uniqueViolationFieldKey(violation(constraint, column))).toBe(expected);
  });

  it('answers 409 UNIQUE_VIOLATION naming the field, or without a field for another constraint', () => {
    const filter = new HttpExceptionFilter();
    expect(filter.describe(violation(`${TABLE}_code_uq`, 'code'))).toEqual([409, { code: 'UNIQUE_VIOLATION', message: expect.stringContaining('code'), details: { field: 'code' } }]);
    expect(filter.describe(violation('users_username_key', 'username'))).toEqual([409, { code: 'UNIQUE_VIOLATION', message: 'A record with this value exists already' }]);
  });

  it('reindexes a field whose unique option changes, and only then', () => {
    expect(diffFields([text('code')], [text('code', { unique: true })])).toEqual([{ kind: 'reindex', before: text('code'), after: text('code', { unique: true }) }]);
    expect(diffFields([text('code', { unique: true })], [text('code')])).toEqual([{ kind: 'reindex', before: text('code', { unique: true }), after: text('code') }]);
    expect(diffFields([text('code', { unique: true })], [{ ...text('code', { unique: true }), label: 'Code' }])).toEqual([]);
  });
});
