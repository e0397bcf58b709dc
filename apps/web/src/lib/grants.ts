import type { Condition, GrantAction } from '@platform/schema';
import type { RoleGrant } from '../api/admin-types';

/** In the order the editor shows them (API.md "Organisation and permissions"). */
export const GRANT_ACTION_LIST: readonly GrantAction[] = [
  'read', 'create', 'update', 'delete', 'transfer', 'import', 'export', 'print', 'manage',
];

export const SCOPE_TYPES = ['all', 'departmentTree', 'department', 'own', 'custom'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

/** A custom scope to start from: the records the user owns. */
export const DEFAULT_CUSTOM_CONDITION: Condition = { '==': [{ var: 'ownerId' }, { var: '$user.id' }] };

/**
 * The field permissions as the editor holds them. "All" flags stand for `"*"` (which also covers fields
 * added later); the lists keep what was ticked so that switching "all" off shows a sensible starting point.
 */
export type FieldRulesState = {
  allVisible: boolean;
  allEditable: boolean;
  visible: string[];
  editable: string[];
  masked: string[];
};

export type GrantState = {
  /** Local identity for React keys and issue mapping; never sent. */
  id: string;
  appKey: string;
  formKey: string;
  actions: GrantAction[];
  scopeType: ScopeType;
  /** The custom condition as JSON text, edited in a textarea. */
  conditionText: string;
  fields: FieldRulesState;
};

export type FieldFlag = 'visible' | 'editable' | 'masked';

const unique = (keys: readonly string[]) => [...new Set(keys)];
const isScopeType = (value: unknown): value is ScopeType => typeof value === 'string' && (SCOPE_TYPES as readonly string[]).includes(value);

/** Every field visible and editable, nothing masked: what a grant without `fields` means. */
export function defaultFieldRules(): FieldRulesState {
  return { allVisible: true, allEditable: true, visible: [], editable: [], masked: [] };
}

export function newGrantState(appKey: string, formKey: string, id: string): GrantState {
  return {
    id, appKey, formKey, actions: ['read'], scopeType: 'all',
    conditionText: JSON.stringify(DEFAULT_CUSTOM_CONDITION, null, 2), fields: defaultFieldRules(),
  };
}

/** A stored grant as editor state. Missing parts read as the API reads them. */
export function grantToState(grant: RoleGrant, id: string): GrantState {
  const fields = grant.fields;
  const scope = grant.scope as { type?: unknown; condition?: unknown } | undefined;
  const scopeType = isScopeType(scope?.type) ? scope.type : 'own';
  const condition = scopeType === 'custom' && scope?.condition !== undefined ? scope.condition : DEFAULT_CUSTOM_CONDITION;
  return {
    id,
    appKey: grant.appKey,
    formKey: grant.formKey,
    actions: GRANT_ACTION_LIST.filter((action) => (grant.actions ?? []).includes(action)),
    scopeType,
    conditionText: JSON.stringify(condition, null, 2),
    fields: fields
      ? {
          allVisible: fields.visible === '*',
          allEditable: fields.editable === '*',
          visible: Array.isArray(fields.visible) ? unique(fields.visible) : [],
          editable: Array.isArray(fields.editable) ? unique(fields.editable) : [],
          masked: Array.isArray(fields.masked) ? unique(fields.masked) : [],
        }
      : defaultFieldRules(),
  };
}

export function isFieldVisible(rules: FieldRulesState, key: string): boolean {
  return rules.allVisible || rules.visible.includes(key);
}

/** Editable only if visible: `editable: "*"` means every visible field. */
export function isFieldEditable(rules: FieldRulesState, key: string): boolean {
  return isFieldVisible(rules, key) && (rules.allEditable || rules.editable.includes(key));
}

export function isFieldMasked(rules: FieldRulesState, key: string): boolean {
  return isFieldVisible(rules, key) && rules.masked.includes(key);
}

/**
 * Ticks or unticks one box of one field, keeping editable and masked inside visible: hiding a field
 * clears its other boxes, and making a field editable or masked shows it. Unticking a field while "all"
 * is on turns "all" into the explicit list of the form's fields without that one.
 */
export function setFieldFlag(rules: FieldRulesState, key: string, flag: FieldFlag, checked: boolean, allKeys: readonly string[]): FieldRulesState {
  let { allVisible, allEditable, visible, editable, masked } = rules;
  const show = () => {
    if (!allVisible && !visible.includes(key)) visible = [...visible, key];
  };
  if (flag === 'visible') {
    if (checked) show();
    else {
      if (allVisible) {
        allVisible = false;
        visible = allKeys.filter((candidate) => candidate !== key);
      } else visible = visible.filter((candidate) => candidate !== key);
      editable = editable.filter((candidate) => candidate !== key);
      masked = masked.filter((candidate) => candidate !== key);
    }
  } else if (flag === 'editable') {
    if (checked) {
      show();
      if (!allEditable && !editable.includes(key)) editable = [...editable, key];
    } else if (allEditable) {
      allEditable = false;
      const visibleNow = allVisible ? allKeys : visible;
      editable = visibleNow.filter((candidate) => candidate !== key);
    } else editable = editable.filter((candidate) => candidate !== key);
  } else if (checked) {
    show();
    if (!masked.includes(key)) masked = [...masked, key];
  } else masked = masked.filter((candidate) => candidate !== key);
  return { allVisible, allEditable, visible, editable, masked };
}

/**
 * The "all fields" switches. Turning one on stands for `"*"`; turning it off lists every field the
 * form has now, so nothing changes for today's fields (only fields added later are no longer covered).
 */
export function setAllFields(rules: FieldRulesState, flag: 'visible' | 'editable', on: boolean, allKeys: readonly string[]): FieldRulesState {
  if (flag === 'visible') {
    if (on) return { ...rules, allVisible: true };
    return { ...rules, allVisible: false, visible: [...allKeys] };
  }
  if (on) return { ...rules, allEditable: true };
  return { ...rules, allEditable: false, editable: allKeys.filter((key) => isFieldVisible(rules, key)) };
}

/** Ticks or clears a whole column for the current fields (masked has no "*"). */
export function setColumn(rules: FieldRulesState, flag: FieldFlag, checked: boolean, allKeys: readonly string[]): FieldRulesState {
  let next = rules;
  for (const key of allKeys) next = setFieldFlag(next, key, flag, checked, allKeys);
  return next;
}

export type GrantBuildResult = { grant: RoleGrant; error?: undefined } | { grant?: undefined; error: 'conditionInvalid' };

/** Parses the custom condition text: an object, or null when it is not valid JSON of an object. */
export function parseCondition(text: string): Condition | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Condition) : null;
  } catch {
    return null;
  }
}

/**
 * Editor state as the grant PUT /api/roles/{id}/grants takes. With the form's field keys, keys of fields
 * that no longer exist are dropped; lists follow the form's field order; editable and masked are kept
 * inside visible.
 */
export function stateToGrant(state: GrantState, fieldKeys?: readonly string[]): GrantBuildResult {
  let scope: RoleGrant['scope'];
  if (state.scopeType === 'custom') {
    const condition = parseCondition(state.conditionText);
    if (!condition) return { error: 'conditionInvalid' };
    scope = { type: 'custom', condition };
  } else scope = { type: state.scopeType };

  const rules = state.fields;
  const order = (keys: readonly string[]) => {
    const set = new Set(keys);
    if (!fieldKeys) return unique(keys);
    return fieldKeys.filter((key) => set.has(key));
  };
  const visible = rules.allVisible ? '*' : order(rules.visible);
  const insideVisible = (keys: readonly string[]) => order(keys).filter((key) => visible === '*' || visible.includes(key));
  return {
    grant: {
      appKey: state.appKey,
      formKey: state.formKey,
      actions: GRANT_ACTION_LIST.filter((action) => state.actions.includes(action)),
      scope,
      fields: {
        visible,
        editable: rules.allEditable ? '*' : insideVisible(rules.editable),
        masked: insideVisible(rules.masked),
      },
    },
  };
}

/** All grants, or the ids of the states whose custom condition does not parse. */
export function buildGrants(
  states: readonly GrantState[],
  fieldKeysOf: (appKey: string, formKey: string) => readonly string[] | undefined,
): { grants: RoleGrant[]; invalid: string[] } {
  const grants: RoleGrant[] = [];
  const invalid: string[] = [];
  for (const state of states) {
    const result = stateToGrant(state, fieldKeysOf(state.appKey, state.formKey));
    if (result.grant) grants.push(result.grant);
    else invalid.push(state.id);
  }
  return { grants, invalid };
}

/** Whether a form already has a grant in the list (the editor keeps one per form). */
export function hasGrantFor(states: readonly GrantState[], appKey: string, formKey: string): boolean {
  return states.some((state) => state.appKey === appKey && state.formKey === formKey);
}

export type GrantIssue = { path: (string | number)[]; code: string; message: string };

/**
 * VALIDATION_FAILED issues of a PUT grants call, by grant: the first path element is the index in the
 * array sent, which is the index in the editor's list.
 */
export function issuesByGrant(issues: readonly GrantIssue[], states: readonly GrantState[]): { byId: Map<string, GrantIssue[]>; general: GrantIssue[] } {
  const byId = new Map<string, GrantIssue[]>();
  const general: GrantIssue[] = [];
  for (const issue of issues) {
    const index = Array.isArray(issue.path) ? issue.path[0] : undefined;
    const state = typeof index === 'number' ? states[index] : undefined;
    if (!state) {
      general.push(issue);
      continue;
    }
    byId.set(state.id, [...(byId.get(state.id) ?? []), issue]);
  }
  return { byId, general };
}
