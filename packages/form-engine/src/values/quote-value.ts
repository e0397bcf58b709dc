/** A caller's value quoted for an English message, cut short so that a message stays a message. */
export function quoteValue(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
