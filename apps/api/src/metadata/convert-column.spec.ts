import { convertColumnSql } from './convert-column';

describe('convertColumnSql', () => {
  it.each([
    ['text', 'numeric', 'data.try_numeric("c"::text)'],
    ['numeric', 'text COLLATE "C"', '"c"::text'],
    ['numeric', 'numeric(18,2)', 'CASE WHEN abs("c") < 1e16 THEN round("c", 2) END'],
    ['text', 'text[]', `CASE WHEN "c"::text IS NULL THEN '{}'::text[] ELSE ARRAY["c"::text]::text[] END`],
    ['text[]', 'text', `NULLIF(array_to_string("c", ','), '')`],
    ['text', 'date', 'data.try_date("c"::text)'],
  ])('%s -> %s', (from, to, sql) => {
    expect(convertColumnSql(from, to, '"c"')).toBe(sql);
  });
});
