export type IsoDuration = {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
};

const PATTERN = /^P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6}(?:[.,]\d{1,3})?)S)?)?$/;

/** Parses an ISO 8601 duration such as `PT24H`, `P3D`, `P1M2DT4H30M`; null when it is not one (or empty, `P`/`PT`). */
export function parseIsoDuration(text: string): IsoDuration | null {
  const match = PATTERN.exec(text);
  if (match === null) return null;
  const parts = match.slice(1);
  if (parts.every((part) => part === undefined)) return null;
  if (text.includes('T') && parts.slice(4).every((part) => part === undefined)) return null;
  const read = (i: number): number => (parts[i] === undefined ? 0 : Number(parts[i].replace(',', '.')));
  return { years: read(0), months: read(1), weeks: read(2), days: read(3), hours: read(4), minutes: read(5), seconds: read(6) };
}
