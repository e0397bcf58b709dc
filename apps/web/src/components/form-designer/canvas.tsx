import { createContext, useContext, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Button, Col, Empty, Form, Row, Tabs, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CopyOutlined, DeleteOutlined, HolderOutlined } from '@ant-design/icons';
import { useDrag, useDragLayer, useDrop, type DropTargetMonitor } from 'react-dnd';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import { useLocale } from '../../hooks/use-locale';
import { labelText } from '../../lib/label-text';
import { canMoveBy, containerKeys, findField, isTabsItem, moveFieldBy, tabsOf } from '../../lib/form-designer/operations';
import { ROOT, type Container, type Placement } from '../../lib/form-designer/types';
import { DND_FIELD, DND_PALETTE, useFormDesigner, type FieldDragItem, type PaletteDragItem } from './designer-context';
import { FieldPreview } from './field-preview';

/** Items that take the whole width in a multi-column layout (as in the record form). */
const FULL_WIDTH_TYPES = new Set(['divider', 'description', 'tabs', 'richText', 'subForm']);

const containerId = (container: Container) => (container.kind === 'root' ? 'root' : `${container.tabsKey}/${container.tabKey}`);

/** Where a drop would land now: before or after a field, or at the end of a container (the drop line). */
type DropHint = { container: string; key: string | null; side: 'before' | 'after' } | null;
const HintContext = createContext<{ hint: DropHint; setHint: (hint: DropHint) => void }>({ hint: null, setHint: () => undefined });

type DragItem = PaletteDragItem | FieldDragItem;

function useDropHandler() {
  const { addField, moveField } = useFormDesigner();
  const { setHint } = useContext(HintContext);
  return (item: DragItem, placement: Placement) => {
    setHint(null);
    if ('fieldType' in item) addField(item.fieldType, placement);
    else moveField(item.key, placement);
  };
}

/** Whether the pointer is in the first half of the element (its top half; its left half in a row of columns). */
function inFirstHalf(monitor: DropTargetMonitor, element: HTMLElement | null, horizontal: boolean): boolean {
  const offset = monitor.getClientOffset();
  if (!element || !offset) return true;
  const box = element.getBoundingClientRect();
  return horizontal ? offset.x < box.left + box.width / 2 : offset.y < box.top + box.height / 2;
}

function CanvasField({ field, container, nextKey, span, horizontal }: { field: FieldDefinition; container: Container; nextKey: string | null; span: number; horizontal: boolean }) {
  const locale = useLocale();
  const api = useFormDesigner();
  const { hint, setHint } = useContext(HintContext);
  const drop = useDropHandler();
  const ref = useRef<HTMLDivElement>(null);
  const id = containerId(container);
  const [{ dragging }, dragRef] = useDrag<FieldDragItem, unknown, { dragging: boolean }>(() => ({
    type: DND_FIELD,
    item: { key: field.key },
    end: () => setHint(null),
    collect: (monitor) => ({ dragging: monitor.isDragging() }),
  }), [field.key]);
  const [, dropRef] = useDrop<DragItem>(() => ({
    accept: [DND_PALETTE, DND_FIELD],
    hover: (item, monitor) => {
      if (!monitor.isOver({ shallow: true })) return;
      const side = inFirstHalf(monitor, ref.current, horizontal) ? 'before' : 'after';
      if (hint?.container !== id || hint.key !== field.key || hint.side !== side) setHint({ container: id, key: field.key, side });
    },
    drop: (item, monitor) => {
      if (monitor.didDrop()) return;
      const before = inFirstHalf(monitor, ref.current, horizontal) ? field.key : nextKey;
      if ('key' in item && item.key === field.key) return;
      drop(item, { container, before });
    },
  }), [field.key, nextKey, id, hint, horizontal, container]);
  dragRef(dropRef(ref));

  const selected = api.selected === field.key;
  const issues = api.issuesOf({ kind: 'field', key: field.key });
  const shownHint = hint && hint.container === id && hint.key === field.key ? hint.side : null;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      api.select(field.key);
    } else if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      api.change((draft) => moveFieldBy(draft, field.key, event.key === 'ArrowUp' ? -1 : 1));
    }
  };
  return (
    <Col span={span}>
      <div
        ref={ref}
        role="button"
        tabIndex={0}
        aria-pressed={selected}
        aria-label={labelText(field.label, locale) || field.key}
        className={`fmd-field${selected ? ' is-selected' : ''}${issues.length ? ' has-issue' : ''}${dragging ? ' is-dragging' : ''}${shownHint ? ` drop-${shownHint}` : ''}`}
        data-testid="canvas-field"
        data-field-key={field.key}
        data-field-type={field.type}
        onClick={(event) => {
          event.stopPropagation();
          api.select(field.key);
        }}
        onKeyDown={onKeyDown}
      >
        <HolderOutlined className="fmd-field__grip" aria-hidden />
        <div className="fmd-field__preview" inert>
          <FieldPreview field={field} phone={api.phone} />
        </div>
        {issues.length > 0 && <div className="fmd-field__issue" data-testid="canvas-field-issue">{api.issueText(issues[0])}{issues.length > 1 ? ` (+${issues.length - 1})` : ''}</div>}
        {selected && <FieldToolbar fieldKey={field.key} />}
      </div>
    </Col>
  );
}

/** Move up/down, duplicate, delete: the click and keyboard way to do what dragging does. */
function FieldToolbar({ fieldKey }: { fieldKey: string }) {
  const { t } = useTranslation();
  const api = useFormDesigner();
  const button = (label: string, icon: ReactNode, onClick: () => void, testId: string, disabled = false, danger = false) => (
    <Tooltip title={label}>
      <Button
        size="small"
        type="text"
        danger={danger}
        icon={icon}
        aria-label={label}
        disabled={disabled}
        data-testid={testId}
        onClick={(event) => {
          event.stopPropagation();
          onClick();
        }}
      />
    </Tooltip>
  );
  return (
    <div className="fmd-field__toolbar" data-testid="canvas-field-toolbar">
      {button(t('formDesigner.field.moveUp'), <ArrowUpOutlined />, () => api.change((draft) => moveFieldBy(draft, fieldKey, -1)), 'field-move-up', !canMoveBy(api.draft, fieldKey, -1))}
      {button(t('formDesigner.field.moveDown'), <ArrowDownOutlined />, () => api.change((draft) => moveFieldBy(draft, fieldKey, 1)), 'field-move-down', !canMoveBy(api.draft, fieldKey, 1))}
      {button(t('formDesigner.field.duplicate'), <CopyOutlined />, () => api.duplicateField(fieldKey), 'field-duplicate')}
      {button(t('formDesigner.field.remove'), <DeleteOutlined />, () => api.removeField(fieldKey), 'field-remove', false, true)}
    </div>
  );
}

/** The end of a container: a drop there goes last (and an empty tab takes its first field). */
function EndDropZone({ container, empty }: { container: Container; empty: boolean }) {
  const { t } = useTranslation();
  const { hint, setHint } = useContext(HintContext);
  const drop = useDropHandler();
  const id = containerId(container);
  const [{ over }, dropRef] = useDrop<DragItem, unknown, { over: boolean }>(() => ({
    accept: [DND_PALETTE, DND_FIELD],
    hover: (_item, monitor) => {
      if (monitor.isOver({ shallow: true }) && (hint?.container !== id || hint.key !== null)) setHint({ container: id, key: null, side: 'before' });
    },
    drop: (item, monitor) => {
      if (!monitor.didDrop()) drop(item, { container, before: null });
    },
    collect: (monitor) => ({ over: monitor.isOver({ shallow: true }) }),
  }), [id, hint, container]);
  return (
    <div
      ref={(node) => void dropRef(node)}
      className={`fmd-drop-end${over ? ' is-over' : ''}${empty ? ' is-empty' : ''}`}
      data-testid="canvas-drop-end"
      data-container={id}
    >
      {empty ? t(container.kind === 'root' ? 'formDesigner.canvas.empty' : 'formDesigner.canvas.emptyTab') : null}
    </div>
  );
}

function ContainerView({ container, columns }: { container: Container; columns: number }) {
  const { draft, phone } = useFormDesigner();
  const keys = containerKeys(draft, container);
  return (
    <div className="fmd-container" data-testid="canvas-container" data-container={containerId(container)}>
      <Row gutter={phone ? 0 : 24}>
        {keys.map((key, index) => {
          const field = findField(draft, key)!;
          const span = phone || FULL_WIDTH_TYPES.has(field.type) ? 24 : 24 / columns;
          return <CanvasField key={key} field={field} container={container} nextKey={keys[index + 1] ?? null} span={span} horizontal={columns > 1 && span < 24} />;
        })}
      </Row>
      <EndDropZone container={container} empty={keys.length === 0} />
    </div>
  );
}

/** A tabs item: its tab strip with each tab's fields; a click on its header selects it. */
function TabsBlock({ item, columns }: { item: FieldDefinition; columns: number }) {
  const locale = useLocale();
  const api = useFormDesigner();
  const [active, setActive] = useState<string | undefined>();
  const tabs = tabsOf(item);
  const selected = api.selected === item.key;
  const issues = api.issuesOf({ kind: 'field', key: item.key });
  const current = tabs.some((tab) => tab.key === active) ? active : tabs[0]?.key;
  return (
    <div
      className={`fmd-tabs${selected ? ' is-selected' : ''}${issues.length ? ' has-issue' : ''}`}
      data-testid="canvas-field"
      data-field-key={item.key}
      data-field-type="tabs"
      onClick={(event) => {
        event.stopPropagation();
        api.select(item.key);
      }}
    >
      <div className="fmd-tabs__head">
        <Typography.Text type="secondary">{labelText(item.label, locale) || item.key}</Typography.Text>
        {selected && <FieldToolbar fieldKey={item.key} />}
      </div>
      {issues.length > 0 && <div className="fmd-field__issue">{api.issueText(issues[0])}</div>}
      <Tabs
        activeKey={current}
        onChange={setActive}
        items={tabs.map((tab) => ({
          key: tab.key,
          label: <span data-testid={`canvas-tab-${tab.key}`}>{labelText(tab.label, locale) || tab.key}</span>,
          children: <ContainerView container={{ kind: 'tab', tabsKey: item.key, tabKey: tab.key }} columns={columns} />,
        }))}
      />
    </div>
  );
}

/** The form as it will look, fields to select, drag and drop; phone width shows one column at 375 px. */
export function Canvas() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useFormDesigner();
  const [hint, setHint] = useState<DropHint>(null);
  const dragging = useDragLayer((monitor) => monitor.isDragging());
  const { draft, phone } = api;
  const columns = phone ? 1 : (draft.settings?.columns ?? 1);
  const tabsItems = draft.fields.filter(isTabsItem);
  return (
    <HintContext.Provider value={{ hint: dragging ? hint : null, setHint }}>
      <div className="fmd-canvas" data-testid="form-designer-canvas" onClick={() => api.select(null)}>
        <div className={`fmd-sheet${phone ? ' is-phone' : ''}`} data-testid="canvas-sheet" data-columns={columns}>
          <Typography.Title level={4} className="fmd-sheet__title">{labelText(draft.name, locale) || t('formDesigner.untitled')}</Typography.Title>
          <Form layout="vertical" component="div" className="record-form fmd-sheet__form">
            <ContainerView container={ROOT} columns={columns} />
            {tabsItems.map((item) => <TabsBlock key={item.key} item={item} columns={columns} />)}
          </Form>
          {draft.fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('formDesigner.canvas.start')} />}
        </div>
      </div>
    </HintContext.Provider>
  );
}
