import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '@platform/schema';
import type { FlowTask } from '../../api/flow-types';
import { approvalEdits, approvalFieldLayout, fieldPermissionOf } from './approval-fields';

const fields = [
  { key: 'title', type: 'text', label: 'Title' },
  { key: 'discount', type: 'percent', label: 'Discount' },
  { key: 'note', type: 'textarea', label: 'Note' },
  { key: 'cost', type: 'money', label: 'Cost' },
  { key: 'margin', type: 'formula', label: 'Margin', options: { expression: 'discount * 2' } },
  { key: 'secret', type: 'text', label: 'Secret' },
] as FieldDefinition[];

const task = (extra: Partial<FlowTask> = {}): FlowTask => ({
  id: 't1', instanceId: 'i1', recordId: 'r1', nodeKey: 'director', assigneeId: 'u1', status: 'todo', kind: 'approve', createdAt: '', dueAt: null,
  ...extra,
});

describe('approvalFieldLayout', () => {
  it('makes the editable and required fields inputs, hides the hidden ones and reads the rest', () => {
    const layout = approvalFieldLayout(fields, task({
      fieldPermissions: { note: 'editable', cost: 'required', secret: 'hidden', discount: 'readonly', margin: 'editable' },
      unlistedFields: 'readonly',
    }));
    expect(layout.editable.map((field) => field.key)).toEqual(['note', 'cost']);
    expect([...layout.required]).toEqual(['cost']);
    expect([...layout.hidden]).toEqual(['secret']);
  });

  it('a start step without permissions may change every input field', () => {
    const layout = approvalFieldLayout(fields, task({ kind: 'resubmit', nodeKey: 'start', fieldPermissions: {}, unlistedFields: 'editable' }));
    expect(layout.editable.map((field) => field.key)).toEqual(['title', 'discount', 'note', 'cost', 'secret']);
  });

  it.each<[string, FlowTask | null]>([
    ['no task', null],
    ['a task without field access', task()],
    ['a finished task', task({ status: 'done', fieldPermissions: { note: 'editable' }, unlistedFields: 'readonly' })],
  ])('with %s nothing is editable and nothing hidden', (_label, value) => {
    expect(approvalFieldLayout(fields, value)).toEqual({ editable: [], required: new Set(), hidden: new Set() });
  });

  it('reads an unlisted field as the task says', () => {
    expect(fieldPermissionOf(task({ fieldPermissions: { note: 'editable' }, unlistedFields: 'readonly' }), 'title')).toBe('readonly');
    expect(fieldPermissionOf(task({ fieldPermissions: {}, unlistedFields: 'editable' }), 'title')).toBe('editable');
  });
});

describe('approvalEdits', () => {
  const editable = fields.filter((field) => field.key === 'note' || field.key === 'cost');

  it('sends only the editable fields that changed, as wire values', () => {
    expect(approvalEdits(editable, { note: '同意', cost: 100, discount: 1 }, { note: null, cost: 100, discount: 85 })).toEqual({ note: '同意' });
  });

  it('sends nothing when nothing changed (a blank text is no change from empty)', () => {
    expect(approvalEdits(editable, { note: '  ', cost: null }, { note: null })).toEqual({});
  });
});
