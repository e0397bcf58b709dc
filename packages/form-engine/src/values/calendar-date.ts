const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether y-m-d is a real day of the proleptic Gregorian calendar, years 1 to 9999. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= lengths[month - 1];
}

/** Whether text is a 'YYYY-MM-DD' calendar date ('2023-02-29' is not). */
export function isCalendarDate(text: string): boolean {
  const match = DATE_TEXT.exec(text);
  return match !== null && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
}
