import type { FieldDefinition } from '@platform/schema';
import type { RecordItem } from '../../api/types';
import { kanbanLanes } from './kanban';

export type GridItem =
  | { kind: 'group'; key: string; label: string; color?: string; count: number }
  | { kind: 'row'; record: RecordItem };

/**
 * The grid's rows with a header before each group of a select/radio field (in the options' order, the
 * empty group last; groups with no loaded record are left out). Without a field: the rows as they are.
 */
export function groupedItems(rows: readonly RecordItem[], field: FieldDefinition | undefined, locale: string, emptyLabel: string): GridItem[] {
  if (!field) return rows.map((record) => ({ kind: 'row', record }));
  return kanbanLanes(field, rows, locale, emptyLabel)
    .filter((lane) => lane.records.length > 0)
    .flatMap((lane): GridItem[] => [
      { kind: 'group', key: lane.key, label: lane.label, ...(lane.color ? { color: lane.color } : {}), count: lane.records.length },
      ...lane.records.map((record): GridItem => ({ kind: 'row', record })),
    ]);
}
