import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { sampleForm } from '../test/sample-form';
import { changedData, createData, defaultFormValues, formValuesToData, isInputField, recordToFormValues, toWireValue } from './form-values';

const fields = sampleForm.fields;
const byKey = (key: string) => fields.find((field) => field.key === key)!;

describe('form values', () => {
  it('turns wire values into picker values and back without changing them', () => {
    const data = {
      name: '华为', expected_close: '2024-03-31', last_contact: '2024-01-05T01:30:00.000Z', call_time: '09:30:00',
      stage: 'proposal', tags: ['vip'], qualified: true, amount: 120000.5, owner: 'u1', amount_words: '壹拾贰万元伍角',
    };
    const values = recordToFormValues(fields, data);
    expect(dayjs.isDayjs(values.expected_close)).toBe(true);
    expect(dayjs.isDayjs(values.call_time)).toBe(true);
    const back = formValuesToData(fields, values);
    expect(back).toMatchObject({
      name: '华为', expected_close: '2024-03-31', last_contact: '2024-01-05T01:30:00.000Z', call_time: '09:30:00',
      stage: 'proposal', tags: ['vip'], qualified: true, amount: 120000.5, owner: 'u1',
    });
    // Derived and layout fields are never sent.
    expect(back).not.toHaveProperty('amount_words');
    expect(back).not.toHaveProperty('code');
    expect(back).not.toHaveProperty('basics');
    // Missing values become empty: null, or [] for arrays.
    expect(back.notes).toBeNull();
    expect(back.needs).toEqual([]);
  });

  it('writes dates as YYYY-MM-DD, datetimes as UTC ISO and times as HH:mm:ss', () => {
    const picked = dayjs('2024-07-08T14:05:09');
    expect(toWireValue(byKey('expected_close'), picked)).toBe('2024-07-08');
    expect(toWireValue(byKey('last_contact'), picked)).toBe(picked.toDate().toISOString());
    expect(toWireValue(byKey('last_contact'), picked)).toMatch(/Z$/);
    expect(toWireValue(byKey('call_time'), picked)).toBe('14:05:09');
    expect(toWireValue(byKey('name'), '   ')).toBeNull();
    expect(toWireValue(byKey('amount'), undefined)).toBeNull();
  });

  it('sends only what changed on edit and only what is filled on create', () => {
    const original = { name: 'A', amount: 1, tags: [], notes: null };
    expect(changedData(original, { name: 'A', amount: 2, tags: [], notes: null })).toEqual({ amount: 2 });
    expect(changedData(original, { name: 'A', amount: 1, tags: null, notes: '' })).toEqual({});
    expect(createData({ name: 'A', notes: null, tags: [], qualified: false })).toEqual({ name: 'A', qualified: false });
  });

  it('starts a new record from literal defaults', () => {
    const withDefaults = [
      { key: 'stage', type: 'select' as const, label: 'S', options: { options: [{ key: 'new', label: 'New' }], default: 'new' } },
      { key: 'expected', type: 'date' as const, label: 'D', options: { default: '2024-01-01' } },
      { key: 'calc', type: 'number' as const, label: 'N', options: { default: { formula: 'today()' } } },
    ];
    const values = defaultFormValues(withDefaults);
    expect(values.stage).toBe('new');
    expect(dayjs.isDayjs(values.expected)).toBe(true);
    expect(values).not.toHaveProperty('calc');
  });

  it('knows which fields are editable inputs', () => {
    expect(isInputField(byKey('name'))).toBe(true);
    expect(isInputField(byKey('amount_words'))).toBe(false);
    expect(isInputField(byKey('code'))).toBe(false);
    expect(isInputField(byKey('basics'))).toBe(false);
  });
});
