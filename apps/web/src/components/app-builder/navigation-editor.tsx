import { useRef, useState } from 'react';
import { Button, Empty, Input, Tag, Tooltip, Typography } from 'antd';
import {
  ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, FolderAddOutlined, FolderOutlined, HolderOutlined, MenuFoldOutlined, MenuUnfoldOutlined,
  PlusOutlined, TableOutlined,
} from '@ant-design/icons';
import { DndProvider, useDrag, useDrop, type DropTargetMonitor } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import { useTranslation } from 'react-i18next';
import type { LocalizedText, NavigationItem } from '@platform/schema';
import { useLocale } from '../../hooks/use-locale';
import { labelText } from '../../lib/label-text';
import {
  addGroup, indent, insertAt, moveDown, moveItem, moveUp, outdent, removeAt, ungroup, unplacedForms, updateAt, type NavPath,
} from '../../lib/app-builder/navigation-edit';
import { IconPicker } from './icon-picker';

const DND_NAV = 'nav-item';
const DND_NEW = 'nav-new-form';
type NavDrag = { path: NavPath; isGroup: boolean };
type NewDrag = { formKey: string };

export type NavForm = { key: string; name: LocalizedText; draft?: boolean };

type EditorProps = {
  navigation: NavigationItem[];
  forms: NavForm[];
  onChange: (navigation: NavigationItem[]) => void;
};

/** Where a drop lands: a list (the top level or a group's top-level index) and an index in it. */
type Target = { group: number | null; index: number };

function firstHalf(monitor: DropTargetMonitor, element: HTMLElement | null) {
  const offset = monitor.getClientOffset();
  if (!element || !offset) return true;
  const box = element.getBoundingClientRect();
  return offset.y < box.top + box.height / 2;
}

const pathId = (path: NavPath) => path.join('.');

/**
 * The app builder's menu editor: drag items (and groups) to reorder them, drop forms into groups, drag
 * forms not yet in the menu in from the side; every move also has buttons (up, down, into the group above,
 * out of the group) so it works from the keyboard. The state lives in navigation-edit.ts.
 */
export function NavigationEditor(props: EditorProps) {
  return (
    <DndProvider backend={HTML5Backend}>
      <Editor {...props} />
    </DndProvider>
  );
}

function Editor({ navigation, forms, onChange }: EditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [hint, setHint] = useState<string | null>(null);
  const byKey = new Map(forms.map((form) => [form.key, form]));
  const unplaced = unplacedForms(navigation, forms.map((form) => form.key));
  const drop = (item: NavDrag | NewDrag, target: Target) => {
    setHint(null);
    if ('formKey' in item) onChange(insertAt(navigation, target.group, target.index, { type: 'form', formKey: item.formKey }));
    else onChange(moveItem(navigation, item.path, target.group, target.index));
  };
  const shared = { navigation, onChange, drop, hint, setHint, byKey, locale };
  return (
    <div className="nav-editor">
      <div className="nav-editor__tree" role="tree" aria-label={t('appBuilder.navigation')} data-testid="nav-editor">
        {navigation.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appBuilder.navigationEmpty')} />}
        {navigation.map((item, index) => (
          <NavRow key={`${index}-${item.type === 'group' ? 'g' : item.formKey}`} item={item} path={[index]} {...shared}>
            {item.type === 'group' && (
              <div className="nav-editor__children" role="group">
                {(item.children ?? []).map((child, childIndex) => (
                  <NavRow key={`${childIndex}-${child.type === 'group' ? 'g' : child.formKey}`} item={child} path={[index, childIndex]} {...shared} />
                ))}
                <DropEnd target={{ group: index, index: (item.children ?? []).length }} drop={drop} label={t('appBuilder.dropInGroup')} testId={`nav-drop-group-${index}`} />
              </div>
            )}
          </NavRow>
        ))}
        <DropEnd target={{ group: null, index: navigation.length }} drop={drop} label={t('appBuilder.dropAtEnd')} testId="nav-drop-end" />
      </div>
      <div className="nav-editor__side">
        <Button icon={<FolderAddOutlined />} onClick={() => onChange(addGroup(navigation, { [locale]: t('appBuilder.newGroup') }))} data-testid="nav-add-group">
          {t('appBuilder.addGroup')}
        </Button>
        <Typography.Text type="secondary" className="nav-editor__side-title">{t('appBuilder.unplaced')}</Typography.Text>
        {unplaced.length === 0 ? (
          <Typography.Text type="secondary">{t('appBuilder.allPlaced')}</Typography.Text>
        ) : (
          unplaced.map((formKey) => (
            <UnplacedForm key={formKey} formKey={formKey} label={labelText(byKey.get(formKey)?.name, locale) || formKey}
              onAdd={() => onChange(insertAt(navigation, null, navigation.length, { type: 'form', formKey }))} />
          ))
        )}
      </div>
    </div>
  );
}

type RowProps = {
  item: NavigationItem;
  path: NavPath;
  navigation: NavigationItem[];
  onChange: (navigation: NavigationItem[]) => void;
  drop: (item: NavDrag | NewDrag, target: Target) => void;
  hint: string | null;
  setHint: (hint: string | null) => void;
  byKey: Map<string, NavForm>;
  locale: string;
  children?: React.ReactNode;
};

function NavRow({ item, path, navigation, onChange, drop, hint, setHint, byKey, locale, children }: RowProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const isGroup = item.type === 'group';
  const index = path[path.length - 1];
  const group = path.length === 2 ? path[0] : null;
  const [{ dragging }, dragRef, previewRef] = useDrag<NavDrag, unknown, { dragging: boolean }>(() => ({
    type: DND_NAV,
    item: { path, isGroup },
    end: () => setHint(null),
    collect: (monitor) => ({ dragging: monitor.isDragging() }),
  }), [pathId(path), isGroup]);
  const [, dropRef] = useDrop<NavDrag | NewDrag>(() => ({
    accept: [DND_NAV, DND_NEW],
    canDrop: (dragged) => !('isGroup' in dragged && dragged.isGroup && group !== null),
    hover: (dragged, monitor) => {
      if (!monitor.isOver({ shallow: true })) return;
      setHint(`${pathId(path)}:${firstHalf(monitor, ref.current) ? 'before' : 'after'}`);
    },
    drop: (dragged, monitor) => {
      if (monitor.didDrop()) return;
      // A form dropped onto a group's header goes into the group; anything else before or after the row.
      if (isGroup && !('isGroup' in dragged && dragged.isGroup)) {
        drop(dragged, { group: index, index: item.children?.length ?? 0 });
        return;
      }
      if ('isGroup' in dragged && dragged.isGroup && group !== null) return;
      drop(dragged, { group, index: firstHalf(monitor, ref.current) ? index : index + 1 });
    },
  }), [pathId(path), isGroup, navigation]);
  dropRef(ref);
  previewRef(ref);

  const label = isGroup ? labelText(item.label, locale) : labelText(byKey.get(item.formKey)?.name, locale) || item.formKey;
  const testKey = isGroup ? `group-${index}` : item.type === 'view' ? `view-${item.viewKey}` : `form-${item.formKey}`;
  const draft = !isGroup && byKey.get(item.formKey)?.draft;
  const siblings = group === null ? navigation.length : (navigation[group] as Extract<NavigationItem, { type: 'group' }>).children.length;
  const canIndent = group === null && !isGroup && index > 0 && navigation[index - 1]?.type === 'group';
  const hinted = hint?.startsWith(`${pathId(path)}:`) ? hint.split(':')[1] : null;

  return (
    <div className={`nav-editor__item${isGroup ? ' nav-editor__item--group' : ''}`} role="treeitem" aria-selected={false} aria-level={path.length} aria-label={label}>
      <div
        ref={ref}
        className={`nav-editor__row${dragging ? ' nav-editor__row--dragging' : ''}${hinted ? ` nav-editor__row--${hinted}` : ''}`}
        data-testid={`nav-item-${testKey}`}
      >
        <span ref={(node) => { dragRef(node); }} className="nav-editor__handle" aria-hidden title={t('appBuilder.dragHint')}>
          <HolderOutlined />
        </span>
        <IconPicker
          value={item.icon}
          onChange={(icon) => onChange(updateAt(navigation, path, { icon }))}
          placeholder={isGroup ? <FolderOutlined /> : <TableOutlined />}
          label={t('appBuilder.itemIcon', { name: label })}
          testId={`nav-icon-${testKey}`}
        />
        {isGroup ? (
          <Input
            className="nav-editor__label-input"
            value={labelText(item.label, locale)}
            aria-label={t('appBuilder.groupName')}
            status={labelText(item.label, locale).trim() ? undefined : 'error'}
            onChange={(e) => onChange(updateAt(navigation, path, { label: { ...(typeof item.label === 'object' ? item.label : {}), [locale]: e.target.value } }))}
            data-testid={`nav-group-name-${index}`}
          />
        ) : (
          <span className="nav-editor__label">
            {label}
            {item.type === 'view' && <Tag>{t('appBuilder.view')}</Tag>}
            {draft && <Tag color="orange">{t('appBuilder.draftTag')}</Tag>}
          </span>
        )}
        <span className="nav-editor__actions">
          <Tooltip title={t('appBuilder.moveUp')}><Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('appBuilder.moveUp')} disabled={index === 0} onClick={() => onChange(moveUp(navigation, path))} /></Tooltip>
          <Tooltip title={t('appBuilder.moveDown')}><Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={t('appBuilder.moveDown')} disabled={index >= siblings - 1} onClick={() => onChange(moveDown(navigation, path))} /></Tooltip>
          {canIndent && <Tooltip title={t('appBuilder.indent')}><Button type="text" size="small" icon={<MenuUnfoldOutlined />} aria-label={t('appBuilder.indent')} onClick={() => onChange(indent(navigation, path))} data-testid={`nav-indent-${testKey}`} /></Tooltip>}
          {group !== null && <Tooltip title={t('appBuilder.outdent')}><Button type="text" size="small" icon={<MenuFoldOutlined />} aria-label={t('appBuilder.outdent')} onClick={() => onChange(outdent(navigation, path))} /></Tooltip>}
          <Tooltip title={isGroup ? t('appBuilder.ungroup') : t('appBuilder.removeFromMenu')}>
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={isGroup ? t('appBuilder.ungroup') : t('appBuilder.removeFromMenu')}
              onClick={() => onChange(isGroup ? ungroup(navigation, index) : removeAt(navigation, path))} data-testid={`nav-remove-${testKey}`} />
          </Tooltip>
        </span>
      </div>
      {children}
    </div>
  );
}

function DropEnd({ target, drop, label, testId }: { target: Target; drop: RowProps['drop']; label: string; testId: string }) {
  const [{ over }, dropRef] = useDrop<NavDrag | NewDrag, unknown, { over: boolean }>(() => ({
    accept: [DND_NAV, DND_NEW],
    canDrop: (dragged) => !('isGroup' in dragged && dragged.isGroup && target.group !== null),
    drop: (dragged, monitor) => {
      if (!monitor.didDrop()) drop(dragged, target);
    },
    collect: (monitor) => ({ over: monitor.isOver({ shallow: true }) && monitor.canDrop() }),
  }), [target.group, target.index, drop]);
  return (
    <div ref={(node) => { dropRef(node); }} className={`nav-editor__drop${over ? ' nav-editor__drop--over' : ''}`} data-testid={testId}>
      {label}
    </div>
  );
}

function UnplacedForm({ formKey, label, onAdd }: { formKey: string; label: string; onAdd: () => void }) {
  const { t } = useTranslation();
  const [, dragRef] = useDrag<NewDrag>(() => ({ type: DND_NEW, item: { formKey } }), [formKey]);
  return (
    <div ref={(node) => { dragRef(node); }} className="nav-editor__unplaced" data-testid={`nav-unplaced-${formKey}`}>
      <HolderOutlined aria-hidden />
      <span className="nav-editor__label">{label}</span>
      <Button size="small" icon={<PlusOutlined />} onClick={onAdd} aria-label={t('appBuilder.addToMenu', { name: label })} data-testid={`nav-add-${formKey}`} />
    </div>
  );
}
