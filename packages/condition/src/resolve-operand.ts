import type { ConditionContext, FieldKind, ParsedList, ParsedOperand } from './condition-types';
import { MAX_INSTANT, MIN_INSTANT, UUID_PATTERN, wallClockMs } from './literal-formats';
import { addDays, calendarDayInZone, instantOfWallClock, startOfDayInZone } from './zoned-time';

export type ResolvedValue = string | number | boolean;

/** The value of an operand in a context, in the normalised form of `kind` (datetime: epoch ms);
 * undefined when it has none (`$user.id` without a user). Both back ends take values from here. */
export function resolveOperand(operand: ParsedOperand, kind: FieldKind, ctx: ConditionContext): ResolvedValue | undefined {
  switch (operand.type) {
    case 'literal':
      return operand.value;
    case 'now':
      return ctx.now.getTime();
    case 'relativeDay': {
      const day = addDays(calendarDayInZone(ctx.now.getTime(), ctx.timeZone), operand.days);
      return kind === 'datetime' ? startOfDayInZone(day, ctx.timeZone) : day;
    }
    case 'localDateTime': {
      const instant = instantOfWallClock(wallClockMs(operand.value), ctx.timeZone);
      return Math.min(Math.max(instant, MIN_INSTANT), MAX_INSTANT);
    }
    case 'userId':
      return userIdFor(ctx.user?.id, kind);
  }
}

function userIdFor(id: string | undefined, kind: FieldKind): string | undefined {
  if (id === undefined || id === '') return undefined;
  if (kind !== 'uuid') return id;
  // Against a uuid column an id that is no uuid matches nothing (and must not reach the SQL cast).
  return UUID_PATTERN.test(id) ? id.toLowerCase() : undefined;
}

/** The values of a list operand in a context, without the ones that have no value. */
export function resolveList(list: ParsedList, kind: FieldKind, ctx: ConditionContext): ResolvedValue[] {
  const values: ResolvedValue[] = [];
  if (list.type === 'userDepartmentIds') {
    for (const id of ctx.user?.departmentIds ?? []) {
      const value = userIdFor(id, kind);
      if (value !== undefined) values.push(value);
    }
    return values;
  }
  for (const item of list.items) {
    const value = resolveOperand(item, kind, ctx);
    if (value !== undefined) values.push(value);
  }
  return values;
}

/** The kind of a list operator's items: the element kind for array fields. */
export function itemKind(kind: FieldKind): FieldKind {
  if (kind === 'textArray') return 'text';
  if (kind === 'uuidArray') return 'uuid';
  return kind;
}
