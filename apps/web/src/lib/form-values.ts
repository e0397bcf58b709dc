import dayjs, { type Dayjs } from 'dayjs';
import { DEFAULT_TIME_ZONE, defaultValues, type DefaultValueContext } from '@platform/form-engine';
import type { FieldDefinition, FieldType } from '@platform/schema';
import type { RecordData } from '../api/types';
import { isDerivedField, isLayoutField } from './field-kinds';
import { isBlankHtml } from './rich-text';

/** Types the record form edits and sends; the rest are shown read-only and never written. */
const INPUT_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  'text', 'textarea', 'richText', 'number', 'money', 'percent', 'date', 'datetime', 'dateRange', 'time',
  'radio', 'checkbox', 'select', 'multiSelect', 'cascader', 'switch', 'rating', 'member', 'members',
  'department', 'departments', 'phone', 'email', 'idNumber', 'url', 'address', 'location',
  'image', 'attachment', 'signature', 'relation', 'subForm',
]);

export function isInputField(field: FieldDefinition): boolean {
  return INPUT_TYPES.has(field.type) && !isLayoutField(field) && !isDerivedField(field);
}

const ARRAY_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['checkbox', 'multiSelect', 'members', 'departments', 'cascader', 'image', 'attachment', 'subForm']);

export type FormValues = Record<string, unknown>;

const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "HH:mm:ss" (or "HH:mm") as a Dayjs on a fixed day, for TimePicker. */
export function parseTime(value: string): Dayjs | null {
  const match = TIME_RE.exec(value);
  if (!match) return null;
  return dayjs('2000-01-01T00:00:00').hour(Number(match[1])).minute(Number(match[2])).second(Number(match[3] ?? 0));
}

function parseDate(value: unknown): Dayjs | null {
  if (typeof value !== 'string' || value === '') return null;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed : null;
}

/** A location as the form edits it: each part may still be empty. */
export type LocationFormValue = { lng: number | null; lat: number | null; address: string | null };

const finiteNumber = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** One wire value as the antd Form value of its field (Dayjs for pickers, a pair for date ranges). */
export function wireToFormValue(field: FieldDefinition, value: unknown): unknown {
  switch (field.type) {
    case 'date':
    case 'datetime':
      return parseDate(value);
    case 'time':
      return typeof value === 'string' ? parseTime(value) : null;
    case 'dateRange': {
      const range = value as { start?: string; end?: string } | null | undefined;
      const start = range ? parseDate(range.start) : null;
      const end = range ? parseDate(range.end) : null;
      return start && end ? [start, end] : null;
    }
    case 'location': {
      if (!value || typeof value !== 'object') return null;
      const location = value as Partial<LocationFormValue>;
      const result: LocationFormValue = {
        lng: finiteNumber(location.lng),
        lat: finiteNumber(location.lat),
        address: typeof location.address === 'string' ? location.address : null,
      };
      return result;
    }
    default:
      return value ?? (ARRAY_TYPES.has(field.type) ? [] : null);
  }
}

/** A record's data as antd Form values (Dayjs for date and time pickers). */
export function recordToFormValues(fields: readonly FieldDefinition[], data: RecordData): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    if (isLayoutField(field)) continue;
    values[field.key] = wireToFormValue(field, data[field.key]);
  }
  return values;
}

function isDayjs(value: unknown): value is Dayjs {
  return dayjs.isDayjs(value);
}

/** One antd Form value as the wire value of its field (VALUES.md). Empty is null; arrays may be []. */
export function toWireValue(field: FieldDefinition, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  switch (field.type) {
    case 'date':
      return isDayjs(value) ? value.format('YYYY-MM-DD') : value;
    case 'datetime':
      return isDayjs(value) ? value.toDate().toISOString() : value;
    case 'time':
      return isDayjs(value) ? value.format('HH:mm:ss') : value;
    case 'dateRange': {
      if (!Array.isArray(value) || !isDayjs(value[0]) || !isDayjs(value[1])) return null;
      return { start: value[0].format('YYYY-MM-DD'), end: value[1].format('YYYY-MM-DD') };
    }
    case 'switch':
      return Boolean(value);
    case 'location': {
      if (typeof value !== 'object') return null;
      const location = value as Partial<LocationFormValue>;
      const address = typeof location.address === 'string' && location.address.trim() !== '' ? location.address.trim() : null;
      const lng = finiteNumber(location.lng);
      const lat = finiteNumber(location.lat);
      return lng === null && lat === null && address === null ? null : { lng, lat, address };
    }
    case 'idNumber':
      // Stored upper-case (the server normalises the same way).
      return typeof value === 'string' ? (value.trim() === '' ? null : value.trim().toUpperCase()) : value;
    case 'richText':
      return typeof value === 'string' && isBlankHtml(value) ? null : value;
    case 'text': case 'textarea': case 'phone': case 'email': case 'url':
      return typeof value === 'string' && value.trim() === '' ? null : value;
    default:
      return value;
  }
}

/**
 * The data to send: every editable field's wire value (derived and layout fields left out, and the
 * fields in `omit`: those the form's rules hide or make read-only).
 */
export function formValuesToData(fields: readonly FieldDefinition[], values: FormValues, omit?: ReadonlySet<string>): RecordData {
  const data: RecordData = {};
  for (const field of fields) {
    if (!isInputField(field) || omit?.has(field.key)) continue;
    data[field.key] = toWireValue(field, values[field.key]);
  }
  return data;
}

/** The record as the form's rules and formulas see it: the stored values under the form's current ones. */
export function currentWireValues(fields: readonly FieldDefinition[], values: FormValues, stored?: RecordData): RecordData {
  const data: RecordData = { ...stored };
  for (const field of fields) {
    if (isInputField(field)) data[field.key] = toWireValue(field, values[field.key]);
  }
  return data;
}

function normalised(value: unknown): unknown {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  return value;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));
}

/** Only the fields that changed, for PATCH (so a stale or non-editable field is not rewritten). */
export function changedData(original: RecordData, next: RecordData): RecordData {
  const changed: RecordData = {};
  for (const [key, value] of Object.entries(next)) {
    if (!sameValue(original[key], value)) changed[key] = value;
  }
  return changed;
}

/** The data for a create: empty values are left out so the server's defaults apply. */
export function createData(data: RecordData): RecordData {
  const result: RecordData = {};
  for (const [key, value] of Object.entries(data)) {
    if (normalised(value) !== null) result[key] = value;
  }
  return result;
}

/**
 * Initial values of a new record: each input field's default as the server computes it on create
 * (docs/defaults.md): the literal `default`, `defaultFormula` over the other defaults, `defaultFrom`
 * another field or `$user` (when `context` names the user). Copies through relations wait for a
 * relation to be chosen (lib/field-defaults.ts keeps them all current while the form is edited).
 */
export function defaultFormValues(fields: readonly FieldDefinition[], context: DefaultValueContext = { now: new Date(), timeZone: DEFAULT_TIME_ZONE }): FormValues {
  const inputs = fields.filter(isInputField);
  const data = defaultValues({ key: 'new', name: 'new', fields: inputs }, {}, context);
  return recordToFormValues(inputs.filter((field) => field.key in data), data);
}
