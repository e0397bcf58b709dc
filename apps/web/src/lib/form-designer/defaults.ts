import { setFieldOption } from './operations';
import type { FieldDefinition, FieldType, FormDraft, JsonSchema } from './types';

/**
 * A field's default value in the designer (docs/defaults.md): none, a fixed value (`options.default`),
 * a formula (`options.defaultFormula`) or a copy (`options.defaultFrom`: another field, `relation.field`
 * through a one-relation, `$user.id` or `$user.departmentId`). The server takes at most one of the three.
 */
export type DefaultMode = 'none' | 'fixed' | 'formula' | 'from';

const OPTION_OF: Record<Exclude<DefaultMode, 'none'>, 'default' | 'defaultFormula' | 'defaultFrom'> = {
  fixed: 'default',
  formula: 'defaultFormula',
  from: 'defaultFrom',
};

const present = (value: unknown) => value !== undefined && value !== null;

/** The mode a field's options declare (the first of default, formula, from: the engine's order). */
export function defaultModeOf(field: FieldDefinition): DefaultMode {
  const options = field.options ?? {};
  if (present(options.default)) return 'fixed';
  if (typeof options.defaultFormula === 'string') return 'formula';
  if (typeof options.defaultFrom === 'string') return 'from';
  return 'none';
}

/** Files and signatures are uploaded for a record: no fixed default is typed in for them. */
const NO_FIXED: ReadonlySet<FieldType> = new Set<FieldType>(['image', 'attachment', 'signature']);
/** What a formula can give: the value kinds a formula result is read as (docs/defaults.md). */
const FORMULA_KINDS: ReadonlySet<string> = new Set(['number', 'string', 'date', 'datetime', 'boolean']);

/**
 * The modes a type offers, from its options JSON Schema (GET /api/field-types): a fixed value where the
 * schema has `default`, a formula where it has `defaultFormula` and the result fits the type, a copy
 * where it has `defaultFrom`. Sub-forms take none here (their rows default column by column).
 */
export function defaultModes(type: FieldType, info: { options: JsonSchema; valueKind: string } | undefined): DefaultMode[] {
  const properties = info?.options.properties ?? {};
  if (type === 'subForm' || !info) return [];
  const modes: DefaultMode[] = [];
  if (properties.default && !NO_FIXED.has(type)) modes.push('fixed');
  if (properties.defaultFormula && FORMULA_KINDS.has(info.valueKind)) modes.push('formula');
  if (properties.defaultFrom) modes.push('from');
  return modes.length > 0 ? ['none', ...modes] : [];
}

/**
 * Sets a field's default in one mode, removing the other two options (they would conflict). An empty
 * value (undefined, null, '', []) removes the default altogether.
 */
export function setFieldDefault(draft: FormDraft, key: string, mode: DefaultMode, value?: unknown): FormDraft {
  const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
  let next = draft;
  for (const [name, option] of Object.entries(OPTION_OF)) {
    const keep = name === mode && !empty;
    next = setFieldOption(next, key, option, keep ? value : undefined);
  }
  return next;
}

/** The value a field's default holds in its mode (for the editors). */
export function defaultValueOf(field: FieldDefinition, mode: DefaultMode): unknown {
  return mode === 'none' ? undefined : field.options?.[OPTION_OF[mode]];
}

// ---- where a copy may come from ----

type Family = string;

/** How values of a field compare for a copy: types holding the same kind of value share a family. */
function familyOf(field: FieldDefinition): Family {
  switch (field.type) {
    case 'text': case 'textarea': case 'phone': case 'email': case 'url': case 'idNumber': case 'richText': case 'serialNumber': case 'moneyInWords':
      return 'text';
    case 'number': case 'money': case 'percent': case 'rating': case 'rollup':
      return 'number';
    case 'date': case 'datetime':
      return 'date';
    case 'select': case 'radio':
      return 'choice';
    case 'multiSelect': case 'checkbox':
      return 'choices';
    case 'relation':
      return `relation:${String(field.options?.targetForm ?? '')}${field.options?.multiple === true ? ':many' : ''}`;
    case 'formula': {
      const result = field.options?.resultType ?? 'number';
      if (result === 'text') return 'text';
      if (result === 'date' || result === 'datetime') return 'date';
      if (result === 'boolean') return 'switch';
      return 'number';
    }
    default:
      return field.type;
  }
}

/** A single value a list type takes as its one item (a member into members, a choice into choices). */
const LIST_OF: Record<string, string> = { member: 'members', department: 'departments', choice: 'choices' };

/**
 * Whether copying `source` into `target` gives the target a value of its own kind: the same family
 * (text, numbers, dates, choices, the same type otherwise), a single value into its list type, or a
 * relation to one record into a relation to many records of the same form.
 */
export function canCopyInto(target: FieldDefinition, source: FieldDefinition): boolean {
  const to = familyOf(target);
  const from = familyOf(source);
  if (to === from) return true;
  if (LIST_OF[from] === to) return true;
  return target.type === 'relation' && source.type === 'relation' && to === `${from}:many`;
}

const LAYOUT: ReadonlySet<FieldType> = new Set<FieldType>(['divider', 'description', 'tabs']);
const DERIVED: ReadonlySet<FieldType> = new Set<FieldType>(['moneyInWords', 'lookup', 'rollup', 'formula', 'serialNumber']);
const isInput = (field: FieldDefinition) => !LAYOUT.has(field.type) && !DERIVED.has(field.type) && field.type !== 'subForm';

/** One choice of the "copied from" picker: the `defaultFrom` text and what it names. */
export type DefaultSourceOption =
  | { value: string; kind: 'field'; field: FieldDefinition }
  | { value: string; kind: 'relation'; relation: FieldDefinition; field: FieldDefinition }
  | { value: '$user.id' | '$user.departmentId'; kind: 'user' };

/**
 * The valid sources of a field's copy, in the form's order: its other input fields of a fitting type,
 * the fitting fields of the record each one-relation points at (stored values, computed ones included),
 * and the current user (members) or their department (departments). `forms` are the app's other forms.
 */
export function defaultSourceOptions(draft: FormDraft, field: FieldDefinition, forms: readonly { key: string; fields: FieldDefinition[] }[]): DefaultSourceOption[] {
  const options: DefaultSourceOption[] = [];
  for (const other of draft.fields) {
    if (other.key === field.key || !isInput(other)) continue;
    if (canCopyInto(field, other)) options.push({ value: other.key, kind: 'field', field: other });
  }
  for (const relation of draft.fields) {
    if (relation.type !== 'relation' || relation.key === field.key || relation.options?.multiple === true) continue;
    const targetKey = relation.options?.targetForm;
    const targetFields = targetKey === draft.key ? draft.fields : forms.find((form) => form.key === targetKey)?.fields ?? [];
    for (const target of targetFields) {
      if (LAYOUT.has(target.type) || target.type === 'subForm' || target.type === 'lookup') continue;
      if (canCopyInto(field, target)) options.push({ value: `${relation.key}.${target.key}`, kind: 'relation', relation, field: target });
    }
  }
  if (field.type === 'member' || field.type === 'members') options.push({ value: '$user.id', kind: 'user' });
  if (field.type === 'department' || field.type === 'departments') options.push({ value: '$user.departmentId', kind: 'user' });
  return options;
}

/** The fields a default formula may read: the form's other input fields, sub-forms included (computed ones come later). */
export function defaultFormulaFields(draft: FormDraft, field: FieldDefinition): FieldDefinition[] {
  return draft.fields.filter((other) => other.key !== field.key && !LAYOUT.has(other.type) && !DERIVED.has(other.type));
}
