import { api } from './client';

/** What a notification is about: a flow instance on a record (API: GET /api/notifications). */
export type NotificationData = {
  appKey: string; formKey: string; recordId: string; instanceId: string; flowKey: string; nodeKey: string | null; taskId?: string;
};

/** `template`: flow.approved | flow.rejected | flow.withdrawn | flow.cc | flow.remind | flow.overdue, or an action node's own message. */
export type AppNotification = { id: string; at: string; template: string; data: NotificationData; readAt: string | null };

export type NotificationPage = { items: AppNotification[]; nextCursor: string | null; unread: number };
export type NotificationSettings = { email: string | null; emailEnabled: boolean; emailConfigured: boolean };

export const NOTIFICATIONS_KEY = ['notifications'] as const;
export const NOTIFICATION_SETTINGS_KEY = ['notifications', 'settings'] as const;

export const fetchNotifications = (limit = 10, signal?: AbortSignal) => api.get<NotificationPage>('/api/notifications', { query: { limit }, signal });

/** Marks the given notifications read (all of the user's without ids). */
export const markNotificationsRead = (ids?: string[]) => api.post<{ unread: number }>('/api/notifications/read', ids ? { ids } : {});

export const fetchNotificationSettings = () => api.get<NotificationSettings>('/api/notifications/settings');

export const saveNotificationSettings = (body: { email: string | null; emailEnabled: boolean }) => api.put<NotificationSettings>('/api/notifications/settings', body);
