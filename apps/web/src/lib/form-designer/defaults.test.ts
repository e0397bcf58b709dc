import { describe, expect, it } from 'vitest';
import { validateFormDefinition } from '@platform/form-engine';
import { canCopyInto, defaultFormulaFields, defaultModeOf, defaultModes, defaultSourceOptions, defaultValueOf, setFieldDefault } from './defaults';
import type { FieldDefinition, FormDraft } from './types';
import { fieldTypeInfos } from '../../test/sample-form-design';

const info = (type: string) => fieldTypeInfos().find((entry) => entry.type === type);
const field = (key: string, type: FieldDefinition['type'], options?: Record<string, unknown>): FieldDefinition => ({ key, type, label: key, ...(options ? { options } : {}) });

const customer: { key: string; fields: FieldDefinition[] } = {
  key: 'customer',
  fields: [field('company', 'text'), field('level', 'select', { options: [{ key: 'a', label: 'A' }] }), field('manager', 'member'), field('credit', 'money'), field('notes_box', 'divider')],
};

const order = (): FormDraft => ({
  key: 'order',
  name: '订单',
  fields: [
    field('title', 'text'),
    field('customer', 'relation', { targetForm: 'customer' }),
    field('partners', 'relation', { targetForm: 'customer', multiple: true }),
    field('level', 'select', { options: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }] }),
    field('tags', 'multiSelect', { options: [{ key: 'a', label: 'A' }] }),
    field('owner', 'member'),
    field('helpers', 'members'),
    field('dept', 'department'),
    field('amount', 'money'),
    field('total', 'formula', { expression: 'amount * 2' }),
    field('due', 'date'),
    field('lines', 'subForm', { fields: [field('qty', 'number')] }),
    field('photo', 'image'),
    field('line', 'divider'),
  ],
});

describe('default modes', () => {
  it('offers what the type’s options schema takes', () => {
    expect(defaultModes('select', info('select'))).toEqual(['none', 'fixed', 'formula', 'from']);
    expect(defaultModes('member', info('member'))).toEqual(['none', 'fixed', 'from']);
    expect(defaultModes('image', info('image'))).toEqual(['none', 'from']);
    expect(defaultModes('formula', info('formula'))).toEqual([]);
    expect(defaultModes('divider', info('divider'))).toEqual([]);
    expect(defaultModes('subForm', info('subForm'))).toEqual([]);
  });

  it('reads the mode from the options, and setting one mode drops the others so the engine accepts it', () => {
    let draft = order();
    draft = setFieldDefault(draft, 'level', 'fixed', 'b');
    expect(draft.fields[3].options).toMatchObject({ default: 'b' });
    expect(defaultModeOf(draft.fields[3])).toBe('fixed');
    draft = setFieldDefault(draft, 'level', 'from', 'customer.level');
    expect(draft.fields[3].options?.default).toBeUndefined();
    expect(defaultModeOf(draft.fields[3])).toBe('from');
    expect(defaultValueOf(draft.fields[3], 'from')).toBe('customer.level');
    draft = setFieldDefault(draft, 'due', 'formula', 'DATEADD(TODAY(), 30, "d")');
    draft = setFieldDefault(draft, 'owner', 'from', '$user.id');
    expect(validateFormDefinition(draft).filter((issue) => String(issue.path[2]) === 'options')).toEqual([]);
    // An empty value removes the default, and with it an options object left empty.
    draft = setFieldDefault(draft, 'owner', 'fixed', null);
    expect(draft.fields[5].options).toBeUndefined();
    expect(defaultModeOf(draft.fields[5])).toBe('none');
  });
});

describe('copy sources', () => {
  it('fits values of the same kind, single values into lists, one relation into many', () => {
    expect(canCopyInto(field('a', 'textarea'), field('b', 'phone'))).toBe(true);
    expect(canCopyInto(field('a', 'number'), field('b', 'text'))).toBe(false);
    expect(canCopyInto(field('a', 'members'), field('b', 'member'))).toBe(true);
    expect(canCopyInto(field('a', 'member'), field('b', 'members'))).toBe(false);
    expect(canCopyInto(field('a', 'multiSelect'), field('b', 'radio'))).toBe(true);
    expect(canCopyInto(field('a', 'number'), field('b', 'formula', { expression: '1' }))).toBe(true);
    expect(canCopyInto(field('a', 'date'), field('b', 'formula', { expression: '"x"', resultType: 'text' }))).toBe(false);
    const one = field('a', 'relation', { targetForm: 'customer' });
    expect(canCopyInto(field('m', 'relation', { targetForm: 'customer', multiple: true }), one)).toBe(true);
    expect(canCopyInto(field('m', 'relation', { targetForm: 'contact' }), one)).toBe(false);
  });

  it('lists this form’s fields, the fields through each one-relation and the current user', () => {
    const draft = order();
    const values = (key: string) => defaultSourceOptions(draft, draft.fields.find((other) => other.key === key)!, [customer]).map((option) => option.value);
    expect(values('level')).toEqual(['customer.level']);
    expect(values('tags')).toEqual(['level', 'customer.level']);
    expect(values('helpers')).toEqual(['owner', 'customer.manager', '$user.id']);
    expect(values('owner')).toEqual(['customer.manager', '$user.id']);
    expect(values('dept')).toEqual(['$user.departmentId']);
    // Computed fields of this form come after the defaults; a target's stored formula is a value to copy.
    expect(values('amount')).toEqual(['customer.credit']);
    expect(values('title')).toEqual(['customer.company']);
    expect(values('partners')).toEqual(['customer']);
  });

  it('lets a default formula read input fields, not computed ones or itself', () => {
    const draft = order();
    expect(defaultFormulaFields(draft, draft.fields[8]).map((other) => other.key)).toEqual(['title', 'customer', 'partners', 'level', 'tags', 'owner', 'helpers', 'dept', 'due', 'lines', 'photo']);
  });
});
