import type { FieldDefinition, FieldType, FormDefinition, FormRule, FormRuleAction, LocalizedText } from '@platform/schema';

export type { FieldDefinition, FieldType, FormDefinition, FormRule, FormRuleAction, LocalizedText };

/** What the designer edits: a form document without its version (the server numbers the versions). */
export type FormDraft = FormDefinition;

/** A JSON Schema as GET /api/field-types publishes a type's options (the parts the designer reads). */
export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
};

/** One entry of GET /api/field-types. */
export type FieldTypeInfo = {
  type: FieldType;
  label: { 'zh-CN': string; 'en-US': string };
  valueKind: string;
  options: JsonSchema;
  operators: readonly string[];
  sortable: boolean;
  filterable: boolean;
  derived: boolean;
  layout: boolean;
};

/**
 * Where a field sits on the canvas: among the loose fields (the form's own list, in order) or in one tab
 * of a tabs layout item (the tab's fieldKeys, in order). The record form shows loose fields first, then
 * each tabs item with its tabs.
 */
export type Container = { kind: 'root' } | { kind: 'tab'; tabsKey: string; tabKey: string };

/** A position on the canvas: in a container, before one of its fields (null: at its end). */
export type Placement = { container: Container; before: string | null };

export const ROOT: Container = { kind: 'root' };

export type Tab = { key: string; label: LocalizedText; fieldKeys: string[] };

export const RULE_ACTIONS = ['show', 'hide', 'require', 'readonly', 'editable', 'setValue', 'error', 'warn'] as const;
export type RuleActionName = (typeof RULE_ACTIONS)[number];
