import { freshKey } from './keys';
import { isTabsItem } from './operations';
import type { FieldDefinition, FormDraft, FormRule, FormRuleAction, RuleActionName } from './types';

/**
 * Linkage rules (VALUES.md "Form rules"): when a condition holds, show/hide fields, make them required
 * or read-only/editable, set a value, or show an error (blocks saving) or a warning. Applied in order.
 */

/** Actions that give a field a state or a value: they apply to value fields only (the engine's rule). */
const VALUE_ACTIONS = new Set<RuleActionName>(['require', 'readonly', 'editable', 'setValue']);

export const actionTakesFields = (action: RuleActionName): boolean => action !== 'error' && action !== 'warn';
export const actionTakesMessage = (action: RuleActionName): boolean => action === 'error' || action === 'warn';
export const actionTakesValue = (action: RuleActionName): boolean => action === 'setValue';

const LAYOUT = new Set(['divider', 'description', 'tabs']);
const DERIVED = new Set(['moneyInWords', 'lookup', 'rollup', 'formula', 'serialNumber']);

/**
 * The fields an action may name: show/hide any item (a hidden tabs item hides its tabs); require,
 * read-only and editable the value fields; setValue the fields a user could type into.
 */
export function fieldsForAction(fields: readonly FieldDefinition[], action: RuleActionName): FieldDefinition[] {
  if (!actionTakesFields(action)) return [];
  if (!VALUE_ACTIONS.has(action)) return [...fields];
  return fields.filter((field) => !LAYOUT.has(field.type) && !isTabsItem(field) && (action !== 'setValue' || !DERIVED.has(field.type)));
}

const rulesOf = (draft: FormDraft): FormRule[] => draft.rules ?? [];

function withRules(draft: FormDraft, rules: FormRule[]): FormDraft {
  if (rules.length > 0) return { ...draft, rules };
  const { rules: _none, ...rest } = draft;
  return rest;
}

/** A new rule at the end: no condition yet, and one action (hide) waiting for its fields. */
export function addRule(draft: FormDraft): { draft: FormDraft; key: string } {
  const key = freshKey(new Set(rulesOf(draft).map((rule) => rule.key)), 'rule');
  const rule: FormRule = { key, when: { and: [] }, then: [{ action: 'hide', fields: [] }] };
  return { draft: withRules(draft, [...rulesOf(draft), rule]), key };
}

export function updateRule(draft: FormDraft, key: string, edit: (rule: FormRule) => FormRule): FormDraft {
  return withRules(draft, rulesOf(draft).map((rule) => (rule.key === key ? edit(rule) : rule)));
}

export function removeRule(draft: FormDraft, key: string): FormDraft {
  return withRules(draft, rulesOf(draft).filter((rule) => rule.key !== key));
}

/** Rules apply in order (a later one wins for the same field): up (-1) or down (+1). */
export function moveRule(draft: FormDraft, key: string, delta: -1 | 1): FormDraft {
  const rules = [...rulesOf(draft)];
  const from = rules.findIndex((rule) => rule.key === key);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= rules.length) return draft;
  [rules[from], rules[to]] = [rules[to], rules[from]];
  return withRules(draft, rules);
}

/**
 * An action switched to another kind keeps what still fits: its fields (those the new kind accepts),
 * a value only for setValue, a message only for error and warn.
 */
export function changeActionKind(fields: readonly FieldDefinition[], action: FormRuleAction, kind: RuleActionName): FormRuleAction {
  const next: FormRuleAction = { action: kind };
  if (actionTakesFields(kind)) {
    const allowed = new Set(fieldsForAction(fields, kind).map((field) => field.key));
    next.fields = (action.fields ?? []).filter((key) => allowed.has(key));
  }
  if (actionTakesValue(kind) && action.value !== undefined) next.value = action.value;
  if (actionTakesMessage(kind) && action.message !== undefined) next.message = action.message;
  return next;
}

export function updateAction(draft: FormDraft, ruleKey: string, index: number, action: FormRuleAction): FormDraft {
  return updateRule(draft, ruleKey, (rule) => ({ ...rule, then: rule.then.map((other, at) => (at === index ? action : other)) }));
}

export function addAction(draft: FormDraft, ruleKey: string, action: FormRuleAction = { action: 'show', fields: [] }): FormDraft {
  return updateRule(draft, ruleKey, (rule) => ({ ...rule, then: [...rule.then, action] }));
}

export function removeAction(draft: FormDraft, ruleKey: string, index: number): FormDraft {
  return updateRule(draft, ruleKey, (rule) => ({ ...rule, then: rule.then.filter((_action, at) => at !== index) }));
}
