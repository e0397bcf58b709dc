import { compileCondition, inferFieldResolver, parseCondition, type ConditionEvaluator, type FieldResolver } from '@platform/condition';
import type { Condition } from '@platform/schema';
import type { ConditionNode, FlowBranch } from './flow-definition';
import type { FlowContext } from './flow-context';

/** Compiled conditions per condition object and resolver; null marks a condition that does not parse. */
const compiled = new WeakMap<Condition, WeakMap<FieldResolver, ConditionEvaluator | null>>();

/** The branch a condition node takes: the first branch, in order, whose condition holds; else the
 * default (condition null); null when there is neither. A condition that does not parse against the
 * fields never holds (publishing checks catch those). */
export function chooseBranch(node: ConditionNode, record: Record<string, unknown>, context: FlowContext): FlowBranch | null {
  let fallback: FlowBranch | null = null;
  for (const branch of node.branches) {
    if (branch.condition === null) fallback ??= branch;
    else if (holds(branch.condition, record, context)) return branch;
  }
  return fallback;
}

function holds(condition: Condition, record: Record<string, unknown>, context: FlowContext): boolean {
  const evaluate = context.resolveField === undefined
    ? compile(condition, inferFieldResolver(condition, record, { prefer: 'literal' }))
    : cachedCompile(condition, context.resolveField);
  return evaluate !== null && evaluate(record, context.conditionContext);
}

function cachedCompile(condition: Condition, resolveField: FieldResolver): ConditionEvaluator | null {
  let byResolver = compiled.get(condition);
  if (byResolver === undefined) {
    byResolver = new WeakMap();
    compiled.set(condition, byResolver);
  }
  const known = byResolver.get(resolveField);
  if (known !== undefined) return known;
  const evaluate = compile(condition, resolveField);
  byResolver.set(resolveField, evaluate);
  return evaluate;
}

function compile(condition: Condition, resolveField: FieldResolver): ConditionEvaluator | null {
  const parsed = parseCondition(condition, resolveField);
  return parsed.ok ? compileCondition(parsed.condition) : null;
}
