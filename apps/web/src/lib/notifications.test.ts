import { describe, expect, it } from 'vitest';
import zhCN from '../locales/zh-CN.json';
import enUS from '../locales/en-US.json';
import { NOTIFICATION_TEMPLATES, notificationPath, notificationText, templateKey } from './notifications';

type Tree = { [key: string]: string | Tree };
const lookup = (tree: Tree, key: string) => key.split('.').reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);

const data = { appKey: 'crm', formKey: 'quote', recordId: 'r1', instanceId: 'i1', flowKey: 'quote_discount', nodeKey: 'director', taskId: 't1' };

describe('notifications', () => {
  it('have a text in both languages for every platform template', () => {
    const missing = NOTIFICATION_TEMPLATES.map((template) => templateKey(template) as string)
      .filter((key) => typeof lookup(zhCN as Tree, key) !== 'string' || typeof lookup(enUS as Tree, key) !== 'string');
    expect(missing).toEqual([]);
  });

  it('show platform templates translated and an action node’s own message as written', () => {
    const t = (key: string) => `<${key}>`;
    expect(notificationText({ template: 'flow.cc' }, t)).toBe('<notifications.template.flow_cc>');
    expect(notificationText({ template: '报价已审批，请尽快发给客户' }, t)).toBe('报价已审批，请尽快发给客户');
  });

  it('lead mentions to the record’s comments, reminders to the task and the rest to the flow', () => {
    expect(notificationPath({ template: 'flow.remind', data })).toBe('/inbox/tasks/t1?app=crm&form=quote&record=r1');
    expect(notificationPath({ template: 'flow.approved', data: { ...data, taskId: undefined } })).toBe('/inbox/instances/i1?app=crm&form=quote&record=r1');
    expect(notificationPath({ template: 'flow.cc', data })).toBe('/inbox/instances/i1?app=crm&form=quote&record=r1');
    expect(notificationPath({ template: 'comment.mention', data: { appKey: 'crm', formKey: 'quote', recordId: 'r1', commentId: 'c1', authorId: 'u1' } }))
      .toBe('/apps/crm/forms/quote/records/r1?tab=comments');
  });
});
