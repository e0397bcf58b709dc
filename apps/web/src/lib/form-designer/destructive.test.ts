import { describe, expect, it } from 'vitest';
import { affectedRecordsQuery, changeLabel, destructiveChanges } from './destructive';
import { createField } from './new-field';
import { insertField, removeField } from './operations';
import { sampleDraft, zhContext } from '../../test/sample-form-design';
import { ROOT, type FormDraft } from './types';

describe('destructiveChanges', () => {
  it('lists removed and retyped value fields against the saved version', () => {
    const saved = sampleDraft();
    let draft: FormDraft = removeField(saved, 'notes');
    draft = { ...draft, fields: draft.fields.map((field) => (field.key === 'amount' ? { ...field, type: 'number' as const } : field)) };
    expect(destructiveChanges(saved, draft)).toEqual([
      { kind: 'retyped', key: 'amount', label: '金额', from: 'money', to: 'number' },
      { kind: 'removed', key: 'notes', label: '备注', type: 'textarea' },
    ]);
  });

  it('ignores new fields, layout items, computed fields and new forms', () => {
    const saved = insertField(sampleDraft(), { key: 'total', type: 'formula', label: '合计', options: { expression: 'amount' } }, { container: ROOT, before: null });
    const draft = insertField(removeField(removeField(saved, 'more'), 'total'), createField('text', saved, zhContext), { container: ROOT, before: null });
    expect(destructiveChanges(saved, draft)).toEqual([]);
    expect(destructiveChanges(null, draft)).toEqual([]);
  });

  it('lists sub-form columns removed', () => {
    const withLines = insertField(sampleDraft(), { key: 'lines', type: 'subForm', label: '明细', options: { fields: [{ key: 'qty', type: 'number', label: '数量' }, { key: 'memo', type: 'text', label: '说明' }] } }, { container: ROOT, before: null });
    const draft = { ...withLines, fields: withLines.fields.map((field) => (field.key === 'lines' ? { ...field, options: { fields: [{ key: 'qty', type: 'number', label: '数量' }] } } : field)) } as FormDraft;
    const changes = destructiveChanges(withLines, draft);
    expect(changes).toEqual([{ kind: 'columnRemoved', key: 'lines', column: 'memo', label: '明细', columnLabel: '说明' }]);
    expect(changeLabel(changes[0], 'zh-CN')).toBe('明细 / 说明');
    expect(affectedRecordsQuery(changes[0])).toBeNull();
  });
});

describe('affectedRecordsQuery', () => {
  it('counts the records holding a value', () => {
    expect(affectedRecordsQuery({ kind: 'removed', key: 'notes', label: '备注', type: 'textarea' })).toEqual({ filter: { isNotEmpty: [{ var: 'notes' }] }, limit: 1 });
    expect(affectedRecordsQuery({ kind: 'removed', key: 'files', label: '附件', type: 'attachment' })).toBeNull();
  });
});
