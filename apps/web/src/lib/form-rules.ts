import { deriveSubFormRows, evaluateFormRules, fieldTypeFor, type FormRuleOutcome, type SubFormRow } from '@platform/form-engine';
import type { FieldDefinition, FormDefinition } from '@platform/schema';
import type { RecordData } from '../api/types';
import { isDerivedField, isLayoutField, tabFieldKeys } from './field-kinds';
import { currentWireValues, isInputField, toWireValue, wireToFormValue, type FormValues } from './form-values';
import { labelText } from './label-text';

/** The calendar rules and formulas count days in (the server's default TIME_ZONE). */
export const RULE_TIME_ZONE = 'Asia/Shanghai';

export type RuleUser = { id: string; departmentIds: string[] };

/** What conditions and formulas may read besides the record: the clock, the time zone, the user. */
export type RuleContext = { now: Date; timeZone: string; user?: RuleUser };

export function ruleContext(user?: RuleUser | null, now: Date = new Date()): RuleContext {
  return user ? { now, timeZone: RULE_TIME_ZONE, user } : { now, timeZone: RULE_TIME_ZONE };
}

/** What the record form does with the rules' outcome for its current values. */
export type RuleState = {
  /** Not shown and not sent (a hidden tabs item hides the fields of its tabs too). */
  hidden: ReadonlySet<string>;
  /** Marked and checked as required: the field's own flag, `require` rules and stage gates, never when hidden. */
  required: ReadonlySet<string>;
  /** Required because the record enters a stage that needs them (settings.stageGates). */
  stageGated: ReadonlySet<string>;
  /** Shown but not editable (`readonly` rules); not sent either (the server refuses a change). */
  disabled: ReadonlySet<string>;
  /** Form values `setValue` rules give that differ from the current ones (to write into the form). */
  setValues: FormValues;
  /** The form values once those are written. */
  values: FormValues;
  /** Rule `error` messages: saving is blocked while there is one. */
  errors: string[];
  /** Rule `warn` messages: shown, saving goes on. */
  warnings: string[];
};

const sameWire = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A rule value given as a formula (`{"formula": ...}`) is the server's to compute. */
const isFormulaValue = (value: unknown) => !!value && typeof value === 'object' && !Array.isArray(value) && 'formula' in value;

/**
 * Fields a stage gate requires for `values` (VALUES.md "Form rules and stage gates"): those the stage
 * being entered lists. Staying in a stage (the stored record is in it already) is not entering it.
 */
export function stageGateFields(form: FormDefinition, values: RecordData, stored?: RecordData | null): string[] {
  const gates = form.settings?.stageGates;
  if (!gates) return [];
  const stage = values[gates.field];
  if (typeof stage !== 'string' || !Object.hasOwn(gates.requirements, stage)) return [];
  if (stored && stored[gates.field] === stage) return [];
  return [...gates.requirements[stage]];
}

/**
 * Applies one outcome of evaluateFormRules to the form: which fields are hidden, required and
 * disabled, the values `setValue` rules write (converted to form values; only into editable fields),
 * and the messages in `locale`. Pure: the record form and the save both use it.
 */
export function applyRuleOutcome(
  form: FormDefinition,
  outcome: FormRuleOutcome,
  values: FormValues,
  options: { locale: string; stageGated?: Iterable<string> },
): RuleState {
  const byKey = new Map(form.fields.map((field) => [field.key, field]));
  const hidden = new Set(outcome.hidden);
  for (const key of outcome.hidden) {
    const field = byKey.get(key);
    if (field?.type === 'tabs') tabFieldKeys(field).forEach((inner) => hidden.add(inner));
  }

  const fillable = (key: string) => {
    const field = byKey.get(key);
    return !!field && !hidden.has(key) && !isLayoutField(field) && !isDerivedField(field);
  };
  const stageGated = new Set([...(options.stageGated ?? [])].filter(fillable));
  const required = new Set([...outcome.required].filter(fillable));
  stageGated.forEach((key) => required.add(key));
  const disabled = new Set([...outcome.readonly].filter((key) => byKey.has(key)));

  const setValues: FormValues = {};
  for (const [key, value] of Object.entries(outcome.setValues)) {
    const field = byKey.get(key);
    if (!field || !isInputField(field) || isFormulaValue(value)) continue;
    if (sameWire(toWireValue(field, values[key]), value)) continue;
    setValues[key] = wireToFormValue(field, value);
  }

  return {
    hidden,
    required,
    stageGated,
    disabled,
    setValues,
    values: { ...values, ...setValues },
    errors: outcome.errors.map((error) => labelText(error.message, options.locale) || error.ruleKey),
    warnings: outcome.warnings.map((warning) => labelText(warning.message, options.locale) || warning.ruleKey),
  };
}

/**
 * Derived values (formulas, money in words) computed from the current values, as the server will on
 * save; formulas may read formulas, so the pass repeats until nothing changes. A field whose
 * expression cannot be evaluated gives null.
 */
export function deriveValues(fields: readonly FieldDefinition[], wire: RecordData, context: RuleContext): RecordData {
  const derived = fields
    .filter(isDerivedField)
    .map((field) => ({ field, derive: fieldTypeFor(field)?.derive }))
    .filter((entry) => entry.derive !== undefined);
  const values: RecordData = { ...wire };
  const result: RecordData = {};
  // Rollups over a sub-form read its row formulas (and find the sub-form through the form).
  const deriveContext = { now: context.now, timeZone: context.timeZone, form: { key: '', name: '', fields: [...fields] } };
  for (const field of fields) {
    const rows = values[field.key];
    if (field.type === 'subForm' && Array.isArray(rows)) values[field.key] = deriveSubFormRows(field, rows as SubFormRow[], deriveContext);
  }
  for (let pass = 0; pass <= derived.length; pass += 1) {
    let changed = false;
    for (const { field, derive } of derived) {
      let next: unknown = null;
      try {
        next = derive?.(field, values, deriveContext) ?? null;
      } catch {
        next = null;
      }
      if (!(field.key in result) || !sameWire(result[field.key], next)) changed = true;
      values[field.key] = next;
      result[field.key] = next;
    }
    if (!changed) break;
  }
  return result;
}

export type RecordRules = RuleState & {
  /** The record as the rules saw it: wire values, derived values computed. */
  wire: RecordData;
  /** Derived values for the current input (what the server would store). */
  derived: RecordData;
};

/**
 * The form's rules and stage gates over its current values: wire values (stored values under the
 * form's), derived values, evaluateFormRules, then applyRuleOutcome.
 */
export function evaluateRecordRules(
  form: FormDefinition,
  values: FormValues,
  options: { locale: string; stored?: RecordData; context: RuleContext },
): RecordRules {
  const { stored, context } = options;
  const inputs = currentWireValues(form.fields, values, stored);
  const derived = deriveValues(form.fields, inputs, context);
  const wire = { ...inputs, ...derived };
  const outcome = evaluateFormRules(form, wire, context);
  const gated = stageGateFields(form, { ...wire, ...outcome.setValues }, stored ?? null);
  const state = applyRuleOutcome(form, outcome, values, { locale: options.locale, stageGated: gated });
  return { ...state, wire, derived };
}

/** Fields not to send: hidden ones, and read-only ones (the server applies its own rule values). */
export function unsentFields(state: Pick<RuleState, 'hidden' | 'disabled'>): Set<string> {
  return new Set([...state.hidden, ...state.disabled]);
}
