import dayjs, { type Dayjs } from 'dayjs';
import type { FieldDefinition, FieldType } from '@platform/schema';
import type { RecordData } from '../api/types';
import { isDerivedField, isLayoutField } from './field-kinds';

/** Types the record form edits and sends; the rest are shown read-only and never written. */
const INPUT_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  'text', 'textarea', 'richText', 'number', 'money', 'percent', 'date', 'datetime', 'dateRange', 'time',
  'radio', 'checkbox', 'select', 'multiSelect', 'cascader', 'switch', 'rating', 'member', 'members',
  'department', 'departments', 'phone', 'email', 'idNumber', 'url',
]);

export function isInputField(field: FieldDefinition): boolean {
  return INPUT_TYPES.has(field.type) && !isLayoutField(field) && !isDerivedField(field);
}

const ARRAY_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['checkbox', 'multiSelect', 'members', 'departments', 'cascader']);

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

/** A record's data as antd Form values (Dayjs for date and time pickers). */
export function recordToFormValues(fields: readonly FieldDefinition[], data: RecordData): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    if (isLayoutField(field)) continue;
    const value = data[field.key];
    switch (field.type) {
      case 'date':
      case 'datetime':
        values[field.key] = parseDate(value);
        break;
      case 'time':
        values[field.key] = typeof value === 'string' ? parseTime(value) : null;
        break;
      case 'dateRange': {
        const range = value as { start?: string; end?: string } | null | undefined;
        values[field.key] = range && range.start && range.end ? [parseDate(range.start), parseDate(range.end)] : null;
        break;
      }
      default:
        values[field.key] = value ?? (ARRAY_TYPES.has(field.type) ? [] : null);
    }
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
    case 'text': case 'textarea': case 'richText': case 'phone': case 'email': case 'idNumber': case 'url':
      return typeof value === 'string' && value.trim() === '' ? null : value;
    default:
      return value;
  }
}

/** The data to send: every editable field's wire value (read-only and layout fields left out). */
export function formValuesToData(fields: readonly FieldDefinition[], values: FormValues): RecordData {
  const data: RecordData = {};
  for (const field of fields) {
    if (!isInputField(field)) continue;
    data[field.key] = toWireValue(field, values[field.key]);
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

/** Initial values of a new record: each field's literal `options.default` (formulas are the server's). */
export function defaultFormValues(fields: readonly FieldDefinition[]): FormValues {
  const data: RecordData = {};
  for (const field of fields) {
    if (!isInputField(field)) continue;
    const fallback = field.options?.default;
    const literal = fallback === undefined || fallback === null || typeof fallback !== 'object' || Array.isArray(fallback);
    if (fallback !== undefined && literal) data[field.key] = fallback;
  }
  return recordToFormValues(fields.filter((field) => field.key in data), data);
}
