import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '@platform/schema';
import type { RecordItem, RecordPage } from '../../api/types';
import type { SavedView } from '../../api/view-endpoints';
import { buildColumns } from '../record-columns';
import { applyViewColumns, changedWidths, clampWidth, frozenOffsets, moveColumn, shownKeys, toggleColumn } from './view-columns';
import { filterRowsOf } from './view-filter';
import { EMPTY_LANE, kanbanLanes, laneOf, moveData, moveTargets, withFieldValue, withRecord } from './kanban';
import { daysWithRecords, monthGrid, rangeCondition, recordDay, recordsByDay, shiftMonth, startOfDayInZone, visibleRange } from './calendar';
import { moveRefusalText } from './move-refusal';
import { groupedItems } from './table-groups';
import { bulkEditableFields, chunkIds, failureGroups, runBulk, toggleAll, toggleSelected } from './bulk';
import { groupFieldCandidates, initialViewKey, isDirty, stateOfView, viewBody } from './view-state';

const stage: FieldDefinition = {
  key: 'stage', type: 'select', label: '阶段',
  options: { options: [{ key: 'qualify', label: { 'zh-CN': '需求', 'en-US': 'Qualify' }, color: '#1677ff' }, { key: 'proposal', label: '方案' }] },
};
const fields: FieldDefinition[] = [
  { key: 'name', type: 'text', label: '名称' },
  { key: 'amount', type: 'money', label: '金额' },
  stage,
  { key: 'level', type: 'radio', label: '级别', options: { options: [{ key: 'a', label: 'A' }] } },
  { key: 'close_on', type: 'date', label: '成交日' },
  { key: 'met_at', type: 'datetime', label: '拜访' },
  { key: 'total', type: 'formula', label: '合计', options: { expression: 'amount', resultType: 'number' } },
  { key: 'files', type: 'attachment', label: '附件' },
  { key: 'split', type: 'divider', label: '分隔' },
];
const record = (id: string, data: Record<string, unknown>): RecordItem => ({ id, data, version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', createdBy: null, ownerId: null });

describe('view columns', () => {
  const all = buildColumns(fields);

  it('shows the view columns in its order with its widths, skipping unknown keys', () => {
    const shown = applyViewColumns(all, ['stage', 'ghost', 'name'], { name: 300, stage: 10 });
    expect(shown.map((c) => [c.key, c.width])).toEqual([['stage', 40], ['name', 300]]);
    expect(applyViewColumns(all, undefined, undefined).map((c) => c.key)).toEqual(all.map((c) => c.key));
    expect(shownKeys(all, [])).toEqual(all.map((c) => c.key));
  });

  it('toggles and moves columns, never hiding the last one', () => {
    expect(toggleColumn(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c']);
    expect(toggleColumn(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggleColumn(['a'], 'a', false)).toEqual(['a']);
    expect(moveColumn(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveColumn(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveColumn(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
  });

  it('pins the first columns after the selection column', () => {
    const cols = applyViewColumns(all, ['name', 'amount', 'stage'], { name: 100, amount: 150 });
    expect(frozenOffsets(cols, 2, 40)).toEqual([40, 140, undefined]);
    expect(frozenOffsets(cols, 9)).toEqual([0, 100, 250]);
    expect(frozenOffsets(cols, 0)).toEqual([undefined, undefined, undefined]);
  });

  it('clamps widths and keeps only the changed ones', () => {
    expect([clampWidth(3), clampWidth(99.6), clampWidth(5000), clampWidth(Number.NaN)]).toEqual([40, 100, 1200, 40]);
    const name = all.find((c) => c.key === 'name')!;
    expect(changedWidths(all, { name: name.width, amount: 333, ghost: 90 })).toEqual({ amount: 333 });
  });
});

describe('saved filters in the filter bar', () => {
  const id = (i: number) => `r${i}`;

  it('reads an AND of simple conditions as rows', () => {
    const { rows, rest } = filterRowsOf({ and: [{ in: [{ var: 'stage' }, ['qualify']] }, { '>': [{ var: 'amount' }, 100] }, { isEmpty: [{ var: 'close_on' }] }] }, fields, id);
    expect(rows).toEqual([
      { id: 'r0', field: 'stage', operator: 'in', value: ['qualify'] },
      { id: 'r1', field: 'amount', operator: '>', value: 100 },
      { id: 'r2', field: 'close_on', operator: 'isEmpty' },
    ]);
    expect(rest).toBeUndefined();
  });

  it('reads == on a choice field as "is one of", and between as a pair', () => {
    expect(filterRowsOf({ '==': [{ var: 'stage' }, 'proposal'] }, fields, id).rows).toEqual([{ id: 'r0', field: 'stage', operator: 'in', value: ['proposal'] }]);
    expect(filterRowsOf({ between: [{ var: 'close_on' }, '2026-01-01', '2026-01-31'] }, fields, id).rows[0].value).toEqual(['2026-01-01', '2026-01-31']);
  });

  it('keeps what the bar cannot show beside the rows', () => {
    const or = { or: [{ '==': [{ var: 'name' }, 'a'] }, { '==': [{ var: 'name' }, 'b'] }] };
    const hidden = { '==': [{ var: 'secret' }, 'x'] };
    const { rows, rest } = filterRowsOf({ and: [or, { contains: [{ var: 'name' }, 'x'] }, hidden] }, fields, id);
    expect(rows).toEqual([{ id: 'r0', field: 'name', operator: 'contains', value: 'x' }]);
    expect(rest).toEqual({ and: [or, hidden] });
    expect(filterRowsOf(null, fields, id)).toEqual({ rows: [], rest: undefined });
  });
});

describe('kanban', () => {
  const rows = [record('1', { stage: 'proposal' }), record('2', { stage: null }), record('3', { stage: 'qualify' }), record('4', { stage: 'gone' }), record('5', { stage: 'proposal' })];

  it('makes a lane per option in order, stray values after, the empty lane last', () => {
    const lanes = kanbanLanes(stage, rows, 'en-US', 'Empty');
    expect(lanes.map((l) => [l.key, l.label, l.records.map((r) => r.id)])).toEqual([
      ['qualify', 'Qualify', ['3']], ['proposal', '方案', ['1', '5']], ['gone', 'gone', ['4']], [EMPTY_LANE, 'Empty', ['2']],
    ]);
    expect(lanes[0].color).toBe('#1677ff');
  });

  it('moves a record by setting the field, to any other lane', () => {
    const lanes = kanbanLanes(stage, rows, 'zh-CN', '空');
    expect(laneOf(rows[1], 'stage')).toBe(EMPTY_LANE);
    expect(moveData('stage', lanes[1])).toEqual({ stage: 'proposal' });
    expect(moveData('stage', lanes[3])).toEqual({ stage: null });
    expect(moveTargets(lanes, 'proposal').map((l) => l.key)).toEqual(['qualify', 'gone', EMPTY_LANE]);
  });

  it('updates loaded pages optimistically and with the answer', () => {
    const pages: RecordPage[] = [{ items: rows.slice(0, 2), nextCursor: 'c', total: 5, totalIsEstimate: false }, { items: rows.slice(2), nextCursor: null, total: 5, totalIsEstimate: false }];
    const moved = withFieldValue(pages, '3', 'stage', 'proposal');
    expect(moved[1].items[0].data.stage).toBe('proposal');
    expect(pages[1].items[0].data.stage).toBe('qualify');
    const answered = withRecord(moved, { ...rows[2], version: 2 });
    expect(answered[1].items[0]).toMatchObject({ version: 2, data: { stage: 'qualify' } });
  });
});

describe('calendar', () => {
  it('lays a month out in whole weeks from Monday', () => {
    const weeks = monthGrid({ year: 2027, month: 1 });
    expect(weeks).toHaveLength(4);
    expect(weeks[0][0]).toEqual({ date: '2027-02-01', day: 1, inMonth: true });
    const february = monthGrid({ year: 2026, month: 1 });
    expect(february).toHaveLength(5);
    expect(february[0][0]).toEqual({ date: '2026-01-26', day: 26, inMonth: false });
    const march = monthGrid({ year: 2026, month: 2 });
    expect(march[0][0].date).toBe('2026-02-23');
    expect(march.at(-1)!.at(-1)!.date).toBe('2026-04-05');
    expect(monthGrid({ year: 2026, month: 2 }, 0)[0][0].date).toBe('2026-03-01');
    expect(visibleRange({ year: 2026, month: 2 })).toEqual({ from: '2026-02-23', to: '2026-04-05' });
  });

  it('steps across years', () => {
    expect(shiftMonth({ year: 2026, month: 0 }, -1)).toEqual({ year: 2025, month: 11 });
    expect(shiftMonth({ year: 2026, month: 11 }, 1)).toEqual({ year: 2027, month: 0 });
  });

  it('puts datetimes on the day of the time zone', () => {
    expect(recordDay('2026-03-01T17:00:00Z', true, 'Asia/Shanghai')).toBe('2026-03-02');
    expect(recordDay('2026-03-01T17:00:00Z', true, 'UTC')).toBe('2026-03-01');
    expect(recordDay('2026-03-05', false)).toBe('2026-03-05');
    expect(recordDay(null, false)).toBeNull();
    expect(recordDay('nonsense', true)).toBeNull();
  });

  it('buckets records by day and lists the days that have some', () => {
    const rows = [record('1', { d: '2026-03-05' }), record('2', { d: '2026-03-01' }), record('3', { d: '2026-03-05' }), record('4', { d: '2026-04-20' })];
    const byDay = recordsByDay(rows, (r) => r.data.d, false);
    expect(byDay.get('2026-03-05')!.map((r) => r.id)).toEqual(['1', '3']);
    expect(daysWithRecords(byDay, '2026-03-01', '2026-03-31')).toEqual(['2026-03-01', '2026-03-05']);
  });

  it('asks the server for the visible days only', () => {
    expect(rangeCondition('close_on', false, '2026-02-23', '2026-04-05')).toEqual({ between: [{ var: 'close_on' }, '2026-02-23', '2026-04-05'] });
    expect(startOfDayInZone('2026-03-02', 'Asia/Shanghai')).toBe('2026-03-01T16:00:00.000Z');
    expect(rangeCondition('met_at', true, '2026-02-23', '2026-04-05', 'Asia/Shanghai')).toEqual({
      and: [{ '>=': [{ var: 'met_at' }, '2026-02-22T16:00:00.000Z'] }, { '<': [{ var: 'met_at' }, '2026-04-05T16:00:00.000Z'] }],
    });
  });
});

describe('table groups', () => {
  it('puts a header with a count before each non-empty group', () => {
    const rows = [record('1', { stage: 'proposal' }), record('2', { stage: 'qualify' }), record('3', {})];
    const items = groupedItems(rows, stage, 'zh-CN', '（空）');
    expect(items.map((i) => (i.kind === 'group' ? `#${i.label}:${i.count}` : i.record.id))).toEqual(['#需求:1', '2', '#方案:1', '1', '#（空）:1', '3']);
    expect(groupedItems(rows, undefined, 'zh-CN', '')).toHaveLength(3);
  });
});

describe('bulk', () => {
  it('chunks ids', () => {
    expect(chunkIds(['a', 'b', 'c'], 2)).toEqual([['a', 'b'], ['c']]);
    expect(chunkIds([], 2)).toEqual([]);
  });

  it('reports progress per chunk and collects the failures', async () => {
    const seen: number[] = [];
    const result = await runBulk(['a', 'b', 'c'], async (ids) => ({ succeeded: ids.filter((id) => id !== 'b'), failed: ids.includes('b') ? [{ id: 'b', status: 404, code: 'NOT_FOUND', message: 'gone' }] : [] }), (p) => seen.push(p.done), 2);
    expect(seen).toEqual([2, 3]);
    expect(result.succeeded).toEqual(['a', 'c']);
    expect(result.failed.map((f) => f.id)).toEqual(['b']);
  });

  it('fails the rest with the reason when a call is refused as a whole', async () => {
    let calls = 0;
    const result = await runBulk(['a', 'b', 'c'], async (ids) => {
      calls += 1;
      if (calls === 2) throw Object.assign(new Error('no'), { status: 403, code: 'FORBIDDEN' });
      return { succeeded: ids, failed: [] };
    }, undefined, 1);
    expect(calls).toBe(2);
    expect(result.succeeded).toEqual(['a']);
    expect(result.failed).toEqual([{ id: 'b', status: 403, code: 'FORBIDDEN', message: 'no' }, { id: 'c', status: 403, code: 'FORBIDDEN', message: 'no' }]);
    expect(failureGroups(result.failed)).toEqual([{ code: 'FORBIDDEN', message: 'no', ids: ['b', 'c'] }]);
  });

  it('offers only plain fields the user may edit', () => {
    expect(bulkEditableFields(fields, undefined).map((f) => f.key)).toEqual(['name', 'amount', 'stage', 'level', 'close_on', 'met_at']);
    expect(bulkEditableFields(fields, { actions: [], editable: ['stage', 'total'], unfilterable: [] }).map((f) => f.key)).toEqual(['stage']);
  });

  it('toggles one and all', () => {
    expect([...toggleSelected(new Set(['a']), 'b')]).toEqual(['a', 'b']);
    expect([...toggleSelected(new Set(['a']), 'a')]).toEqual([]);
    expect([...toggleAll(new Set(['a']), ['a', 'b'])]).toEqual(['a', 'b']);
    expect([...toggleAll(new Set(['a', 'b']), ['a', 'b'])]).toEqual([]);
  });
});

describe('view state', () => {
  const saved: SavedView = {
    id: 'x', key: 'board', formKey: 'deal', name: 'Board', type: 'kanban', groupField: 'stage', sort: [{ field: 'amount', dir: 'desc' }],
    personal: true, ownerId: 'u', editable: true, createdAt: '', updatedAt: '',
  };

  it('opens a view and tells when the page differs from it', () => {
    const state = stateOfView(saved);
    expect(state).toEqual({ type: 'kanban', columnWidths: {}, frozenColumns: 0, sort: [{ field: 'amount', dir: 'desc' }], groupField: 'stage' });
    expect(isDirty(saved, state)).toBe(false);
    expect(isDirty(saved, { ...state, sort: [] })).toBe(true);
    expect(isDirty(undefined, stateOfView(undefined))).toBe(false);
  });

  it('saves every property, clearing the removed ones', () => {
    expect(viewBody({ type: 'table', columns: ['name'], columnWidths: {}, frozenColumns: 2, sort: [] })).toEqual({
      type: 'table', columns: ['name'], columnWidths: null, frozenColumns: 2, sort: [], filter: null, groupField: null,
    });
    expect(viewBody({ type: 'kanban', columnWidths: { name: 90 }, frozenColumns: 2, sort: [], groupField: 'stage' })).toMatchObject({ frozenColumns: null, columnWidths: { name: 90 }, groupField: 'stage' });
  });

  it('offers group fields by view type', () => {
    const created: FieldDefinition = { key: 'createdAt', type: 'datetime', label: '创建时间' };
    expect(groupFieldCandidates(fields, 'kanban').map((f) => f.key)).toEqual(['stage', 'level']);
    expect(groupFieldCandidates(fields, 'calendar', [created]).map((f) => f.key)).toEqual(['close_on', 'met_at', 'createdAt']);
    expect(groupFieldCandidates(fields, 'cards')).toEqual([]);
  });

  it('picks the asked-for view, else the remembered one, else the default', () => {
    const views = [{ key: 'a' }, { key: 'b' }];
    expect(initialViewKey(views, 'b', 'a')).toBe('b');
    expect(initialViewKey(views, 'zz', 'a')).toBe('a');
    expect(initialViewKey(views, null, 'gone')).toBe('');
  });
});

describe('why a card did not move', () => {
  const translate = (key: string, fallback: string, values?: Record<string, string | number>) => (key === 'views.kanban.stageGate' ? `进入“${values?.stage}”前需要先填写：${values?.fields}` : `${key}|${fallback}`);

  it('names the stage and the missing fields of a stage gate', () => {
    const error = { code: 'VALIDATION_FAILED', message: 'amount is required', details: { issues: [{ path: ['amount'], code: 'stage_gate', message: 'x' }, { path: ['close_on'], code: 'stage_gate', message: 'y' }] } };
    expect(moveRefusalText(error, fields, '方案', 'zh-CN', translate)).toBe('进入“方案”前需要先填写：金额、成交日');
  });

  it('falls back to the issue or the error code', () => {
    expect(moveRefusalText({ code: 'VALIDATION_FAILED', message: 'm', details: { issues: [{ path: ['x'], code: 'required', message: 'r' }] } }, fields, 'L', 'en-US', translate)).toBe('issues.required|r');
    expect(moveRefusalText({ code: 'FORBIDDEN', message: 'no' }, fields, 'L', 'en-US', translate)).toBe('errors.FORBIDDEN|no');
    expect(moveRefusalText({ code: 'ODD', message: 'odd' }, fields, 'L', 'en-US', translate)).toBe('odd');
  });
});
