/**
 * The shortest decimal text of a finite number, never in exponent notation:
 * 1e-7 -> '0.0000001', 1.5e21 -> '1500000000000000000000', -0 -> '0'.
 * Starting from JavaScript's shortest round-trip text is what makes 1.005 round to 1.01.
 */
export function plainDecimal(n: number): string {
  if (Object.is(n, -0) || n === 0) return '0';
  const text = String(n);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, intPart, fracPart = '', exponentText] = match;
  const digits = intPart + fracPart;
  const point = intPart.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
