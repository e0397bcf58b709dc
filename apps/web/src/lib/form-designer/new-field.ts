import { freshKey, keyStem, takenFieldKeys } from './keys';
import type { FieldDefinition, FieldType, FormDraft } from './types';

/** What a new field's defaults depend on besides its type. */
export type NewFieldContext = {
  /** The type's name in the designer's language: a new field's first label. */
  typeLabel: (type: FieldType) => string;
  /** The label of the n-th default choice (选项1). */
  optionLabel: (n: number) => string;
  /** The label of the n-th default tab (标签页1). */
  tabLabel: (n: number) => string;
  /** The app's other forms: a relation needs a target. */
  otherForms: readonly { key: string; fields: readonly FieldDefinition[] }[];
};

const CHOICE_TYPES = new Set<FieldType>(['radio', 'checkbox', 'select', 'multiSelect']);

function choices(ctx: NewFieldContext) {
  return [1, 2].map((n) => ({ key: `option_${n}`, label: ctx.optionLabel(n) }));
}

const firstOfType = (draft: FormDraft, type: FieldType) => draft.fields.find((field) => field.type === type);

/** The first field of another form a lookup can show (a value field, not a layout item). */
function firstTargetField(ctx: NewFieldContext, formKey: unknown): string | undefined {
  const form = ctx.otherForms.find((candidate) => candidate.key === formKey);
  return form?.fields.find((field) => !['divider', 'description', 'tabs', 'subForm'].includes(field.type))?.key;
}

/**
 * Options a new field of a type starts with: enough for the type to make sense at once (two choices,
 * two tabs, a serial number of date and counter, a sub-form with one column, links to the first form
 * or field they can point at). A formula starts empty and a relation without another form has no
 * target: the checks then say what is missing.
 */
export function defaultOptions(type: FieldType, draft: FormDraft, ctx: NewFieldContext): Record<string, unknown> | undefined {
  if (CHOICE_TYPES.has(type)) return { options: choices(ctx) };
  switch (type) {
    case 'cascader':
      return { tree: choices(ctx) };
    case 'rating':
      return { max: 5 };
    case 'formula':
      return { expression: '', resultType: 'number' };
    case 'relation':
      return { targetForm: ctx.otherForms[0]?.key ?? '', multiple: false, onDelete: 'block' };
    case 'lookup': {
      const relation = firstOfType(draft, 'relation');
      return { relationField: relation?.key ?? '', targetField: firstTargetField(ctx, relation?.options?.targetForm) ?? '' };
    }
    case 'rollup': {
      const relation = firstOfType(draft, 'relation');
      const subForm = firstOfType(draft, 'subForm');
      if (relation) return { relationField: relation.key, aggregate: 'count' };
      if (subForm) return { subFormField: subForm.key, aggregate: 'count' };
      return { relationField: '', aggregate: 'count' };
    }
    case 'moneyInWords':
      return { sourceField: firstOfType(draft, 'money')?.key ?? '' };
    case 'serialNumber':
      return { segments: [{ type: 'date', format: 'YYYYMMDD' }, { type: 'counter', digits: 4, reset: 'daily' }] };
    case 'subForm':
      return { fields: [{ key: 'text_1', type: 'text', label: ctx.typeLabel('text') }] };
    case 'tabs':
      return { tabs: [1, 2].map((n) => ({ key: `tab_${n}`, label: ctx.tabLabel(n), fieldKeys: [] })) };
    default:
      return undefined;
  }
}

/** A new field of a type for the draft: a fresh key (`select_1`), the type's name as label, default options. */
export function createField(type: FieldType, draft: FormDraft, ctx: NewFieldContext): FieldDefinition {
  const field: FieldDefinition = { key: freshKey(takenFieldKeys(draft.fields), keyStem(type)), type, label: ctx.typeLabel(type) };
  const options = defaultOptions(type, draft, ctx);
  return options ? { ...field, options } : field;
}
