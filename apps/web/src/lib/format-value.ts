import type { ChoiceOption, FieldDefinition } from '@platform/schema';
import { labelText } from './label-text';
import { richTextExcerpt } from './rich-text';

export type DisplayTag = { key: string; label: string; color?: string };

export type DisplayFile = { id: string; name: string; mime: string };

/**
 * How a cell shows a value: nothing, a line of text, coloured tags, image thumbnails, or the titles of
 * related records (looked up by the cell; `text` is what shows where they cannot be, e.g. one line).
 */
export type DisplayValue =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'tags'; tags: DisplayTag[] }
  | { kind: 'images'; files: DisplayFile[] }
  | { kind: 'records'; field: FieldDefinition; ids: string[]; text: string };

export type FormatContext = {
  locale: string;
  /** Words for booleans, in the user's language. */
  yes: string;
  no: string;
  /** "3 rows" and the like for sub-forms and relations, in the user's language. */
  countLabel?: (count: number) => string;
  /** "3 rows" for sub-forms; countLabel when absent. */
  rowCountLabel?: (count: number) => string;
  userName?: (id: string) => string | undefined;
  departmentName?: (id: string) => string | undefined;
  /** IANA zone for datetimes; the browser's zone when absent (tests pin it). */
  timeZone?: string;
};

const EMPTY: DisplayValue = { kind: 'empty' };
const text = (value: string): DisplayValue => (value === '' ? EMPTY : { kind: 'text', text: value });

const CURRENCY_SYMBOLS: Record<string, string> = { CNY: '¥', RMB: '¥', USD: '$', EUR: '€', GBP: '£', JPY: '¥', HKD: 'HK$' };

function optionText(field: FieldDefinition, name: string): string {
  const value = field.options?.[name];
  return typeof value === 'string' ? value : '';
}

function decimalsOf(field: FieldDefinition, fallback: number): number {
  const decimals = field.options?.decimals;
  return typeof decimals === 'number' && Number.isInteger(decimals) && decimals >= 0 && decimals <= 10 ? decimals : fallback;
}

// Intl formatters cost far more to make than to use (P11: a list cell made four per row): one per
// locale and options, kept for the page's life (a handful of keys).
const formatters = new Map<string, { format: (value: never) => string }>();
function cachedFormat<T extends { format: (value: never) => string }>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

export function formatNumber(value: number, locale: string, decimals?: number): string {
  const options: Intl.NumberFormatOptions =
    decimals === undefined
      ? { maximumFractionDigits: 10 }
      : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  return cachedFormat(`n|${locale}|${decimals}`, () => new Intl.NumberFormat(locale, { ...options, useGrouping: true })).format(value);
}

/** ¥1,234,567.80; negative amounts as -¥1,234.00. */
export function formatMoney(value: number, locale: string, decimals = 2, currency = 'CNY'): string {
  const symbol = CURRENCY_SYMBOLS[currency.toUpperCase()] ?? `${currency} `;
  const body = formatNumber(Math.abs(value), locale, decimals);
  return `${value < 0 ? '-' : ''}${symbol}${body}`;
}

/** 85 -> "85%" (the stored number is the number shown). */
export function formatPercent(value: number, locale: string, decimals = 0): string {
  return `${formatNumber(value, locale, decimals)}%`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "YYYY-MM-DD" in the locale's short form, without any time-zone shift. */
export function formatDate(value: string, locale: string): string {
  const match = DATE_RE.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return cachedFormat(`d|${locale}`, () => new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' })).format(date);
}

/** An ISO instant in the user's (or given) time zone, to the minute. */
export function formatDateTime(value: string, locale: string, timeZone?: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return cachedFormat(`t|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone,
  })).format(date);
}

export function choiceOptions(field: FieldDefinition): ChoiceOption[] {
  const options = field.options?.options;
  return Array.isArray(options) ? (options as ChoiceOption[]) : [];
}

function choiceTag(field: FieldDefinition, key: unknown, locale: string): DisplayTag {
  const option = choiceOptions(field).find((candidate) => candidate.key === key);
  const label = option ? labelText(option.label, locale) : String(key);
  return option?.color ? { key: String(key), label, color: option.color } : { key: String(key), label };
}

type CascaderNode = { key: string; label: unknown; children?: CascaderNode[] };

function cascaderPath(field: FieldDefinition, path: unknown[], locale: string): string {
  let level = Array.isArray(field.options?.tree) ? (field.options.tree as CascaderNode[]) : [];
  const labels: string[] = [];
  for (const key of path) {
    const node = level.find((candidate) => candidate.key === key);
    labels.push(node ? labelText(node.label as string, locale) : String(key));
    level = node?.children ?? [];
  }
  return labels.join(' / ');
}

function fileNames(value: unknown): string[] {
  const files = Array.isArray(value) ? value : [value];
  return files
    .filter((file): file is { name?: unknown; id?: unknown } => !!file && typeof file === 'object')
    .map((file) => String(file.name ?? file.id ?? ''));
}

function displayFiles(value: unknown): DisplayFile[] {
  const files = Array.isArray(value) ? value : [value];
  return files
    .filter((file): file is { id: string; name?: unknown; mime?: unknown } => !!file && typeof file === 'object' && typeof (file as { id?: unknown }).id === 'string')
    .map((file) => ({ id: file.id, name: typeof file.name === 'string' ? file.name : file.id, mime: typeof file.mime === 'string' ? file.mime : '' }));
}

function plain(value: unknown, ctx: FormatContext): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? ctx.yes : ctx.no;
  if (typeof value === 'number') return formatNumber(value, ctx.locale);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => plain(item, ctx)).filter(Boolean).join(', ');
  return JSON.stringify(value);
}

function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The display of one field value, per its type (VALUES.md "Values on the wire"). */
export function formatFieldValue(field: FieldDefinition, value: unknown, ctx: FormatContext): DisplayValue {
  if (isEmptyValue(value)) return EMPTY;
  const { locale } = ctx;
  switch (field.type) {
    case 'number':
      return typeof value === 'number'
        ? text(`${optionText(field, 'prefix')}${formatNumber(value, locale, field.options?.decimals === undefined ? undefined : decimalsOf(field, 0))}${optionText(field, 'suffix')}`)
        : text(plain(value, ctx));
    case 'money':
      return typeof value === 'number'
        ? text(formatMoney(value, locale, decimalsOf(field, 2), typeof field.options?.currency === 'string' ? field.options.currency : 'CNY'))
        : text(plain(value, ctx));
    case 'percent':
      return typeof value === 'number' ? text(formatPercent(value, locale, decimalsOf(field, 0))) : text(plain(value, ctx));
    case 'rating': {
      const max = typeof field.options?.max === 'number' ? field.options.max : 5;
      const stars = typeof value === 'number' ? Math.max(0, Math.min(max, Math.round(value))) : 0;
      return text('★'.repeat(stars) + '☆'.repeat(Math.max(0, max - stars)));
    }
    case 'date':
      return typeof value === 'string' ? text(formatDate(value, locale)) : text(plain(value, ctx));
    case 'datetime':
      return typeof value === 'string' ? text(formatDateTime(value, locale, ctx.timeZone)) : text(plain(value, ctx));
    case 'time':
      return text(String(value));
    case 'dateRange': {
      const range = value as { start?: string; end?: string };
      const start = range.start ? formatDate(range.start, locale) : '';
      const end = range.end ? formatDate(range.end, locale) : '';
      return text(start || end ? `${start} ~ ${end}` : '');
    }
    case 'select':
    case 'radio':
      return { kind: 'tags', tags: [choiceTag(field, value, locale)] };
    case 'multiSelect':
    case 'checkbox':
      return Array.isArray(value)
        ? { kind: 'tags', tags: value.map((key) => choiceTag(field, key, locale)) }
        : { kind: 'tags', tags: [choiceTag(field, value, locale)] };
    case 'switch':
      return text(value ? ctx.yes : ctx.no);
    case 'member':
      return text(ctx.userName?.(String(value)) ?? String(value));
    case 'members':
      return text((Array.isArray(value) ? value : [value]).map((id) => ctx.userName?.(String(id)) ?? String(id)).join(', '));
    case 'department':
      return text(ctx.departmentName?.(String(value)) ?? String(value));
    case 'departments':
      return text((Array.isArray(value) ? value : [value]).map((id) => ctx.departmentName?.(String(id)) ?? String(id)).join(', '));
    case 'cascader':
      return text(Array.isArray(value) ? cascaderPath(field, value, locale) : String(value));
    case 'address': {
      const address = value as { province?: string; city?: string; district?: string; detail?: string };
      const region = [address.province, address.city, address.district].filter(Boolean).join('');
      return text([region, address.detail].filter(Boolean).join(' '));
    }
    case 'location': {
      // The address when there is one, else the coordinates.
      const location = value as { lng?: number | null; lat?: number | null; address?: string | null };
      if (typeof location.address === 'string' && location.address.trim() !== '') return text(location.address.trim());
      const hasPoint = typeof location.lng === 'number' && typeof location.lat === 'number';
      return text(hasPoint ? `${location.lng}, ${location.lat}` : '');
    }
    case 'richText':
      // A one-line plain-text excerpt: no markup reaches cells and cards.
      return typeof value === 'string' ? text(richTextExcerpt(value)) : text(plain(value, ctx));
    case 'image':
    case 'signature': {
      const files = displayFiles(value);
      return files.length > 0 ? { kind: 'images', files } : text(fileNames(value).join(', '));
    }
    case 'attachment':
      return text(fileNames(value).join(', '));
    case 'subForm': {
      const count = Array.isArray(value) ? value.length : 1;
      const label = ctx.rowCountLabel ?? ctx.countLabel;
      return text(label ? label(count) : String(count));
    }
    case 'relation': {
      const ids = (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === 'string' && id !== '');
      if (ids.length === 0) return EMPTY;
      // One line without the titles (they are looked up by the cell): the count, or the id of one.
      const fallback = ids.length === 1 && !Array.isArray(value) ? ids[0] : ctx.countLabel ? ctx.countLabel(ids.length) : String(ids.length);
      return { kind: 'records', field, ids, text: fallback };
    }
    case 'formula': {
      const resultType = field.options?.resultType;
      if (resultType === 'number' && typeof value === 'number') {
        return text(formatNumber(value, locale, field.options?.decimals === undefined ? undefined : decimalsOf(field, 0)));
      }
      if (resultType === 'date' && typeof value === 'string') return text(formatDate(value, locale));
      if (resultType === 'datetime' && typeof value === 'string') return text(formatDateTime(value, locale, ctx.timeZone));
      if (resultType === 'boolean' && typeof value === 'boolean') return text(value ? ctx.yes : ctx.no);
      return text(plain(value, ctx));
    }
    case 'lookup': {
      // The copy shows as its source field does (the server puts that field in options.valueField).
      const source = field.options?.valueField as FieldDefinition | undefined;
      if (!source || typeof source !== 'object' || typeof source.type !== 'string' || source.type === 'lookup') return text(plain(value, ctx));
      if (field.options?.many === true && Array.isArray(value)) {
        return text(value.map((item) => displayText(formatFieldValue(source, item, ctx))).filter(Boolean).join(', '));
      }
      return formatFieldValue(source, value, ctx);
    }
    case 'rollup':
      if (typeof value === 'string' && DATE_RE.test(value)) return text(formatDate(value, locale));
      if (typeof value === 'number' && field.options?.decimals !== undefined) return text(formatNumber(value, locale, decimalsOf(field, 0)));
      return text(plain(value, ctx));
    default:
      return text(plain(value, ctx));
  }
}

/** A display value as one line of text (cards, tooltips, titles). */
export function displayText(display: DisplayValue): string {
  switch (display.kind) {
    case 'empty': return '';
    case 'text': return display.text;
    case 'tags': return display.tags.map((tag) => tag.label).join(', ');
    case 'images': return display.files.map((file) => file.name).join(', ');
    case 'records': return display.text;
  }
}
