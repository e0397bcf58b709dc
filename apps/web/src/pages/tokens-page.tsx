import { Layout, Typography } from 'antd';
import { AppstoreOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from '../components/language-switch';
import { TokensPanel } from '../components/tokens/tokens-panel';
import { UserMenu } from '../components/user-menu';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useIsMobile } from '../hooks/use-is-mobile';

/** API 令牌: every signed-in user manages their own tokens here (user menu -> API tokens). */
export default function TokensPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  useDocumentTitle(t('tokens.title'));
  return (
    <Layout className="app-list-layout">
      <Layout.Header className="app-header">
        <Link to="/" className="app-header__home" aria-label={t('nav.home')} title={t('nav.home')}>
          <AppstoreOutlined />
        </Link>
        <Typography.Text strong ellipsis className="app-header__title">{t('tokens.title')}</Typography.Text>
        <div className="app-header__spacer" />
        <LanguageSwitch compact={isMobile} />
        <UserMenu compact={isMobile} />
      </Layout.Header>
      <Layout.Content className="app-list-content">
        <TokensPanel />
      </Layout.Content>
    </Layout>
  );
}
