import type { FieldDefinition, FormDefinition } from '@platform/schema';
import type { FieldOptionIssue, FieldTypeDefinition } from '../field-type-definition';
import { keySchema, localizedTextSchema } from '../options-schemas/option-schema-parts';
import { defineLayoutType } from './define-layout-type';

type Tab = { key: string; label: unknown; fieldKeys: string[] };

const tabsOf = (field: FieldDefinition): Tab[] => (Array.isArray(field.options?.tabs) ? (field.options.tabs as Tab[]) : []);

/** Fields already placed by the tabs items before `item` in the form, with where. */
function placedBefore(item: FieldDefinition, form: FormDefinition): Map<string, string> {
  const placed = new Map<string, string>();
  for (const other of form.fields) {
    if (other === item) break;
    if (other.type !== item.type) continue;
    for (const tab of tabsOf(other)) for (const key of tab.fieldKeys) if (!placed.has(key)) placed.set(key, `tab "${tab.key}" of "${other.key}"`);
  }
  return placed;
}

const layout = defineLayoutType({
  type: 'tabs',
  label: { 'zh-CN': '标签页', 'en-US': 'Tabs' },
  options: {
    tabs: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        required: ['key', 'label', 'fieldKeys'],
        additionalProperties: false,
        properties: { key: keySchema, label: localizedTextSchema(100), fieldKeys: { type: 'array', maxItems: 500, items: keySchema } },
      },
    },
  },
});

/**
 * 标签页: a layout item grouping other items of the form into tabs. Each listed key must be another
 * field of the form (not a tabs item), and a field sits in at most one tab of the whole form.
 */
export const tabsFieldType: FieldTypeDefinition = {
  ...layout,
  optionsSchema: { ...layout.optionsSchema, required: ['tabs'] },
  checkOptions(field, form) {
    const issues: FieldOptionIssue[] = [];
    const fieldsByKey = new Map(form.fields.map((candidate) => [candidate.key, candidate]));
    const placed = placedBefore(field, form);
    const tabKeys = new Set<string>();
    tabsOf(field).forEach((tab, tabIndex) => {
      const at = ['options', 'tabs', tabIndex];
      if (tabKeys.has(tab.key)) issues.push({ path: [...at, 'key'], code: 'duplicate_key', message: `tab key "${tab.key}" is used twice` });
      tabKeys.add(tab.key);
      tab.fieldKeys.forEach((key, keyIndex) => {
        const path = [...at, 'fieldKeys', keyIndex];
        const target = fieldsByKey.get(key);
        if (!target) {
          issues.push({ path, code: 'unknown_field', message: `"${key}" is not a field of this form` });
        } else if (target.type === field.type) {
          issues.push({ path, code: 'invalid_reference', message: `"${key}" is a tabs item; tabs do not nest` });
        } else if (placed.has(key)) {
          issues.push({ path, code: 'duplicate_tab_field', message: `"${key}" is already in ${placed.get(key)}`, params: { key } });
        } else {
          placed.set(key, `tab "${tab.key}" of "${field.key}"`);
        }
      });
    });
    return issues;
  },
};
