import { compileCondition, parseCondition, type ConditionContext, type FieldResolver } from '@platform/condition';
import { labelText, type FormDefinition, type LocalizedText } from '@platform/schema';
import { fieldPathTarget, splitFieldPath } from './field-path';
import { fieldTypeFor } from './field-type-for';
import type { RecordIssue } from './record-issue';

/** What the form's linkage rules decide for one set of values (VALUES.md "Form rules"). */
export type FormRuleOutcome = {
  hidden: Set<string>;
  readonly: Set<string>;
  required: Set<string>;
  /** Values rules set, by field key (literal values; formulas arrive with the formula engine). */
  setValues: Record<string, unknown>;
  errors: { ruleKey: string; message: LocalizedText }[];
  warnings: { ruleKey: string; message: LocalizedText }[];
};

type Compiled = { key: string; test: (record: Record<string, unknown>, ctx: ConditionContext) => boolean; then: NonNullable<FormDefinition['rules']>[number]['then'] };

const cache = new WeakMap<FormDefinition, Compiled[]>();

/** Fields by key, and parts of structured values (`address.city`) as their type declares them. */
export function formRuleResolver(form: FormDefinition): FieldResolver {
  const byKey = new Map(form.fields.map((f) => [f.key, f]));
  return (path) => {
    const { fieldKey, partKey } = splitFieldPath(path);
    const f = byKey.get(fieldKey);
    // fieldTypeFor: a formula, lookup or rollup compares as what it holds (a number formula as a number).
    const target = f ? fieldPathTarget(fieldTypeFor(f), { fieldKey, partKey }) : undefined;
    if (!target || 'refused' in target) return target;
    // A whole field takes every operator of its kind here, as rules always have; a part only its own.
    return { kind: target.kind, sql: `"${path}"`, operators: target.part?.operators };
  };
}

function compileRules(form: FormDefinition): Compiled[] {
  const hit = cache.get(form);
  if (hit) return hit;
  const resolve = formRuleResolver(form);
  const compiled: Compiled[] = [];
  for (const rule of form.rules ?? []) {
    const parsed = parseCondition(rule.when, resolve);
    // A rule whose condition no longer parses (e.g. a field was removed) never fires.
    if (!parsed.ok) continue;
    compiled.push({ key: rule.key, test: compileCondition(parsed.condition), then: rule.then });
  }
  cache.set(form, compiled);
  return compiled;
}

/**
 * Runs the linkage rules in order over `values`; a later rule overrides an earlier one for the same
 * field. The same function runs live in the browser and authoritatively on the server.
 */
export function evaluateFormRules(form: FormDefinition, values: Record<string, unknown>, ctx: ConditionContext): FormRuleOutcome {
  const out: FormRuleOutcome = { hidden: new Set(), readonly: new Set(), required: new Set(), setValues: {}, errors: [], warnings: [] };
  for (const f of form.fields) if (f.required) out.required.add(f.key);
  for (const rule of compileRules(form)) {
    if (!rule.test({ ...values, ...out.setValues }, ctx)) continue;
    for (const action of rule.then) {
      const fields = action.fields ?? [];
      switch (action.action) {
        case 'hide': fields.forEach((k) => out.hidden.add(k)); break;
        case 'show': fields.forEach((k) => out.hidden.delete(k)); break;
        case 'require': fields.forEach((k) => out.required.add(k)); break;
        case 'readonly': fields.forEach((k) => out.readonly.add(k)); break;
        case 'editable': fields.forEach((k) => out.readonly.delete(k)); break;
        case 'setValue': fields.forEach((k) => (out.setValues[k] = action.value ?? null)); break;
        case 'error': out.errors.push({ ruleKey: rule.key, message: action.message ?? rule.key }); break;
        case 'warn': out.warnings.push({ ruleKey: rule.key, message: action.message ?? rule.key }); break;
      }
    }
  }
  // A hidden field is never required.
  for (const k of out.hidden) out.required.delete(k);
  return out;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The issues the server raises from an outcome: rule errors (code `rule`) and rule-required fields left empty. */
export function formRuleIssues(outcome: FormRuleOutcome, values: Record<string, unknown>, locale: 'zh-CN' | 'en-US' = 'en-US'): RecordIssue[] {
  const issues: RecordIssue[] = [];
  for (const e of outcome.errors) issues.push({ path: [], code: 'rule', message: labelText(e.message, locale) });
  for (const k of outcome.required) if (isEmpty(values[k])) issues.push({ path: [k], code: 'required', message: `${k} is required` });
  return issues;
}
