/** Orders strings by Unicode code point, like PostgreSQL's COLLATE "C" on UTF-8 text. JS `<` compares
 * UTF-16 code units, which puts astral characters (surrogate pairs, D800–DFFF) before U+E000–U+FFFF;
 * moving surrogates above that range at the first difference fixes the order. */
export function compareCodePoints(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      return codePointRank(x) - codePointRank(y);
    }
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
