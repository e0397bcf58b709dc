import { useMemo, useState, type KeyboardEvent } from 'react';
import { Badge, Button, Dropdown, Empty, Select, Tag } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { DndProvider, useDrag, useDrop } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import type { RecordItem } from '../../api/types';
import type { RecordColumn } from '../../lib/record-columns';
import { recordValue } from '../../lib/record-columns';
import { displayText, formatFieldValue, type FormatContext } from '../../lib/format-value';
import { labelText } from '../../lib/label-text';
import { kanbanLanes, moveTargets, type KanbanLane } from '../../lib/views/kanban';
import { CellValue } from '../cell-value';
import './views.css';

const CARD = 'kanban-card';
type CardDrag = { id: string; from: string };

export type KanbanBoardProps = {
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

function LaneHead({ lane }: { lane: KanbanLane }) {
  return (
    <div className="kanban__lane-head">
      <Tag color={lane.color}>{lane.label}</Tag>
      <span className="kanban__lane-count">{lane.records.length}</span>
    </div>
  );
}

function Lane({ lane, lanes, props }: { lane: KanbanLane; lanes: KanbanLane[]; props: KanbanBoardProps }) {
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
      <LaneHead lane={lane} />
      <div className="kanban__lane-body">
        {lane.records.map((record) => <KanbanCard key={record.id} record={record} lane={lane.key} lanes={lanes} props={props} />)}
        {lane.records.length === 0 && <div className="kanban__lane-empty" aria-hidden>{t('views.kanban.emptyLane')}</div>}
      </div>
    </section>
  );
}

/** One lane at a time on a phone, chosen from a list; cards move with their "move to" menu. */
function PhoneBoard({ lanes, props }: { lanes: KanbanLane[]; props: KanbanBoardProps }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | undefined>();
  const lane = lanes.find((candidate) => candidate.key === chosen) ?? lanes.find((candidate) => candidate.records.length > 0) ?? lanes[0];
  if (!lane) return null;
  return (
    <div className="kanban-phone" data-testid="kanban-phone">
      <Select
        value={lane.key}
        onChange={setChosen}
        aria-label={t('views.kanban.lane')}
        options={lanes.map((candidate) => ({ value: candidate.key, label: <span>{candidate.label} <Badge count={candidate.records.length} showZero color="#bfbfbf" /></span> }))}
        data-testid="kanban-lane-select"
      />
      <div className="kanban-phone__lane" data-testid={`kanban-lane-${lane.key}`}>
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
  // Phones move cards with the "move to" menu; the cards are drag sources all the same.
  if (props.isMobile) return <DndProvider backend={HTML5Backend}><PhoneBoard lanes={lanes} props={props} /></DndProvider>;
  return (
    <DndProvider backend={HTML5Backend}>
      <div className="kanban" data-testid="kanban">
        {lanes.map((lane) => <Lane key={lane.key} lane={lane} lanes={lanes} props={props} />)}
      </div>
      {props.hasNextPage && <LoadMore props={props} />}
    </DndProvider>
  );
}
