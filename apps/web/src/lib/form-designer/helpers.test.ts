import { describe, expect, it } from 'vitest';
import { freshKey, keyStem } from './keys';
import { ownLabelText, withLabelText } from './labels';
import { numberOptionValue, simpleOptions, stringListValue } from './option-schema';
import { paletteGroups } from './palette';
import { patchPayload, suggestFormKey, toPayload } from './payload';
import { addRule, changeActionKind, fieldsForAction, moveRule, removeRule } from './rules';
import { fieldTypeInfos, sampleDraft } from '../../test/sample-form-design';

describe('keys', () => {
  it('makes keys from type names', () => {
    expect(keyStem('multiSelect')).toBe('multi_select');
    expect(keyStem('moneyInWords')).toBe('money_in_words');
    expect(keyStem('客户')).toBe('field');
    expect(freshKey(new Set(['text_1']), 'text')).toBe('text_2');
    expect(suggestFormKey(['form_1', 'form_2'])).toBe('form_3');
  });
});

describe('labels', () => {
  it('keeps a primary-only label a string and adds translations as a map', () => {
    expect(withLabelText('名称', 'zh-CN', '客户名称')).toBe('客户名称');
    const both = withLabelText('名称', 'en-US', 'Name');
    expect(both).toEqual({ 'zh-CN': '名称', 'en-US': 'Name' });
    expect(ownLabelText(both, 'en-US')).toBe('Name');
    expect(ownLabelText('名称', 'en-US')).toBe('');
    expect(withLabelText(both, 'en-US', '')).toBe('名称');
    expect(withLabelText('名称', 'zh-CN', '')).toBe('');
  });
});

describe('palette', () => {
  it('groups every type the server lists, layout items last', () => {
    const types = fieldTypeInfos();
    const groups = paletteGroups(types);
    expect(groups.map((group) => group.key)).toEqual(['basic', 'choice', 'people', 'date', 'file', 'advanced', 'layout']);
    expect(groups.flatMap((group) => group.items).length).toBe(types.length);
    expect(groups.at(-1)?.items.map((item) => item.type)).toEqual(['divider', 'description', 'tabs']);
  });
});

describe('simpleOptions', () => {
  it('reads the plain options of a type from its JSON Schema, leaving dedicated ones to their editors', () => {
    const number = fieldTypeInfos().find((info) => info.type === 'number')!;
    const options = simpleOptions('number', number.options);
    expect(options.find((option) => option.name === 'decimals')).toEqual({ name: 'decimals', kind: 'number', integer: true, min: 0, max: 8, defaultValue: 0 });
    expect(options.find((option) => option.name === 'thousandsSeparator')).toEqual({ name: 'thousandsSeparator', kind: 'boolean' });
    expect(options.find((option) => option.name === 'placeholder')).toMatchObject({ kind: 'localized' });
    expect(options.some((option) => option.name === 'default')).toBe(false);
    const datetime = fieldTypeInfos().find((info) => info.type === 'datetime')!;
    expect(simpleOptions('datetime', datetime.options).find((option) => option.name === 'precision')).toEqual({ name: 'precision', kind: 'enum', values: ['minute', 'second'], defaultValue: 'minute' });
    const select = fieldTypeInfos().find((info) => info.type === 'select')!;
    // The default's three options have the default value editor.
    expect(simpleOptions('select', select.options).map((option) => option.name)).toEqual(['placeholder']);
    const rollup = fieldTypeInfos().find((info) => info.type === 'rollup')!;
    expect(simpleOptions('rollup', rollup.options).map((option) => option.name)).toEqual(['aggregate', 'decimals']);
  });

  it('turns typed values into option values', () => {
    expect(numberOptionValue('')).toBeUndefined();
    expect(numberOptionValue('2')).toBe(2);
    expect(stringListValue('image/*, .pdf，.docx')).toEqual(['image/*', '.pdf', '.docx']);
    expect(stringListValue(' ')).toBeUndefined();
  });
});

describe('payload', () => {
  it('drops empty parts for POST and always sends rules, settings and the version for PATCH', () => {
    const draft = { ...sampleDraft(), rules: [], settings: {} };
    draft.fields = [...draft.fields, { key: 'x', type: 'text', label: 'x', options: {} }];
    const payload = toPayload(draft);
    expect('rules' in payload || 'settings' in payload).toBe(false);
    expect(payload.fields.at(-1)).toEqual({ key: 'x', type: 'text', label: 'x' });
    expect(patchPayload(draft, 4)).toMatchObject({ rules: [], settings: {}, version: 4 });
  });
});

describe('rules', () => {
  it('adds, orders and removes rules', () => {
    const { draft, key } = addRule(sampleDraft());
    expect(key).toBe('rule_1');
    expect(draft.rules?.map((rule) => rule.key)).toEqual(['lost_hides_amount', 'rule_1']);
    expect(moveRule(draft, 'rule_1', -1).rules?.map((rule) => rule.key)).toEqual(['rule_1', 'lost_hides_amount']);
    expect('rules' in removeRule(removeRule(draft, 'rule_1'), 'lost_hides_amount')).toBe(false);
  });

  it('offers the fields each action applies to and keeps what fits when the action changes', () => {
    const fields = sampleDraft().fields;
    expect(fieldsForAction(fields, 'hide').map((field) => field.key)).toEqual(['name', 'stage', 'amount', 'notes', 'more']);
    expect(fieldsForAction(fields, 'require').map((field) => field.key)).toEqual(['name', 'stage', 'amount', 'notes']);
    expect(fieldsForAction(fields, 'error')).toEqual([]);
    expect(changeActionKind(fields, { action: 'hide', fields: ['more', 'notes'] }, 'require')).toEqual({ action: 'require', fields: ['notes'] });
    expect(changeActionKind(fields, { action: 'hide', fields: ['notes'] }, 'error')).toEqual({ action: 'error' });
  });
});
