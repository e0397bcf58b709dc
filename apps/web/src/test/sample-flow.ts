import type { FlowDefinitionSummary, FlowInstance } from '../api/flow-types';

export const INITIATOR = 'u-sales1';
export const DIRECTOR = 'u-director';
export const MANAGER = 'u-manager';

export const sampleFlow: FlowDefinitionSummary = {
  key: 'quote_check',
  name: { 'zh-CN': '报价审批', 'en-US': 'Quote check' },
  formKey: 'quote',
  version: 1,
  nodes: [
    { key: 'manager', type: 'approval', name: { 'zh-CN': '经理', 'en-US': 'Manager' }, approvers: [{ source: 'manager' }] },
    {
      key: 'route',
      type: 'condition',
      name: '分支',
      branches: [
        { key: 'big', name: '大单', nodes: [{ key: 'director', type: 'approval', name: { 'zh-CN': '销售总监', 'en-US': 'Sales director' }, approvers: [{ source: 'initiatorPicks' }] }] },
        { key: 'small', name: '其他', nodes: [] },
      ],
    },
  ],
};

const at = (minute: number) => `2026-03-01T08:${String(minute).padStart(2, '0')}:00.000Z`;

/** Started by sales1, approved by the manager, now with the director. */
export function runningInstance(): FlowInstance {
  return {
    id: 'i1',
    appKey: 'crm',
    formKey: 'quote',
    flowKey: 'quote_check',
    version: 1,
    recordId: 'r1',
    initiatorId: INITIATOR,
    status: 'running',
    currentTasks: [
      { id: 't2', instanceId: 'i1', recordId: 'r1', nodeKey: 'director', assigneeId: DIRECTOR, status: 'todo', kind: 'approve', createdAt: at(5), dueAt: null },
    ],
    history: [
      { at: at(0), nodeKey: 'start', event: 'started', actorId: INITIATOR, comment: null },
      { at: at(0), nodeKey: 'manager', event: 'taskCreated', actorId: null, comment: null },
      { at: at(4), nodeKey: 'manager', event: 'approved', actorId: MANAGER, comment: '可以' },
      { at: at(4), nodeKey: 'manager', event: 'nodeCompleted', actorId: null, comment: null },
      { at: at(5), nodeKey: 'route', event: 'branchChosen', actorId: null, comment: null },
      { at: at(5), nodeKey: 'route', event: 'nodeCompleted', actorId: null, comment: null },
      { at: at(5), nodeKey: 'director', event: 'taskCreated', actorId: null, comment: null },
    ],
  };
}

/** Just started: nobody has decided yet; the manager has the task. */
export function freshInstance(): FlowInstance {
  const instance = runningInstance();
  return {
    ...instance,
    currentTasks: [{ ...instance.currentTasks[0], id: 't1', nodeKey: 'manager', assigneeId: MANAGER, createdAt: at(0) }],
    history: instance.history.slice(0, 2),
  };
}

/** The director returned it to sales1, who has a `start` task to resubmit. */
export function returnedInstance(): FlowInstance {
  const instance = runningInstance();
  return {
    ...instance,
    status: 'returned',
    currentTasks: [{ id: 't3', instanceId: 'i1', recordId: 'r1', nodeKey: 'start', assigneeId: INITIATOR, status: 'todo', kind: 'resubmit', createdAt: at(9), dueAt: null }],
    history: [
      ...instance.history,
      { at: at(9), nodeKey: 'director', event: 'returned', actorId: DIRECTOR, comment: '请补充折扣说明' },
      { at: at(9), nodeKey: 'start', event: 'taskCreated', actorId: null, comment: null },
    ],
  };
}
