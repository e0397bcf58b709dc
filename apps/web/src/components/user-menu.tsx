import { Avatar, Button, Dropdown } from 'antd';
import { KeyOutlined, LogoutOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { logout } from '../api/endpoints';
import { useCurrentUser } from '../auth/use-current-user';
import { InboxEntry } from './inbox-entry';
import { NotificationBell } from './notification-bell';

/** The signed-in user's menu, preceded by the approvals entry and the notifications bell (every signed-in header shows them). */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();

  const signOut = async () => {
    try {
      await logout();
    } catch {
      // The session may already be gone; leaving is what the user asked for either way.
    }
    queryClient.clear();
    navigate('/login', { replace: true });
  };

  const name = user?.name || user?.username || '';
  return (
    <>
      <InboxEntry compact={compact} />
      <NotificationBell />
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'who', label: <span className="user-menu__who">{name}{user?.username && user.username !== name ? ` (${user.username})` : ''}</span>, disabled: true },
            { type: 'divider' },
            // Only administrators see the administration area (GET /api/auth/me says isAdmin).
            ...(user?.isAdmin ? [{ key: 'admin', icon: <SettingOutlined />, label: <span data-testid="nav-admin">{t('admin.title')}</span> }] : []),
            { key: 'tokens', icon: <KeyOutlined />, label: <span data-testid="nav-tokens">{t('tokens.title')}</span> },
            { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('auth.logout')}</span> },
          ],
          onClick: ({ key }) => {
            if (key === 'logout') void signOut();
            else if (key === 'admin') navigate('/admin');
            else if (key === 'tokens') navigate('/tokens');
          },
        }}
      >
        <Button type="text" data-testid="user-menu" aria-label={t('auth.userMenu')} className="user-menu__button">
          <Avatar size="small" icon={<UserOutlined />} />
          {compact ? null : <span className="user-menu__name">{name}</span>}
        </Button>
      </Dropdown>
    </>
  );
}
