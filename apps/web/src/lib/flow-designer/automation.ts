import type { FieldDefinition } from '@platform/schema';
import { isInputField } from '../form-values';
import type { ActionEffectSpec, ActionNode, FlowNode } from './types';

// Action (自动化) and sub-flow (子流程) nodes as the side panel edits them. Pure: every function answers
// new values and leaves its inputs alone.

export const ACTION_EFFECT_TYPES = ['setFields', 'notify', 'webhook'] as const;
export type ActionEffectType = (typeof ACTION_EFFECT_TYPES)[number];
type SetFieldsEffect = Extract<ActionEffectSpec, { type: 'setFields' }>;

/** Fields a set-fields effect can give a fixed value: input fields whose value is plain data (no files, rows or rich text). */
const NOT_SETTABLE = new Set(['image', 'attachment', 'signature', 'subForm', 'richText', 'location', 'address']);

export function settableFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.filter((field) => isInputField(field) && !NOT_SETTABLE.has(field.type));
}

/** A new effect of a type, empty where the user must fill something in. */
export function newEffect(type: ActionEffectType): ActionEffectSpec {
  switch (type) {
    case 'setFields': return { type, data: {} };
    case 'notify': return { type, recipients: [], template: '' };
    case 'webhook': return { type, url: '' };
  }
}

export function addEffect(node: ActionNode, type: ActionEffectType): ActionNode {
  return { ...node, effects: [...node.effects, newEffect(type)] };
}

export function replaceEffect(node: ActionNode, index: number, effect: ActionEffectSpec): ActionNode {
  return { ...node, effects: node.effects.map((current, i) => (i === index ? effect : current)) };
}

export function removeEffect(node: ActionNode, index: number): ActionNode {
  return { ...node, effects: node.effects.filter((_effect, i) => i !== index) };
}

/** The fields an effect sets, in the form's order (then any the form no longer has), with their values. */
export function setFieldEntries(effect: SetFieldsEffect, fields: readonly FieldDefinition[]): { key: string; field: FieldDefinition | undefined; value: unknown }[] {
  const known = fields.filter((field) => field.key in effect.data).map((field) => ({ key: field.key, field, value: effect.data[field.key] }));
  const unknown = Object.keys(effect.data).filter((key) => !fields.some((field) => field.key === key)).map((key) => ({ key, field: undefined, value: effect.data[key] }));
  return [...known, ...unknown];
}

/** The settable fields the effect does not set yet. */
export function unsetFields(effect: SetFieldsEffect, fields: readonly FieldDefinition[]): FieldDefinition[] {
  return settableFields(fields).filter((field) => !(field.key in effect.data));
}

export function withFieldValue(effect: SetFieldsEffect, fieldKey: string, value: unknown): SetFieldsEffect {
  return { ...effect, data: { ...effect.data, [fieldKey]: value } };
}

export function withoutField(effect: SetFieldsEffect, fieldKey: string): SetFieldsEffect {
  const data = { ...effect.data };
  delete data[fieldKey];
  return { ...effect, data };
}

/** Swaps which field a row sets; the value starts empty (the old one belonged to another field). */
export function renameField(effect: SetFieldsEffect, fromKey: string, toKey: string): SetFieldsEffect {
  if (fromKey === toKey || toKey in effect.data) return effect;
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(effect.data)) {
    if (key === fromKey) data[toKey] = null;
    else data[key] = value;
  }
  return { ...effect, data };
}

/** An effect the engine could not run as it stands: nothing to set, no one or nothing to notify, no http(s) URL. */
export function isEffectIncomplete(effect: ActionEffectSpec): boolean {
  switch (effect.type) {
    case 'setFields': return Object.keys(effect.data).length === 0;
    case 'notify': return effect.recipients.length === 0 || effect.template.trim() === '';
    case 'webhook': return !/^https?:\/\/[^\s]+$/i.test(effect.url);
  }
}

// ---- sub-flows ----

/** A flow a sub-flow node may start: its key, name and the form it runs on. */
export type SubflowCandidate = { key: string; name: unknown; formKey: string };

/** The relation fields a sub-flow can be bound through (it then runs on the related records). */
export function relationFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.filter((field) => field.type === 'relation' && typeof field.options?.targetForm === 'string');
}

/** The form the sub-flow runs on: the relation's target form, or this flow's own form. */
export function subflowFormKey(fields: readonly FieldDefinition[], relationField: string | undefined, ownFormKey: string): string | undefined {
  if (relationField === undefined) return ownFormKey;
  const target = relationFields(fields).find((field) => field.key === relationField)?.options?.targetForm;
  return typeof target === 'string' ? target : undefined;
}

/**
 * The flows a sub-flow node may start: the published flows of the form it will run on; on this same
 * record, never the flow itself (it would start itself forever).
 */
export function subflowCandidates<T extends SubflowCandidate>(
  flows: readonly T[],
  options: { ownKey: string; ownFormKey: string; relationField: string | undefined; fields: readonly FieldDefinition[] },
): T[] {
  const formKey = subflowFormKey(options.fields, options.relationField, options.ownFormKey);
  if (formKey === undefined) return [];
  return flows.filter((flow) => flow.formKey === formKey && !(options.relationField === undefined && flow.key === options.ownKey));
}

/** A new binding: the flow stays only when it still runs on the form the node now binds. */
export function withBinding<T extends SubflowCandidate>(
  node: Extract<FlowNode, { type: 'subflow' }>,
  relationField: string | undefined,
  flows: readonly T[],
  context: { ownKey: string; ownFormKey: string; fields: readonly FieldDefinition[] },
): Extract<FlowNode, { type: 'subflow' }> {
  const candidates = subflowCandidates(flows, { ...context, relationField });
  const keep = candidates.some((flow) => flow.key === node.flowKey);
  const next: Extract<FlowNode, { type: 'subflow' }> = { ...node, flowKey: keep ? node.flowKey : '' };
  if (relationField === undefined) delete next.relationField;
  else next.relationField = relationField;
  return next;
}
