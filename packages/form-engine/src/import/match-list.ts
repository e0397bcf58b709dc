/** The separators a list cell may use: what exports write ('、', ', ') and what people type. */
const SEPARATOR = /(\s*[、,;，；\n]\s*)/;
/** How many separators an item's own text may hold ('Smith, John (jsmith)'). */
const MAX_SEPARATORS_IN_ITEM = 4;

export type ListMatch<T> = { ok: true; items: T[] } | { ok: false; unmatched: string };

/**
 * Reads a list cell into items: pieces between separators are resolved one by one, and a piece that
 * resolves to nothing is retried joined with the following pieces (longest first), so that labels and
 * names that themselves hold a separator are still found. Empty pieces (a trailing comma) are ignored.
 */
export function matchList<T>(text: string, resolve: (item: string) => T | undefined): ListMatch<T> {
  const tokens = text.split(SEPARATOR);
  const pieces = tokens.filter((_token, index) => index % 2 === 0);
  const separators = tokens.filter((_token, index) => index % 2 === 1);
  const items: T[] = [];
  let start = 0;
  while (start < pieces.length) {
    if (pieces[start].trim() === '') {
      start++;
      continue;
    }
    let matched = false;
    for (let end = Math.min(start + MAX_SEPARATORS_IN_ITEM, pieces.length - 1); end >= start; end--) {
      let candidate = pieces[start];
      for (let index = start + 1; index <= end; index++) candidate += separators[index - 1] + pieces[index];
      const item = resolve(candidate.trim());
      if (item !== undefined) {
        items.push(item);
        start = end + 1;
        matched = true;
        break;
      }
    }
    if (!matched) return { ok: false, unmatched: pieces[start].trim() };
  }
  return { ok: true, items };
}
