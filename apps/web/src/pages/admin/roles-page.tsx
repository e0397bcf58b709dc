import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Table, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, SafetyOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { createRole, deleteRole, updateRole } from '../../api/admin-endpoints';
import { isApiError } from '../../api/client';
import type { Role } from '../../api/admin-types';
import { useRoles } from '../../hooks/use-admin-lookups';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { errorMessage, fieldErrorsFromApiError } from '../../lib/api-errors';
import { PageLoading } from '../../components/page-state';
import { LoadErrorAlert } from '../../components/load-error-alert';

export default function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  useDocumentTitle(t('admin.nav.roles'));

  const remove = useMutation({
    mutationFn: (role: Role) => deleteRole(role.id),
    onSuccess: (_, role) => {
      message.success(t('admin.roles.deleted'));
      queryClient.removeQueries({ queryKey: ['role', role.id] });
      void queryClient.invalidateQueries({ queryKey: ['roles'] });
      void queryClient.invalidateQueries({ queryKey: ['admin-users'] });
    },
    onError: (error) => message.error(isApiError(error) ? errorMessage(error, translate) : String(error)),
  });

  const columns: TableColumnsType<Role> = [
    {
      key: 'name',
      title: t('admin.roles.name'),
      render: (_, role) => <Link to={`/admin/roles/${encodeURIComponent(role.id)}`}>{role.name}</Link>,
    },
    { key: 'description', title: t('admin.roles.description'), render: (_, role) => role.description || <span className="admin-muted">-</span> },
    {
      key: 'actions',
      title: t('admin.actions'),
      render: (_, role) => (
        <Space size={0} wrap>
          <Link to={`/admin/roles/${encodeURIComponent(role.id)}`} className="admin-link-button" data-testid={`role-grants-${role.name}`}>
            <SafetyOutlined aria-hidden /> {t('admin.roles.grants')}
          </Link>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(role)} data-testid={`role-edit-${role.name}`}>
            {t('admin.roles.rename')}
          </Button>
          <Popconfirm
            title={t('admin.roles.deleteTitle', { name: role.name })}
            description={t('admin.roles.deleteDescription')}
            okText={t('admin.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(role).catch(() => undefined)}
          >
            <Button type="link" size="small" danger data-testid={`role-delete-${role.name}`}>{t('admin.delete')}</Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div className="admin-page" data-testid="admin-roles-page">
      <div className="admin-page__toolbar">
        <Typography.Title level={4} className="admin-page__title">{t('admin.nav.roles')}</Typography.Title>
        <div className="admin-page__actions">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="role-new">
            {t('admin.roles.new')}
          </Button>
        </div>
      </div>
      <div className="admin-page__hint">{t('admin.roles.hint')}</div>
      {roles.error && (
        <LoadErrorAlert error={roles.error} onRetry={() => void roles.refetch()} />
      )}
      {roles.isLoading ? (
        <PageLoading />
      ) : (
        <Table<Role>
          className="admin-table"
          rowKey="id"
          columns={columns}
          dataSource={roles.roles}
          pagination={false}
          scroll={{ x: 600 }}
          onRow={(role) => ({ 'data-testid': `role-row-${role.name}` }) as HTMLAttributes<HTMLElement>}
        />
      )}
      {editing && <RoleModal role={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

type RoleFormValues = { name: string; description?: string };

function RoleModal({ role, onClose }: { role: Role | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RoleFormValues>();
  const [formMessages, setFormMessages] = useState<string[]>([]);
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });

  const save = useMutation({
    mutationFn: (values: RoleFormValues) => {
      const input = { name: values.name.trim(), description: values.description ?? '' };
      return role ? updateRole(role.id, input) : createRole(input);
    },
    onSuccess: (saved) => {
      message.success(role ? t('admin.saved') : t('admin.roles.created'));
      void queryClient.invalidateQueries({ queryKey: ['roles'] });
      void queryClient.invalidateQueries({ queryKey: ['role', saved.id] });
      onClose();
    },
    onError: (error) => {
      if (!isApiError(error)) {
        setFormMessages([String(error)]);
        return;
      }
      const { fieldErrors, formMessages: messages } = fieldErrorsFromApiError(error, new Set(['name', 'description']), translate);
      form.setFields(fieldErrors as Parameters<typeof form.setFields>[0]);
      setFormMessages(messages);
    },
  });

  const submit = async () => {
    setFormMessages([]);
    try {
      save.mutate(await form.validateFields());
    } catch {
      // antd marks the invalid fields.
    }
  };

  return (
    <Modal
      open
      title={role ? t('admin.roles.editTitle') : t('admin.roles.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('admin.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'role-save' } as Record<string, string>}
    >
      {formMessages.length > 0 && <Alert type="error" showIcon className="grant-card__issues" title={formMessages.join(' ')} />}
      <Form<RoleFormValues> form={form} layout="vertical" initialValues={role ? { name: role.name, description: role.description ?? '' } : {}}>
        <Form.Item name="name" label={t('admin.roles.name')} rules={[{ required: true, whitespace: true, message: t('admin.roles.nameRequired') }]} data-testid="role-field-name">
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('admin.roles.description')} data-testid="role-field-description">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
