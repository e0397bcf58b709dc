import { useCallback, useEffect, useMemo, useRef, type CSSProperties, type KeyboardEvent, type MouseEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Checkbox, Spin, Tag } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition, SortSpec } from '@platform/schema';
import type { RecordItem } from '../api/types';
import type { RecordColumn } from '../lib/record-columns';
import { recordValue } from '../lib/record-columns';
import { formatFieldValue, type FormatContext } from '../lib/format-value';
import { labelText } from '../lib/label-text';
import { shouldLoadMore } from '../lib/record-paging';
import { sortDirectionOf, sortPositionOf } from '../lib/sort-state';
import { clampWidth, frozenOffsets } from '../lib/views/view-columns';
import { groupedItems, type GridItem } from '../lib/views/table-groups';
import { CellValue } from './cell-value';
import './views/views.css';

export const ROW_HEIGHT = 44;
export const HEADER_HEIGHT = 44;
/** The selection column's width. */
export const SELECT_WIDTH = 44;

export type GridSelection = {
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  /** Selects every loaded row, or none when all are selected. */
  onToggleAll: () => void;
};

export type RecordsGridProps = {
  columns: RecordColumn[];
  rows: RecordItem[];
  sort: SortSpec[];
  onSort: (field: string, multi: boolean) => void;
  onOpen: (record: RecordItem) => void;
  formatContext: FormatContext;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  /** Changes with the filter and sort: the list then starts again from the top. */
  resetKey?: string;
  selectedId?: string;
  /** Row checkboxes for bulk actions. */
  selection?: GridSelection;
  /** How many leading columns stay in place when the table scrolls sideways. */
  frozenColumns?: number;
  /** A select/radio field whose options group the rows under headers. */
  groupField?: FieldDefinition;
  /** Called when a column's edge is dragged to a new width (or moved with the arrow keys). */
  onResize?: (key: string, width: number) => void;
};

/** Drags a header's right edge; the new width is reported once, on release. */
function startResize(event: ReactPointerEvent, column: RecordColumn, onResize: (key: string, width: number) => void) {
  event.preventDefault();
  event.stopPropagation();
  const startX = event.clientX;
  const cell = (event.currentTarget as HTMLElement).parentElement;
  const move = (e: PointerEvent) => {
    if (cell) cell.style.width = `${clampWidth(column.width + e.clientX - startX)}px`;
  };
  const up = (e: PointerEvent) => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    onResize(column.key, clampWidth(column.width + e.clientX - startX));
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
}

/**
 * The desktop records table: a sticky header and absolutely positioned rows; only the rows in view
 * (plus a few) are in the DOM, whatever the number loaded. Scrolling near the end loads the next page.
 * Optionally: row checkboxes, frozen leading columns, group headers and resizable columns.
 */
export function RecordsGrid(props: RecordsGridProps) {
  const { columns, rows, sort, onSort, onOpen, formatContext, hasNextPage, isFetchingNextPage, fetchNextPage, selectedId, selection, groupField, onResize } = props;
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { resetKey } = props;
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [resetKey]);
  const items = useMemo<GridItem[]>(
    () => groupedItems(rows, groupField, formatContext.locale, t('views.emptyGroup')),
    [rows, groupField, formatContext.locale, t],
  );
  const count = items.length + (hasNextPage ? 1 : 0);
  const getItemKey = useCallback((index: number) => {
    const item = items[index];
    if (!item) return `loader-${index}`;
    return item.kind === 'row' ? item.record.id : `group-${item.key}`;
  }, [items]);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
    scrollMargin: HEADER_HEIGHT,
    getItemKey,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastVisibleIndex = virtualRows.length > 0 ? virtualRows[virtualRows.length - 1].index : undefined;

  useEffect(() => {
    if (shouldLoadMore({ lastVisibleIndex, loadedCount: items.length, hasNextPage, isFetching: isFetchingNextPage })) fetchNextPage();
  }, [lastVisibleIndex, items.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const lead = selection ? SELECT_WIDTH : 0;
  const offsets = frozenOffsets(columns, props.frozenColumns ?? 0, lead);
  const frozenStyle = (index: number, width: number): CSSProperties => {
    const left = offsets[index];
    return left === undefined ? { width } : { width, left, position: 'sticky', zIndex: 1 };
  };
  const frozenClass = (index: number) => (offsets[index] !== undefined ? ' records-grid__cell--frozen' : '') + (offsets[index] !== undefined && offsets[index + 1] === undefined ? ' records-grid__cell--frozen-last' : '');
  const totalWidth = lead + columns.reduce((sum, column) => sum + column.width, 0);
  const allSelected = !!selection && rows.length > 0 && rows.every((row) => selection.selected.has(row.id));
  const someSelected = !!selection && !allSelected && selection.selected.size > 0 && rows.some((row) => selection.selected.has(row.id));
  const headerClick = (event: MouseEvent, column: RecordColumn) => {
    if (column.sortable) onSort(column.key, event.shiftKey || event.metaKey || event.ctrlKey);
  };
  const rowKeyDown = (event: KeyboardEvent, record: RecordItem) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(record);
    } else if (event.key === ' ') {
      event.preventDefault();
      if (selection) selection.onToggle(record.id);
      else onOpen(record);
    }
  };
  const resizeKeyDown = (event: KeyboardEvent, column: RecordColumn) => {
    if (!onResize || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    event.preventDefault();
    onResize(column.key, clampWidth(column.width + (event.key === 'ArrowLeft' ? -20 : 20)));
  };

  return (
    <div className="records-grid" ref={scrollRef} role="grid" aria-rowcount={count + 1} aria-colcount={columns.length} aria-multiselectable={selection ? true : undefined} data-testid="records-grid">
      <div className="records-grid__inner" style={{ width: totalWidth }}>
        <div className="records-grid__header" role="row" style={{ height: HEADER_HEIGHT }}>
          {selection && (
            <div role="columnheader" className="records-grid__header-cell records-grid__select records-grid__cell--frozen" style={{ width: SELECT_WIDTH, left: 0, position: 'sticky', zIndex: 1 }}>
              <Checkbox checked={allSelected} indeterminate={someSelected} onChange={selection.onToggleAll} aria-label={t('bulk.selectAll')} data-testid="select-all" />
            </div>
          )}
          {columns.map((column, index) => {
            const direction = sortDirectionOf(sort, column.key);
            const position = sort.length > 1 ? sortPositionOf(sort, column.key) : undefined;
            const label = labelText(column.field.label, formatContext.locale);
            return (
              <div
                key={column.key}
                role="columnheader"
                aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}
                className={`records-grid__header-cell${frozenClass(index)}`}
                style={frozenStyle(index, column.width)}
                data-testid={`column-${column.key}`}
              >
                {column.sortable ? (
                  <button
                    type="button"
                    className="records-grid__sort"
                    onClick={(event) => headerClick(event, column)}
                    title={t('records.sortHint')}
                    data-testid={`sort-${column.key}`}
                  >
                    <span className="records-grid__label">{label}</span>
                    {direction === 'asc' && <ArrowUpOutlined aria-label={t('records.sortAsc')} />}
                    {direction === 'desc' && <ArrowDownOutlined aria-label={t('records.sortDesc')} />}
                    {position !== undefined && <sup className="records-grid__sort-position">{position}</sup>}
                  </button>
                ) : (
                  <span className="records-grid__label records-grid__label--static">{label}</span>
                )}
                {onResize && (
                  <span
                    role="separator"
                    aria-orientation="vertical"
                    aria-label={t('views.resizeColumn', { column: label })}
                    aria-valuenow={column.width}
                    tabIndex={0}
                    className="records-grid__resize"
                    onPointerDown={(event) => startResize(event, column, onResize)}
                    onKeyDown={(event) => resizeKeyDown(event, column)}
                    onClick={(event) => event.stopPropagation()}
                    data-testid={`resize-${column.key}`}
                  />
                )}
              </div>
            );
          })}
        </div>
        <div className="records-grid__body" style={{ height: virtualizer.getTotalSize() }} role="rowgroup">
          {virtualRows.map((virtualRow) => {
            const item = items[virtualRow.index];
            const top = virtualRow.start - virtualizer.options.scrollMargin;
            if (!item) {
              return (
                <div key={virtualRow.key} className="records-grid__loader" role="row" style={{ height: virtualRow.size, transform: `translateY(${top}px)` }}>
                  <Spin size="small" /> <span>{t('records.loadingMore')}</span>
                </div>
              );
            }
            if (item.kind === 'group') {
              return (
                <div key={virtualRow.key} className="records-grid__group" role="row" data-testid="group-header" style={{ height: virtualRow.size, transform: `translateY(${top}px)` }}>
                  <div role="gridcell" className="records-grid__group-label" style={{ position: 'sticky', left: 0 }}>
                    <Tag color={item.color}>{item.label}</Tag>
                    <span className="records-grid__group-count">{t('views.groupCount', { count: item.count })}</span>
                  </div>
                </div>
              );
            }
            const record = item.record;
            const checked = !!selection?.selected.has(record.id);
            return (
              <div
                key={virtualRow.key}
                role="row"
                aria-rowindex={virtualRow.index + 2}
                aria-selected={selection ? checked : undefined}
                tabIndex={0}
                data-testid="record-row"
                data-record-id={record.id}
                className={`records-grid__row${record.id === selectedId ? ' records-grid__row--selected' : ''}${checked ? ' records-grid__row--checked' : ''}`}
                style={{ height: virtualRow.size, transform: `translateY(${top}px)` }}
                onClick={() => onOpen(record)}
                onKeyDown={(event) => rowKeyDown(event, record)}
              >
                {selection && (
                  <div role="gridcell" className="records-grid__cell records-grid__select records-grid__cell--frozen" style={{ width: SELECT_WIDTH, left: 0, position: 'sticky', zIndex: 1 }} onClick={(event) => event.stopPropagation()}>
                    <Checkbox checked={checked} onChange={() => selection.onToggle(record.id)} aria-label={t('bulk.selectRow')} data-testid="select-row" />
                  </div>
                )}
                {columns.map((column, index) => (
                  <div key={column.key} role="gridcell" className={`records-grid__cell${frozenClass(index)}`} style={frozenStyle(index, column.width)}>
                    <CellValue display={formatFieldValue(column.field, recordValue(record, column.key), formatContext)} />
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
