import type { FormDefinition } from '@platform/schema';
import { evaluateFormRules, formRuleIssues } from './evaluate-form-rules';

const ctx = { now: new Date('2026-11-27T00:00:00Z'), timeZone: 'Asia/Shanghai' };
const form: FormDefinition = {
  key: 'opp',
  name: 'Opp',
  fields: [
    { key: 'stage', type: 'select', label: 'Stage', required: true, options: { options: [{ key: 'open', label: 'Open' }, { key: 'lost', label: 'Lost' }] } },
    { key: 'loss_reason', type: 'text', label: 'Loss reason', required: true },
    { key: 'discount', type: 'percent', label: 'Discount' },
    { key: 'approver', type: 'text', label: 'Approver' },
    { key: 'locked', type: 'switch', label: 'Locked' },
  ],
  rules: [
    { key: 'loss_only_when_lost', when: { '!=': [{ var: 'stage' }, 'lost'] }, then: [{ action: 'hide', fields: ['loss_reason'] }] },
    { key: 'big_discount', when: { '<': [{ var: 'discount' }, 90] }, then: [{ action: 'require', fields: ['approver'] }, { action: 'warn', message: { 'zh-CN': '需总监审批', 'en-US': 'Needs the director' } }] },
    { key: 'no_discount_below_50', when: { '<': [{ var: 'discount' }, 50] }, then: [{ action: 'error', message: 'Discount below 50% is not allowed' }] },
    { key: 'lock', when: { '==': [{ var: 'locked' }, true] }, then: [{ action: 'readonly', fields: ['discount'] }, { action: 'setValue', fields: ['approver'], value: 'system' }] },
  ],
};

describe('evaluateFormRules', () => {
  it.each([
    ['open with no discount', { stage: 'open' }, { hidden: ['loss_reason'], required: ['stage'], readonly: [], errors: 0, warnings: 0 }],
    ['lost', { stage: 'lost' }, { hidden: [], required: ['stage', 'loss_reason'], readonly: [], errors: 0, warnings: 0 }],
    ['85% discount', { stage: 'open', discount: 85 }, { hidden: ['loss_reason'], required: ['stage', 'approver'], readonly: [], errors: 0, warnings: 1 }],
    ['40% discount', { stage: 'open', discount: 40 }, { hidden: ['loss_reason'], required: ['stage', 'approver'], readonly: [], errors: 1, warnings: 1 }],
    ['locked', { stage: 'open', locked: true }, { hidden: ['loss_reason'], required: ['stage'], readonly: ['discount'], errors: 0, warnings: 0 }],
  ])('%s', (_name, values, expected) => {
    const o = evaluateFormRules(form, values, ctx);
    expect([...o.hidden].sort()).toEqual(expected.hidden.sort());
    expect([...o.required].sort()).toEqual(expected.required.sort());
    expect([...o.readonly]).toEqual(expected.readonly);
    expect(o.errors).toHaveLength(expected.errors);
    expect(o.warnings).toHaveLength(expected.warnings);
  });

  it('sets values and reports issues for rule errors and rule-required fields', () => {
    const o = evaluateFormRules(form, { stage: 'open', locked: true, discount: 40 }, ctx);
    expect(o.setValues).toEqual({ approver: 'system' });
    const issues = formRuleIssues(o, { stage: 'open', discount: 40, ...o.setValues }, 'en-US');
    expect(issues).toEqual([{ path: [], code: 'rule', message: 'Discount below 50% is not allowed' }]);
    expect(formRuleIssues(evaluateFormRules(form, { stage: 'lost' }, ctx), { stage: 'lost' })).toEqual([
      { path: ['loss_reason'], code: 'required', message: 'loss_reason is required' },
    ]);
  });

  it('compares formula, rollup and lookup fields as the values they hold', () => {
    const totals: FormDefinition = {
      key: 'quote',
      name: 'Quote',
      fields: [
        { key: 'qty', type: 'number', label: 'Qty' },
        { key: 'price', type: 'money', label: 'Price' },
        { key: 'total', type: 'formula', label: 'Total', options: { expression: 'qty * price', resultType: 'number' } },
        { key: 'lines', type: 'subForm', label: 'Lines', options: { fields: [{ key: 'n', type: 'number', label: 'N' }] } },
        { key: 'line_sum', type: 'rollup', label: 'Sum', options: { subFormField: 'lines', targetField: 'n', aggregate: 'sum' } },
        { key: 'note', type: 'text', label: 'Note' },
      ],
      rules: [
        { key: 'big', when: { '>': [{ var: 'total' }, 10000] }, then: [{ action: 'require', fields: ['note'] }] },
        { key: 'many', when: { '>=': [{ var: 'line_sum' }, 100] }, then: [{ action: 'warn', message: 'Many items' }] },
      ],
    };
    expect([...evaluateFormRules(totals, { total: 20000, line_sum: 5 }, ctx).required]).toEqual(['note']);
    expect([...evaluateFormRules(totals, { total: 200, line_sum: 5 }, ctx).required]).toEqual([]);
    expect(evaluateFormRules(totals, { total: 200, line_sum: 150 }, ctx).warnings).toHaveLength(1);
  });
});
