import { describe, expect, it } from 'vitest';
import { createField } from './new-field';
import {
  canMoveBy, containerKeys, duplicateField, insertField, moveFieldBy, placeField, placementAfter, removeField, renameField, setFieldOption,
  setFieldTab, tabOfField, updateField,
} from './operations';
import { sampleDraft, zhContext } from '../../test/sample-form-design';
import { ROOT, type FormDraft } from './types';

const keys = (draft: FormDraft) => draft.fields.map((field) => field.key);
const tab = (tabKey: string) => ({ kind: 'tab' as const, tabsKey: 'more', tabKey });

describe('createField', () => {
  it('gives a fresh key from the type, the type name as label and sensible options', () => {
    const draft = sampleDraft();
    const select = createField('multiSelect', draft, zhContext);
    expect(select.key).toBe('multi_select_1');
    expect(select.label).toBe('下拉复选框');
    expect(select.options).toEqual({ options: [{ key: 'option_1', label: '选项1' }, { key: 'option_2', label: '选项2' }] });
    const second = createField('multiSelect', insertField(draft, select, { container: ROOT, before: null }), zhContext);
    expect(second.key).toBe('multi_select_2');
    expect(createField('formula', draft, zhContext).options).toEqual({ expression: '', resultType: 'number' });
    expect(createField('relation', draft, zhContext).options).toMatchObject({ targetForm: 'customer', onDelete: 'block' });
    expect(createField('relation', draft, { ...zhContext, otherForms: [] }).options).toMatchObject({ targetForm: '' });
    expect(createField('moneyInWords', draft, zhContext).options).toEqual({ sourceField: 'amount' });
    expect(createField('tabs', draft, zhContext).options?.tabs).toHaveLength(2);
    expect(createField('text', draft, zhContext).options).toBeUndefined();
  });

  it('points a lookup at the first relation and a field of its target form', () => {
    const withRelation = insertField(sampleDraft(), createField('relation', sampleDraft(), zhContext), { container: ROOT, before: null });
    expect(createField('lookup', withRelation, zhContext).options).toEqual({ relationField: 'relation_1', targetField: 'company' });
  });
});

describe('placing fields', () => {
  it('inserts before a field of the loose list, at its end, or into a tab', () => {
    const draft = sampleDraft();
    const field = createField('number', draft, zhContext);
    expect(containerKeys(insertField(draft, field, { container: ROOT, before: 'stage' }), ROOT)).toEqual(['name', 'number_1', 'stage', 'notes']);
    expect(containerKeys(insertField(draft, field, { container: ROOT, before: null }), ROOT)).toEqual(['name', 'stage', 'notes', 'number_1']);
    const inTab = insertField(draft, field, { container: tab('money'), before: 'amount' });
    expect(containerKeys(inTab, tab('money'))).toEqual(['number_1', 'amount']);
    expect(containerKeys(inTab, ROOT)).toEqual(['name', 'stage', 'notes']);
  });

  it('moves a field by drag: within the list, into a tab and out again', () => {
    const draft = sampleDraft();
    const moved = placeField(draft, 'notes', { container: ROOT, before: 'name' });
    expect(containerKeys(moved, ROOT)).toEqual(['notes', 'name', 'stage']);
    expect(placeField(draft, 'name', { container: ROOT, before: 'stage' })).toBe(draft);
    const intoTab = placeField(draft, 'stage', { container: tab('other'), before: null });
    expect(tabOfField(intoTab, 'stage')).toEqual(tab('other'));
    expect(containerKeys(intoTab, ROOT)).toEqual(['name', 'notes']);
    const back = placeField(intoTab, 'amount', { container: ROOT, before: 'notes' });
    expect(containerKeys(back, ROOT)).toEqual(['name', 'amount', 'notes']);
    expect(containerKeys(back, tab('money'))).toEqual([]);
    expect(draft).toEqual(sampleDraft());
  });

  it('moves up and down within the container, not past its ends', () => {
    const draft = sampleDraft();
    expect(containerKeys(moveFieldBy(draft, 'stage', -1), ROOT)).toEqual(['stage', 'name', 'notes']);
    expect(containerKeys(moveFieldBy(draft, 'stage', 1), ROOT)).toEqual(['name', 'notes', 'stage']);
    expect(canMoveBy(draft, 'name', -1)).toBe(false);
    expect(canMoveBy(draft, 'amount', 1)).toBe(false);
  });

  it('adds after the selected field, in its container', () => {
    const draft = sampleDraft();
    expect(placementAfter(draft, 'name')).toEqual({ container: ROOT, before: 'stage' });
    expect(placementAfter(draft, 'amount')).toEqual({ container: tab('money'), before: null });
    expect(placementAfter(draft, null)).toEqual({ container: ROOT, before: null });
  });

  it('puts a field into a tab from the panel, or takes it out', () => {
    const draft = setFieldTab(sampleDraft(), 'notes', { tabsKey: 'more', tabKey: 'other' });
    expect(containerKeys(draft, tab('other'))).toEqual(['notes']);
    expect(containerKeys(setFieldTab(draft, 'notes', null), ROOT)).toEqual(['name', 'stage', 'notes']);
  });
});

describe('duplicate, remove, rename, update', () => {
  it('duplicates right after the original with a fresh key and a marked label', () => {
    const { draft, key } = duplicateField(sampleDraft(), 'stage', ' 副本');
    expect(key).toBe('select_1');
    expect(containerKeys(draft, ROOT)).toEqual(['name', 'stage', 'select_1', 'notes']);
    expect(draft.fields.find((field) => field.key === 'select_1')).toMatchObject({ label: '阶段 副本', type: 'select' });
  });

  it('removes a field with its place in tabs, the title setting and rule actions', () => {
    const draft = removeField(removeField(sampleDraft(), 'amount'), 'name');
    expect(keys(draft)).toEqual(['stage', 'notes', 'more']);
    expect(containerKeys(draft, tab('money'))).toEqual([]);
    expect(draft.settings).toEqual({ columns: 2 });
    expect(draft.rules?.[0].then).toEqual([{ action: 'hide', fields: ['notes'] }]);
    // The last field of the rule's only action gone: the rule goes; other rules stay.
    expect('rules' in removeField(draft, 'notes')).toBe(false);
    const twoRules = { ...draft, rules: [...draft.rules!, { key: 'warn', when: { isEmpty: [{ var: 'stage' }] }, then: [{ action: 'warn' as const, message: '!' }] }] };
    expect(removeField(twoRules, 'notes').rules?.map((rule) => rule.key)).toEqual(['warn']);
  });

  it('renames an unsaved field everywhere it is named by key', () => {
    const draft = renameField(sampleDraft(), 'stage', 'phase');
    expect(keys(draft)).toContain('phase');
    expect(draft.rules?.[0].when).toEqual({ '==': [{ var: 'phase' }, 'lost'] });
    expect(renameField(sampleDraft(), 'amount', 'sum').fields.find((field) => field.key === 'more')?.options?.tabs).toMatchObject([{ fieldKeys: ['sum'] }, { fieldKeys: [] }]);
    expect(renameField(sampleDraft(), 'name', 'stage')).toEqual(sampleDraft());
  });

  it('sets and clears properties and options', () => {
    let draft = updateField(sampleDraft(), 'notes', { required: true, label: { 'zh-CN': '备注', 'en-US': 'Notes' } });
    expect(draft.fields[3]).toMatchObject({ required: true, label: { 'en-US': 'Notes' } });
    draft = updateField(draft, 'notes', { required: undefined });
    expect('required' in draft.fields[3]).toBe(false);
    draft = setFieldOption(draft, 'notes', 'rows', 4);
    expect(draft.fields[3].options).toEqual({ rows: 4 });
    draft = setFieldOption(draft, 'notes', 'rows', undefined);
    expect('options' in draft.fields[3]).toBe(false);
  });
});
