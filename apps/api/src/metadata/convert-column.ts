/**
 * The SQL expression that converts a column of one type to another when a field changes type.
 * Values that do not fit become NULL through the data.try_* functions (never an error mid-way).
 * Types come from metadata (the form engine's column types), never from input.
 */
const TRY: Record<string, string> = {
  numeric: 'data.try_numeric', 'numeric(18,2)': 'data.try_numeric182', smallint: 'data.try_smallint', date: 'data.try_date',
  'timestamptz(3)': 'data.try_timestamptz', 'time(0)': 'data.try_time', uuid: 'data.try_uuid', boolean: 'data.try_boolean',
};

const base = (sqlType: string) => sqlType.replace(' COLLATE "C"', '');
const isArray = (t: string) => base(t).endsWith('[]');

function scalarFromText(target: string, textExpr: string): string | null {
  const t = base(target);
  if (t === 'text') return textExpr;
  const fn = TRY[t];
  return fn ? `${fn}(${textExpr})` : null;
}

export function convertColumnSql(fromType: string, toType: string, column: string): string | null {
  const from = base(fromType);
  const to = base(toType);
  if (from === to) return column;
  // A number shown as text keeps its digits; a boolean as text reads true/false.
  if (!isArray(from) && !isArray(to)) {
    if (to === 'numeric(18,2)' && from.startsWith('numeric')) return `CASE WHEN abs(${column}) < 1e16 THEN round(${column}, 2) END`;
    if (to === 'smallint' && from.startsWith('numeric')) return `CASE WHEN ${column} BETWEEN -32768 AND 32767 THEN round(${column})::smallint END`;
    if (to === 'date' && from.startsWith('timestamptz')) return `(${column} AT TIME ZONE 'UTC')::date`;
    return scalarFromText(to, `${column}::text`);
  }
  if (!isArray(from) && isArray(to)) {
    const element = scalarFromText(to.slice(0, -2), `${column}::text`);
    return element ? `CASE WHEN ${element} IS NULL THEN '{}'::${to} ELSE ARRAY[${element}]::${to} END` : null;
  }
  if (isArray(from) && !isArray(to)) {
    if (to === 'text') return `NULLIF(array_to_string(${column}, ','), '')`;
    return scalarFromText(to, `${column}[1]::text`);
  }
  const element = scalarFromText(to.slice(0, -2), 'x::text');
  return element ? `ARRAY(SELECT ${element} FROM unnest(${column}) AS x WHERE ${element} IS NOT NULL)::${to}` : null;
}
