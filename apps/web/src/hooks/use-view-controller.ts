import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Condition, FieldDefinition, SortSpec } from '@platform/schema';
import type { SavedView } from '../api/view-endpoints';
import { isApiError } from '../api/client';
import { errorMessage } from '../lib/api-errors';
import { buildFilter, type FilterCondition } from '../lib/filter-conditions';
import { filterRowsOf } from '../lib/views/view-filter';
import {
  initialViewKey, lastViewStorageKey, savedFilter, stateOfView, viewBody, type ViewState, type ViewType,
} from '../lib/views/view-state';
import type { NewView } from '../components/views/view-switcher';
import { useViews } from './use-views';

/** How the open view lays records out (sort and filter live in the page's own state). */
export type ViewLayout = Pick<ViewState, 'type' | 'columns' | 'columnWidths' | 'frozenColumns' | 'groupField'>;

type Args = {
  appKey: string;
  formKey: string;
  /** The fields the filter bar offers (a saved filter's rows are read against them). */
  filterFields: readonly FieldDefinition[];
  sort: SortSpec[];
  setSort: (sort: SortSpec[]) => void;
  conditions: FilterCondition[];
  setConditions: (conditions: FilterCondition[]) => void;
  /** ?view= in the address: the view to open (navigation items point at views this way). */
  requestedKey: string | null;
  enabled: boolean;
};

const DEFAULT_LAYOUT: ViewLayout = { type: 'table', columnWidths: {}, frozenColumns: 0 };

function readRemembered(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private mode: the view is simply not remembered.
  }
}

const canonical = (state: ViewState) => JSON.stringify(viewBody(state));

/**
 * The saved views of a form and the one open: opening a view sets the page's layout, sort and filter
 * rows; the page tells whether it differs from the view; save, save as, rename and delete.
 */
export function useViewController(args: Args) {
  const { appKey, formKey, filterFields, sort, setSort, conditions, setConditions, requestedKey, enabled } = args;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { views, isLoading, create, update, remove } = useViews(appKey, formKey, enabled);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [layout, setLayout] = useState<ViewLayout>(DEFAULT_LAYOUT);
  const [baseFilter, setBaseFilter] = useState<Condition | undefined>();
  const [baseline, setBaseline] = useState('');
  const nextId = useRef(0);
  const storageKey = lastViewStorageKey(appKey, formKey);

  const rowsFilter = useMemo(() => buildFilter(filterFields, conditions, ''), [filterFields, conditions]);
  const current = useMemo<ViewState>(() => {
    const filter = savedFilter(baseFilter, rowsFilter);
    return { ...layout, sort, ...(filter ? { filter } : {}) };
  }, [layout, sort, baseFilter, rowsFilter]);

  const apply = useCallback((view: SavedView | undefined) => {
    const state = stateOfView(view);
    const { rows, rest } = filterRowsOf(state.filter, filterFields, () => `v${(nextId.current++).toString(36)}`);
    const next: ViewLayout = { type: state.type, columns: state.columns, columnWidths: state.columnWidths, frozenColumns: state.frozenColumns, groupField: state.groupField };
    setActiveKey(view?.key ?? '');
    setLayout(next);
    setSort(state.sort);
    setConditions(rows);
    setBaseFilter(rest);
    const filter = savedFilter(rest, buildFilter(filterFields, rows, ''));
    setBaseline(canonical({ ...next, sort: state.sort, ...(filter ? { filter } : {}) }));
    remember(storageKey, view?.key ?? '');
  }, [filterFields, setSort, setConditions, storageKey]);

  // The first view once the list is in, and whichever a navigation item asks for later.
  const lastRequested = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (!enabled || isLoading) return;
    if (activeKey !== null && requestedKey === lastRequested.current) return;
    const requestChanged = activeKey !== null;
    lastRequested.current = requestedKey;
    if (requestChanged && !requestedKey) return;
    const key = requestChanged ? initialViewKey(views, requestedKey, null) : initialViewKey(views, requestedKey, readRemembered(storageKey));
    apply(views.find((view) => view.key === key));
  }, [enabled, isLoading, views, requestedKey, activeKey, apply, storageKey]);

  const active = views.find((view) => view.key === activeKey);
  const dirty = activeKey !== null && canonical(current) !== baseline;
  const fail = (error: unknown) => {
    const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
    void message.error(isApiError(error) ? errorMessage(error, translate) : t('common.loadFailed'));
    throw error;
  };

  const select = (key: string) => apply(views.find((view) => view.key === key));
  const save = () => {
    if (!active) return;
    update.mutate({ viewKey: active.key, patch: viewBody(current) }, {
      onSuccess: () => {
        setBaseline(canonical(current));
        void message.success(t('views.saved'));
      },
      onError: (error) => {
        try {
          fail(error);
        } catch {
          // Shown.
        }
      },
    });
  };
  const saveAs = async (input: NewView) => {
    const type: ViewType = input.type;
    const state: ViewState = { ...current, type, groupField: input.groupField, ...(type === 'table' ? {} : { frozenColumns: 0 }) };
    const created = await create.mutateAsync({ name: input.name.trim(), personal: input.personal, ...viewBody(state) }).catch(fail);
    apply(created);
    void message.success(t('views.saved'));
  };
  const rename = async (name: string) => {
    if (!active) return;
    await update.mutateAsync({ viewKey: active.key, patch: { name } }).catch(fail);
  };
  const destroy = async () => {
    if (!active) return;
    await remove.mutateAsync(active.key).catch(fail);
    apply(undefined);
    void message.success(t('views.deleted'));
  };
  /** Changes the layout of the open view (columns, widths, frozen, grouping) without saving it. */
  const changeLayout = (patch: Partial<ViewLayout>) => setLayout((previous) => ({ ...previous, ...patch }));

  return {
    views, activeKey: activeKey ?? '', active, ready: activeKey !== null, layout, baseFilter, dirty,
    busy: update.isPending || create.isPending || remove.isPending,
    select, save, saveAs, rename, destroy, changeLayout,
  };
}
