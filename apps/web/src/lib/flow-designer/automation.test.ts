import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '@platform/schema';
import {
  addEffect, isEffectIncomplete, newEffect, relationFields, removeEffect, renameField, replaceEffect, setFieldEntries, settableFields,
  subflowCandidates, subflowFormKey, unsetFields, withBinding, withFieldValue, withoutField,
} from './automation';
import { checkDraft } from './checks';
import { createNode } from './tree';
import type { ActionNode, FlowDraft, FlowNode } from './types';

const fields = [
  { key: 'title', type: 'text', label: 'Title' },
  { key: 'stage', type: 'select', label: 'Stage', options: { options: [{ key: 'won', label: 'Won' }] } },
  { key: 'amount', type: 'money', label: 'Amount' },
  { key: 'files', type: 'attachment', label: 'Files' },
  { key: 'total', type: 'formula', label: 'Total', options: { expression: 'amount * 2' } },
  { key: 'customer', type: 'relation', label: 'Customer', options: { targetForm: 'customer' } },
  { key: 'partners', type: 'relation', label: 'Partners', options: { targetForm: 'partner', multiple: true } },
] as FieldDefinition[];

const action = (effects: ActionNode['effects'] = []): ActionNode => ({ key: 'book', type: 'action', name: 'Book', effects });

describe('action nodes', () => {
  it('set-fields effects offer plain input fields only', () => {
    expect(settableFields(fields).map((field) => field.key)).toEqual(['title', 'stage', 'amount', 'customer', 'partners']);
  });

  it('adds, edits and removes effects without touching the node it was given', () => {
    const empty = action();
    const one = addEffect(empty, 'setFields');
    expect(empty.effects).toEqual([]);
    expect(one.effects).toEqual([{ type: 'setFields', data: {} }]);
    const two = addEffect(one, 'webhook');
    const edited = replaceEffect(two, 1, { type: 'webhook', url: 'https://erp.example.com/hook' });
    expect(edited.effects[1]).toEqual({ type: 'webhook', url: 'https://erp.example.com/hook' });
    expect(removeEffect(edited, 0).effects).toEqual([{ type: 'webhook', url: 'https://erp.example.com/hook' }]);
  });

  it('sets field values row by row, in the form’s order, keeping fields the form lost', () => {
    let effect = newEffect('setFields') as Extract<ActionNode['effects'][number], { type: 'setFields' }>;
    effect = withFieldValue(effect, 'amount', 100);
    effect = withFieldValue(effect, 'stage', 'won');
    effect = withFieldValue(effect, 'ghost', 1);
    expect(setFieldEntries(effect, fields).map((entry) => [entry.key, entry.value, entry.field?.type])).toEqual([
      ['stage', 'won', 'select'], ['amount', 100, 'money'], ['ghost', 1, undefined],
    ]);
    expect(unsetFields(effect, fields).map((field) => field.key)).toEqual(['title', 'customer', 'partners']);
    const renamed = renameField(effect, 'amount', 'title');
    expect(renamed.data).toEqual({ title: null, stage: 'won', ghost: 1 });
    expect(Object.keys(renamed.data)).toEqual(['title', 'stage', 'ghost']);
    expect(renameField(effect, 'amount', 'stage')).toBe(effect);
    expect(withoutField(effect, 'ghost').data).toEqual({ amount: 100, stage: 'won' });
  });

  it.each<[string, ActionNode['effects'][number], boolean]>([
    ['an empty set-fields', { type: 'setFields', data: {} }, true],
    ['a set-fields with a field', { type: 'setFields', data: { stage: 'won' } }, false],
    ['a notify without recipients', { type: 'notify', recipients: [], template: 'Booked' }, true],
    ['a notify without a message', { type: 'notify', recipients: [{ source: 'initiator' }], template: ' ' }, true],
    ['a notify', { type: 'notify', recipients: [{ source: 'initiator' }], template: 'Booked' }, false],
    ['a webhook to ftp', { type: 'webhook', url: 'ftp://x' }, true],
    ['a webhook', { type: 'webhook', url: 'https://x.example/h' }, false],
  ])('%s is incomplete: %s', (_label, effect, incomplete) => {
    expect(isEffectIncomplete(effect)).toBe(incomplete);
  });
});

describe('sub-flow nodes', () => {
  const flows = [
    { key: 'main', name: 'Main', formKey: 'quote' },
    { key: 'legal', name: 'Legal', formKey: 'quote' },
    { key: 'customer_check', name: 'Customer check', formKey: 'customer' },
  ];
  const context = { ownKey: 'main', ownFormKey: 'quote', fields };

  it('binds through relation fields to their target forms', () => {
    expect(relationFields(fields).map((field) => field.key)).toEqual(['customer', 'partners']);
    expect(subflowFormKey(fields, undefined, 'quote')).toBe('quote');
    expect(subflowFormKey(fields, 'customer', 'quote')).toBe('customer');
    expect(subflowFormKey(fields, 'title', 'quote')).toBeUndefined();
  });

  it('offers the flows of the form it runs on, never itself on the same record', () => {
    expect(subflowCandidates(flows, { ...context, relationField: undefined }).map((flow) => flow.key)).toEqual(['legal']);
    expect(subflowCandidates(flows, { ...context, relationField: 'customer' }).map((flow) => flow.key)).toEqual(['customer_check']);
    expect(subflowCandidates(flows, { ...context, relationField: 'partners' })).toEqual([]);
  });

  it('keeps the chosen flow across a binding change only when it still fits', () => {
    const node: Extract<FlowNode, { type: 'subflow' }> = { key: 's', type: 'subflow', name: 'S', flowKey: 'legal' };
    expect(withBinding(node, 'customer', flows, context)).toEqual({ key: 's', type: 'subflow', name: 'S', flowKey: '', relationField: 'customer' });
    const bound = { ...node, flowKey: 'customer_check', relationField: 'customer' };
    expect(withBinding(bound, 'customer', flows, context)).toEqual(bound);
    expect(withBinding(bound, undefined, flows, context)).toEqual({ key: 's', type: 'subflow', name: 'S', flowKey: '' });
  });
});

describe('new automation nodes and their checks', () => {
  const names = { node: (type: string) => type, branch: (_type: string, n: number) => `b${n}`, defaultBranch: 'other' };
  const draft = (nodes: FlowNode[]): FlowDraft => ({ key: 'main', name: 'Main', formKey: 'quote', nodes });

  it('are created empty and flagged until filled in', () => {
    const act = createNode('action', new Set(), names) as ActionNode;
    const sub = createNode('subflow', new Set(['subflow']), names) as Extract<FlowNode, { type: 'subflow' }>;
    expect(act).toEqual({ key: 'action', type: 'action', name: 'action', effects: [] });
    expect(sub).toEqual({ key: 'subflow_2', type: 'subflow', name: 'subflow', flowKey: '' });
    expect(checkDraft(draft([act, sub])).map((issue) => issue.code)).toEqual(['noEffects', 'noSubflow']);
    const filled = [
      { ...act, effects: [{ type: 'setFields' as const, data: {} }] },
      { ...sub, flowKey: 'legal' },
    ];
    expect(checkDraft(draft(filled)).map((issue) => issue.code)).toEqual(['effectIncomplete']);
    expect(checkDraft(draft([{ ...act, effects: [{ type: 'setFields', data: { stage: 'won' } }] }, { ...sub, flowKey: 'legal' }]))).toEqual([]);
  });
});
