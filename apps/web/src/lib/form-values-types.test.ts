import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { rulesForm } from '../test/sample-rules-form';
import { createData, currentWireValues, formValuesToData, isInputField, recordToFormValues, toWireValue, wireToFormValue } from './form-values';

const fields = rulesForm.fields;
const byKey = (key: string) => fields.find((field) => field.key === key)!;

describe('form values of the richer types', () => {
  it('dateRange: {start,end} <-> a pair of pickers', () => {
    const form = wireToFormValue(byKey('period'), { start: '2026-03-01', end: '2026-03-31' }) as dayjs.Dayjs[];
    expect(form).toHaveLength(2);
    expect(dayjs.isDayjs(form[0]) && form[0].format('YYYY-MM-DD')).toBe('2026-03-01');
    expect(toWireValue(byKey('period'), form)).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(toWireValue(byKey('period'), [dayjs('2026-01-02T23:30:00'), dayjs('2026-01-05T00:10:00')])).toEqual({ start: '2026-01-02', end: '2026-01-05' });
    expect(wireToFormValue(byKey('period'), null)).toBeNull();
    expect(wireToFormValue(byKey('period'), { start: '2026-03-01' })).toBeNull();
    expect(toWireValue(byKey('period'), null)).toBeNull();
    expect(toWireValue(byKey('period'), [dayjs('2026-01-02'), null])).toBeNull();
  });

  it('cascader: the path of keys from the root, as the Cascader edits it', () => {
    expect(wireToFormValue(byKey('category'), ['hw', 'server'])).toEqual(['hw', 'server']);
    expect(wireToFormValue(byKey('category'), null)).toEqual([]);
    expect(toWireValue(byKey('category'), ['hw', 'server'])).toEqual(['hw', 'server']);
    expect(toWireValue(byKey('category'), undefined)).toBeNull();
    // An empty path is left out of a create.
    expect(createData({ category: toWireValue(byKey('category'), []) })).toEqual({});
  });

  it('location: {lng,lat,address}, null when all parts are empty', () => {
    const site = byKey('site');
    expect(wireToFormValue(site, { lng: 121.47, lat: 31.23, address: '上海市黄浦区' })).toEqual({ lng: 121.47, lat: 31.23, address: '上海市黄浦区' });
    expect(wireToFormValue(site, { lng: 121.47, lat: 31.23, address: null })).toEqual({ lng: 121.47, lat: 31.23, address: null });
    expect(wireToFormValue(site, null)).toBeNull();
    expect(toWireValue(site, { lng: 121.47, lat: 31.23, address: '  上海市黄浦区 ' })).toEqual({ lng: 121.47, lat: 31.23, address: '上海市黄浦区' });
    expect(toWireValue(site, { lng: 0, lat: 0, address: '' })).toEqual({ lng: 0, lat: 0, address: null });
    expect(toWireValue(site, { lng: null, lat: null, address: '   ' })).toBeNull();
    // A half-filled location goes as it is: the form's check (and the server) refuse it.
    expect(toWireValue(site, { lng: 121.47, lat: null, address: null })).toEqual({ lng: 121.47, lat: null, address: null });
    expect(isInputField(site)).toBe(true);
  });

  it('idNumber: a trimmed, upper-case string', () => {
    expect(toWireValue(byKey('id_no'), ' 11010519491231002x ')).toBe('11010519491231002X');
    expect(toWireValue(byKey('id_no'), '  ')).toBeNull();
    expect(wireToFormValue(byKey('id_no'), '11010519491231002X')).toBe('11010519491231002X');
  });

  it('richText: the HTML as is, null when it shows nothing', () => {
    expect(toWireValue(byKey('notes'), '<p><b>重要</b> 客户</p>')).toBe('<p><b>重要</b> 客户</p>');
    expect(toWireValue(byKey('notes'), '<p><br></p>')).toBeNull();
    expect(toWireValue(byKey('notes'), '&nbsp;')).toBeNull();
    expect(toWireValue(byKey('notes'), '<p><img src="/api/files/1"></p>')).toBe('<p><img src="/api/files/1"></p>');
  });

  it('formula: shown, never sent; tabs hold no value', () => {
    const values = recordToFormValues(fields, { title: 'A', qty: 2, price: 10, total: 20, big: false });
    expect(values).not.toHaveProperty('detail');
    const data = formValuesToData(fields, values);
    expect(data).not.toHaveProperty('total');
    expect(data).not.toHaveProperty('big');
    expect(data).not.toHaveProperty('detail');
    expect(data).toMatchObject({ title: 'A', qty: 2, price: 10 });
  });

  it('leaves out the fields it is told to (hidden or read-only by rules)', () => {
    const values = recordToFormValues(fields, { title: 'A', notes: '<p>x</p>', owner_name: '张三' });
    const data = formValuesToData(fields, values, new Set(['notes', 'owner_name']));
    expect(data).not.toHaveProperty('notes');
    expect(data).not.toHaveProperty('owner_name');
    expect(data.title).toBe('A');
  });

  it('gives the rules the stored record under the current values', () => {
    const values = recordToFormValues(fields, { title: 'B', period: { start: '2026-01-01', end: '2026-01-02' } });
    const wire = currentWireValues(fields, values, { title: 'A', total: 5, serial: 'X-1' });
    expect(wire).toMatchObject({ title: 'B', total: 5, serial: 'X-1', period: { start: '2026-01-01', end: '2026-01-02' } });
  });
});
