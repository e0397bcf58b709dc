import { useState, type ReactNode } from 'react';
import { App, Button, Checkbox, Dropdown, Form, Input, Modal, Radio, Segmented, Select, type ButtonProps } from 'antd';
import {
  AppstoreOutlined, CalendarOutlined, DeleteOutlined, EditOutlined, MoreOutlined, ProjectOutlined, SaveOutlined, TableOutlined, TeamOutlined, UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import type { SavedView } from '../../api/view-endpoints';
import { labelText } from '../../lib/label-text';
import { VIEW_TYPES, groupFieldCandidates, needsGroupField, type ViewType } from '../../lib/views/view-state';
import './views.css';

export const TYPE_ICONS: Record<ViewType, ReactNode> = {
  table: <TableOutlined />,
  kanban: <ProjectOutlined />,
  calendar: <CalendarOutlined />,
  cards: <AppstoreOutlined />,
};

export type NewView = { name: string; type: ViewType; groupField?: string; personal: boolean };

type Props = {
  views: readonly SavedView[];
  /** '' is the form's default table. */
  activeKey: string;
  onSelect: (key: string) => void;
  /** The page differs from the open view. */
  dirty: boolean;
  /** The user manages the form and may share views. */
  canShare: boolean;
  fields: readonly FieldDefinition[];
  /** createdAt / updatedAt, which calendars may use. */
  systemDates: readonly FieldDefinition[];
  locale: string;
  isMobile: boolean;
  busy: boolean;
  onSave: () => void;
  onSaveAs: (view: NewView) => Promise<unknown>;
  onRename: (name: string) => Promise<unknown>;
  onDelete: () => Promise<unknown>;
};

/** Tabs of the form's views (default table, shared, mine) with save, save as, rename and delete. */
export function ViewSwitcher(props: Props) {
  const { views, activeKey, onSelect, dirty, canShare, fields, systemDates, locale, isMobile, busy } = props;
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [saveAsOpen, setSaveAsOpen] = useState(false);
  const [renameOpen, setRenameOpen] = useState(false);
  const active = views.find((view) => view.key === activeKey);
  const tabLabel = (view: SavedView) => (
    <span className="view-bar__tab" data-testid={`view-tab-${view.key}`}>
      {TYPE_ICONS[view.type]}
      {labelText(view.name, locale)}
      {view.personal ? <UserOutlined aria-label={t('views.personal')} /> : <TeamOutlined aria-label={t('views.shared')} />}
    </span>
  );
  const defaultLabel = <span className="view-bar__tab" data-testid="view-tab-default"><TableOutlined />{t('views.defaultTable')}</span>;
  const options = [{ value: '', label: defaultLabel }, ...views.map((view) => ({ value: view.key, label: tabLabel(view) }))];

  const confirmDelete = () => {
    if (!active) return;
    modal.confirm({
      title: t('views.deleteTitle', { name: labelText(active.name, locale) }),
      content: active.personal ? t('views.deletePersonal') : t('views.deleteShared'),
      okText: t('views.delete'),
      okButtonProps: { danger: true, 'data-testid': 'view-delete-ok' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: props.onDelete,
    });
  };
  const menu = [
    { key: 'saveAs', icon: <SaveOutlined />, label: <span data-testid="view-save-as">{t('views.saveAs')}</span>, onClick: () => setSaveAsOpen(true) },
    ...(active?.editable
      ? [
        { key: 'rename', icon: <EditOutlined />, label: <span data-testid="view-rename">{t('views.rename')}</span>, onClick: () => setRenameOpen(true) },
        { key: 'delete', icon: <DeleteOutlined />, danger: true, label: <span data-testid="view-delete">{t('views.delete')}</span>, onClick: confirmDelete },
      ]
      : []),
  ];

  return (
    <div className="view-bar" data-testid="view-bar">
      <div className="view-bar__tabs">
        {isMobile ? (
          <Select
            value={activeKey}
            onChange={onSelect}
            options={options}
            aria-label={t('views.choose')}
            style={{ width: '100%' }}
            data-testid="view-select"
          />
        ) : (
          <Segmented value={activeKey} onChange={(value) => onSelect(String(value))} options={options} aria-label={t('views.choose')} />
        )}
      </div>
      <div className="view-bar__actions">
        {dirty && <span className="view-bar__dirty" aria-live="polite">{t('views.unsaved')}</span>}
        {dirty && active?.editable && (
          <Button icon={<SaveOutlined />} onClick={props.onSave} loading={busy} data-testid="view-save">{isMobile ? null : t('views.save')}</Button>
        )}
        <Dropdown trigger={['click']} menu={{ items: menu }}>
          <Button icon={<MoreOutlined />} aria-label={t('views.more')} data-testid="view-menu" />
        </Dropdown>
      </div>
      <SaveAsModal
        open={saveAsOpen}
        onClose={() => setSaveAsOpen(false)}
        canShare={canShare}
        fields={fields}
        systemDates={systemDates}
        locale={locale}
        initialType={active?.type ?? 'table'}
        onSubmit={props.onSaveAs}
      />
      <RenameModal
        key={active?.key ?? ''}
        open={renameOpen}
        onClose={() => setRenameOpen(false)}
        initial={active ? labelText(active.name, locale) : ''}
        onSubmit={props.onRename}
      />
    </div>
  );
}

type SaveAsProps = {
  open: boolean;
  onClose: () => void;
  canShare: boolean;
  fields: readonly FieldDefinition[];
  systemDates: readonly FieldDefinition[];
  locale: string;
  initialType: ViewType;
  onSubmit: (view: NewView) => Promise<unknown>;
};

/** Name, type, group field and (for designers) sharing of a new view made from the page as it is. */
function SaveAsModal({ open, onClose, canShare, fields, systemDates, locale, initialType, onSubmit }: SaveAsProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewView>();
  const [saving, setSaving] = useState(false);
  const type = (Form.useWatch('type', form) ?? initialType) as ViewType;
  const candidates = groupFieldCandidates(fields, type, systemDates);
  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await onSubmit({ ...values, personal: !canShare || values.personal !== false });
      form.resetFields();
      onClose();
    } catch {
      // The page shows the server's message; the dialog stays open to correct it.
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('views.saveAsTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('views.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'view-modal-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ type: initialType, personal: true }} preserve={false}>
        <Form.Item name="name" label={t('views.name')} rules={[{ required: true, whitespace: true, message: t('views.nameRequired') }, { max: 200 }]}>
          <Input maxLength={200} autoFocus data-testid="view-name-input" />
        </Form.Item>
        <Form.Item name="type" label={t('views.type')}>
          <Radio.Group optionType="button" onChange={() => form.setFieldValue('groupField', undefined)}>
            {VIEW_TYPES.map((value) => (
              <Radio.Button key={value} value={value}><span data-testid={`view-type-${value}`}>{TYPE_ICONS[value]} {t(`views.types.${value}`)}</span></Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {type !== 'cards' && (
          <Form.Item
            name="groupField"
            label={t(`views.groupBy.${type}`)}
            rules={needsGroupField(type) ? [{ required: true, message: t('views.groupRequired') }] : []}
            extra={candidates.length === 0 ? t('views.noGroupFields') : undefined}
          >
            <Select
              allowClear={!needsGroupField(type)}
              options={candidates.map((field) => ({ value: field.key, label: labelText(field.label, locale) }))}
              data-testid="view-group-field"
            />
          </Form.Item>
        )}
        {canShare && (
          <Form.Item name="personal" valuePropName="checked" getValueProps={(value: boolean) => ({ checked: value === false })} normalize={(checked: boolean) => !checked}>
            <Checkbox data-testid="view-share">{t('views.share')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function RenameModal({ open, onClose, initial, onSubmit }: { open: boolean; onClose: () => void; initial: string; onSubmit: (name: string) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (!name.trim()) return;
    setSaving(true);
    try {
      await onSubmit(name.trim());
      onClose();
    } catch {
      // Shown by the page.
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('views.renameTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('views.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ disabled: !name.trim(), 'data-testid': 'view-rename-ok' } as ButtonProps}
    >
      <Input value={name} onChange={(event) => setName(event.target.value)} maxLength={200} aria-label={t('views.name')} onPressEnter={() => void submit()} data-testid="view-rename-input" />
    </Modal>
  );
}
