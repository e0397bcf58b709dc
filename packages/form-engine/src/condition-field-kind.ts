/**
 * The value kinds the condition language distinguishes. Mirrors `FieldKind` of @platform/condition,
 * kept local so that the two engines stay independent; the api maps one onto the other by name.
 */
export type ConditionFieldKind =
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
