import type { AppNotification } from '../api/notification-endpoints';
import { instanceDetailPath, recordPath, taskDetailPath } from './inbox';

/** The platform's own notification templates (each has notifications.template.<key with _ for .> in the locale files). */
export const NOTIFICATION_TEMPLATES = ['flow.approved', 'flow.rejected', 'flow.withdrawn', 'flow.cc', 'flow.remind', 'flow.overdue', 'comment.mention'] as const;

/** The locale key of a platform template, or null for an action node's own message (shown as written). */
export function templateKey(template: string): string | null {
  return (NOTIFICATION_TEMPLATES as readonly string[]).includes(template) ? `notifications.template.${template.replace('.', '_')}` : null;
}

/** The text of a notification in the user's language. */
export function notificationText(notification: Pick<AppNotification, 'template'>, t: (key: string) => string): string {
  const key = templateKey(notification.template);
  return key ? t(key) : notification.template;
}

/**
 * Where a notification leads: a mention to its record's comments, a reminder or an overdue task to that
 * task's approval detail, anything else to the flow's approval detail (its record, its history).
 */
export function notificationPath(notification: Pick<AppNotification, 'template' | 'data'>): string {
  const { data } = notification;
  const target = { appKey: data.appKey, formKey: data.formKey, recordId: data.recordId };
  if (!('instanceId' in data)) return `${recordPath(target)}?tab=comments`;
  if (data.taskId && (notification.template === 'flow.remind' || notification.template === 'flow.overdue')) return taskDetailPath({ id: data.taskId, ...target });
  return instanceDetailPath({ id: data.instanceId, ...target });
}
