// PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate has no UTF-8 form: the driver would
// silently turn it into U+FFFD. Both are refused so that text is stored exactly as sent or not at all.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds a character PostgreSQL cannot store as sent. */
export function hasUnstorableCharacter(text: string): boolean {
  return UNSTORABLE.test(text);
}
