/** '-1234567.5' -> '-1,234,567.5'. */
export function groupThousands(decimalText: string): string {
  const [intPart, fracPart] = decimalText.split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fracPart === undefined ? grouped : `${grouped}.${fracPart}`;
}
