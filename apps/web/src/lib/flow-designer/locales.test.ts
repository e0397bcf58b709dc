import { describe, expect, it } from 'vitest';
import zhCN from '../../locales/zh-CN.json';
import enUS from '../../locales/en-US.json';
import { FIELD_PERMISSIONS } from './field-permissions';

type Tree = { [key: string]: string | Tree };
const has = (tree: Tree, key: string) => {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string';
};
const plural = (tree: Tree, key: string) => has(tree, key) || has(tree, `${key}_other`);

describe('flow designer texts', () => {
  it('exist in both languages for every key built at run time', () => {
    const keys = [
      ...['approval', 'handler', 'cc', 'condition', 'parallel', 'delay', 'action', 'subflow'].map((type) => `flowDesigner.type.${type}`),
      ...['sequential', 'countersign', 'anySign', 'vote'].flatMap((mode) => [`flowDesigner.mode.${mode}`, `flowDesigner.modeHint.${mode}`]),
      ...['pass', 'admin', 'user', 'reject'].map((value) => `flowDesigner.onEmpty.${value}`),
      ...['self', 'skip', 'manager'].map((value) => `flowDesigner.onInitiator.${value}`),
      ...['none', 'approve', 'reject', 'escalate', 'notify'].map((value) => `flowDesigner.onOverdue.${value}`),
      ...['rerun', 'jumpBack'].map((value) => `flowDesigner.resubmit.${value}`),
      ...['before', 'at', 'after'].map((value) => `flowDesigner.reminderAt.${value}`),
      ...['beforeFirstDecision', 'whileRunning', 'never'].map((value) => `flowDesigner.withdraw.${value}`),
      ...['setFields', 'notify', 'webhook'].map((value) => `flowDesigner.effect.${value}`),
      ...['reject', 'continue'].map((value) => `flowDesigner.onRejected.${value}`),
      ...['users', 'roles', 'manager', 'departmentHead', 'field', 'initiator', 'initiatorPicks', 'initiatorHint', 'initiatorPicksHint'].map((value) => `flowDesigner.source.${value}`),
      ...FIELD_PERMISSIONS.map((value) => `flowDesigner.permissions.${value}`),
      ...['minutes', 'hours', 'days'].map((unit) => `flowDesigner.unit.${unit}`),
      ...['approval', 'handler'].map((who) => `flowDesigner.panel.${who}Sources`),
      'nav.flows',
    ];
    expect(keys.filter((key) => !has(zhCN as Tree, key) || !has(enUS as Tree, key))).toEqual([]);
    const plurals = [
      ...['minutes', 'hours', 'days'].map((unit) => `flowDesigner.unitCount.${unit}`),
      'flowDesigner.publishRefused', 'flowDesigner.fixFirst', 'flowDesigner.summary.title', 'flowDesigner.card.effects',
    ];
    expect(plurals.filter((key) => !plural(zhCN as Tree, key) || !has(enUS as Tree, `${key}_one`) || !has(enUS as Tree, `${key}_other`))).toEqual([]);
  });
});
