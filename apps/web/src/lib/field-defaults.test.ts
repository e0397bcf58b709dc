import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { FieldDefinition } from '@platform/schema';
import type { FormMeta, RecordItem } from '../api/types';
import { newRow } from '../components/fields/sub-form-rows';
import { copiedTargetValue, defaultContext, defaultCopies, defaultedFieldKeys, defaultUpdates, fetchedCopyKey } from './field-defaults';
import { defaultFormValues, recordToFormValues, toWireValue } from './form-values';

const CUSTOMER = '0190a6f2-7c3b-7d4e-8f00-0000000000c1';
const OTHER = '0190a6f2-7c3b-7d4e-8f00-0000000000c2';
const USER = '0190a6f2-7c3b-7d4e-8f00-000000000001';
const DEPT = '0190a6f2-7c3b-7d4e-8f00-0000000000d1';

const field = (key: string, type: FieldDefinition['type'], options: Record<string, unknown> = {}): FieldDefinition => ({ key, type, label: key, options });
const levels = { options: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }] };

const form: FormMeta = {
  key: 'deal',
  name: 'Deal',
  version: 1,
  fields: [
    field('title', 'text'),
    field('qty', 'number'),
    field('price', 'money'),
    field('stage', 'select', { options: [{ key: 'open', label: 'Open' }], default: 'open' }),
    field('total', 'money', { defaultFormula: 'qty * price' }),
    field('due', 'date', { defaultFormula: 'DATEADD(TODAY(), 30, "d")' }),
    field('alias', 'text', { defaultFrom: 'title' }),
    field('owner', 'member', { defaultFrom: '$user.id' }),
    field('teams', 'departments', { defaultFrom: '$user.departmentId' }),
    field('customer', 'relation', { targetForm: 'customer' }),
    field('level', 'select', { ...levels, defaultFrom: 'customer.level' }),
    field('words', 'moneyInWords', { sourceField: 'total' }),
  ],
};

// 20:00 UTC on 31 December is 1 January in Shanghai, the time zone the server counts days in.
const context = defaultContext({ id: USER, departmentIds: [DEPT] }, new Date('2024-12-31T20:00:00Z'));
const valuesOf = (data: Record<string, unknown>) => recordToFormValues(form.fields, data);
const wire = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, toWireValue(form.fields.find((candidate) => candidate.key === key)!, value)]));

describe('defaults in the browser', () => {
  it('starts a new record from every default the engine computes', () => {
    const values = defaultFormValues(form.fields, context);
    expect(dayjs.isDayjs(values.due)).toBe(true);
    // qty * price over nothing is 0, as on the server (empty counts as 0 in arithmetic).
    expect(wire(values)).toEqual({ stage: 'open', total: 0, due: '2025-01-31', owner: USER, teams: [DEPT] });
    // Without a user, no $user default; derived fields never get one.
    expect(Object.keys(defaultFormValues(form.fields, defaultContext(null, context.now))).sort()).toEqual(['due', 'stage', 'total']);
    expect([...defaultedFieldKeys(form.fields)]).not.toContain('words');
  });

  it('re-evaluates formulas and copies as their inputs change, until the user edits the field', () => {
    const start = valuesOf({ title: 'ACME', qty: 2, price: 10, stage: 'open' });
    expect(wire(defaultUpdates(form, start, new Set(), context))).toEqual({ total: 20, due: '2025-01-31', alias: 'ACME', owner: USER, teams: [DEPT] });

    // The form already shows those: nothing to change, so the form settles.
    const settled = { ...start, ...defaultUpdates(form, start, new Set(), context) };
    expect(defaultUpdates(form, settled, new Set(), context)).toEqual({});

    const changed = { ...settled, qty: 3, title: 'Acme Ltd' };
    expect(wire(defaultUpdates(form, changed, new Set(), context))).toEqual({ total: 30, alias: 'Acme Ltd' });
    // Fields the user edited keep what they typed, whatever their inputs do.
    expect(wire(defaultUpdates(form, { ...changed, total: 7 }, new Set(['total']), context))).toEqual({ alias: 'Acme Ltd' });
    // An input cleared empties the default it fed.
    expect(wire(defaultUpdates(form, { ...settled, title: null }, new Set(), context))).toEqual({ alias: null });
  });

  it('fetches the record a chosen relation points at, then copies its field', () => {
    const chosen = { ...valuesOf({ customer: CUSTOMER }) };
    const edited = new Set(['customer']);
    const first = defaultCopies(form, chosen, edited, context, {});
    expect(first.missing).toEqual([{ key: 'customer.level', relationField: 'customer', targetField: 'level', targetForm: 'customer', recordId: CUSTOMER }]);
    expect(defaultUpdates(form, chosen, edited, context, first.copied)).not.toHaveProperty('level');

    const fetched = { [fetchedCopyKey(first.missing[0])]: 'b' };
    const second = defaultCopies(form, chosen, edited, context, fetched);
    expect(second).toEqual({ copied: { 'customer.level': 'b' }, missing: [] });
    expect(defaultUpdates(form, chosen, edited, context, second.copied)).toMatchObject({ level: 'b' });

    // Another record: asked again; the level the user picked stays.
    const other = { ...chosen, customer: OTHER };
    expect(defaultCopies(form, other, edited, context, fetched).missing.map((request) => request.recordId)).toEqual([OTHER]);
    expect(defaultUpdates(form, { ...other, level: 'a' }, new Set(['customer', 'level']), context, { 'customer.level': 'b' })).not.toHaveProperty('level');
  });

  it('copies from a fetched record only what the user may see unmasked', () => {
    const record = { id: CUSTOMER, data: { level: 'b', phone: '138****5678' } } as unknown as RecordItem;
    const target = { key: 'customer', name: 'C', version: 1, fields: [], access: { actions: ['read'], editable: [], unfilterable: ['phone'] } } as FormMeta;
    expect(copiedTargetValue(record, 'level', target)).toBe('b');
    expect(copiedTargetValue(record, 'phone', target)).toBeNull();
    expect(copiedTargetValue(record, 'secret', target)).toBeNull();
    expect(copiedTargetValue(null, 'level', target)).toBeNull();
  });

  it('gives a new sub-form row its literal and formula defaults', () => {
    const columns = [field('qty', 'number', { default: 2 }), field('price', 'money', { default: 1.5 }), field('amount', 'money', { defaultFormula: 'qty * price' }), field('note', 'text')];
    expect(newRow(columns, { now: context.now, timeZone: context.timeZone })).toEqual({ qty: 2, price: 1.5, amount: 3, note: null });
  });
});
