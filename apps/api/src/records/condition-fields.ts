import type { FieldRefusal, ResolvedField } from '@platform/condition';
import { fieldPathTarget, splitFieldPath, type FieldPart } from '@platform/form-engine';
import type { RuntimeField } from './form-runtime';

/** A part key goes into SQL as a constant: it must be a plain name, as the field types declare them. */
const PLAIN_PART_KEY = /^[a-z][A-Za-z]{0,30}$/;

/** The field key a condition var path starts with (`address` of `address.city`). */
export function conditionFieldKey(path: string): string {
  return splitFieldPath(path).fieldKey;
}

/** The text of one part of a jsonb value. The key comes from the type's declaration, never from input. */
function partSql(column: string, part: FieldPart): string {
  if (!PLAIN_PART_KEY.test(part.key)) throw new Error(`field part key ${JSON.stringify(part.key)} is not a plain name`);
  return `(${column} ->> '${part.key}')`;
}

export type ConditionFieldOptions = {
  /** The column as the query names it (with a table alias); the field's own column by default. */
  column?: string;
  /** Limit a whole field to its type's operators (default); parts always keep their own. */
  typeOperators?: boolean;
};

/**
 * What a condition var path names in `field` (found by `conditionFieldKey(path)`): its column, or for
 * `address.city` the part of its jsonb value the address type declares. Any other part is refused with
 * a message naming the parts there are; undefined when the field cannot be compared at all.
 */
export function conditionFieldOf(field: RuntimeField, path: string, options: ConditionFieldOptions = {}): ResolvedField | FieldRefusal | undefined {
  const column = options.column ?? field.column;
  const target = fieldPathTarget(field.def, splitFieldPath(path));
  if (!target || 'refused' in target) return target;
  if (target.part) return { kind: target.part.conditionKind, sql: partSql(column, target.part), operators: target.part.operators };
  return { kind: target.kind, sql: column, ...(options.typeOperators === false ? {} : { operators: target.operators }) };
}
