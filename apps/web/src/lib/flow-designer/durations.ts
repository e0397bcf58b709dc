/** The units the designer offers for deadlines, reminders and delays. */
export type DurationUnit = 'minutes' | 'hours' | 'days';

export type SimpleDuration = { amount: number; unit: DurationUnit };

/** "N units" as an ISO 8601 duration: 24 hours -> PT24H, 2 days -> P2D, 30 minutes -> PT30M. */
export function toIsoDuration({ amount, unit }: SimpleDuration): string {
  const n = Math.max(0, Math.round(amount));
  switch (unit) {
    case 'minutes': return `PT${n}M`;
    case 'hours': return `PT${n}H`;
    case 'days': return `P${n}D`;
  }
}

/** Reads PT24H, P2D, PT30M, P1W (7 days) back; null for anything else (months, mixed parts, ...). */
export function fromIsoDuration(text: string | undefined | null): SimpleDuration | null {
  if (typeof text !== 'string') return null;
  let match = /^PT(\d{1,6})([HM])$/.exec(text);
  if (match) return { amount: Number(match[1]), unit: match[2] === 'H' ? 'hours' : 'minutes' };
  match = /^P(\d{1,6})([DW])$/.exec(text);
  if (match) return { amount: Number(match[1]) * (match[2] === 'W' ? 7 : 1), unit: 'days' };
  return null;
}

/** A duration the engine accepts (the same pattern as its parser, and not empty). */
export function isValidIsoDuration(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  const match = /^P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6}(?:[.,]\d{1,3})?)S)?)?$/.exec(text);
  if (!match) return false;
  const parts = match.slice(1);
  if (parts.every((part) => part === undefined)) return false;
  return !(text.includes('T') && parts.slice(4).every((part) => part === undefined));
}
