import type { HTMLAttributes } from 'react';
import { Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { FlowDefinitionSummary } from '../../api/flow-types';
import { useCurrentUser } from '../../auth/use-current-user';
import { PageLoading } from '../../components/page-state';
import { useAppMeta } from '../../hooks/use-app-meta';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useFlows } from '../../hooks/use-flows';
import { useLocale } from '../../hooks/use-locale';
import { allNodes } from '../../lib/flow-definition';
import { labelText } from '../../lib/label-text';
import { FlowsForbidden } from './flows-access';
import '../../components/flow-designer/flow-designer.css';
import { LoadErrorAlert } from '../../components/load-error-alert';

/** /apps/:appKey/flows: the app's approval flows, for administrators to open in the designer. */
export default function FlowsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { appKey = '' } = useParams();
  const { user } = useCurrentUser();
  const { formByKey } = useAppMeta(appKey);
  const flows = useFlows(appKey, !!user?.isAdmin);
  useDocumentTitle(t('flowDesigner.listTitle'));
  if (!user?.isAdmin) return <FlowsForbidden />;

  const base = `/apps/${encodeURIComponent(appKey)}/flows`;
  const columns: TableColumnsType<FlowDefinitionSummary> = [
    {
      key: 'name',
      title: t('flowDesigner.list.name'),
      render: (_, flow) => (
        <Link to={`${base}/${encodeURIComponent(flow.key)}`} data-testid={`flow-link-${flow.key}`}>
          {labelText(flow.name, locale) || flow.key}
        </Link>
      ),
    },
    { key: 'key', title: t('flowDesigner.list.key'), render: (_, flow) => <Typography.Text type="secondary">{flow.key}</Typography.Text> },
    { key: 'form', title: t('flowDesigner.list.form'), render: (_, flow) => labelText(formByKey(flow.formKey)?.name, locale) || flow.formKey },
    { key: 'nodes', title: t('flowDesigner.list.nodes'), render: (_, flow) => allNodes(flow.nodes).length },
    { key: 'version', title: t('flowDesigner.list.version'), render: (_, flow) => <Tag>v{flow.version}</Tag> },
  ];

  return (
    <div className="flows-page" data-testid="flows-page">
      <div className="flows-page__toolbar">
        <Typography.Title level={4} className="flows-page__title">{t('flowDesigner.listTitle')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`${base}/new`)} data-testid="flow-new">
          {t('flowDesigner.newFlow')}
        </Button>
      </div>
      <div className="flows-page__hint">{t('flowDesigner.listHint')}</div>
      {flows.error && (
        <LoadErrorAlert error={flows.error} onRetry={() => void flows.refetch()} />
      )}
      {flows.isLoading ? (
        <PageLoading />
      ) : (
        <Table<FlowDefinitionSummary>
          rowKey="key"
          columns={columns}
          dataSource={flows.flows}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: t('flowDesigner.list.empty') }}
          onRow={(flow) => ({ 'data-testid': `flow-row-${flow.key}` }) as HTMLAttributes<HTMLElement>}
        />
      )}
    </div>
  );
}
