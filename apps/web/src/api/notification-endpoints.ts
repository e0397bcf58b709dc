import { api } from './client';

/** What a flow's notification is about: a flow instance on a record (API: GET /api/notifications). */
export type FlowNotificationData = {
  appKey: string; formKey: string; recordId: string; instanceId: string; flowKey: string; nodeKey: string | null; taskId?: string;
};
/** A mention in a comment on a record (template comment.mention). */
export type CommentNotificationData = { appKey: string; formKey: string; recordId: string; commentId: string; authorId: string };
export type NotificationData = FlowNotificationData | CommentNotificationData;

/** `template`: flow.approved | flow.rejected | flow.withdrawn | flow.cc | flow.remind | flow.overdue | comment.mention, or an action node's own message. */
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
