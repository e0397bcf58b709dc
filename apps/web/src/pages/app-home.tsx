import { Button, Empty, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router-dom';
import { useCurrentUser } from '../auth/use-current-user';
import { useAppMeta } from '../hooks/use-app-meta';
import { firstFormKey } from '../lib/navigation';

/** /apps/:appKey opens the first form of the navigation; an app without forms offers administrators a start. */
export default function AppHome() {
  const { t } = useTranslation();
  const { appKey = '' } = useParams();
  const { app, forms, isLoading } = useAppMeta(appKey);
  const { user } = useCurrentUser();
  if (isLoading) return null;
  const formKey = firstFormKey(app?.navigation, forms);
  if (!formKey) {
    const base = `/apps/${encodeURIComponent(appKey)}`;
    return (
      <Empty className="page-empty" description={t(user?.isAdmin ? 'appBuilder.emptyAppAdmin' : 'apps.noForms')} data-testid="app-empty">
        {user?.isAdmin && (
          <Space wrap>
            <Link to={`${base}/forms/new/design`}><Button type="primary" data-testid="app-empty-new-form">{t('appBuilder.firstForm')}</Button></Link>
            <Link to={`${base}/builder`}><Button data-testid="app-empty-builder">{t('appBuilder.menu')}</Button></Link>
          </Space>
        )}
      </Empty>
    );
  }
  return <Navigate to={`forms/${encodeURIComponent(formKey)}`} replace />;
}
