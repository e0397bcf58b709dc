import type { ConditionContext, FieldResolver } from './condition-types';
import { ConditionError } from './condition-error';
import { compileCondition } from './compile-condition';
import { inferFieldResolver } from './infer-field-resolver';
import { parseCondition } from './parse-condition';

/** One-off evaluation (parse + compile + run); throws a ConditionError when the condition is invalid.
 * Without a resolver each field's kind is inferred from the record. For repeated use, parse and
 * compile once instead. */
export function evaluateCondition(
  ast: unknown,
  record: Record<string, unknown>,
  ctx: ConditionContext,
  resolve?: FieldResolver,
): boolean {
  const parsed = parseCondition(ast, resolve ?? inferFieldResolver(ast, record));
  if (!parsed.ok) throw new ConditionError(parsed.issues);
  return compileCondition(parsed.condition)(record, ctx);
}
