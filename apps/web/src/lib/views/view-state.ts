import type { Condition, FieldDefinition, FieldType, SortSpec, ViewDefinition } from '@platform/schema';
import type { SavedView, ViewInput } from '../../api/view-endpoints';
import { combineAnd } from '../filter-conditions';
import { valueFields } from '../field-kinds';

export type ViewType = ViewDefinition['type'];
export const VIEW_TYPES: readonly ViewType[] = ['table', 'kanban', 'calendar', 'cards'];

/** What the page shows now, as a view would save it (the quick search is never saved). */
export type ViewState = {
  type: ViewType;
  /** Shown columns in order; undefined: every column. */
  columns?: string[];
  columnWidths: Record<string, number>;
  frozenColumns: number;
  sort: SortSpec[];
  filter?: Condition;
  groupField?: string;
};

/** The field types each view type may group by (the API checks the same). */
const GROUP_TYPES: Record<ViewType, readonly FieldType[]> = {
  table: ['select', 'radio'],
  kanban: ['select', 'radio'],
  calendar: ['date', 'datetime'],
  cards: [],
};

/** Fields a view of this type can group by (calendar: also the record's created and updated times). */
export function groupFieldCandidates(fields: readonly FieldDefinition[], type: ViewType, systemDates: readonly FieldDefinition[] = []): FieldDefinition[] {
  const allowed = GROUP_TYPES[type];
  const own = valueFields(fields).filter((field) => allowed.includes(field.type));
  return type === 'calendar' ? [...own, ...systemDates] : own;
}

export function needsGroupField(type: ViewType): boolean {
  return type === 'kanban' || type === 'calendar';
}

/** The state a saved view opens in; the form's default table when none is chosen. */
export function stateOfView(view: SavedView | undefined): ViewState {
  if (!view) return { type: 'table', columnWidths: {}, frozenColumns: 0, sort: [] };
  return {
    type: view.type,
    ...(view.columns?.length ? { columns: [...view.columns] } : {}),
    columnWidths: { ...(view.columnWidths ?? {}) },
    frozenColumns: view.frozenColumns ?? 0,
    sort: [...(view.sort ?? [])],
    ...(view.filter ? { filter: view.filter } : {}),
    ...(view.groupField ? { groupField: view.groupField } : {}),
  };
}

/** The saved filter from what the filter bar holds and the part of the view's filter it cannot show. */
export function savedFilter(rest: Condition | undefined, rows: Condition | undefined): Condition | undefined {
  return combineAnd([rest, rows]);
}

/** The body that saves a state: every property stated, so a PATCH also clears what was removed. */
export function viewBody(state: ViewState): Required<Pick<ViewInput, 'type' | 'sort'>> & ViewInput {
  return {
    type: state.type,
    columns: state.columns ?? [],
    columnWidths: Object.keys(state.columnWidths).length ? state.columnWidths : null,
    frozenColumns: state.type === 'table' && state.frozenColumns > 0 ? state.frozenColumns : null,
    sort: state.sort,
    filter: state.filter ?? null,
    groupField: state.groupField ?? null,
  };
}

const canonical = (state: ViewState) => JSON.stringify(viewBody(state));

/** Whether the page differs from the saved view (the "save changes" button shows then). */
export function isDirty(view: SavedView | undefined, state: ViewState): boolean {
  return canonical(stateOfView(view)) !== canonical(state);
}

/** The view shown first: the one asked for (?view=), else the one last used here, else the default table. */
export function initialViewKey(views: readonly Pick<SavedView, 'key'>[], requested: string | null, remembered: string | null): string {
  for (const key of [requested, remembered]) if (key && views.some((view) => view.key === key)) return key;
  return '';
}

/** localStorage key remembering the last view of a form. */
export const lastViewStorageKey = (appKey: string, formKey: string) => `platform.view.${appKey}.${formKey}`;
