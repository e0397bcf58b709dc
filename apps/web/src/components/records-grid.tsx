import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type FocusEvent, type KeyboardEvent, type MouseEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Checkbox, Spin } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition, SortSpec } from '@platform/schema';
import type { RecordItem } from '../api/types';
import type { RecordColumn } from '../lib/record-columns';
import { recordValue } from '../lib/record-columns';
import { formatFieldValue, type FormatContext } from '../lib/format-value';
import { labelText } from '../lib/label-text';
import { shouldLoadMore } from '../lib/record-paging';
import { assignSlots, planRowFill, type SlotState } from '../lib/row-fill';
import { isRowMoveKey, rowMoveTarget, type RowMoveKey } from '../lib/grid-navigation';
import { sortDirectionOf, sortPositionOf } from '../lib/sort-state';
import { clampWidth, frozenOffsets } from '../lib/views/view-columns';
import { groupedItems, type GridItem } from '../lib/views/table-groups';
import { CellTag, CellValue } from './cell-value';
import './views/views.css';

export const ROW_HEIGHT = 44;
export const HEADER_HEIGHT = 44;
/** The selection column's width. */
export const SELECT_WIDTH = 44;
/** Rows rendered beyond each edge of the view. */
const OVERSCAN = 2;
/** New rows built in full per frame while the list scrolls; the rest wait a frame or two (lib/row-fill.ts). */
const ROWS_PER_FRAME = 3;
/**
 * Row slots beyond the most rows shown so far (see `slots` in RecordsGrid): at the top of the list no rows
 * are rendered above the view, and where the view cuts a row changes the count by one.
 */
const SPARE_SLOTS = OVERSCAN * 2 + 1;

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

/** Where a column's cells go: their class (frozen or not) and style (width, sticky offset). */
type CellLayout = { className: string; style: CSSProperties };

/**
 * A frozen cell's offset from the left edge, for when it is sticky (views.css). A custom property, not
 * `left`: cells that are not sticky (the header's are position: relative) must not move.
 */
const frozenAt = (left: number, width?: number) => ({ ...(width === undefined ? {} : { width }), '--frozen-left': `${left}px` }) as CSSProperties;
const SELECT_STYLE = frozenAt(0, SELECT_WIDTH);
const GROUP_LABEL_STYLE = frozenAt(0);
const stopClick = (event: MouseEvent) => event.stopPropagation();

/**
 * A function that keeps its identity across renders and calls the latest `fn`: rows are memoised, so
 * the handlers they get must not change with every render of the page.
 */
function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}

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

type GridHeaderProps = {
  columns: RecordColumn[];
  cells: CellLayout[];
  sort: SortSpec[];
  locale: string;
  onSort: (field: string, multi: boolean) => void;
  onResize?: (key: string, width: number) => void;
  /** Undefined without a selection column. */
  selectAll?: { all: boolean; some: boolean; onToggleAll: () => void };
};

/** The sticky header row: sortable labels, resize handles and the select-all box. Renders only when its props change, not on scroll. */
const GridHeader = memo(function GridHeader({ columns, cells, sort, locale, onSort, onResize, selectAll }: GridHeaderProps) {
  const { t } = useTranslation();
  const resizeKeyDown = (event: KeyboardEvent, column: RecordColumn) => {
    if (!onResize || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    event.preventDefault();
    onResize(column.key, clampWidth(column.width + (event.key === 'ArrowLeft' ? -20 : 20)));
  };
  return (
    <div className="records-grid__header" role="row" style={{ height: HEADER_HEIGHT }}>
      {selectAll && (
        <div role="columnheader" className="records-grid__header-cell records-grid__select records-grid__cell--frozen" style={SELECT_STYLE}>
          <Checkbox checked={selectAll.all} indeterminate={selectAll.some} onChange={selectAll.onToggleAll} aria-label={t('bulk.selectAll')} data-testid="select-all" />
        </div>
      )}
      {columns.map((column, index) => {
        const direction = sortDirectionOf(sort, column.key);
        const position = sort.length > 1 ? sortPositionOf(sort, column.key) : undefined;
        const label = labelText(column.field.label, locale);
        return (
          <div
            key={column.key}
            role="columnheader"
            aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}
            className={`records-grid__header-cell${cells[index].className}`}
            style={cells[index].style}
            data-testid={`column-${column.key}`}
          >
            {column.sortable ? (
              <button
                type="button"
                className="records-grid__sort"
                onClick={(event) => onSort(column.key, event.shiftKey || event.metaKey || event.ctrlKey)}
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
                onClick={stopClick}
                data-testid={`resize-${column.key}`}
              />
            )}
          </div>
        );
      })}
    </div>
  );
});

type GridRowProps = {
  record: RecordItem;
  /** The row's place in the list (0-based, group headers counted). */
  index: number;
  top: number;
  columns: RecordColumn[];
  cells: CellLayout[];
  formatContext: FormatContext;
  /** The record open in the drawer. */
  opened: boolean;
  /** Undefined without a selection column. */
  checked: boolean | undefined;
  selectLabel: string;
  onOpen: (record: RecordItem) => void;
  onToggle: (id: string) => void;
  /** An arrow, page, Home or End key on the row: focus moves to another row. */
  onMove: (from: number, key: RowMoveKey) => void;
  /** The one row in the tab order (roving focus: the arrows move between rows). */
  tabbable: boolean;
};

/**
 * One record's row. Memoised: while the list scrolls, only the rows that come into view render; a row
 * renders again only when its record, its checkbox, its being open, or the columns change.
 */
const GridRow = memo(function GridRow({ record, index, top, columns, cells, formatContext, opened, checked, selectLabel, onOpen, onToggle, onMove, tabbable }: GridRowProps) {
  const selectable = checked !== undefined;
  const keyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (isRowMoveKey(event.key) && !event.altKey && !event.metaKey && !event.ctrlKey && !event.shiftKey) {
      event.preventDefault();
      onMove(index, event.key);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(record);
    } else if (event.key === ' ') {
      event.preventDefault();
      if (selectable) onToggle(record.id);
      else onOpen(record);
    }
  };
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={checked}
      tabIndex={tabbable ? 0 : -1}
      data-testid="record-row"
      data-record-id={record.id}
      className={`records-grid__row${opened ? ' records-grid__row--selected' : ''}${checked ? ' records-grid__row--checked' : ''}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      onClick={() => onOpen(record)}
      onKeyDown={keyDown}
    >
      {selectable && (
        <div role="gridcell" className="records-grid__cell records-grid__select records-grid__cell--frozen" style={SELECT_STYLE} onClick={stopClick}>
          {/* A native checkbox drawn like antd's (views.css), at a fraction of the cost per row. */}
          <label className="records-grid__check">
            <input type="checkbox" className="grid-checkbox" tabIndex={-1} checked={checked} onChange={() => onToggle(record.id)} aria-label={selectLabel} data-testid="select-row" />
          </label>
        </div>
      )}
      {columns.map((column, at) => {
        const display = formatFieldValue(column.field, recordValue(record, column.key), formatContext);
        // Text (most cells) sits in the cell itself: one element less per cell for the browser to style and lay out.
        if (display.kind === 'text') {
          return <div key={column.key} role="gridcell" className={`records-grid__cell records-grid__cell--text${cells[at].className}`} style={cells[at].style} title={display.text}>{display.text}</div>;
        }
        return (
          <div key={column.key} role="gridcell" className={`records-grid__cell${cells[at].className}`} style={cells[at].style}>
            <CellValue display={display} />
          </div>
        );
      })}
    </div>
  );
});

const GroupRow = memo(function GroupRow({ item, top }: { item: Extract<GridItem, { kind: 'group' }>; top: number }) {
  const { t } = useTranslation();
  return (
    <div className="records-grid__group" role="row" data-testid="group-header" style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}>
      <div role="gridcell" className="records-grid__group-label records-grid__cell--frozen" style={GROUP_LABEL_STYLE}>
        <CellTag label={item.label} color={item.color} />
        <span className="records-grid__group-count">{t('views.groupCount', { count: item.count })}</span>
      </div>
    </div>
  );
});

/**
 * The desktop records table: a sticky header and absolutely positioned rows of a fixed height; only the
 * rows in view (plus a few) are in the DOM, whatever the number loaded, and scrolling renders only the
 * rows that come into view. Scrolling near the end loads the next page.
 * Optionally: row checkboxes, frozen leading columns, group headers and resizable columns.
 */
export function RecordsGrid(props: RecordsGridProps) {
  const { columns, rows, sort, formatContext, hasNextPage, isFetchingNextPage, fetchNextPage, selectedId, selection, groupField } = props;
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { resetKey } = props;
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [resetKey]);
  // Frozen cells are sticky only while the table is scrolled sideways: a sticky cell costs the browser a
  // layer of its own per row on every vertical scroll. Registered before the virtualizer's listener, so
  // that scrollLeft is read before the rows change (reading it after would force a layout).
  useLayoutEffect(() => {
    const grid = scrollRef.current;
    if (!grid) return;
    let sideways = false;
    const onScroll = () => {
      if (grid.scrollLeft > 0 === sideways) return;
      sideways = !sideways;
      grid.classList.toggle('records-grid--sideways', sideways);
    };
    grid.addEventListener('scroll', onScroll, { passive: true });
    return () => grid.removeEventListener('scroll', onScroll);
  }, []);
  // Grouped: the rows with a header before each group. Not grouped: the rows themselves (no list of
  // 100,000 wrappers made again for every page loaded).
  const grouped = useMemo<GridItem[] | undefined>(
    () => (groupField ? groupedItems(rows, groupField, formatContext.locale, t('views.emptyGroup')) : undefined),
    [rows, groupField, formatContext.locale, t],
  );
  const itemCount = grouped ? grouped.length : rows.length;
  const count = itemCount + (hasNextPage ? 1 : 0);
  const itemAt = (index: number): GridItem | undefined => (grouped ? grouped[index] : rows[index] && { kind: 'row', record: rows[index] });
  /** The record at a place of the list, if a record is there (not a group header or the loader). */
  const recordAt = (index: number): RecordItem | undefined => {
    if (!grouped) return rows[index];
    const item = grouped[index];
    return item?.kind === 'row' ? item.record : undefined;
  };
  // Kept across renders: a new function makes the virtualizer measure every loaded row again.
  const getItemKey = useCallback((index: number) => {
    if (!grouped) return rows[index]?.id ?? `loader-${index}`;
    const item = grouped[index];
    if (!item) return `loader-${index}`;
    return item.kind === 'row' ? item.record.id : `group-${item.key}`;
  }, [grouped, rows]);
  const estimateSize = useCallback(() => ROW_HEIGHT, []);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const virtualizer = useVirtualizer({ count, getScrollElement, estimateSize, overscan: OVERSCAN, scrollMargin: HEADER_HEIGHT, getItemKey });
  const virtualRows = virtualizer.getVirtualItems();
  const lastVisibleIndex = virtualRows.length > 0 ? virtualRows[virtualRows.length - 1].index : undefined;
  const shownItems = virtualRows.map((virtualRow) => itemAt(virtualRow.index));

  // Keyboard: the row focus is moving to (built at once, focused once it is in the DOM), and the row Tab
  // enters the table at (one row is in the tab order; the arrows move between rows).
  const focusTarget = useRef<number | undefined>(undefined);
  const [activeIndex, setActiveIndex] = useState(0);
  // Rows are keyed by slot (their index modulo the most rows ever shown at once), not by record: a row
  // that scrolls out hands its elements to the one that scrolls in, whose cells only change their text.
  // Building rows afresh (elements made, styled and laid out, and the old ones left to the garbage
  // collector) was most of a scrolling frame's work (P11). The DOM holds the rows in slot order, which is
  // not the row order once the list has scrolled: each row says its place (aria-rowindex), the grid is one
  // tab stop whose arrows move by row, and nothing inside a row takes Tab.
  const slots = useRef<SlotState>({ pool: 0, held: new Map() });
  // A few spare slots: a new pool size changes every row's key once.
  const pool = virtualRows.length > slots.current.pool ? virtualRows.length + SPARE_SLOTS : slots.current.pool;
  // The rows each slot showed at the last commit (none when the pool grew: every key changed).
  const held = pool === slots.current.pool ? slots.current.held : new Map<number, number>();
  // While the list scrolls, a frame builds at most ROWS_PER_FRAME new rows, those in view first; where the
  // others go, the body's grey shows until they are built in the next frames (lib/row-fill.ts). At rest
  // with nothing waiting, all at once. Rows left waiting go on filling a few per frame when the scrolling
  // stops too (building them all in the frame the scroll ends would be the long task this avoids).
  const filling = useRef(false);
  const [, setFillTick] = useState(0);
  const shownRows = virtualRows.filter((_row, at) => shownItems[at]?.kind === 'row').map((row) => row.index);
  const fill = planRowFill(
    shownRows.map((index) => ({ key: index, index })),
    new Set(held.values()),
    virtualizer.range ?? { startIndex: 0, endIndex: 0 },
    virtualizer.isScrolling || filling.current ? ROWS_PER_FRAME : Number.POSITIVE_INFINITY,
    focusTarget.current,
  );
  const slotRows = assignSlots(shownRows, fill.full, held, pool, (index) => recordAt(index) !== undefined);
  useLayoutEffect(() => {
    slots.current = { pool, held: slotRows };
    filling.current = fill.pending;
    const grid = scrollRef.current;
    const target = focusTarget.current;
    if (target !== undefined) {
      const row = grid?.querySelector<HTMLElement>(`[data-testid="record-row"][aria-rowindex="${target + 2}"]`);
      if (row) {
        focusTarget.current = undefined;
        row.focus({ preventScroll: true });
      }
    } else if (grid && document.activeElement instanceof HTMLElement && document.activeElement.dataset.testid === 'record-row' && grid.contains(document.activeElement)) {
      // The focused row scrolled away and its elements now show another row: focus leaves the table, as it
      // would if the row had been removed, rather than jump to a row the user did not choose. The row
      // stays the one Tab comes back to.
      if (Number(document.activeElement.getAttribute('aria-rowindex')) - 2 !== activeIndex) document.activeElement.blur();
    }
    if (!fill.pending) return;
    const frame = requestAnimationFrame(() => setFillTick((tick) => tick + 1));
    return () => cancelAnimationFrame(frame);
  });
  const onMove = useStableCallback((from: number, key: RowMoveKey) => {
    const grid = scrollRef.current;
    if (!grid) return;
    const page = Math.floor((grid.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1;
    const target = rowMoveTarget(key, from, itemCount, page, (index) => recordAt(index) !== undefined);
    if (target === undefined) return;
    // Scrolled so that the row shows whole below the sticky header.
    const top = HEADER_HEIGHT + target * ROW_HEIGHT;
    if (top < grid.scrollTop + HEADER_HEIGHT) grid.scrollTop = top - HEADER_HEIGHT;
    else if (top + ROW_HEIGHT > grid.scrollTop + grid.clientHeight) grid.scrollTop = top + ROW_HEIGHT - grid.clientHeight;
    focusTarget.current = target;
    setActiveIndex(target);
    setFillTick((tick) => tick + 1);
  });
  const onFocusRow = useCallback((event: FocusEvent<HTMLElement>) => {
    const index = Number((event.target as HTMLElement).getAttribute('aria-rowindex')) - 2;
    if ((event.target as HTMLElement).dataset.testid === 'record-row' && index >= 0) setActiveIndex(index);
  }, []);
  // The row in the tab order: the last focused one while it is in the DOM, else the first record shown.
  const tabbable = shownItems.some((item, at) => item?.kind === 'row' && virtualRows[at].index === activeIndex)
    ? activeIndex
    : virtualRows.find((_row, at) => shownItems[at]?.kind === 'row')?.index;

  useEffect(() => {
    if (shouldLoadMore({ lastVisibleIndex, loadedCount: itemCount, hasNextPage, isFetching: isFetchingNextPage })) fetchNextPage();
  }, [lastVisibleIndex, itemCount, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const lead = selection ? SELECT_WIDTH : 0;
  const frozen = props.frozenColumns ?? 0;
  const cells = useMemo<CellLayout[]>(() => {
    const offsets = frozenOffsets(columns, frozen, lead);
    return columns.map((column, index) => {
      const left = offsets[index];
      if (left === undefined) return { className: '', style: { width: column.width } };
      const last = offsets[index + 1] === undefined;
      return { className: ` records-grid__cell--frozen${last ? ' records-grid__cell--frozen-last' : ''}`, style: frozenAt(left, column.width) };
    });
  }, [columns, frozen, lead]);
  const totalWidth = lead + columns.reduce((sum, column) => sum + column.width, 0);

  const selected = selection?.selected;
  const onOpen = useStableCallback(props.onOpen);
  const onSort = useStableCallback(props.onSort);
  const onToggle = useStableCallback((id: string) => selection?.onToggle(id));
  const onToggleAll = useStableCallback(() => selection?.onToggleAll());
  const resize = useStableCallback((key: string, width: number) => props.onResize?.(key, width));
  const onResize = props.onResize ? resize : undefined;
  const allSelected = useMemo(() => !!selected && rows.length > 0 && rows.every((row) => selected.has(row.id)), [rows, selected]);
  // Nothing selected (the usual case) needs no look at the rows.
  const someSelected = useMemo(() => !!selected && !allSelected && selected.size > 0 && rows.some((row) => selected.has(row.id)), [rows, selected, allSelected]);
  const hasSelection = !!selection;
  const selectAll = useMemo(() => (hasSelection ? { all: allSelected, some: someSelected, onToggleAll } : undefined), [hasSelection, allSelected, someSelected, onToggleAll]);
  const selectLabel = t('bulk.selectRow');

  return (
    <div className="records-grid" ref={scrollRef} role="grid" aria-rowcount={count + 1} aria-colcount={columns.length} aria-multiselectable={selection ? true : undefined} data-testid="records-grid">
      <div className="records-grid__inner" style={{ width: totalWidth }}>
        <GridHeader columns={columns} cells={cells} sort={sort} locale={formatContext.locale} onSort={onSort} onResize={onResize} selectAll={selectAll} />
        {/* While it scrolls, a cover over the rows takes the pointer (styles.css): the row under a still mouse
            changes every frame, and following it (hover styles, mouseover events) costs a second style pass per frame. */}
        <div className={`records-grid__body${virtualizer.isScrolling ? ' records-grid__body--scrolling' : ''}`} style={{ height: virtualizer.getTotalSize() }} role="rowgroup" aria-busy={fill.pending || undefined} onFocus={onFocusRow}>
          {[...slotRows].sort(([x], [y]) => x - y).map(([slot, index]) => {
            const record = recordAt(index);
            if (!record) return null;
            return (
              <GridRow
                key={`slot-${slot}`}
                record={record}
                index={index}
                top={index * ROW_HEIGHT}
                columns={columns}
                cells={cells}
                formatContext={formatContext}
                opened={record.id === selectedId}
                checked={selected ? selected.has(record.id) : undefined}
                selectLabel={selectLabel}
                onOpen={onOpen}
                onToggle={onToggle}
                onMove={onMove}
                tabbable={index === tabbable}
              />
            );
          })}
          {virtualRows.map((virtualRow, at) => {
            const item = shownItems[at];
            const top = virtualRow.start - HEADER_HEIGHT;
            if (item?.kind === 'group') return <GroupRow key={virtualRow.key} item={item} top={top} />;
            if (item) return null;
            return (
              <div key="loader" className="records-grid__loader" role="row" style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}>
                <Spin size="small" /> <span>{t('records.loadingMore')}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
