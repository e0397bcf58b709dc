import type { Condition } from '@platform/schema';
import type { RecordPage, RecordQuery } from '../../api/types';
import { combineAnd } from '../filter-conditions';
import type { KanbanLane } from './kanban';

/**
 * A kanban lane's true count: the board shows only the records loaded so far, so each lane asks the
 * server for its total (the list's filter AND the lane's value, one row, only the group field) and
 * reads `total`. One small query per lane, cached per filter and lane.
 */

/** The records of one lane: the group field holds the lane's option, or nothing (the empty lane). */
export function laneCondition(fieldKey: string, lane: Pick<KanbanLane, 'value'>): Condition {
  const variable = { var: fieldKey };
  return lane.value === null ? { isEmpty: [variable] } : { in: [variable, [lane.value]] };
}

/** The query that counts one lane under the list's filter. */
export function laneTotalQuery(filter: Condition | undefined, fieldKey: string, lane: Pick<KanbanLane, 'value'>): RecordQuery {
  return { filter: combineAnd([filter, laneCondition(fieldKey, lane)]), limit: 1, fields: [fieldKey] };
}

/**
 * Where a lane's count is cached: under the form's records (['records', app, form, ...]), so that what
 * refreshes the list after a save refreshes the counts too.
 */
export function laneTotalKey(appKey: string, formKey: string, fieldKey: string, laneKey: string, filter: Condition | undefined) {
  return ['records', appKey, formKey, 'lane-total', { field: fieldKey, lane: laneKey, filter: filter ?? null }] as const;
}

/** The prefix of every lane count of a form (refreshed after a card moves). */
export const laneTotalsPrefix = (appKey: string, formKey: string) => ['records', appKey, formKey, 'lane-total'] as const;

export type LaneCount = { count: number; estimate: boolean };

/**
 * What a lane shows: the server's total once it answered, never fewer than the cards it shows (a card
 * just moved in counts before the total is asked again); the loaded cards until then.
 */
export function laneCount(page: Pick<RecordPage, 'total' | 'totalIsEstimate'> | undefined, loaded: number): LaneCount {
  if (!page) return { count: loaded, estimate: false };
  return { count: Math.max(page.total, loaded), estimate: page.totalIsEstimate };
}
