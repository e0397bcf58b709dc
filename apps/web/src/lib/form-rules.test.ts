import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { evaluateFormRules, type FormRuleOutcome } from '@platform/form-engine';
import { rulesForm } from '../test/sample-rules-form';
import { recordToFormValues } from './form-values';
import { applyRuleOutcome, deriveValues, evaluateRecordRules, ruleContext, stageGateFields, unsentFields } from './form-rules';

const context = ruleContext(null, new Date('2026-03-10T04:00:00Z'));
const outcome = (patch: Partial<FormRuleOutcome> = {}): FormRuleOutcome => ({
  hidden: new Set(), readonly: new Set(), required: new Set(), setValues: {}, errors: [], warnings: [], ...patch,
});
const evaluate = (data: Record<string, unknown>, stored?: Record<string, unknown>, locale = 'zh-CN') =>
  evaluateRecordRules(rulesForm, recordToFormValues(rulesForm.fields, data), { locale, stored, context });

describe('applyRuleOutcome', () => {
  it('turns an outcome into hidden, required and disabled fields', () => {
    const state = applyRuleOutcome(
      rulesForm,
      outcome({ hidden: new Set(['notes']), required: new Set(['title', 'deadline', 'notes', 'total']), readonly: new Set(['owner_name']) }),
      {},
      { locale: 'zh-CN' },
    );
    expect([...state.hidden]).toEqual(['notes']);
    // A hidden field is never required, nor a derived one (nobody can fill it).
    expect([...state.required].sort()).toEqual(['deadline', 'title']);
    expect([...state.disabled]).toEqual(['owner_name']);
    expect([...unsentFields(state)].sort()).toEqual(['notes', 'owner_name']);
  });

  it('hides the fields of a hidden tabs item', () => {
    const state = applyRuleOutcome(rulesForm, outcome({ hidden: new Set(['detail']) }), {}, { locale: 'zh-CN' });
    expect([...state.hidden].sort()).toEqual(['category', 'detail', 'id_no', 'notes', 'period', 'site']);
  });

  it('writes setValue values as form values, only where they change something', () => {
    const values = recordToFormValues(rulesForm.fields, { region: 'north', deadline: null });
    const state = applyRuleOutcome(
      rulesForm,
      outcome({ setValues: { region: 'east', deadline: '2026-04-01', total: 5, title: { formula: 'x' } } }),
      values,
      { locale: 'zh-CN' },
    );
    expect(state.setValues.region).toBe('east');
    expect(dayjs.isDayjs(state.setValues.deadline) && (state.setValues.deadline as dayjs.Dayjs).format('YYYY-MM-DD')).toBe('2026-04-01');
    // Derived fields are the server's, formula values too.
    expect(state.setValues).not.toHaveProperty('total');
    expect(state.setValues).not.toHaveProperty('title');
    expect(state.values.region).toBe('east');

    const again = applyRuleOutcome(rulesForm, outcome({ setValues: { region: 'east' } }), state.values, { locale: 'zh-CN' });
    expect(again.setValues).toEqual({});
  });

  it('gives error and warning messages in the language asked for', () => {
    const result = outcome({
      errors: [{ ruleKey: 'a', message: { 'zh-CN': '错误', 'en-US': 'Error' } }],
      warnings: [{ ruleKey: 'b', message: '提醒' }],
    });
    expect(applyRuleOutcome(rulesForm, result, {}, { locale: 'en-US' })).toMatchObject({ errors: ['Error'], warnings: ['提醒'] });
    expect(applyRuleOutcome(rulesForm, result, {}, { locale: 'zh-CN' }).errors).toEqual(['错误']);
  });

  it('adds the stage-gated fields to the required ones', () => {
    const state = applyRuleOutcome(rulesForm, outcome(), {}, { locale: 'zh-CN', stageGated: ['reason'] });
    expect(state.required.has('reason')).toBe(true);
    expect(state.stageGated.has('reason')).toBe(true);
  });
});

describe('evaluateRecordRules over the form values', () => {
  it('hides notes and requires a deadline while urgent is on', () => {
    const off = evaluate({ urgent: false, stage: 'open' });
    expect(off.hidden.has('notes')).toBe(false);
    expect(off.required.has('deadline')).toBe(false);
    const on = evaluate({ urgent: true, stage: 'open' });
    expect(on.hidden.has('notes')).toBe(true);
    expect(on.required.has('deadline')).toBe(true);
  });

  it('shows the loss reason only for a lost deal, required by the stage gate', () => {
    expect(evaluate({ stage: 'open' }).hidden.has('reason')).toBe(true);
    expect(evaluate({}).hidden.has('reason')).toBe(true);
    const lost = evaluate({ stage: 'lost' });
    expect(lost.hidden.has('reason')).toBe(false);
    expect(lost.required.has('reason')).toBe(true);
    // A record already lost is not entering the stage: the gate does not apply again.
    expect(evaluate({ stage: 'lost' }, { stage: 'lost' }).required.has('reason')).toBe(false);
  });

  it('blocks on errors and only warns on warnings', () => {
    expect(evaluate({ qty: 101 }).errors).toEqual(['数量不能超过 100']);
    expect(evaluate({ qty: 100 }).errors).toEqual([]);
    const warned = evaluate({ discount: 85 }, undefined, 'en-US');
    expect(warned.warnings).toEqual(['Needs the director']);
    expect(warned.errors).toEqual([]);
  });

  it('makes fields read-only and sets values', () => {
    const state = evaluate({ locked: true, region: 'north' });
    expect(state.disabled.has('owner_name')).toBe(true);
    expect(state.setValues).toEqual({ region: 'east' });
  });

  it('computes formulas live, per their result type', () => {
    const state = evaluate({ qty: 3, price: 4000.5 });
    expect(state.derived).toEqual({ total: 12001.5, big: true });
    expect(state.wire.total).toBe(12001.5);
    expect(deriveValues(rulesForm.fields, {}, context)).toEqual({ total: 0, big: false });
  });

  it('previews a rollup over sub-form rows from the row formulas', () => {
    const fields = [
      { key: 'lines', type: 'subForm', label: '明细', options: { fields: [
        { key: 'n', type: 'number', label: '数量' },
        { key: 'unit', type: 'money', label: '单价' },
        { key: 'amount', type: 'formula', label: '小计', options: { expression: 'n * unit', resultType: 'number', decimals: 2 } },
      ] } },
      { key: 'lines_total', type: 'rollup', label: '合计', options: { subFormField: 'lines', targetField: 'amount', aggregate: 'sum' } },
    ] as const;
    const rows = [{ n: 10, unit: 1.5 }, { n: 4, unit: 2.25 }];
    expect(deriveValues(fields as never, { lines: rows }, context)).toEqual({ lines_total: 24 });
  });

  it('agrees with evaluateFormRules on the wire values', () => {
    const wire = { urgent: true, stage: 'lost' };
    const direct = evaluateFormRules(rulesForm, wire, context);
    expect(direct.hidden.has('notes')).toBe(true);
    expect(direct.hidden.has('reason')).toBe(false);
    expect(stageGateFields(rulesForm, wire, null)).toEqual(['reason']);
  });
});
