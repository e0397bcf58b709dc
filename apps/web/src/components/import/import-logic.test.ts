import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '@platform/schema';
import {
  canImport, importableFields, jobFinished, jobPhase, mappedFieldCount, mappingOf, matchFieldChoices, pollDelay, progressPercent, secondsLeft, setColumnField, startBlocker,
} from './import-logic';
import type { ImportColumn, ImportJob } from './import-types';

const fields: FieldDefinition[] = [
  { key: 'code', type: 'text', label: { 'zh-CN': '编号', 'en-US': 'Code' }, options: { unique: true } },
  { key: 'title', type: 'text', label: '标题' },
  { key: 'amount', type: 'money', label: '金额' },
  { key: 'words', type: 'moneyInWords', label: '大写', options: { sourceField: 'amount' } },
  { key: 'split', type: 'divider', label: '分割' },
  { key: 'secret', type: 'text', label: '内部', options: { unique: true } },
];
const columns: ImportColumn[] = [
  { index: 0, header: 'ID', fieldKey: 'id', status: 'id' },
  { index: 1, header: '编号', fieldKey: 'code', status: 'field' },
  { index: 2, header: 'Titel', fieldKey: null, status: 'unknown' },
  { index: 3, header: '大写', fieldKey: null, status: 'derived' },
];
const job = (status: ImportJob['status'], done: number, total: number): ImportJob => ({
  id: 'j', status, progress: { done, total }, result: null, error: null, errorReportUrl: null,
});

describe('import wizard logic', () => {
  it('offers the import to users granted import and create', () => {
    expect(canImport(undefined)).toBe(true);
    expect(canImport({ actions: ['read', 'create', 'import'], editable: '*', unfilterable: [] })).toBe(true);
    expect(canImport({ actions: ['read', 'create'], editable: '*', unfilterable: [] })).toBe(false);
    expect(canImport({ actions: ['read', 'import'], editable: '*', unfilterable: [] })).toBe(false);
  });

  it('offers files and each row field of a sub-form as targets, keyed sub-form.field', () => {
    const withRows: FieldDefinition[] = [
      { key: 'doc', type: 'attachment', label: '附件' },
      { key: 'lines', type: 'subForm', label: '明细', options: { fields: [
        { key: 'item', type: 'text', label: '品名' },
        { key: 'amount', type: 'formula', label: '小计', options: { expression: '1', resultType: 'number' } },
      ] } },
    ];
    expect(importableFields(withRows, undefined).map((target) => target.key)).toEqual(['doc', 'lines.item']);
    expect(importableFields(withRows, { actions: [], editable: ['doc'], unfilterable: [] }).map((target) => target.key)).toEqual(['doc']);
  });

  it('lists as targets only fields the user may edit that hold a value of their own', () => {
    expect(importableFields(fields, undefined).map((target) => target.key)).toEqual(['code', 'title', 'amount', 'secret']);
    expect(importableFields(fields, { actions: [], editable: ['title', 'words'], unfilterable: [] }).map((target) => target.key)).toEqual(['title']);
  });

  it('maps a column to a field, taking the field away from the column that had it', () => {
    const moved = setColumnField(columns, 2, 'code');
    expect(moved.map((column) => [column.fieldKey, column.status])).toEqual([['id', 'id'], [null, 'skipped'], ['code', 'field'], [null, 'derived']]);
    expect(mappingOf(moved)).toEqual(['id', null, 'code', null]);
    const skipped = setColumnField(columns, 1, null);
    expect(mappingOf(skipped)).toEqual(['id', null, null, null]);
    expect(mappedFieldCount(skipped)).toBe(0);
    expect(mappingOf([...columns].reverse())).toEqual(['id', 'code', null, null]);
  });

  it('says what blocks the start and what an upsert can match on', () => {
    expect(matchFieldChoices(fields, columns)).toEqual(['id', 'code']);
    expect(startBlocker(columns, { mode: 'create', matchField: null, dryRun: false })).toBeNull();
    expect(startBlocker(setColumnField(columns, 1, null), { mode: 'create', matchField: null, dryRun: false })).toBe('noMappedColumns');
    expect(startBlocker(columns, { mode: 'upsert', matchField: null, dryRun: false })).toBe('noMatchField');
    expect(startBlocker(columns, { mode: 'upsert', matchField: 'secret', dryRun: false })).toBe('noMatchField');
    expect(startBlocker(columns, { mode: 'upsert', matchField: 'code', dryRun: true })).toBeNull();
  });

  it('turns job progress into a percentage, and knows when to stop polling', () => {
    expect(progressPercent(undefined)).toBe(0);
    expect(progressPercent(job('queued', 0, 0))).toBe(0);
    expect(progressPercent(job('running', 200, 5000))).toBe(4);
    expect(progressPercent(job('running', 5000, 5000))).toBe(99);
    expect(progressPercent(job('done', 5000, 5000))).toBe(100);
    expect(progressPercent(job('done', 0, 0))).toBe(100);
    expect([job('queued', 0, 1), job('running', 1, 2), job('done', 2, 2), job('failed', 1, 2)].map(jobFinished)).toEqual([false, false, true, true]);
    expect(secondsLeft(job('running', 1000, 5000), 10_000)).toBe(40);
    expect(secondsLeft(job('running', 0, 5000), 10_000)).toBeNull();
    expect([0, 3, 4, 19, 20, 100].map(pollDelay)).toEqual([400, 400, 1000, 1000, 2000, 2000]);
  });

  it('tells the reading of the file from the saving of its records', () => {
    const reading = { ...job('running', 5000, 20000), result: { phase: 'reading' } } as ImportJob;
    const saving = { ...job('running', 0, 19998), result: { phase: 'saving' } } as ImportJob;
    expect([jobPhase(undefined), jobPhase(job('queued', 0, 0)), jobPhase(reading), jobPhase(saving), jobPhase(job('running', 10, 20))])
      .toEqual(['queued', 'queued', 'reading', 'saving', 'saving']);
    // A workbook's reading fills the first fifth of the bar, the saving the rest: the bar never goes back.
    expect([progressPercent(reading, 20), progressPercent({ ...saving, progress: { done: 0, total: 19998 } }, 20), progressPercent({ ...saving, progress: { done: 9999, total: 19998 } }, 20)])
      .toEqual([5, 20, 60]);
    expect(progressPercent(reading)).toBe(0);
  });
});
