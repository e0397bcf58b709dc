import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, Modal, Popconfirm, Tooltip, Tree, TreeSelect, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createDepartment, deleteDepartment, updateDepartment } from '../../api/admin-endpoints';
import { isApiError, type ApiError } from '../../api/client';
import type { AdminDepartment, DepartmentInput } from '../../api/admin-types';
import { useAdminDepartments } from '../../hooks/use-admin-lookups';
import { useUsers } from '../../hooks/use-lookups';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { errorMessage, fieldErrorsFromApiError } from '../../lib/api-errors';
import { buildDepartmentTree } from '../../lib/department-tree';
import { allNodeKeys, buildDepartmentAdminTree, moveTargets, type DepartmentTreeNode } from '../../lib/department-admin';
import { UserSelect } from '../../components/admin/user-select';
import { PageLoading } from '../../components/page-state';
import { LoadErrorAlert } from '../../components/load-error-alert';

type Editing = { mode: 'create'; parentId: string | null } | { mode: 'edit'; department: AdminDepartment };

/** The 409 DEPARTMENT_IN_USE explanation: how many sub-departments and members keep it in use. */
export function inUseCounts(error: ApiError): { children: number; members: number } {
  const count = (value: unknown) => (Number.isFinite(Number(value)) ? Number(value) : 0);
  return { children: count(error.details?.children), members: count(error.details?.members) };
}

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const departments = useAdminDepartments();
  const { userName } = useUsers();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  useDocumentTitle(t('admin.nav.departments'));

  const tree = useMemo(() => buildDepartmentAdminTree(departments.departments), [departments.departments]);
  // Everything open at first; afterwards the user's choice, with new departments opened.
  useEffect(() => {
    if (tree.length > 0) setExpanded((current) => (current === null ? allNodeKeys(tree) : current));
  }, [tree]);

  const remove = useMutation({
    mutationFn: (department: AdminDepartment) => deleteDepartment(department.id),
    onSuccess: () => {
      message.success(t('admin.departments.deleted'));
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'DEPARTMENT_IN_USE') {
        const { children, members } = inUseCounts(error);
        modal.warning({
          title: t('admin.departments.inUseTitle'),
          content: <span data-testid="department-in-use">{t('admin.departments.inUse', { children, members })}</span>,
          okText: t('admin.ok'),
        });
        return;
      }
      message.error(isApiError(error) ? errorMessage(error, translate) : String(error));
    },
  });

  const toData = (nodes: DepartmentTreeNode[]): DataNode[] =>
    nodes.map((node) => {
      const department = node.department;
      const head = department.headUserId ? userName(department.headUserId) ?? department.headUserId : null;
      return {
        key: node.key,
        title: (
          <span className="department-node" data-testid={`department-${department.id}`}>
            <span className="department-node__name">{department.name}</span>
            {head && <span className="department-node__head">{t('admin.departments.headIs', { name: head })}</span>}
            <span className="department-node__actions">
              <Tooltip title={t('admin.departments.addChild')}>
                <Button type="text" size="small" icon={<PlusOutlined />} aria-label={t('admin.departments.addChild')} onClick={() => setEditing({ mode: 'create', parentId: department.id })} />
              </Tooltip>
              <Tooltip title={t('admin.edit')}>
                <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('admin.edit')} onClick={() => setEditing({ mode: 'edit', department })} data-testid="department-edit" />
              </Tooltip>
              <Popconfirm
                title={t('admin.departments.deleteTitle', { name: department.name })}
                okText={t('admin.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutateAsync(department).catch(() => undefined)}
              >
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('admin.delete')} data-testid="department-delete" />
              </Popconfirm>
            </span>
          </span>
        ),
        children: toData(node.children),
      };
    });

  let body;
  if (departments.isLoading) body = <PageLoading />;
  else if (departments.error) {
    body = (
      <LoadErrorAlert error={departments.error} onRetry={() => void departments.refetch()} />
    );
  } else if (tree.length === 0) body = <Empty description={t('admin.departments.empty')} />;
  else {
    body = (
      <Tree
        className="department-tree"
        blockNode
        selectable={false}
        expandedKeys={expanded ?? []}
        onExpand={(keys) => setExpanded(keys.map(String))}
        treeData={toData(tree)}
      />
    );
  }

  return (
    <div className="admin-page" data-testid="admin-departments-page">
      <div className="admin-page__toolbar">
        <Typography.Title level={4} className="admin-page__title">{t('admin.nav.departments')}</Typography.Title>
        <div className="admin-page__actions">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parentId: null })} data-testid="department-new">
            {t('admin.departments.new')}
          </Button>
        </div>
      </div>
      {body}
      {editing && (
        <DepartmentModal
          editing={editing}
          departments={departments.departments}
          onClose={(createdUnder) => {
            if (createdUnder) setExpanded((current) => [...new Set([...(current ?? []), createdUnder])]);
            setEditing(null);
          }}
        />
      )}
    </div>
  );
}

type DepartmentFormValues = { name: string; parentId?: string | null; headUserId?: string | null };
const DEPARTMENT_FIELDS = new Set(['name', 'parentId', 'headUserId']);

function DepartmentModal({ editing, departments, onClose }: { editing: Editing; departments: AdminDepartment[]; onClose: (createdUnder?: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DepartmentFormValues>();
  const [formMessages, setFormMessages] = useState<string[]>([]);
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  const current = editing.mode === 'edit' ? editing.department : undefined;
  // A department cannot move under itself or one of its own sub-departments.
  const parentTree = useMemo(() => buildDepartmentTree(current ? moveTargets(departments, current.id) : departments), [departments, current]);

  const save = useMutation({
    mutationFn: (values: DepartmentFormValues) => {
      const input: DepartmentInput = { name: values.name.trim(), parentId: values.parentId ?? null, headUserId: values.headUserId ?? null };
      return current ? updateDepartment(current.id, input) : createDepartment(input);
    },
    onSuccess: (saved) => {
      message.success(current ? t('admin.saved') : t('admin.departments.created'));
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
      onClose(saved.parentId ?? undefined);
    },
    onError: (error) => {
      if (!isApiError(error)) {
        setFormMessages([String(error)]);
        return;
      }
      const { fieldErrors, formMessages: messages } = fieldErrorsFromApiError(error, DEPARTMENT_FIELDS, translate);
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
      title={current ? t('admin.departments.editTitle') : t('admin.departments.new')}
      onCancel={() => onClose()}
      onOk={() => void submit()}
      okText={t('admin.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'department-save' } as Record<string, string>}
    >
      {formMessages.length > 0 && <Alert type="error" showIcon className="grant-card__issues" title={formMessages.join(' ')} />}
      <Form<DepartmentFormValues>
        form={form}
        layout="vertical"
        initialValues={
          current
            ? { name: current.name, parentId: current.parentId ?? undefined, headUserId: current.headUserId ?? undefined }
            : { parentId: editing.mode === 'create' ? editing.parentId ?? undefined : undefined }
        }
      >
        <Form.Item name="name" label={t('admin.departments.name')} rules={[{ required: true, whitespace: true, message: t('admin.departments.nameRequired') }]} data-testid="department-field-name">
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item name="parentId" label={t('admin.departments.parent')} extra={t('admin.departments.parentHint')} data-testid="department-field-parent">
          <TreeSelect allowClear treeDefaultExpandAll treeData={parentTree} showSearch={{ treeNodeFilterProp: 'title' }} placeholder={t('admin.departments.root')} />
        </Form.Item>
        <Form.Item name="headUserId" label={t('admin.departments.head')} data-testid="department-field-head">
          <UserSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
