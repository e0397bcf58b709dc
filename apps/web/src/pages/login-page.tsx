import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { login } from '../api/endpoints';
import { isApiError } from '../api/client';
import { errorMessage } from '../lib/api-errors';
import { safeNextPath } from '../lib/safe-next-path';
import { ME_QUERY_KEY, useCurrentUser } from '../auth/use-current-user';
import { LanguageSwitch } from '../components/language-switch';
import { PageLoading } from '../components/page-state';

type LoginValues = { username: string; password: string };

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const queryClient = useQueryClient();
  const { user, isLoading } = useCurrentUser();
  const [error, setError] = useState<string | null>(null);
  const next = safeNextPath(searchParams.get('next'));

  const mutation = useMutation({
    mutationFn: (values: LoginValues) => login(values.username.trim(), values.password),
    onSuccess: (response) => {
      queryClient.setQueryData(ME_QUERY_KEY, response.user);
      void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      navigate(next, { replace: true });
    },
    onError: (cause) => {
      const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
      if (isApiError(cause) && cause.code === 'UNAUTHENTICATED') setError(t('login.invalidCredentials'));
      else if (isApiError(cause)) setError(errorMessage(cause, translate));
      else setError(t('errors.UNKNOWN', { defaultValue: String(cause) }));
    },
  });

  if (isLoading) return <PageLoading fullScreen />;
  if (user && !mutation.isPending) return <Navigate to={next} replace />;

  return (
    <div className="login-page">
      <div className="login-page__lang">
        <LanguageSwitch />
      </div>
      <main className="login-card">
        <h1 className="login-card__title">{t('app.title')}</h1>
        <p className="login-card__subtitle">{t('login.subtitle')}</p>
        {error && <Alert type="error" showIcon title={error} className="login-card__error" role="alert" />}
        <Form<LoginValues>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => {
            setError(null);
            mutation.mutate(values);
          }}
          onValuesChange={() => error && setError(null)}
        >
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input
              data-testid="login-username"
              prefix={<UserOutlined />}
              autoComplete="username"
              autoCapitalize="none"
              autoFocus
              size="large"
            />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password data-testid="login-password" prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button data-testid="login-submit" type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </main>
    </div>
  );
}
