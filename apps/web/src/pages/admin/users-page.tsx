import { useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createUser, listAdminUsers, updateUser } from '../../api/admin-endpoints';
import { isApiError } from '../../api/client';
import type { AdminUser, UserInput } from '../../api/admin-types';
import { useCurrentUser } from '../../auth/use-current-user';
import { useAdminDepartments, useRoles } from '../../hooks/use-admin-lookups';
import { useUsers } from '../../hooks/use-lookups';
import { useSettledValue } from '../../hooks/use-settled-value';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { errorMessage, fieldErrorsFromApiError } from '../../lib/api-errors';
import { buildDepartmentTree, departmentPath } from '../../lib/department-tree';
import { orderedDepartmentIds } from '../../lib/department-admin';
import { UserSelect } from '../../components/admin/user-select';
import { PageLoading } from '../../components/page-state';
import { LoadErrorAlert } from '../../components/load-error-alert';

const PAGE = 50;

/** Invalidates every cached list that shows users. */
export function invalidateUsers(queryClient: ReturnType<typeof useQueryClient>) {
  void queryClient.invalidateQueries({ queryKey: ['admin-users'] });
  void queryClient.invalidateQueries({ queryKey: ['users'] });
  void queryClient.invalidateQueries({ queryKey: ['user-search'] });
}

export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { user: me } = useCurrentUser();
  const { roleById } = useRoles();
  const { departmentById } = useAdminDepartments();
  const { userName } = useUsers();
  const [search, setSearch] = useState('');
  const [q, applySearch] = useSettledValue(search.trim(), 300);
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  useDocumentTitle(t('admin.nav.users'));

  const list = useInfiniteQuery({
    queryKey: ['admin-users', q],
    queryFn: ({ pageParam, signal }) => listAdminUsers({ q, after: pageParam, limit: PAGE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);

  const setActive = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => updateUser(id, { active }),
    onSuccess: (saved) => {
      message.success(saved.active ? t('admin.users.activated') : t('admin.users.deactivated'));
      invalidateUsers(queryClient);
    },
    onError: (error) => message.error(isApiError(error) ? errorMessage(error, translate) : String(error)),
  });

  const columns: TableColumnsType<AdminUser> = [
    {
      key: 'name',
      title: t('admin.users.name'),
      render: (_, user) => (
        <Space size={4} wrap>
          <span>{user.name}</span>
          {user.isAdmin && <Tag color="gold">{t('admin.users.admin')}</Tag>}
        </Space>
      ),
    },
    { key: 'username', title: t('admin.users.username'), dataIndex: 'username' },
    {
      key: 'departments',
      title: t('admin.users.departments'),
      render: (_, user) => (
        <span className="admin-tags">
          {user.departmentIds.map((id, index) => (
            <Tag key={id} color={index === 0 ? 'blue' : undefined} title={index === 0 ? t('admin.users.mainDepartment') : undefined}>
              {departmentById(id)?.name ?? id}
            </Tag>
          ))}
        </span>
      ),
    },
    { key: 'manager', title: t('admin.users.manager'), render: (_, user) => (user.managerId ? userName(user.managerId) ?? user.managerId : <span className="admin-muted">-</span>) },
    {
      key: 'roles',
      title: t('admin.users.roles'),
      render: (_, user) => (
        <span className="admin-tags">
          {user.roleIds.map((id) => <Tag key={id}>{roleById(id)?.name ?? id}</Tag>)}
        </span>
      ),
    },
    {
      key: 'status',
      title: t('admin.users.status'),
      render: (_, user) => (user.active ? <Tag color="green">{t('admin.users.active')}</Tag> : <Tag>{t('admin.users.inactive')}</Tag>),
    },
    {
      key: 'actions',
      title: t('admin.actions'),
      render: (_, user) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(user)} data-testid={`user-edit-${user.username}`}>
            {t('admin.edit')}
          </Button>
          {user.active ? (
            <Popconfirm
              title={t('admin.users.deactivateTitle', { name: user.name })}
              description={t('admin.users.deactivateDescription')}
              okText={t('admin.users.deactivate')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => setActive.mutateAsync({ id: user.id, active: false }).catch(() => undefined)}
              disabled={user.id === me?.id}
            >
              <Button type="link" size="small" danger disabled={user.id === me?.id} data-testid={`user-deactivate-${user.username}`}>
                {t('admin.users.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => setActive.mutate({ id: user.id, active: true })} data-testid={`user-activate-${user.username}`}>
              {t('admin.users.activate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="admin-page" data-testid="admin-users-page">
      <div className="admin-page__toolbar">
        <Typography.Title level={4} className="admin-page__title">{t('admin.nav.users')}</Typography.Title>
        <div className="admin-page__actions">
          <label className="admin-page__search" data-testid="users-search">
            <Input
              type="search"
              allowClear
              prefix={<SearchOutlined aria-hidden />}
              placeholder={t('admin.users.searchPlaceholder')}
              aria-label={t('admin.users.search')}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              onPressEnter={applySearch}
            />
          </label>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-new">
            {t('admin.users.new')}
          </Button>
        </div>
      </div>
      {list.error && (
        <LoadErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      )}
      {list.isLoading ? (
        <PageLoading />
      ) : (
        <Table<AdminUser>
          className="admin-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          onRow={(user) => ({ 'data-testid': `user-row-${user.username}` }) as HTMLAttributes<HTMLElement>}
        />
      )}
      {list.hasNextPage && (
        <Button className="admin-page__more" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="users-more">
          {t('admin.loadMore')}
        </Button>
      )}
      {editing && <UserModal user={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

type UserFormValues = {
  username: string;
  name: string;
  password?: string;
  departmentIds?: string[];
  mainDepartmentId?: string;
  managerId?: string;
  roleIds?: string[];
  isAdmin?: boolean;
};

const FORM_FIELDS = new Set(['username', 'name', 'password', 'departmentIds', 'managerId', 'roleIds', 'isAdmin']);

function UserModal({ user, onClose }: { user: AdminUser | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UserFormValues>();
  const { roles } = useRoles();
  const { departments } = useAdminDepartments();
  const [formMessages, setFormMessages] = useState<string[]>([]);
  const departmentIds = Form.useWatch('departmentIds', form);
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  const treeData = useMemo(() => buildDepartmentTree(departments), [departments]);

  const save = useMutation({
    mutationFn: (values: UserFormValues) => {
      const input: UserInput = {
        name: values.name,
        departmentIds: orderedDepartmentIds(values.departmentIds, values.mainDepartmentId),
        managerId: values.managerId ?? null,
        roleIds: values.roleIds ?? [],
        isAdmin: !!values.isAdmin,
      };
      if (values.password) input.password = values.password;
      return user ? updateUser(user.id, input) : createUser({ ...input, username: values.username });
    },
    onSuccess: () => {
      message.success(user ? t('admin.saved') : t('admin.users.created'));
      invalidateUsers(queryClient);
      onClose();
    },
    onError: (error) => {
      if (!isApiError(error)) {
        setFormMessages([String(error)]);
        return;
      }
      const { fieldErrors, formMessages: messages } = fieldErrorsFromApiError(error, FORM_FIELDS, translate);
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
      title={user ? t('admin.users.editTitle', { name: user.name }) : t('admin.users.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('admin.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'user-save' } as Record<string, string>}
    >
      {formMessages.length > 0 && (
        <Alert type="error" showIcon className="grant-card__issues" title={formMessages.join(' ')} data-testid="user-errors" />
      )}
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        initialValues={
          user
            ? {
                username: user.username, name: user.name, departmentIds: user.departmentIds, mainDepartmentId: user.departmentIds[0],
                managerId: user.managerId ?? undefined, roleIds: user.roleIds, isAdmin: user.isAdmin,
              }
            : { departmentIds: [], roleIds: [], isAdmin: false }
        }
        onValuesChange={(changed: Partial<UserFormValues>, all) => {
          // The main department is one of the picked ones; the first picked when none is chosen.
          if ('departmentIds' in changed) {
            const ids = all.departmentIds ?? [];
            if (!all.mainDepartmentId || !ids.includes(all.mainDepartmentId)) form.setFieldValue('mainDepartmentId', ids[0]);
          }
        }}
      >
        <Form.Item name="username" label={t('admin.users.username')} rules={[{ required: true, message: t('admin.users.usernameRequired') }]} data-testid="user-field-username">
          <Input disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('admin.users.name')} rules={[{ required: true, whitespace: true, message: t('admin.users.nameRequired') }]} data-testid="user-field-name">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('admin.users.password')}
          extra={user ? t('admin.users.passwordKeep') : t('admin.users.passwordHint')}
          rules={[{ required: !user, message: t('admin.users.passwordRequired') }, { min: 6, message: t('admin.users.passwordHint') }]}
          data-testid="user-field-password"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('admin.users.departments')} data-testid="user-field-departments">
          <TreeSelect
            multiple
            allowClear
            treeDefaultExpandAll
            treeData={treeData}
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('admin.users.pickDepartments')}
          />
        </Form.Item>
        {(departmentIds?.length ?? 0) > 1 && (
          <Form.Item name="mainDepartmentId" label={t('admin.users.mainDepartment')} extra={t('admin.users.mainDepartmentHint')}>
            <Select options={(departmentIds ?? []).map((id) => ({ value: id, label: departmentPath(departments, id) || id }))} />
          </Form.Item>
        )}
        <Form.Item name="managerId" label={t('admin.users.manager')} data-testid="user-field-manager">
          <UserSelect exclude={user ? [user.id] : []} />
        </Form.Item>
        <Form.Item name="roleIds" label={t('admin.users.roles')} data-testid="user-field-roles">
          <Select mode="multiple" allowClear options={roles.map((role) => ({ value: role.id, label: role.name }))} showSearch={{ optionFilterProp: 'label' }} placeholder={t('admin.users.pickRoles')} />
        </Form.Item>
        <Form.Item name="isAdmin" label={t('admin.users.isAdmin')} valuePropName="checked" extra={t('admin.users.isAdminHint')}>
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
