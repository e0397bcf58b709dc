import { useState } from 'react';
import { Alert, App, Badge, Button, Empty, Form, Input, Modal, Popover, Switch } from 'antd';
import { BellOutlined, MailOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../api/client';
import {
  fetchNotifications, fetchNotificationSettings, markNotificationsRead, NOTIFICATION_SETTINGS_KEY, NOTIFICATIONS_KEY, saveNotificationSettings,
  type AppNotification,
} from '../api/notification-endpoints';
import { useLocale } from '../hooks/use-locale';
import { errorMessage } from '../lib/api-errors';
import { formatDateTime } from '../lib/format-value';
import { notificationPath, notificationText } from '../lib/notifications';
import './notification-bell.css';

const LATEST = 10;

/** Where the user's notification emails go (only while the server has SMTP configured they are sent). */
function EmailSettings({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: NOTIFICATION_SETTINGS_KEY, queryFn: fetchNotificationSettings, enabled: open, retry: false });
  const [form] = Form.useForm<{ email: string; emailEnabled: boolean }>();
  const save = useMutation({
    mutationFn: (values: { email: string; emailEnabled: boolean }) => saveNotificationSettings({ email: values.email?.trim() || null, emailEnabled: values.emailEnabled }),
    onSuccess: (saved) => {
      queryClient.setQueryData(NOTIFICATION_SETTINGS_KEY, saved);
      message.success(t('notifications.saved'));
      onClose();
    },
    onError: (failure) => {
      if (isApiError(failure)) message.error(errorMessage(failure, (key, fallback) => t(key, { defaultValue: fallback })));
    },
  });
  return (
    <Modal
      open={open}
      title={t('notifications.settings')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'notification-settings-save' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {settings.data && !settings.data.emailConfigured && <Alert type="info" showIcon title={t('notifications.emailNotConfigured')} className="notification-settings__note" />}
      {settings.data && (
        <Form form={form} layout="vertical" initialValues={{ email: settings.data.email ?? '', emailEnabled: settings.data.emailEnabled }} onFinish={(values) => save.mutate(values)}>
          <Form.Item name="email" label={t('notifications.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
            <Input type="email" autoComplete="email" data-testid="notification-email" />
          </Form.Item>
          <Form.Item name="emailEnabled" label={t('notifications.emailEnabled')} valuePropName="checked">
            <Switch data-testid="notification-email-enabled" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function NotificationList({ items, onOpen }: { items: AppNotification[]; onOpen: (notification: AppNotification) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />;
  return (
    <ul className="notification-list" data-testid="notification-list">
      {items.map((item) => (
        <li key={item.id}>
          <button type="button" className={`notification-item${item.readAt ? '' : ' notification-item--unread'}`} onClick={() => onOpen(item)} data-testid="notification-item">
            <span className="notification-item__text">{notificationText(item, t)}</span>
            <span className="notification-item__time">{formatDateTime(item.at, locale)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The header's bell: unread notifications counted, the latest listed; opening one marks it read and goes to its approval. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const page = useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: ({ signal }) => fetchNotifications(LATEST, signal),
    refetchInterval: 60 * 1000,
    staleTime: 0,
    retry: false,
  });
  const read = useMutation({
    mutationFn: (ids?: string[]) => markNotificationsRead(ids),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY, exact: true }),
  });
  const unread = page.data?.unread ?? 0;
  const label = unread > 0 ? t('notifications.titleWithCount', { count: unread }) : t('notifications.title');
  const openOne = (item: AppNotification) => {
    if (!item.readAt) read.mutate([item.id]);
    setOpen(false);
    navigate(notificationPath(item));
  };
  const content = (
    <div className="notification-panel" data-testid="notification-panel">
      <NotificationList items={page.data?.items ?? []} onOpen={openOne} />
      <div className="notification-panel__footer">
        <Button type="link" size="small" icon={<MailOutlined />} onClick={() => { setOpen(false); setSettingsOpen(true); }} data-testid="notification-settings">
          {t('notifications.settings')}
        </Button>
        <Button type="link" size="small" disabled={unread === 0} onClick={() => read.mutate(undefined)} data-testid="notification-read-all">
          {t('notifications.markAllRead')}
        </Button>
      </div>
    </div>
  );
  return (
    <>
      <Popover open={open} onOpenChange={(next) => { setOpen(next); if (next) void page.refetch(); }} trigger="click" placement="bottomRight" title={t('notifications.title')} content={content}>
        <Button
          type="text"
          className="notification-bell"
          data-testid="nav-notifications"
          aria-label={label}
          title={label}
          icon={
            <Badge count={unread} size="small" overflowCount={99} data-testid="notification-count">
              <BellOutlined className="notification-bell__icon" />
            </Badge>
          }
        />
      </Popover>
      <EmailSettings open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </>
  );
}
