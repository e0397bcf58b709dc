import { useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Table, Typography, type TableColumnsType } from 'antd';
import { EyeOutlined, SwapOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { runHandover } from '../../api/admin-endpoints';
import { fetchApps } from '../../api/endpoints';
import { isApiError } from '../../api/client';
import type { HandoverResult } from '../../api/admin-types';
import { formsQueryOptions } from '../../hooks/use-app-meta';
import { useUsers } from '../../hooks/use-lookups';
import { useLocale } from '../../hooks/use-locale';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { errorMessage } from '../../lib/api-errors';
import { formatNumber } from '../../lib/format-value';
import { labelText } from '../../lib/label-text';
import { UserSelect } from '../../components/admin/user-select';

type CountRow = { key: string; app: string; form: string; count: number };

/** Record counts per form with the app's and form's names (keys while the names load or when unknown). */
function useCountRows(result: HandoverResult | undefined): CountRow[] {
  const locale = useLocale();
  const apps = useQuery({ queryKey: ['apps'], queryFn: fetchApps, enabled: !!result });
  const appKeys = useMemo(() => [...new Set((result?.records ?? []).map((entry) => entry.appKey))], [result]);
  const forms = useQueries({ queries: appKeys.map((appKey) => ({ ...formsQueryOptions(appKey), retry: false })) });
  return (result?.records ?? []).map((entry) => {
    const app = apps.data?.items.find((candidate) => candidate.key === entry.appKey);
    const form = forms[appKeys.indexOf(entry.appKey)]?.data?.items.find((candidate) => candidate.key === entry.formKey);
    return {
      key: `${entry.appKey}/${entry.formKey}`,
      app: app ? labelText(app.name, locale) : entry.appKey,
      form: form ? labelText(form.name, locale) : entry.formKey,
      count: entry.count,
    };
  });
}

/** 离职交接: everything a leaver owns or must act on goes to a successor, and the leaver is deactivated. */
export default function HandoverPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const { userName } = useUsers();
  const [fromUserId, setFromUserId] = useState<string | undefined>();
  const [toUserId, setToUserId] = useState<string | undefined>();
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  useDocumentTitle(t('admin.nav.handover'));

  const preview = useMutation({
    mutationFn: (users: { fromUserId: string; toUserId: string }) => runHandover({ ...users, dryRun: true }),
  });
  const handover = useMutation({
    mutationFn: (users: { fromUserId: string; toUserId: string }) => runHandover({ ...users, dryRun: false }),
    onSuccess: () => {
      preview.reset();
      void queryClient.invalidateQueries({ queryKey: ['admin-users'] });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['user-search'] });
      void queryClient.invalidateQueries({ queryKey: ['records'] });
    },
  });

  const pick = (which: 'from' | 'to', id: string | undefined) => {
    if (which === 'from') setFromUserId(id);
    else setToUserId(id);
    preview.reset();
    handover.reset();
  };
  const ready = !!fromUserId && !!toUserId && fromUserId !== toUserId;
  const users = ready ? { fromUserId, toUserId } : undefined;
  const fromName = fromUserId ? userName(fromUserId) ?? fromUserId : '';
  const toName = toUserId ? userName(toUserId) ?? toUserId : '';

  const previewRows = useCountRows(preview.data);
  const doneRows = useCountRows(handover.data);
  const columns: TableColumnsType<CountRow> = [
    { key: 'app', title: t('handover.app'), dataIndex: 'app' },
    { key: 'form', title: t('handover.form'), dataIndex: 'form' },
    { key: 'count', title: t('handover.count'), align: 'right', render: (_, row) => formatNumber(row.count, locale) },
  ];
  const totalRecords = (result: HandoverResult | undefined) => (result?.records ?? []).reduce((sum, entry) => sum + entry.count, 0);
  const errorText = (error: unknown) => (isApiError(error) ? errorMessage(error, translate) : String(error));

  const summary = (result: HandoverResult, rows: CountRow[], testId: string) => (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: 'records', label: t('handover.records'), children: <span data-testid={`${testId}-records`}>{formatNumber(totalRecords(result), locale)}</span> },
          { key: 'tasks', label: t('handover.tasks'), children: <span data-testid={`${testId}-tasks`}>{formatNumber(result.tasks, locale)}</span> },
          { key: 'todos', label: t('handover.todos'), children: <span data-testid={`${testId}-todos`}>{formatNumber(result.todos, locale)}</span> },
        ]}
      />
      <Table<CountRow>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('handover.noRecords') }}
        data-testid={`${testId}-forms`}
      />
    </>
  );

  return (
    <div className="admin-page" data-testid="admin-handover-page">
      <div className="admin-page__toolbar">
        <Typography.Title level={4} className="admin-page__title">{t('admin.nav.handover')}</Typography.Title>
      </div>
      <div className="admin-page__hint">{t('handover.intro')}</div>
      <div className="handover-form">
        <label className="handover-form__field">
          <span>{t('handover.from')}</span>
          <div data-testid="handover-from">
            <UserSelect value={fromUserId} onChange={(id) => pick('from', id)} exclude={toUserId ? [toUserId] : []} aria-label={t('handover.from')} />
          </div>
        </label>
        <SwapOutlined aria-hidden className="admin-muted handover-form__arrow" />
        <label className="handover-form__field">
          <span>{t('handover.to')}</span>
          <div data-testid="handover-to">
            <UserSelect value={toUserId} onChange={(id) => pick('to', id)} exclude={fromUserId ? [fromUserId] : []} disableInactive aria-label={t('handover.to')} />
          </div>
        </label>
        <Button
          icon={<EyeOutlined />}
          disabled={!users}
          loading={preview.isPending}
          onClick={() => users && preview.mutate(users)}
          data-testid="handover-preview"
        >
          {t('handover.preview')}
        </Button>
      </div>

      {preview.error && <Alert type="error" showIcon title={errorText(preview.error)} data-testid="handover-error" />}

      {preview.data && users && !handover.data && (
        <div className="handover-result" data-testid="handover-preview-result">
          <Typography.Text strong>{t('handover.previewTitle', { from: fromName, to: toName })}</Typography.Text>
          {summary(preview.data, previewRows, 'handover-preview')}
          <Alert
            type="warning"
            showIcon
            title={t('handover.warningTitle', { from: fromName })}
            description={t('handover.warning', { from: fromName, to: toName })}
          />
          {handover.error && <Alert type="error" showIcon title={errorText(handover.error)} />}
          <div>
            <Button
              type="primary"
              danger
              icon={<SwapOutlined />}
              loading={handover.isPending}
              onClick={() => handover.mutate(users)}
              data-testid="handover-confirm"
            >
              {t('handover.confirm', { from: fromName, to: toName })}
            </Button>
          </div>
        </div>
      )}

      {handover.data && (
        <div className="handover-result" data-testid="handover-done">
          <Alert type="success" showIcon title={t('handover.doneTitle', { from: fromName, to: toName })} description={t('handover.doneDescription', { from: fromName })} />
          {summary(handover.data, doneRows, 'handover-done')}
        </div>
      )}
    </div>
  );
}
