import { listFieldTypes } from '@platform/form-engine';
import type { NewFieldContext } from '../lib/form-designer/new-field';
import type { FieldTypeInfo, FormDraft } from '../lib/form-designer/types';

/** What GET /api/field-types answers, built from the engine as the API does (tests only). */
export function fieldTypeInfos(): FieldTypeInfo[] {
  return listFieldTypes().map((definition) => ({
    type: definition.type,
    label: definition.label,
    valueKind: definition.valueKind,
    options: definition.optionsSchema,
    operators: definition.operators,
    sortable: definition.sortable,
    filterable: definition.filterable,
    derived: definition.derived ?? false,
    layout: definition.layout ?? false,
  }));
}

export const zhContext: NewFieldContext = {
  typeLabel: (type) => fieldTypeInfos().find((info) => info.type === type)?.label['zh-CN'] ?? type,
  optionLabel: (n) => `选项${n}`,
  tabLabel: (n) => `标签页${n}`,
  otherForms: [{ key: 'customer', fields: [{ key: 'company', type: 'text', label: '公司名称' }] }],
};

/** A small saved form: a name, a stage, an amount, tabs holding the amount, a rule. */
export function sampleDraft(): FormDraft {
  return {
    key: 'deal',
    name: { 'zh-CN': '商机', 'en-US': 'Deals' },
    fields: [
      { key: 'name', type: 'text', label: '名称', required: true },
      { key: 'stage', type: 'select', label: '阶段', options: { options: [{ key: 'open', label: '进行中' }, { key: 'lost', label: '输单' }] } },
      { key: 'amount', type: 'money', label: '金额' },
      { key: 'notes', type: 'textarea', label: '备注' },
      { key: 'more', type: 'tabs', label: '更多', options: { tabs: [{ key: 'money', label: '金额', fieldKeys: ['amount'] }, { key: 'other', label: '其他', fieldKeys: [] }] } },
    ],
    rules: [{ key: 'lost_hides_amount', when: { '==': [{ var: 'stage' }, 'lost'] }, then: [{ action: 'hide', fields: ['amount', 'notes'] }] }],
    settings: { titleField: 'name', columns: 2 },
  };
}
