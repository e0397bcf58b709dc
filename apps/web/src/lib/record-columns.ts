import type { FieldDefinition, FieldType, LocalizedText } from '@platform/schema';
import type { RecordItem } from '../api/types';
import { isSortableField, isSystemFieldKey, valueFields } from './field-kinds';

export type RecordColumn = { key: string; field: FieldDefinition; width: number; sortable: boolean; system: boolean };

const WIDTHS: Partial<Record<FieldType, number>> = {
  text: 180, textarea: 240, richText: 240, number: 120, money: 150, percent: 100, moneyInWords: 200,
  date: 120, datetime: 170, dateRange: 220, time: 100, radio: 130, select: 130, checkbox: 200, multiSelect: 200,
  cascader: 200, switch: 90, rating: 130, member: 120, members: 200, department: 140, departments: 200,
  address: 240, location: 200, phone: 140, email: 200, idNumber: 190, url: 220, serialNumber: 160,
};

export function columnWidth(field: FieldDefinition): number {
  return WIDTHS[field.type] ?? 160;
}

/** A system field (createdAt, ownerId, ...) described like a form field, so it formats, sorts and filters alike. */
export function systemField(key: 'createdAt' | 'updatedAt' | 'createdBy' | 'ownerId', label: LocalizedText): FieldDefinition {
  const type: FieldType = key === 'createdAt' || key === 'updatedAt' ? 'datetime' : 'member';
  return { key, type, label };
}

/** A column per value field (layout items have none), then the system columns given. */
export function buildColumns(fields: readonly FieldDefinition[], systemFields: readonly FieldDefinition[] = []): RecordColumn[] {
  return [
    ...valueFields(fields).map((field) => ({ key: field.key, field, width: columnWidth(field), sortable: isSortableField(field), system: false })),
    ...systemFields.map((field) => ({ key: field.key, field, width: columnWidth(field), sortable: true, system: true })),
  ];
}

/** A record's value for a column: system fields live beside `data`, form fields inside it. */
export function recordValue(record: RecordItem, key: string): unknown {
  if (isSystemFieldKey(key) && !(key in record.data)) return record[key];
  return record.data[key];
}
