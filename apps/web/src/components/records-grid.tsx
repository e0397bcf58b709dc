import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Spin } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SortSpec } from '@platform/schema';
import type { RecordItem } from '../api/types';
import type { RecordColumn } from '../lib/record-columns';
import { recordValue } from '../lib/record-columns';
import { formatFieldValue, type FormatContext } from '../lib/format-value';
import { labelText } from '../lib/label-text';
import { shouldLoadMore } from '../lib/record-paging';
import { sortDirectionOf, sortPositionOf } from '../lib/sort-state';
import { CellValue } from './cell-value';

export const ROW_HEIGHT = 44;
export const HEADER_HEIGHT = 44;

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
};

/**
 * The desktop records table: a sticky header and absolutely positioned rows; only the rows in view
 * (plus a few) are in the DOM, whatever the number loaded. Scrolling near the end loads the next page.
 */
export function RecordsGrid(props: RecordsGridProps) {
  const { columns, rows, sort, onSort, onOpen, formatContext, hasNextPage, isFetchingNextPage, fetchNextPage, selectedId } = props;
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { resetKey } = props;
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [resetKey]);
  const count = rows.length + (hasNextPage ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? `loader-${index}`,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastVisibleIndex = virtualRows.length > 0 ? virtualRows[virtualRows.length - 1].index : undefined;

  useEffect(() => {
    if (shouldLoadMore({ lastVisibleIndex, loadedCount: rows.length, hasNextPage, isFetching: isFetchingNextPage })) fetchNextPage();
  }, [lastVisibleIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const totalWidth = columns.reduce((sum, column) => sum + column.width, 0);
  const headerClick = (event: MouseEvent, column: RecordColumn) => {
    if (column.sortable) onSort(column.key, event.shiftKey || event.metaKey || event.ctrlKey);
  };
  const rowKeyDown = (event: KeyboardEvent, record: RecordItem) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(record);
    }
  };

  return (
    <div className="records-grid" ref={scrollRef} role="grid" aria-rowcount={count + 1} aria-colcount={columns.length} data-testid="records-grid">
      <div className="records-grid__inner" style={{ width: totalWidth }}>
        <div className="records-grid__header" role="row" style={{ height: HEADER_HEIGHT }}>
          {columns.map((column) => {
            const direction = sortDirectionOf(sort, column.key);
            const position = sort.length > 1 ? sortPositionOf(sort, column.key) : undefined;
            const label = labelText(column.field.label, formatContext.locale);
            return (
              <div
                key={column.key}
                role="columnheader"
                aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}
                className="records-grid__header-cell"
                style={{ width: column.width }}
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
              </div>
            );
          })}
        </div>
        <div className="records-grid__body" style={{ height: virtualizer.getTotalSize() }} role="rowgroup">
          {virtualRows.map((virtualRow) => {
            const record = rows[virtualRow.index];
            const top = virtualRow.start - virtualizer.options.scrollMargin;
            if (!record) {
              return (
                <div key={virtualRow.key} className="records-grid__loader" role="row" style={{ height: virtualRow.size, transform: `translateY(${top}px)` }}>
                  <Spin size="small" /> <span>{t('records.loadingMore')}</span>
                </div>
              );
            }
            return (
              <div
                key={virtualRow.key}
                role="row"
                aria-rowindex={virtualRow.index + 2}
                tabIndex={0}
                data-testid="record-row"
                data-record-id={record.id}
                className={`records-grid__row${record.id === selectedId ? ' records-grid__row--selected' : ''}`}
                style={{ height: virtualRow.size, transform: `translateY(${top}px)` }}
                onClick={() => onOpen(record)}
                onKeyDown={(event) => rowKeyDown(event, record)}
              >
                {columns.map((column) => (
                  <div key={column.key} role="gridcell" className="records-grid__cell" style={{ width: column.width }}>
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
