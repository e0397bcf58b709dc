import { useState } from 'react';
import { Alert, Button, Checkbox, Input, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AppSummary } from '../../api/types';
import type { TokenInput, TokenScope } from '../../api/token-endpoints';
import { labelText } from '../../lib/label-text';
import { useLocale } from '../../hooks/use-locale';

/** Every action a grant knows; a token may name any of them, its user's rights still decide. */
export const TOKEN_ACTIONS = ['read', 'create', 'update', 'delete', 'transfer', 'import', 'export', 'print', 'manage'] as const;
export const ALL_APPS = '*';
const EXPIRY_DAYS = [0, 30, 90, 365] as const;
const DAY_MS = 86_400_000;

type Props = {
  apps: AppSummary[];
  submitting: boolean;
  error?: string;
  onSubmit: (input: TokenInput) => void;
};

/** The token a user asks for: a name, app and action scopes, and an optional expiry (in days from now). */
export function TokenCreateForm({ apps, submitting, error, onSubmit }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>([{ appKey: ALL_APPS, actions: ['read'] }]);
  const [days, setDays] = useState<number>(90);

  const appOptions = [
    { value: ALL_APPS, label: t('tokens.allApps') },
    ...apps.map((app) => ({ value: app.key, label: labelText(app.name, locale) || app.key })),
  ];
  const actionOptions = TOKEN_ACTIONS.map((action) => ({ value: action, label: t(`admin.grants.action.${action}`) }));
  const change = (index: number, scope: Partial<TokenScope>) => setScopes(scopes.map((s, i) => (i === index ? { ...s, ...scope } : s)));
  const ready = name.trim() !== '' && scopes.length > 0 && scopes.every((s) => s.appKey !== '' && s.actions.length > 0);

  const submit = () => {
    const expiresAt = days > 0 ? new Date(Date.now() + days * DAY_MS).toISOString() : undefined;
    onSubmit({ name: name.trim(), scopes, ...(expiresAt ? { expiresAt } : {}) });
  };

  return (
    <div className="token-form" data-testid="token-form">
      <label className="token-form__row">
        <span>{t('tokens.name')}</span>
        <Input value={name} maxLength={100} placeholder={t('tokens.namePlaceholder')} onChange={(e) => setName(e.target.value)} data-testid="token-name" />
      </label>
      <div className="token-form__row">
        <span>{t('tokens.scopes')}</span>
        {scopes.map((scope, index) => (
          <div className="token-form__scope" key={index} data-testid={`token-scope-${index}`}>
            <Select
              className="token-form__app"
              value={scope.appKey}
              options={appOptions}
              onChange={(appKey: string) => change(index, { appKey })}
              aria-label={t('tokens.app')}
            />
            <Checkbox.Group value={scope.actions} options={actionOptions} onChange={(actions) => change(index, { actions: actions as string[] })} />
            {scopes.length > 1 && (
              <Button type="text" icon={<DeleteOutlined />} aria-label={t('tokens.removeScope')} onClick={() => setScopes(scopes.filter((_s, i) => i !== index))} />
            )}
          </div>
        ))}
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => setScopes([...scopes, { appKey: apps[0]?.key ?? ALL_APPS, actions: ['read'] }])} data-testid="token-add-scope">
          {t('tokens.addScope')}
        </Button>
      </div>
      <label className="token-form__row">
        <span>{t('tokens.expiry')}</span>
        <Select
          className="token-form__expiry"
          value={days}
          onChange={setDays}
          options={EXPIRY_DAYS.map((d) => ({ value: d, label: d === 0 ? t('tokens.never') : t('tokens.days', { count: d }) }))}
          aria-label={t('tokens.expiry')}
        />
      </label>
      {error && <Alert type="error" showIcon title={error} />}
      <div>
        <Button type="primary" disabled={!ready} loading={submitting} onClick={submit} data-testid="token-create">
          {t('tokens.create')}
        </Button>
      </div>
    </div>
  );
}
