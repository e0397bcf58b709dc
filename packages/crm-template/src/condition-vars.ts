/** The field keys a condition reads through `{"var": ...}` (`$`-variables excluded; `a.b` counts as `a`). */
export function varsOf(condition: unknown, into: string[] = []): string[] {
  if (Array.isArray(condition)) condition.forEach((item) => varsOf(item, into));
  else if (typeof condition === 'object' && condition !== null) {
    for (const [op, arg] of Object.entries(condition)) {
      if (op === 'var' && typeof arg === 'string' && !arg.startsWith('$')) into.push(arg.split('.')[0] as string);
      else varsOf(arg, into);
    }
  }
  return into;
}
