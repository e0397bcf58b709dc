export type {
  CompareOperator,
  ConditionContext,
  ConditionEvaluator,
  ConditionIssue,
  ConditionIssueCode,
  ConditionOperator,
  EmptinessOperator,
  FieldKind,
  FieldRefusal,
  FieldResolver,
  ListOperator,
  ParseConditionResult,
  ParsedCondition,
  ParsedField,
  ParsedList,
  ParsedOperand,
  ResolvedField,
  TextMatchOperator,
} from './condition-types';
export { ConditionError } from './condition-error';
export { OPERATORS_BY_KIND } from './operators-by-kind';
export { parseCondition } from './parse-condition';
export { compileCondition } from './compile-condition';
export { conditionToSql } from './condition-to-sql';
export { evaluateCondition } from './evaluate-condition';
export { referencedFields } from './referenced-fields';
export { inferFieldResolver } from './infer-field-resolver';
export { DAY_MS, formatUtcDay, instantOfWallClock, isTimeZone, utcMs, wallClockInZone } from './zoned-time';
