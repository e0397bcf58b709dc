import { describe, expect, it } from 'vitest';
import zhCN from '../locales/zh-CN.json';
import enUS from '../locales/en-US.json';
import { FLOW_ERROR_CODES, flowErrorMessage } from './flow-errors';
import { FLOW_STATUSES } from './flow-status';
import { TIMELINE_EVENTS } from './flow-timeline';
import { INBOX_BOXES } from './inbox';

type Tree = { [key: string]: string | Tree };
const has = (tree: Tree, key: string) => {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string';
};

describe('approval texts', () => {
  it('exist in both languages for every key built at run time', () => {
    const actions = ['approve', 'reject', 'return', 'resubmit', 'transfer', 'delegate', 'addSigner', 'comment', 'remind', 'withdraw'];
    const keys = [
      ...FLOW_STATUSES.map((status) => `flow.status.${status}`),
      ...[...TIMELINE_EVENTS, 'pending', 'completedAs'].map((event) => `flow.event.${event}`),
      ...actions.map((action) => `flow.action.${action}`),
      ...actions.map((action) => `flow.done.${action}`),
      ...['transfer', 'delegate', 'addSigner'].flatMap((action) => [`flow.action.${action}Title`, `flow.action.${action}Hint`]),
      ...[...FLOW_ERROR_CODES, 'COMMENT_REQUIRED'].map((code) => `flow.errors.${code}`),
      ...INBOX_BOXES.flatMap((box) => [`inbox.box.${box}`, `inbox.empty.${box}`]),
    ];
    expect(keys.filter((key) => !has(zhCN as Tree, key) || !has(enUS as Tree, key))).toEqual([]);
  });

  it('say when a comment is required, and translate flow codes', () => {
    const translate = (key: string, fallback: string) => `${key}|${fallback}`;
    expect(flowErrorMessage({ code: 'VALIDATION_FAILED', message: 'm', details: { fields: ['comment'] } }, translate)).toBe('flow.errors.COMMENT_REQUIRED|m');
    expect(flowErrorMessage({ code: 'TASK_ALREADY_DONE', message: 'm' }, translate)).toBe('flow.errors.TASK_ALREADY_DONE|m');
    expect(flowErrorMessage({ code: 'FORBIDDEN', message: 'm' }, translate)).toBe('errors.FORBIDDEN|m');
  });
});
