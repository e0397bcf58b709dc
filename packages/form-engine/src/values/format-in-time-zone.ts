const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const cacheKey = timeZone ?? '';
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
      });
    } catch {
      // An unknown zone name must not break a list: show UTC rather than throw.
      return formatterFor('UTC');
    }
    formatters.set(cacheKey, formatter);
  }
  return formatter;
}

/** 'YYYY-MM-DD HH:mm' (or with ':ss') of an instant in an IANA time zone (default: the runtime's). */
export function formatInTimeZone(instant: Date, timeZone: string | undefined, withSeconds: boolean): string {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const date = `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}${withSeconds ? `:${parts.second}` : ''}`;
  return `${date} ${time}`;
}
