import type { FieldDefinition } from '@platform/schema';
import type { RecordItem, RecordPage } from '../../api/types';
import { choiceOptions } from '../format-value';
import { labelText } from '../label-text';

/** The lane of records whose group field is empty. */
export const EMPTY_LANE = '__empty__';

export type KanbanLane = {
  key: string;
  /** What the group field holds in this lane (null: empty). */
  value: string | null;
  label: string;
  color?: string;
  records: RecordItem[];
};

const laneKeyOf = (value: unknown): string => (typeof value === 'string' && value !== '' ? value : EMPTY_LANE);

/**
 * One lane per option of the select/radio field, in the field's order, then one per value no longer
 * among the options, then the empty lane. Records keep the list's order within a lane.
 */
export function kanbanLanes(field: FieldDefinition, rows: readonly RecordItem[], locale: string, emptyLabel: string): KanbanLane[] {
  const lanes = new Map<string, KanbanLane>();
  for (const option of choiceOptions(field)) {
    lanes.set(option.key, { key: option.key, value: option.key, label: labelText(option.label, locale), ...(option.color ? { color: option.color } : {}), records: [] });
  }
  const stray: KanbanLane[] = [];
  const empty: KanbanLane = { key: EMPTY_LANE, value: null, label: emptyLabel, records: [] };
  for (const record of rows) {
    const key = laneKeyOf(record.data[field.key]);
    if (key === EMPTY_LANE) {
      empty.records.push(record);
      continue;
    }
    let lane = lanes.get(key);
    if (!lane) {
      lane = { key, value: key, label: key, records: [] };
      lanes.set(key, lane);
      stray.push(lane);
    }
    lane.records.push(record);
  }
  return [...lanes.values(), empty];
}

/** The lane a record is in now. */
export function laneOf(record: RecordItem, fieldKey: string): string {
  return laneKeyOf(record.data[fieldKey]);
}

/** The PATCH data that moves a record into a lane. */
export function moveData(fieldKey: string, lane: Pick<KanbanLane, 'value'>): Record<string, string | null> {
  return { [fieldKey]: lane.value };
}

/** Where a record may be moved: every other lane (offered by the keyboard "move to" menu). */
export function moveTargets(lanes: readonly KanbanLane[], current: string): KanbanLane[] {
  return lanes.filter((lane) => lane.key !== current);
}

/** Loaded pages with one record's field set (the optimistic move), or unchanged when it is not loaded. */
export function withFieldValue(pages: readonly RecordPage[], id: string, fieldKey: string, value: unknown): RecordPage[] {
  return pages.map((page) => ({
    ...page,
    items: page.items.map((item) => (item.id === id ? { ...item, data: { ...item.data, [fieldKey]: value } } : item)),
  }));
}

/** Loaded pages with one record replaced by what the server answered. */
export function withRecord(pages: readonly RecordPage[], record: RecordItem): RecordPage[] {
  return pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === record.id ? record : item)) }));
}
