import { describe, expect, it } from 'vitest';
import type { RecordColumn } from './record-columns';
import { flattenInboxPages, instanceDetailPath, isOverdue, parseDetailTarget, recordPath, taskDetailPath } from './inbox';
import { flowStatusColumn, isFlowStatus, withColumnAfter } from './flow-status';
import { findNode, flowsForForm, nodesNeedingPicks } from './flow-definition';
import { sampleFlow } from '../test/sample-flow';
import { recordValue } from './record-columns';

describe('inbox helpers', () => {
  it('flags open tasks past their due time only', () => {
    const now = Date.parse('2026-03-02T00:00:00Z');
    expect(isOverdue({ dueAt: '2026-03-01T00:00:00Z', status: 'todo' }, now)).toBe(true);
    expect(isOverdue({ dueAt: '2026-03-03T00:00:00Z', status: 'todo' }, now)).toBe(false);
    expect(isOverdue({ dueAt: '2026-03-01T00:00:00Z', status: 'done' }, now)).toBe(false);
    expect(isOverdue({ dueAt: null }, now)).toBe(false);
  });

  it('joins pages, each row once', () => {
    const rows = flattenInboxPages([
      { items: [{ id: 'c' }, { id: 'b' }], nextCursor: 'b' },
      { items: [{ id: 'b' }, { id: 'a' }], nextCursor: null },
    ]);
    expect(rows.map((row) => row.id)).toEqual(['c', 'b', 'a']);
    expect(flattenInboxPages(undefined)).toEqual([]);
  });

  it('links a task and a flow to their detail, and reads the link back', () => {
    const path = taskDetailPath({ id: 't 1', appKey: 'crm', formKey: 'quote', recordId: 'r1' });
    expect(path).toBe('/inbox/tasks/t%201?app=crm&form=quote&record=r1');
    expect(instanceDetailPath({ id: 'i1', appKey: 'crm', formKey: 'quote', recordId: 'r1' })).toBe('/inbox/instances/i1?app=crm&form=quote&record=r1');
    const target = parseDetailTarget(new URLSearchParams(path.split('?')[1]));
    expect(target).toEqual({ appKey: 'crm', formKey: 'quote', recordId: 'r1' });
    expect(recordPath(target!)).toBe('/apps/crm/forms/quote/records/r1');
    expect(parseDetailTarget(new URLSearchParams('app=crm'))).toBeNull();
  });
});

describe('flow definitions and status', () => {
  it('finds nodes inside branches, the nodes whose approvers the initiator picks, and the flows of a form', () => {
    expect(findNode(sampleFlow.nodes, 'director')?.name).toEqual({ 'zh-CN': '销售总监', 'en-US': 'Sales director' });
    expect(findNode(sampleFlow.nodes, 'nope')).toBeUndefined();
    expect(nodesNeedingPicks(sampleFlow).map((node) => node.key)).toEqual(['director']);
    expect(flowsForForm([sampleFlow, { ...sampleFlow, key: 'other', formKey: 'lead' }], 'quote').map((flow) => flow.key)).toEqual(['quote_check']);
  });

  it('puts the status column after the title and reads flowStatus beside the data', () => {
    const column = (key: string): RecordColumn => ({ key, field: { key, type: 'text', label: key }, width: 100, sortable: true, system: false });
    const status = flowStatusColumn('审批状态', (value) => `s:${value}`);
    expect(withColumnAfter([column('title'), column('amount')], 'title', status).map((c) => c.key)).toEqual(['title', 'flowStatus', 'amount']);
    expect(withColumnAfter([column('amount')], undefined, status).map((c) => c.key)).toEqual(['flowStatus', 'amount']);
    expect(status.field.options?.options).toContainEqual({ key: 'approved', label: 's:approved', color: 'success' });
    const record = { id: 'r', data: { title: 'x' }, version: 1, createdAt: '', updatedAt: '', createdBy: null, ownerId: null, flowStatus: 'running' };
    expect(recordValue(record, 'flowStatus')).toBe('running');
    expect(isFlowStatus('returned')).toBe(true);
    expect(isFlowStatus('draft')).toBe(false);
  });
});
