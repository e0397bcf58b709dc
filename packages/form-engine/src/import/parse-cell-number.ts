import { plainDecimal } from '../values/plain-decimal';

const FULL_WIDTH = /[０-９．－＋，％]/g;
const SPACES = /[\s\u00a0\u2009\u202f]/g;
/** Currency signs and words written around amounts; ISO codes are handled apart. */
const CURRENCY_WORDS = ['¥', '￥', '$', '€', '£', '₩', '₽', '₹', '元', '圆', 'RMB', 'JP¥', 'HK$', 'NT$', 'MOP$', 'S$', 'A$', 'CA$'];
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PLAIN = /^\d+(?:\.\d+)?$|^\.\d+$/;
const EXPONENT = /^\d+(?:\.\d+)?[eE][+-]?\d+$/;

export type NumberTextOptions = {
  /** Text written before/after the number by the field (number prefix/suffix, the currency's symbol). */
  affixes?: string[];
  /** Accept a trailing '%' (percent fields: '85%' is 85). */
  percent?: boolean;
};

function stripAffixes(text: string, affixes: string[]): string {
  let rest = text;
  for (let changed = true; changed; ) {
    changed = false;
    for (const affix of affixes) {
      if (affix === '') continue;
      if (rest.startsWith(affix)) {
        rest = rest.slice(affix.length);
        changed = true;
      }
      if (rest.endsWith(affix)) {
        rest = rest.slice(0, rest.length - affix.length);
        changed = true;
      }
    }
  }
  return rest;
}

/**
 * A number as spreadsheets and exports write it ('¥1,234.50', '-$0.50', '(1,234)', '12,345 件', '85%',
 * '1.5E+3', full-width digits) as plain decimal text ('-1234.50'), or null when it is not a number.
 * Grouping commas must come in threes, so '1,5' is refused rather than read as 15.
 */
export function parseCellNumber(input: string, options: NumberTextOptions = {}): string | null {
  let text = input
    .replace(FULL_WIDTH, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0))
    .trim();
  if (text === '') return null;
  const affixes = [...(options.affixes ?? []).map((affix) => affix.trim()).filter(Boolean), ...CURRENCY_WORDS]
    .sort((a, b) => b.length - a.length);
  let negative = false;
  const accounting = /^\((.*)\)$/.exec(text);
  if (accounting) {
    negative = true;
    text = accounting[1];
  }
  text = text.replace(SPACES, '');
  for (let round = 0; round < 2; round++) {
    if (text.startsWith('-') || text.startsWith('+')) {
      negative = negative !== text.startsWith('-');
      text = text.slice(1);
    }
    text = stripAffixes(text, affixes);
    text = text.replace(/^[A-Z]{3}(?=[\d.(+-])/, '').replace(/(?<=[\d.])[A-Z]{3}$/, '');
  }
  if (options.percent && text.endsWith('%')) text = text.slice(0, -1);
  let digits: string;
  if (PLAIN.test(text)) digits = text.startsWith('.') ? `0${text}` : text;
  else if (GROUPED.test(text)) digits = text.replace(/,/g, '');
  else if (EXPONENT.test(text)) digits = plainDecimal(Number(text));
  else return null;
  return negative && !/^0*\.?0*$/.test(digits) ? `-${digits}` : digits;
}
