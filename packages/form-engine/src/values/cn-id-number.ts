import { isCalendarDay } from './calendar-date';

const SHAPE = /^\d{17}[\dX]$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const DAY_MS = 86_400_000;

/** The GB 11643 check character of the first 17 digits of a mainland resident ID number. */
export function cnIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** Why an (upper-case) 18-character mainland ID number is not valid, or null when it is. */
export function cnIdProblem(text: string, now = new Date()): string | null {
  if (!SHAPE.test(text)) return 'must be 18 characters: 17 digits and a digit or X';
  const year = Number(text.slice(6, 10));
  const month = Number(text.slice(10, 12));
  const day = Number(text.slice(12, 14));
  // A day of slack for the time zones of the people registering and of the server.
  const latest = new Date(now.getTime() + DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
  if (year < 1800 || !isCalendarDay(year, month, day) || text.slice(6, 14) > latest) {
    return 'holds no valid date of birth (characters 7 to 14, YYYYMMDD)';
  }
  if (cnIdCheckCharacter(text) !== text[17]) return 'has a wrong check character (GB 11643)';
  return null;
}
