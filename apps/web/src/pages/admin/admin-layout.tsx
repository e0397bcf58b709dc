import { App as AntdApp, Layout, Menu, Typography, type MenuProps } from 'antd';
import { ApartmentOutlined, AppstoreOutlined, AuditOutlined, SafetyOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useCurrentUser } from '../../auth/use-current-user';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { LanguageSwitch } from '../../components/language-switch';
import { UserMenu } from '../../components/user-menu';
import './admin.css';

const SECTIONS = [
  { key: 'users', icon: <TeamOutlined />, label: 'admin.nav.users' },
  { key: 'departments', icon: <ApartmentOutlined />, label: 'admin.nav.departments' },
  { key: 'roles', icon: <SafetyOutlined />, label: 'admin.nav.roles' },
  { key: 'audit', icon: <AuditOutlined />, label: 'admin.nav.audit' },
  { key: 'handover', icon: <SwapOutlined />, label: 'admin.nav.handover' },
] as const;

/** /admin: users, departments, roles, audit and handover, for administrators only. */
export default function AdminLayout() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const location = useLocation();
  const { user } = useCurrentUser();
  useDocumentTitle(t('admin.title'));

  if (!user?.isAdmin) {
    return (
      <div className="page-state page-state--full" role="alert" data-testid="admin-forbidden">
        <div className="page-state__box">
          <div className="page-state__code">403</div>
          <div className="page-state__title">{t('admin.forbidden')}</div>
          <div className="page-state__actions">
            <Link to="/">{t('nav.home')}</Link>
          </div>
        </div>
      </div>
    );
  }

  const section = location.pathname.split('/')[2] ?? 'users';
  const items: MenuProps['items'] = SECTIONS.map((entry) => ({
    key: entry.key,
    icon: entry.icon,
    label: (
      <Link to={`/admin/${entry.key}`} data-testid={`admin-${entry.key}`}>
        {t(entry.label)}
      </Link>
    ),
  }));

  return (
    <AntdApp component={false}>
      <Layout className="admin-shell">
        <Layout.Header className="app-header">
          <Link to="/" className="app-header__home" aria-label={t('nav.home')} title={t('nav.home')}>
            <AppstoreOutlined />
          </Link>
          <Typography.Text strong ellipsis className="app-header__title">{t('admin.title')}</Typography.Text>
          <div className="app-header__spacer" />
          <LanguageSwitch compact={isMobile} />
          <UserMenu compact={isMobile} />
        </Layout.Header>
        <Layout className="admin-shell__body">
          {!isMobile && (
            <Layout.Sider theme="light" width={200} className="admin-shell__sider">
              <nav aria-label={t('admin.nav.label')}>
                <Menu mode="inline" items={items} selectedKeys={[section]} className="app-menu" />
              </nav>
            </Layout.Sider>
          )}
          <Layout.Content className="admin-shell__content">
            {isMobile && (
              // Every section stays one tap away: the row scrolls instead of folding items into "...".
              <nav aria-label={t('admin.nav.label')} className="admin-shell__tabs">
                <Menu mode="horizontal" items={items} selectedKeys={[section]} disabledOverflow />
              </nav>
            )}
            <Outlet />
          </Layout.Content>
        </Layout>
      </Layout>
    </AntdApp>
  );
}
