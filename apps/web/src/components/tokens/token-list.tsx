import { Button, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../api/token-endpoints';
import { formatDateTime } from '../../lib/format-value';
import { useLocale } from '../../hooks/use-locale';
import { ALL_APPS } from './token-create-form';

type Props = {
  tokens: ApiToken[];
  loading: boolean;
  appName: (appKey: string) => string;
  onRevoke: (token: ApiToken) => Promise<unknown>;
};

/** The user's tokens: what each may do, when it expires and when it was last used; each can be revoked. */
export function TokenList({ tokens, loading, appName, onRevoke }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const when = (value: string | null, empty: string) => (value ? formatDateTime(value, locale) : empty);
  const columns: TableColumnsType<ApiToken> = [
    { key: 'name', title: t('tokens.name'), dataIndex: 'name' },
    {
      key: 'scopes',
      title: t('tokens.scopes'),
      render: (_, token) => (
        <span className="token-tags">
          {token.scopes.map((scope) => (
            <Tag key={scope.appKey}>
              {scope.appKey === ALL_APPS ? t('tokens.allApps') : appName(scope.appKey)}: {scope.actions.map((a) => t(`admin.grants.action.${a}`)).join(', ')}
            </Tag>
          ))}
        </span>
      ),
    },
    { key: 'createdAt', title: t('tokens.createdAt'), render: (_, token) => when(token.createdAt, '') },
    { key: 'expiresAt', title: t('tokens.expiresAt'), render: (_, token) => when(token.expiresAt, t('tokens.never')) },
    { key: 'lastUsedAt', title: t('tokens.lastUsedAt'), render: (_, token) => <span data-testid={`token-last-used-${token.id}`}>{when(token.lastUsedAt, t('tokens.neverUsed'))}</span> },
    {
      key: 'actions',
      title: t('admin.actions'),
      render: (_, token) => (
        <Popconfirm
          title={t('tokens.revokeTitle', { name: token.name })}
          description={t('tokens.revokeDescription')}
          okText={t('tokens.revoke')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => onRevoke(token).catch(() => undefined)}
        >
          <Button type="link" size="small" danger data-testid={`token-revoke-${token.id}`}>{t('tokens.revoke')}</Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Table<ApiToken>
      className="token-table"
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={tokens}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('tokens.empty') }}
      data-testid="token-list"
    />
  );
}
