import type { FieldDefinition, LocalizedText } from '@platform/schema';
import type { CoerceFailure, CoerceResult, DisplayLocale, ValueKind } from './field-type-definition';
import { fieldTypeFor } from './field-type-for';
import { cascaderNames } from './import/cascader-names';
import { importColumnKind } from './import/import-column-kind';
import { importMessage, type ImportMessageKey } from './import/import-messages';
import { matchList } from './import/match-list';
import { parseCellNumber } from './import/parse-cell-number';
import {
  dayText, instantOfWallClock, parseDateText, parseTimeText, timeText, wallClockOfCellDate, wallClockOfExcelSerial, type WallClock,
} from './import/parse-cell-date';
import { translateIssue } from './issue-messages';
import { listCities, listDistricts, listProvinces } from './regions/regions';
import { choiceOptions } from './field-types/choice-options';
import { fail, ok } from './values/coerce-result';
import { currencySymbol } from './values/currency-symbol';
import { isUuid } from './values/is-uuid';
import { isPlainObject } from './values/is-plain-object';
import { plainDecimal } from './values/plain-decimal';
import { readOption } from './values/read-option';

/** One spreadsheet cell as a reader gives it: CSV cells are text; XLSX cells may be numbers, booleans and dates. */
export type ImportCell = string | number | boolean | Date | null;

/**
 * What reading cells may look up, supplied by the caller (the API reads users and departments).
 * `userId` finds a user by "name (username)" (what exports write), by username, or by a name only one
 * user has; `departmentId` by full path ("HQ/Sales", what exports write) or by a name only one
 * department has. `timeZone` is the zone of date-times written without an offset (exports write the
 * platform's TIME_ZONE); default: the runtime's.
 */
export type ImportLookup = {
  userId?(text: string): string | undefined;
  departmentId?(text: string): string | undefined;
  /** A record of another form of the app by its title (relation values are exported as titles). */
  recordId?(formKey: string, text: string): string | undefined;
  timeZone?: string;
};

type Cell = string | number | boolean | Date;
type Reader = (cell: Cell, field: FieldDefinition, lookup: ImportLookup, locale: DisplayLocale) => CoerceResult;

/** A text cell starting like a formula got a leading quote on export (records-export.service); it is taken off. */
const QUOTED_FORMULA = /^'[=+\-@\t\r]/;
const TRUE_WORDS = ['true', 'yes', 'y', '1', 'on', '是', '对', '开', '开启', '√', '✓', '✔'];
const FALSE_WORDS = ['false', 'no', 'n', '0', 'off', '否', '错', '关', '关闭', '×', '✗', '✘'];
const DEFAULT_SWITCH_LABELS = { on: ['是', 'Yes'], off: ['否', 'No'] };

const failWith = (key: ImportMessageKey, locale: DisplayLocale, value: string, code = 'invalid_format'): CoerceFailure =>
  fail(code, importMessage(key, locale, value), { value: [...value].slice(0, 100).join('') });

/** Every text a localised label has, the given locale's first. */
function labelTexts(label: LocalizedText | undefined, locale: DisplayLocale): string[] {
  if (label === undefined) return [];
  if (typeof label === 'string') return [label];
  const first = label[locale];
  return [...(first === undefined ? [] : [first]), ...Object.values(label).filter((text) => text !== first)];
}

const wallText = (wall: WallClock) =>
  wall.hour === 0 && wall.minute === 0 && wall.second === 0 ? dayText(wall) : `${dayText(wall)} ${timeText(wall)}`;

/** Any cell as the text a person would read in it. */
function cellText(cell: Cell): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return plainDecimal(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  const wall = wallClockOfCellDate(cell);
  return wall ? wallText(wall) : '';
}

function parseJson(text: string): unknown {
  if (!/^[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// ---- readers: a cell in, the wire value out (the type's coerce checks it afterwards) ----

const readText: Reader = (cell, field) => {
  const text = cellText(cell);
  return ok((field.type === 'text' || field.type === 'textarea') && QUOTED_FORMULA.test(text) ? text.slice(1) : text);
};

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Exports write rich text as plain text: lines come back as paragraphs; a cell holding HTML is kept as HTML. */
const readRichText: Reader = (cell) => {
  const text = cellText(cell);
  if (/<[a-z][a-z0-9]*(?:\s[^>]*)?\/?>/i.test(text)) return ok(text);
  return ok(text.split(/\r?\n/).map((line) => (line.trim() === '' ? '<p><br></p>' : `<p>${escapeHtml(line)}</p>`)).join(''));
};

const readNumber: Reader = (cell, field, _lookup, locale) => {
  if (typeof cell === 'number') return ok(cell);
  const text = cellText(cell);
  const affixes = [readOption(field, 'prefix', 'string'), readOption(field, 'suffix', 'string')].filter((affix): affix is string => affix !== undefined);
  if (field.type === 'money') affixes.push(currencySymbol(readOption(field, 'currency', 'string')));
  const decimal = typeof cell === 'string' ? parseCellNumber(text, { affixes, percent: field.type === 'percent' }) : null;
  return decimal === null ? failWith('number', locale, text, 'invalid_type') : ok(decimal);
};

/** Ratings: a number, or stars ('★★★☆☆' is 3). */
const readRating: Reader = (cell, field, lookup, locale) =>
  typeof cell === 'string' && /^[★☆]+$/.test(cell.trim()) ? ok([...cell.trim()].filter((star) => star === '★').length) : readNumber(cell, field, lookup, locale);

function cellWallClock(cell: Cell): { wall: WallClock; hasTime: boolean } | null {
  if (cell instanceof Date) {
    const wall = wallClockOfCellDate(cell);
    return wall ? { wall, hasTime: true } : null;
  }
  if (typeof cell === 'number') {
    const wall = wallClockOfExcelSerial(cell);
    return wall ? { wall, hasTime: !Number.isInteger(cell) } : null;
  }
  return typeof cell === 'string' ? parseDateText(cell) : null;
}

const readDate: Reader = (cell, _field, _lookup, locale) => {
  const read = cellWallClock(cell);
  return read ? ok(dayText(read.wall)) : failWith('date', locale, cellText(cell));
};

const readDatetime: Reader = (cell, _field, lookup, locale) => {
  if (typeof cell === 'string') {
    const iso = cell.trim();
    if (/(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/.test(iso) && /\d[T ]\d/.test(iso)) return ok(iso);
  }
  const read = cellWallClock(cell);
  const instant = read ? instantOfWallClock(read.wall, lookup.timeZone) : null;
  return instant ? ok(instant.toISOString()) : failWith('datetime', locale, cellText(cell));
};

const readTime: Reader = (cell, _field, _lookup, locale) => {
  if (cell instanceof Date) {
    const wall = wallClockOfCellDate(cell);
    if (wall) return ok(timeText(wall));
  }
  if (typeof cell === 'number' && cell >= 0 && cell < 1) {
    const seconds = Math.round(cell * 86_400) % 86_400;
    return ok(timeText({ hour: Math.floor(seconds / 3600), minute: Math.floor(seconds / 60) % 60, second: seconds % 60 }));
  }
  const time = typeof cell === 'string' ? parseTimeText(cell) : null;
  return time ? ok(timeText(time)) : failWith('time', locale, cellText(cell));
};

/** What exports write ('2024-05-01 至 2024-05-31', '... to ...') and what people type ('~', '－'). */
const RANGE_SEPARATORS = [/^(.+?)\s*(?:至|~|～|—|–)\s*(.+)$/, /^(.+?)\s+(?:to|-)\s+(.+)$/i];

const readDateRange: Reader = (cell, _field, _lookup, locale) => {
  const text = cellText(cell).trim();
  const json = parseJson(text);
  if (json !== undefined) return ok(json);
  for (const separator of RANGE_SEPARATORS) {
    const match = separator.exec(text);
    const start = match ? parseDateText(match[1]) : null;
    const end = match ? parseDateText(match[2]) : null;
    if (start && end) return ok({ start: dayText(start.wall), end: dayText(end.wall) });
  }
  return failWith('dateRange', locale, text);
};

function choiceResolver(field: FieldDefinition, locale: DisplayLocale): (text: string) => string | undefined {
  const options = choiceOptions(field);
  return (text) => {
    for (const option of options) if (labelTexts(option.label, locale)[0] === text) return option.key;
    for (const option of options) if (labelTexts(option.label, locale).includes(text)) return option.key;
    for (const option of options) if (option.key === text) return option.key;
    const folded = text.toLowerCase();
    for (const option of options) if (labelTexts(option.label, locale).some((label) => label.trim().toLowerCase() === folded)) return option.key;
    return undefined;
  };
}

const readChoice: Reader = (cell, field, _lookup, locale) => {
  const text = cellText(cell).trim();
  const key = choiceResolver(field, locale)(text);
  return key === undefined ? failWith('option', locale, text, 'invalid_option') : ok(key);
};

/** A list cell (labels, names, paths) read item by item; a JSON array is read the same way, item by item. */
function readList(text: string, resolve: (item: string) => string | undefined, onMissing: (item: string) => CoerceFailure): CoerceResult {
  const json = parseJson(text);
  if (Array.isArray(json) && json.every((item) => typeof item === 'string')) {
    const items: string[] = [];
    for (const item of json) {
      const resolved = resolve(item.trim());
      if (resolved === undefined) return onMissing(item);
      items.push(resolved);
    }
    return ok(items);
  }
  const match = matchList(text, resolve);
  return match.ok ? ok(match.items) : onMissing(match.unmatched);
}

const readChoices: Reader = (cell, field, _lookup, locale) =>
  readList(cellText(cell).trim(), choiceResolver(field, locale), (item) => failWith('option', locale, item, 'invalid_option'));

/** Cascader paths as exports write them ('浙江 / 杭州 / 西湖区'), with labels in any language or keys. */
const readCascader: Reader = (cell, field, _lookup, locale) => {
  const text = cellText(cell).trim();
  const json = parseJson(text);
  if (json !== undefined) return ok(json);
  const path = cascaderNames(field, text, locale);
  return path ? ok(path) : failWith('path', locale, text, 'invalid_option');
};

const readSwitch: Reader = (cell, field, _lookup, locale) => {
  if (typeof cell === 'boolean') return ok(cell);
  const text = cellText(cell).trim();
  const folded = text.toLowerCase();
  const on = labelTexts(readOption(field, 'onLabel', 'text'), locale);
  const off = labelTexts(readOption(field, 'offLabel', 'text'), locale);
  // The field's own labels win over the generic words ('No' could be a custom label for true).
  if (on.some((label) => label.trim().toLowerCase() === folded)) return ok(true);
  if (off.some((label) => label.trim().toLowerCase() === folded)) return ok(false);
  if (TRUE_WORDS.includes(folded) || DEFAULT_SWITCH_LABELS.on.some((label) => label.toLowerCase() === folded)) return ok(true);
  if (FALSE_WORDS.includes(folded) || DEFAULT_SWITCH_LABELS.off.some((label) => label.toLowerCase() === folded)) return ok(false);
  return failWith('boolean', locale, text, 'invalid_type');
};

function idResolver(find: ((text: string) => string | undefined) | undefined): (text: string) => string | undefined {
  return (text) => (isUuid(text) ? text : find?.(text));
}

const readIdWith = (which: 'user' | 'department'): Reader => (cell, _field, lookup, locale) => {
  const text = cellText(cell).trim();
  const id = idResolver(which === 'user' ? lookup.userId : lookup.departmentId)(text);
  return id === undefined ? failWith(which, locale, text, 'not_found') : ok(id);
};

const readIdsWith = (which: 'user' | 'department'): Reader => (cell, _field, lookup, locale) =>
  readList(cellText(cell).trim(), idResolver(which === 'user' ? lookup.userId : lookup.departmentId), (item) => failWith(which, locale, item, 'not_found'));

/** Relations: record ids, or titles of records of the target form (what exports write). */
const readRelation = (many: boolean): Reader => (cell, field, lookup, locale) => {
  const target = readOption(field, 'targetForm', 'string');
  const resolve = (text: string) => (isUuid(text) ? text : target === undefined ? undefined : lookup.recordId?.(target, text));
  const text = cellText(cell).trim();
  if (many) return readList(text, resolve, (item) => failWith('record', locale, item, 'not_found'));
  const id = resolve(text);
  return id === undefined ? failWith('record', locale, text, 'not_found') : ok(id);
};

const COORDINATE = '([+-]?\\d+(?:\\.\\d+)?)';
/** 'lng 120.1, lat 30.2' / '经度 120.1，纬度 30.2', optionally after an address in brackets. */
const POINTS = [new RegExp(`^经度\\s*${COORDINATE}\\s*[,，]\\s*纬度\\s*${COORDINATE}$`), new RegExp(`^lng\\s*${COORDINATE}\\s*,\\s*lat\\s*${COORDINATE}$`, 'i'), new RegExp(`^${COORDINATE}\\s*[,，]\\s*${COORDINATE}$`)];

function parsePoint(text: string): { lng: number; lat: number } | null {
  for (const point of POINTS) {
    const match = point.exec(text.trim());
    if (match) return { lng: Number(match[1]), lat: Number(match[2]) };
  }
  return null;
}

const readLocation: Reader = (cell, _field, _lookup, locale) => {
  const text = cellText(cell).trim();
  const json = parseJson(text);
  if (isPlainObject(json)) return ok(json);
  const bare = parsePoint(text);
  if (bare) return ok({ ...bare, address: null });
  const withAddress = /^(.*?)\s*[（(]([^（）()]*)[）)]$/.exec(text);
  const point = withAddress ? parsePoint(withAddress[2]) : null;
  return point && withAddress ? ok({ ...point, address: withAddress[1] }) : failWith('location', locale, text);
};

/**
 * Addresses as exports write them ('广东省深圳市南山区科技园路1号', or with spaces between the parts):
 * region names taken from the front, longest first, the rest is the street address. Municipalities
 * show no city ('北京市东城区'): the city whose districts hold the next name is filled in.
 */
const readAddress: Reader = (cell) => {
  const text = cellText(cell).trim();
  const json = parseJson(text);
  if (json !== undefined) return ok(json);
  let rest = text;
  const take = (names: string[]): string | null => {
    const found = names.filter((name) => rest.startsWith(name)).sort((a, b) => b.length - a.length)[0];
    if (found === undefined) return null;
    rest = rest.slice(found.length).trimStart();
    return found;
  };
  const province = take(listProvinces().map((region) => region.name));
  let city: string | null = null;
  let district: string | null = null;
  if (province !== null) {
    city = take(listCities(province).map((region) => region.name));
    if (city !== null) district = take(listDistricts(province, city).map((region) => region.name));
    else {
      for (const candidate of listCities(province)) {
        district = take(listDistricts(province, candidate.name).map((region) => region.name));
        if (district !== null) {
          city = candidate.name;
          break;
        }
      }
    }
  }
  return ok({ province, city, district, detail: rest === '' ? null : rest });
};

/** Types without a reader of their own (added to the registry later): read by how their value travels. */
const readJsonOrText: Reader = (cell) => {
  const text = cellText(cell).trim();
  const json = parseJson(text);
  return ok(json === undefined ? text : json);
};

const BY_VALUE_KIND: Partial<Record<ValueKind, Reader>> = {
  string: readText,
  number: readNumber,
  boolean: readSwitch,
  date: readDate,
  datetime: readDatetime,
  time: readTime,
  stringArray: (cell) => readList(cellText(cell).trim(), (item) => item, () => fail('invalid_type', 'unreadable list')),
  id: readJsonOrText,
  idArray: (cell) => readList(cellText(cell).trim(), (item) => item, () => fail('invalid_type', 'unreadable list')),
  object: readJsonOrText,
  none: readJsonOrText,
};

const READERS: Readonly<Record<string, Reader>> = {
  text: readText, textarea: readText, email: readText, phone: readText, url: readText, idNumber: readText,
  richText: readRichText,
  number: readNumber, money: readNumber, percent: readNumber, rating: readRating,
  date: readDate, datetime: readDatetime, time: readTime, dateRange: readDateRange,
  select: readChoice, radio: readChoice, multiSelect: readChoices, checkbox: readChoices, cascader: readCascader,
  switch: readSwitch,
  member: readIdWith('user'), members: readIdsWith('user'), department: readIdWith('department'), departments: readIdsWith('department'),
  location: readLocation,
  address: readAddress,
  relation: (cell, field, lookup, locale) => readRelation(readOption(field, 'multiple', 'boolean') === true)(cell, field, lookup, locale),
};

/**
 * A spreadsheet cell as the field's value: the reverse of `formatValue` (what exports write) that also
 * takes what people type (option keys, 是/否, '2024/5/1', '¥1,234', '85%', JSON for structured values).
 * The value read is then checked by the type's own `coerce`, so the result is exactly what a create or
 * update accepts. Failures carry a code and a message in `locale`. Empty cells give the type's empty
 * value; derived fields, layout items and types a cell cannot carry give `not_importable`
 * (see importColumnKind: callers skip those columns).
 */
export function importValue(field: FieldDefinition, cell: ImportCell, lookup: ImportLookup, locale: DisplayLocale): CoerceResult {
  const definition = fieldTypeFor(field);
  if (!definition || importColumnKind(field) !== 'value') return fail('not_importable', importMessage('not_importable', locale));
  const reader = READERS[field.type] ?? BY_VALUE_KIND[definition.valueKind] ?? readJsonOrText;
  // Free text keeps white space as typed; for every other type a blank cell is empty.
  if (cell === null || cell === '' || (typeof cell === 'string' && reader !== readText && cell.trim() === '')) return definition.coerce(null, field);
  const read = reader(cell, field, lookup, locale);
  if (!read.ok) return read;
  const coerced = definition.coerce(read.value, field);
  return coerced.ok ? coerced : { ...coerced, message: translateIssue(coerced, locale) };
}
