import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntdApp, Button, Drawer, Layout, Menu, Typography, type MenuProps } from 'antd';
import { AppstoreOutlined, BranchesOutlined, FormOutlined, MenuOutlined, MenuFoldOutlined, MenuUnfoldOutlined, SettingOutlined, TableOutlined, FolderOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useParams } from 'react-router-dom';
import { useCurrentUser } from '../auth/use-current-user';
import { useAppMeta } from '../hooks/use-app-meta';
import { useIsMobile } from '../hooks/use-is-mobile';
import { useLocale } from '../hooks/use-locale';
import { useDocumentTitle } from '../hooks/use-document-title';
import { labelText } from '../lib/label-text';
import { allGroupIds, buildNavEntries, groupIdsOf, type NavEntry } from '../lib/navigation';
import { LanguageSwitch } from '../components/language-switch';
import { UserMenu } from '../components/user-menu';
import { AppIcon } from '../components/app-icon';
import { PageError, PageLoading } from '../components/page-state';

const SIDER_COLLAPSED_KEY = 'platform.siderCollapsed';
const FLOWS_MENU_KEY = 'flows';
const NEW_FORM_MENU_KEY = 'new-form';
const BUILDER_MENU_KEY = 'builder';

function readCollapsed(): boolean {
  try {
    return window.localStorage.getItem(SIDER_COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

type MenuItem = Required<MenuProps>['items'][number];

function toMenuItems(entries: NavEntry[], appKey: string, locale: string): MenuItem[] {
  return entries.map((entry): MenuItem => {
    if (entry.kind === 'group') {
      return { key: entry.id, icon: entry.icon ? <span className="app-menu__icon" aria-hidden>{entry.icon}</span> : <FolderOutlined />, label: labelText(entry.label, locale), children: toMenuItems(entry.children, appKey, locale) };
    }
    const testId = entry.id.startsWith('view:') ? `nav-view-${entry.id.split(':')[2]}` : `nav-form-${entry.formKey}`;
    return {
      key: entry.id,
      icon: entry.icon ? <span className="app-menu__icon" aria-hidden>{entry.icon}</span> : <TableOutlined />,
      label: (
        <Link to={`/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(entry.formKey)}${entry.viewKey ? `?view=${encodeURIComponent(entry.viewKey)}` : ''}`} data-testid={testId}>
          {labelText(entry.label, locale)}
        </Link>
      ),
    };
  });
}

export default function AppShell() {
  const { t } = useTranslation();
  const locale = useLocale();
  const isMobile = useIsMobile();
  const location = useLocation();
  const { appKey = '', formKey } = useParams();
  const { app, forms, isLoading, error, refetch } = useAppMeta(appKey);
  const { user } = useCurrentUser();
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const appName = app ? labelText(app.name, locale) : '';
  useDocumentTitle(appName || undefined);

  const entries = useMemo(() => buildNavEntries(app?.navigation, forms), [app?.navigation, forms]);
  const isAdmin = !!user?.isAdmin;
  const items = useMemo(() => {
    const formItems = toMenuItems(entries, appKey, locale);
    if (!isAdmin) return formItems;
    // Administrators also design the app's forms and approval flows.
    const newForm: MenuItem = {
      key: NEW_FORM_MENU_KEY,
      icon: <FormOutlined />,
      label: <Link to={`/apps/${encodeURIComponent(appKey)}/forms/new/design`} data-testid="nav-new-form">{t('formDesigner.navNewForm')}</Link>,
    };
    const flows: MenuItem = {
      key: FLOWS_MENU_KEY,
      icon: <BranchesOutlined />,
      label: <Link to={`/apps/${encodeURIComponent(appKey)}/flows`} data-testid="nav-flows">{t('nav.flows')}</Link>,
    };
    const builder: MenuItem = {
      key: BUILDER_MENU_KEY,
      icon: <SettingOutlined />,
      label: <Link to={`/apps/${encodeURIComponent(appKey)}/builder`} data-testid="nav-builder">{t('appBuilder.menu')}</Link>,
    };
    return [...formItems, { type: 'divider' } as MenuItem, newForm, flows, builder];
  }, [entries, appKey, locale, isAdmin, t]);
  const [openKeys, setOpenKeys] = useState<string[]>([]);
  // The collapsed sider shows groups as hover pop-ups: their open state is kept apart.
  const [popupKeys, setPopupKeys] = useState<string[]>([]);
  const popups = !isMobile && collapsed;
  const knownGroups = useRef(new Set<string>());
  useEffect(() => {
    // Every group starts open (every form is one click away), and so does one that appears later (the app
    // builder just published it); afterwards the user's choice stays, and the group holding the current
    // form is opened when the user navigates there.
    const fresh = allGroupIds(entries).filter((id) => !knownGroups.current.has(id));
    fresh.forEach((id) => knownGroups.current.add(id));
    setOpenKeys((keys) => [...new Set([...keys, ...fresh, ...groupIdsOf(entries, formKey)])]);
  }, [entries, formKey]);
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const toggleCollapsed = () => {
    setCollapsed((value) => {
      try {
        window.localStorage.setItem(SIDER_COLLAPSED_KEY, value ? '0' : '1');
      } catch {
        // Not remembered; harmless.
      }
      return !value;
    });
  };

  if (isLoading) return <PageLoading fullScreen />;
  if (error || !app) return <PageError error={error} onRetry={refetch} fullScreen />;

  const onFlows = location.pathname.startsWith(`/apps/${encodeURIComponent(appKey)}/flows`);
  const onNewForm = location.pathname === `/apps/${encodeURIComponent(appKey)}/forms/new/design`;
  const onBuilder = location.pathname === `/apps/${encodeURIComponent(appKey)}/builder`;
  const selectedKeys = onFlows ? [FLOWS_MENU_KEY] : onNewForm ? [NEW_FORM_MENU_KEY] : onBuilder ? [BUILDER_MENU_KEY] : formKey ? [`form:${formKey}`] : [];
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selectedKeys}
      openKeys={popups ? popupKeys : openKeys}
      onOpenChange={(keys) => (popups ? setPopupKeys(keys) : setOpenKeys(keys))}
      // A tap on an entry closes the phone menu, also when it names the page already open.
      onClick={() => setDrawerOpen(false)}
      className="app-menu"
    />
  );

  // antd's App (message, modal) lives here rather than at the root: the login route does not need it.
  return (
    <AntdApp component={false}>
    <Layout className="app-shell">
      {!isMobile && (
        <Layout.Sider theme="light" width={232} collapsedWidth={64} collapsed={collapsed} trigger={null} className="app-shell__sider">
          <div className="app-shell__brand">
            <AppIcon appKey={app.key} name={appName} icon={app.icon} size={32} />
            {!collapsed && <Typography.Text strong ellipsis className="app-shell__brand-name">{appName}</Typography.Text>}
          </div>
          <nav aria-label={t('nav.menu')}>{menu}</nav>
        </Layout.Sider>
      )}
      <Layout className="app-shell__main">
        <Layout.Header className="app-header">
          {isMobile ? (
            <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.openMenu')} onClick={() => setDrawerOpen(true)} data-testid="nav-open" />
          ) : (
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
              onClick={toggleCollapsed}
            />
          )}
          <Link to="/" className="app-header__home" aria-label={t('nav.home')} title={t('nav.home')}>
            <AppstoreOutlined />
          </Link>
          <Typography.Text strong ellipsis className="app-header__title" data-testid="app-name">{appName}</Typography.Text>
          <div className="app-header__spacer" />
          <LanguageSwitch compact={isMobile} />
          <UserMenu compact={isMobile} />
        </Layout.Header>
        <Layout.Content className="app-shell__content">
          {app.published === false && (
            <Alert
              type="warning"
              showIcon
              banner
              data-testid="app-draft-banner"
              message={t('appBuilder.draftBanner')}
              action={onBuilder ? undefined : <Link to={`/apps/${encodeURIComponent(appKey)}/builder`}>{t('appBuilder.menu')}</Link>}
            />
          )}
          <Outlet />
        </Layout.Content>
      </Layout>
      {isMobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={280}
          title={appName}
          className="app-shell__drawer"
          styles={{ body: { padding: 0 } }}
        >
          <nav aria-label={t('nav.menu')}>{menu}</nav>
        </Drawer>
      )}
    </Layout>
    </AntdApp>
  );
}
