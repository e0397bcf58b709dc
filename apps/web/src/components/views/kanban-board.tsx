import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Badge, Button, Dropdown, Empty, Select, Tag } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { DndProvider, useDrag, useDrop } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Condition, FieldDefinition } from '@platform/schema';
import { queryRecords } from '../../api/endpoints';
import type { RecordItem } from '../../api/types';
import type { RecordColumn } from '../../lib/record-columns';
import { recordValue } from '../../lib/record-columns';
import { displayText, formatFieldValue, type FormatContext } from '../../lib/format-value';
import { labelText } from '../../lib/label-text';
import { kanbanLanes, moveTargets, type KanbanLane } from '../../lib/views/kanban';
import { boardTarget, navKeyOf } from '../../lib/views/keyboard-nav';
import { laneCount, laneTotalKey, laneTotalQuery, laneTotalsPrefix, type LaneCount } from '../../lib/views/kanban-totals';
import { CellValue } from '../cell-value';
import './views.css';

const CARD = 'kanban-card';
type CardDrag = { id: string; from: string };

/**
 * Arrow keys, Home and End on a card move focus: up and down its lane, sideways to the nearest card of
 * the next lane with cards. Lanes are the elements marked `data-lane` inside the board.
 */
function moveCardFocus(event: KeyboardEvent<HTMLElement>) {
  const key = navKeyOf(event);
  const card = event.target as HTMLElement;
  if (!key || !card.classList.contains('kanban__card')) return;
  const lanes = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[data-lane]'), (lane) => Array.from(lane.querySelectorAll<HTMLElement>('.kanban__card')));
  const lane = lanes.findIndex((cards) => cards.includes(card));
  if (lane < 0) return;
  event.preventDefault();
  const positions = lanes.map((cards) => cards.map((candidate) => candidate.getBoundingClientRect().top));
  const target = boardTarget(key, positions, { lane, index: lanes[lane].indexOf(card) });
  if (target) lanes[target.lane][target.index].focus();
}

export type KanbanBoardProps = {
  appKey: string;
  formKey: string;
  /** The list's filter (the view's, the filter bar's, the search): each lane counts its records under it. */
  filter: Condition | undefined;
  field: FieldDefinition;
  rows: RecordItem[];
  titleColumn: RecordColumn | undefined;
  detailColumns: RecordColumn[];
  formatContext: FormatContext;
  /** The user may change the group field: cards drag and offer "move to". */
  canMove: boolean;
  /** Moves a record into a lane; the page saves it and snaps it back when refused. */
  onMove: (record: RecordItem, lane: KanbanLane) => void;
  pendingIds: ReadonlySet<string>;
  onOpen: (record: RecordItem) => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  isMobile: boolean;
};

type CardProps = {
  record: RecordItem;
  lane: string;
  lanes: KanbanLane[];
  props: KanbanBoardProps;
};

function KanbanCard({ record, lane, lanes, props }: CardProps) {
  const { t } = useTranslation();
  const { titleColumn, detailColumns, formatContext, canMove, onMove, onOpen } = props;
  const pending = props.pendingIds.has(record.id);
  const [{ dragging }, dragRef] = useDrag<CardDrag, unknown, { dragging: boolean }>(() => ({
    type: CARD,
    item: { id: record.id, from: lane },
    canDrag: () => canMove && !pending,
    collect: (monitor) => ({ dragging: monitor.isDragging() }),
  }), [record.id, lane, canMove, pending]);
  const title = titleColumn ? displayText(formatFieldValue(titleColumn.field, recordValue(record, titleColumn.key), formatContext)) : '';
  const keyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(record);
    }
  };
  const targets = moveTargets(lanes, lane).map((target) => ({
    key: target.key,
    label: <span data-testid={`move-to-${target.key}`}>{target.label}</span>,
    onClick: () => onMove(record, target),
  }));
  return (
    <div
      ref={(node) => { dragRef(node); }}
      role="button"
      tabIndex={0}
      aria-busy={pending}
      className={`kanban__card${dragging ? ' kanban__card--dragging' : ''}${pending ? ' kanban__card--pending' : ''}`}
      data-testid="kanban-card"
      data-record-id={record.id}
      onClick={() => onOpen(record)}
      onKeyDown={keyDown}
    >
      <div className="kanban__card-head">
        <div className="kanban__card-title">{title || t('record.untitled')}</div>
        {canMove && (
          <span onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
            <Dropdown trigger={['click']} menu={{ items: targets }}>
              <Button size="small" type="text" icon={<SwapOutlined />} aria-label={t('views.kanban.moveTo', { title: title || t('record.untitled') })} data-testid="kanban-move" disabled={pending} />
            </Dropdown>
          </span>
        )}
      </div>
      <dl style={{ margin: 0 }}>
        {detailColumns.map((column) => (
          <div key={column.key} className="kanban__card-field">
            <dt>{labelText(column.field.label, formatContext.locale)}</dt>
            <dd><CellValue display={formatFieldValue(column.field, recordValue(record, column.key), formatContext)} /></dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The lane's true total (the board loads records page by page), "~" before an estimate. */
function laneCountText(count: LaneCount): string {
  return count.estimate ? `~${count.count}` : String(count.count);
}

const LANE_TOTAL_STALE_MS = 30_000;

/**
 * Each lane's total from the server (one small query per lane, cached per filter and lane), and asked
 * again once a card has moved (its old and new lanes changed).
 */
function useLaneCounts(props: KanbanBoardProps, lanes: readonly KanbanLane[]): LaneCount[] {
  const { appKey, formKey, filter, field, pendingIds } = props;
  const queryClient = useQueryClient();
  const results = useQueries({
    queries: lanes.map((lane) => ({
      queryKey: laneTotalKey(appKey, formKey, field.key, lane.key, filter),
      queryFn: ({ signal }: { signal: AbortSignal }) => queryRecords(appKey, formKey, laneTotalQuery(filter, field.key, lane), signal),
      staleTime: LANE_TOTAL_STALE_MS,
      enabled: appKey !== '' && formKey !== '',
    })),
  });
  const moving = useRef(pendingIds.size);
  useEffect(() => {
    if (pendingIds.size < moving.current) void queryClient.invalidateQueries({ queryKey: laneTotalsPrefix(appKey, formKey) });
    moving.current = pendingIds.size;
  }, [pendingIds, appKey, formKey, queryClient]);
  return lanes.map((lane, index) => laneCount(results[index]?.data, lane.records.length));
}

function LaneHead({ lane, count }: { lane: KanbanLane; count: LaneCount }) {
  const { t } = useTranslation();
  const title = t(count.estimate ? 'views.kanban.laneTotalEstimate' : 'views.kanban.laneTotal', { count: count.count });
  return (
    <div className="kanban__lane-head">
      <Tag color={lane.color}>{lane.label}</Tag>
      <span className="kanban__lane-count" title={title} aria-label={title} data-testid="kanban-lane-count">{laneCountText(count)}</span>
    </div>
  );
}

function Lane({ lane, lanes, count, props }: { lane: KanbanLane; lanes: KanbanLane[]; count: LaneCount; props: KanbanBoardProps }) {
  const { t } = useTranslation();
  const [{ over }, dropRef] = useDrop<CardDrag, unknown, { over: boolean }>(() => ({
    accept: CARD,
    canDrop: (item) => item.from !== lane.key,
    drop: (item) => {
      const record = props.rows.find((row) => row.id === item.id);
      if (record) props.onMove(record, lane);
    },
    collect: (monitor) => ({ over: monitor.isOver() && monitor.canDrop() }),
  }), [lane, props.rows, props.onMove]);
  return (
    <section
      ref={(node) => { dropRef(node); }}
      className={`kanban__lane${over ? ' kanban__lane--over' : ''}`}
      aria-label={lane.label}
      data-testid={`kanban-lane-${lane.key}`}
    >
      <LaneHead lane={lane} count={count} />
      <div className="kanban__lane-body" data-lane={lane.key}>
        {lane.records.map((record) => <KanbanCard key={record.id} record={record} lane={lane.key} lanes={lanes} props={props} />)}
        {lane.records.length === 0 && <div className="kanban__lane-empty" aria-hidden>{t('views.kanban.emptyLane')}</div>}
      </div>
    </section>
  );
}

/** One lane at a time on a phone, chosen from a list; cards move with their "move to" menu. */
function PhoneBoard({ lanes, counts, props }: { lanes: KanbanLane[]; counts: LaneCount[]; props: KanbanBoardProps }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | undefined>();
  const lane = lanes.find((candidate) => candidate.key === chosen) ?? lanes.find((candidate) => candidate.records.length > 0) ?? lanes[0];
  if (!lane) return null;
  const countOf = (candidate: KanbanLane) => counts[lanes.indexOf(candidate)] ?? { count: candidate.records.length, estimate: false };
  return (
    <div className="kanban-phone" data-testid="kanban-phone" onKeyDown={moveCardFocus}>
      <Select
        value={lane.key}
        onChange={setChosen}
        aria-label={t('views.kanban.lane')}
        options={lanes.map((candidate) => ({ value: candidate.key, label: <span>{candidate.label} <Badge count={laneCountText(countOf(candidate))} showZero color="#bfbfbf" /></span> }))}
        data-testid="kanban-lane-select"
      />
      <div className="kanban-phone__lane" data-testid={`kanban-lane-${lane.key}`} data-lane={lane.key}>
        {lane.records.map((record) => <KanbanCard key={record.id} record={record} lane={lane.key} lanes={lanes} props={props} />)}
        {lane.records.length === 0 && <Empty description={t('views.kanban.emptyLane')} />}
        {props.hasNextPage && <LoadMore props={props} />}
      </div>
    </div>
  );
}

function LoadMore({ props }: { props: KanbanBoardProps }) {
  const { t } = useTranslation();
  return (
    <Button className="kanban__more" onClick={props.fetchNextPage} loading={props.isFetchingNextPage} data-testid="kanban-load-more">
      {t('views.loadMore')}
    </Button>
  );
}

/** Records as cards in one lane per option of a select or radio field; drag or "move to" changes it. */
export function KanbanBoard(props: KanbanBoardProps) {
  const { t } = useTranslation();
  const { field, rows, formatContext } = props;
  const lanes = useMemo(() => kanbanLanes(field, rows, formatContext.locale, t('views.emptyGroup')), [field, rows, formatContext.locale, t]);
  const counts = useLaneCounts(props, lanes);
  // Phones move cards with the "move to" menu; the cards are drag sources all the same.
  if (props.isMobile) return <DndProvider backend={HTML5Backend}><PhoneBoard lanes={lanes} counts={counts} props={props} /></DndProvider>;
  return (
    <DndProvider backend={HTML5Backend}>
      <div className="kanban" data-testid="kanban" onKeyDown={moveCardFocus}>
        {lanes.map((lane, index) => <Lane key={lane.key} lane={lane} lanes={lanes} count={counts[index]} props={props} />)}
      </div>
      {props.hasNextPage && <LoadMore props={props} />}
    </DndProvider>
  );
}
