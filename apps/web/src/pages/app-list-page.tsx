import { lazy, Suspense, useState } from 'react';
import { App as AntdApp, Button, Card, Col, Empty, Layout, Row, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fetchApps } from '../api/endpoints';
import { labelText } from '../lib/label-text';
import { useLocale } from '../hooks/use-locale';
import { useIsMobile } from '../hooks/use-is-mobile';
import { LanguageSwitch } from '../components/language-switch';
import { UserMenu } from '../components/user-menu';
import { AppIcon } from '../components/app-icon';
import { PageError, PageLoading } from '../components/page-state';
import { useCurrentUser } from '../auth/use-current-user';
import { useDocumentTitle } from '../hooks/use-document-title';

// Loaded when an administrator asks for a new app: the form, the icon grid and the key checks are not
// part of the app list every user opens.
const CreateAppDialog = lazy(() => import('../components/app-builder/create-app-dialog').then((m) => ({ default: m.CreateAppDialog })));

export default function AppListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const isMobile = useIsMobile();
  const apps = useQuery({ queryKey: ['apps'], queryFn: fetchApps });
  const { user } = useCurrentUser();
  const [creating, setCreating] = useState(false);
  useDocumentTitle(t('apps.title'));
  const isAdmin = !!user?.isAdmin;
  const newApp = isAdmin && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-app">{t('appBuilder.newApp')}</Button>
  );

  let content;
  if (apps.isLoading) content = <PageLoading />;
  else if (apps.error) content = <PageError error={apps.error} onRetry={() => void apps.refetch()} />;
  else if (!apps.data?.items.length) content = <Empty description={t(isAdmin ? 'appBuilder.noAppsAdmin' : 'apps.empty')}>{newApp}</Empty>;
  else {
    content = (
      <Row gutter={[16, 16]}>
        {apps.data.items.map((app) => {
          const name = labelText(app.name, locale);
          const description = labelText(app.description ?? undefined, locale);
          return (
            <Col key={app.key} xs={24} sm={12} lg={8} xxl={6}>
              <Link to={`/apps/${encodeURIComponent(app.key)}`} className="app-card-link" data-testid={`app-card-${app.key}`}>
                <Card hoverable className="app-card">
                  <div className="app-card__body">
                    <AppIcon appKey={app.key} name={name} icon={app.icon} />
                    <div className="app-card__text">
                      <Typography.Text strong className="app-card__name">
                        {name}
                        {app.published === false && <Tag color="orange" className="app-card__draft" data-testid={`app-draft-${app.key}`}>{t('appBuilder.statusDraft')}</Tag>}
                      </Typography.Text>
                      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} className="app-card__description">
                        {description || t('apps.noDescription')}
                      </Typography.Paragraph>
                    </div>
                  </div>
                </Card>
              </Link>
            </Col>
          );
        })}
      </Row>
    );
  }

  return (
    <AntdApp component={false}>
    <Layout className="app-list-layout">
      <Layout.Header className="app-header">
        <Typography.Text strong className="app-header__title">{t('app.title')}</Typography.Text>
        <div className="app-header__spacer" />
        <LanguageSwitch compact={isMobile} />
        <UserMenu compact={isMobile} />
      </Layout.Header>
      <Layout.Content className="app-list-content">
        <div className="app-list-content__head">
          <Typography.Title level={4} className="app-list-content__title">{t('apps.title')}</Typography.Title>
          {!!apps.data?.items.length && newApp}
        </div>
        {content}
        {isAdmin && creating && (
          <Suspense fallback={null}>
            <CreateAppDialog open={creating} onClose={() => setCreating(false)} takenKeys={new Set(apps.data?.items.map((app) => app.key) ?? [])} />
          </Suspense>
        )}
      </Layout.Content>
    </Layout>
    </AntdApp>
  );
}
