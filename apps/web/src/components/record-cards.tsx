import { memo, useCallback, useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecordItem } from '../api/types';
import type { RecordColumn } from '../lib/record-columns';
import { recordValue } from '../lib/record-columns';
import { displayText, formatFieldValue, type FormatContext } from '../lib/format-value';
import { labelText } from '../lib/label-text';
import { shouldLoadMore } from '../lib/record-paging';
import { listTarget, navKeyOf } from '../lib/views/keyboard-nav';
import { CellValue } from './cell-value';
import { FlowStatusTag } from './flow/flow-status-tag';

const CARD_ESTIMATE = 150;

export type RecordCardsProps = {
  titleColumn: RecordColumn | undefined;
  detailColumns: RecordColumn[];
  rows: RecordItem[];
  onOpen: (record: RecordItem) => void;
  formatContext: FormatContext;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  /** Changes with the filter and sort: the list then starts again from the top. */
  resetKey?: string;
};

type RecordCardProps = {
  record: RecordItem;
  titleColumn: RecordColumn | undefined;
  detailColumns: RecordColumn[];
  formatContext: FormatContext;
  untitled: string;
  onOpen: (record: RecordItem) => void;
};

/** One record's card; memoised, so that scrolling renders only the cards that come into view. */
const RecordCard = memo(function RecordCard({ record, titleColumn, detailColumns, formatContext, untitled, onOpen }: RecordCardProps) {
  const title = titleColumn ? displayText(formatFieldValue(titleColumn.field, recordValue(record, titleColumn.key), formatContext)) : '';
  const keyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(record);
    }
  };
  return (
    <div
      role="button"
      tabIndex={0}
      className="record-card"
      data-testid="record-row"
      data-record-id={record.id}
      onClick={() => onOpen(record)}
      onKeyDown={keyDown}
    >
      <div className="record-card__head">
        <div className="record-card__title">{title || untitled}</div>
        <FlowStatusTag status={record.flowStatus} className="record-card__status" />
      </div>
      <dl className="record-card__fields">
        {detailColumns.map((column) => (
          <div key={column.key} className="record-card__field">
            <dt>{labelText(column.field.label, formatContext.locale)}</dt>
            <dd>
              <CellValue display={formatFieldValue(column.field, recordValue(record, column.key), formatContext)} />
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
});

/** The phone list: a card per record (its title and three more fields), virtualised like the grid. */
export function RecordCards(props: RecordCardsProps) {
  const { titleColumn, detailColumns, rows, formatContext, hasNextPage, isFetchingNextPage, fetchNextPage } = props;
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  // The card to focus once it renders (see keyDown).
  const pendingFocus = useRef<number | undefined>(undefined);
  const { resetKey } = props;
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    pendingFocus.current = undefined;
  }, [resetKey]);
  // The page's handler may change with its renders; the cards keep one that calls the latest.
  const latestOpen = useRef(props.onOpen);
  useLayoutEffect(() => {
    latestOpen.current = props.onOpen;
  });
  const onOpen = useCallback((record: RecordItem) => latestOpen.current(record), []);
  const count = rows.length + (hasNextPage ? 1 : 0);
  // Kept across renders: a new function makes the virtualizer measure every loaded card again.
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? `loader-${index}`, [rows]);
  const estimateSize = useCallback(() => CARD_ESTIMATE, []);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const virtualizer = useVirtualizer({ count, getScrollElement, estimateSize, overscan: 6, getItemKey });
  const items = virtualizer.getVirtualItems();
  const lastVisibleIndex = items.length > 0 ? items[items.length - 1].index : undefined;

  useEffect(() => {
    if (shouldLoadMore({ lastVisibleIndex, loadedCount: rows.length, hasNextPage, isFetching: isFetchingNextPage, threshold: 10 })) fetchNextPage();
  }, [lastVisibleIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Arrow keys, Home and End move focus between the cards. A card not rendered yet (scrolled away, or
  // on the page being loaded) is scrolled to and focused once it renders.
  const focusCard = useCallback((index: number) => {
    const card = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] > .record-card`);
    card?.focus();
    return !!card;
  }, []);
  const keyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const key = navKeyOf(event);
    const card = event.target as HTMLElement;
    if (!key || !card.classList.contains('record-card')) return;
    const index = Number(card.parentElement?.dataset.index);
    if (!Number.isInteger(index)) return;
    event.preventDefault();
    const target = listTarget(key, index, rows.length, hasNextPage);
    if (target === undefined || focusCard(target)) return;
    pendingFocus.current = target;
    virtualizer.scrollToIndex(Math.min(target, count - 1), { align: 'auto' });
  };
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === undefined) return;
    // Given up once the user is elsewhere (a focused card scrolled away leaves focus on the body), or
    // when the card the next page was to bring never comes.
    const active = document.activeElement;
    const elsewhere = !!active && active !== document.body && !scrollRef.current?.contains(active);
    if (elsewhere || (index >= rows.length && !hasNextPage) || focusCard(index)) pendingFocus.current = undefined;
  });

  const untitled = t('record.untitled');
  return (
    <div className="record-cards" ref={scrollRef} data-testid="record-cards" onKeyDown={keyDown}>
      <div className="record-cards__inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const record = rows[item.index];
          return (
            <div key={item.key} ref={virtualizer.measureElement} data-index={item.index} className="record-cards__slot" style={{ transform: `translateY(${item.start}px)` }}>
              {record ? (
                <RecordCard record={record} titleColumn={titleColumn} detailColumns={detailColumns} formatContext={formatContext} untitled={untitled} onOpen={onOpen} />
              ) : (
                <div className="record-cards__loader"><Spin size="small" /> <span>{t('records.loadingMore')}</span></div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
