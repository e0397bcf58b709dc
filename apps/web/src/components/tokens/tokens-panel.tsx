import { useState } from 'react';
import { Alert, Button, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { fetchApps } from '../../api/endpoints';
import { createToken, listTokens, revokeToken, type CreatedToken, type TokenInput } from '../../api/token-endpoints';
import { errorMessage } from '../../lib/api-errors';
import { labelText } from '../../lib/label-text';
import { useLocale } from '../../hooks/use-locale';
import { TokenCreateForm } from './token-create-form';
import { TokenList } from './token-list';
import './tokens.css';

const TOKENS_KEY = ['api-tokens'];

/** A new token, shown once with a button that copies it. */
function NewTokenNotice({ created, onClose }: { created: CreatedToken; onClose: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(created.token);
    setCopied(true);
  };
  return (
    <Alert
      type="success"
      showIcon
      closable={{ onClose }}
      title={t('tokens.createdTitle')}
      description={(
        <div className="token-secret">
          <Typography.Text code data-testid="token-secret">{created.token}</Typography.Text>
          <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()} data-testid="token-copy">
            {copied ? t('tokens.copied') : t('tokens.copy')}
          </Button>
          <div className="tokens-page__hint">{t('tokens.shownOnce')}</div>
        </div>
      )}
      data-testid="token-created"
    />
  );
}

/** API 令牌: the signed-in user's personal tokens (API.md "Organisation and permissions"). */
export function TokensPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: listTokens });
  const apps = useQuery({ queryKey: ['apps'], queryFn: fetchApps });
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  const refresh = () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
  const create = useMutation({ mutationFn: (input: TokenInput) => createToken(input), onSuccess: () => void refresh() });
  const revoke = useMutation({ mutationFn: (id: string) => revokeToken(id), onSuccess: () => void refresh() });
  const appList = apps.data?.items ?? [];
  const appName = (appKey: string) => {
    const app = appList.find((candidate) => candidate.key === appKey);
    return app ? labelText(app.name, locale) || appKey : appKey;
  };
  const errorText = (error: unknown) => (isApiError(error) ? errorMessage(error, translate) : String(error));

  return (
    <div className="tokens-page" data-testid="tokens-panel">
      <Typography.Title level={4} className="tokens-page__title">{t('tokens.title')}</Typography.Title>
      <div className="tokens-page__hint">{t('tokens.intro')}</div>
      {create.data && <NewTokenNotice created={create.data} onClose={() => create.reset()} />}
      <TokenCreateForm apps={appList} submitting={create.isPending} error={create.error ? errorText(create.error) : undefined} onSubmit={(input) => create.mutate(input)} />
      {tokens.error && <Alert type="error" showIcon title={errorText(tokens.error)} />}
      {revoke.error && <Alert type="error" showIcon title={errorText(revoke.error)} />}
      <TokenList tokens={tokens.data?.items ?? []} loading={tokens.isLoading} appName={appName} onRevoke={(token) => revoke.mutateAsync(token.id)} />
    </div>
  );
}
