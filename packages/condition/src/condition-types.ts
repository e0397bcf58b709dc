/** The value kinds a condition can compare. The SQL back end assumes these column types:
 * text→text, number→numeric, boolean→boolean, date→date, datetime→timestamptz, time→time,
 * textArray→text[], uuid→uuid, uuidArray→uuid[], json→jsonb. */
export type FieldKind =
  | 'text'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'textArray'
  | 'uuid'
  | 'uuidArray'
  | 'json';

/** What the condition may reference. `sql` is a ready SQL expression for the column (already quoted,
 * e.g. `t."amount"`), built by the caller from metadata — never from input. `operators` optionally
 * restricts which operators this field accepts. */
export type ResolvedField = { kind: FieldKind; sql: string; operators?: readonly string[] };

/** A resolver's reason for refusing a path it knows something about (`address.zip`: "an address offers
 * province, city, district, detail"); the condition is refused with UNKNOWN_FIELD and this message. */
export type FieldRefusal = { refused: string };

/** Resolves a var name (`amount`, `address.city`) to a field; undefined when there is no such field.
 * The resolver decides whether dotted paths are allowed. */
export type FieldResolver = (path: string) => ResolvedField | FieldRefusal | undefined;

/** Request-scoped values: `now` and `timeZone` (IANA name) fix `$now`, `$today` and relative days;
 * `user` fixes `$user.id` and `$user.departmentIds`. */
export type ConditionContext = { now: Date; timeZone: string; user?: { id: string; departmentIds: string[] } };

export type ConditionIssueCode = 'UNKNOWN_FIELD' | 'UNKNOWN_OPERATOR' | 'VALIDATION_FAILED';

/** One problem found in a condition. `path` points into the condition JSON, e.g. `["and", 1, ">", 1]`. */
export type ConditionIssue = { code: ConditionIssueCode; message: string; path: (string | number)[] };

export type CompareOperator = '==' | '!=' | '>' | '>=' | '<' | '<=';
export type ListOperator = 'in' | 'containsAny' | 'containsAll';
export type TextMatchOperator = 'contains' | 'startsWith' | 'endsWith';
export type EmptinessOperator = 'isEmpty' | 'isNotEmpty';
export type ConditionOperator = CompareOperator | 'between' | ListOperator | TextMatchOperator | EmptinessOperator;

export type ParsedField = { path: string; kind: FieldKind; sql: string };

/** A right-hand value, already checked and normalised for the field's kind (for list operators of
 * array fields: for the element kind, text or uuid). */
export type ParsedOperand =
  /** text/date/time/uuid: a string ('YYYY-MM-DD', 'HH:mm:ss[.f]', lower-case uuid); number; boolean;
   * datetime: epoch milliseconds; json: a string, number or boolean. */
  | { type: 'literal'; value: string | number | boolean }
  /** A datetime written without an offset ('YYYY-MM-DDTHH:mm:ss.sss'): wall-clock time in the
   * context's time zone. A bare date against a datetime field is its midnight, i.e. start of day. */
  | { type: 'localDateTime'; value: string }
  /** `$today` (0), `$daysAgo` (-n), `$daysFromNow` (+n): a calendar day in the context's time zone;
   * against a datetime field the start of that day. */
  | { type: 'relativeDay'; days: number }
  /** `$now` against a datetime field (against a date field it parses to relativeDay 0). */
  | { type: 'now' }
  /** `$user.id`; with no user in the context there is no value: `!=` is true, everything else false. */
  | { type: 'userId' };

export type ParsedList =
  | { type: 'items'; items: ParsedOperand[] }
  /** `$user.departmentIds` (empty with no user). */
  | { type: 'userDepartmentIds' };

/** The normalised, checked condition both back ends compile. Plain JSON: it can be cached. */
export type ParsedCondition =
  | { type: 'and' | 'or'; conditions: ParsedCondition[] }
  | { type: 'not'; condition: ParsedCondition }
  | { type: 'compare'; op: CompareOperator; field: ParsedField; value: ParsedOperand }
  | { type: 'between'; field: ParsedField; low: ParsedOperand; high: ParsedOperand }
  | { type: 'list'; op: ListOperator; field: ParsedField; list: ParsedList }
  | { type: 'match'; op: TextMatchOperator; field: ParsedField; value: string }
  | { type: 'emptiness'; op: EmptinessOperator; field: ParsedField };

export type ParseConditionResult =
  | { ok: true; condition: ParsedCondition }
  | { ok: false; issues: ConditionIssue[] };

export type ConditionEvaluator = (record: Record<string, unknown>, ctx: ConditionContext) => boolean;
