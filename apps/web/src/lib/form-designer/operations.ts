import { freshKey, keyStem, takenFieldKeys } from './keys';
import { ROOT, type Container, type FieldDefinition, type FormDraft, type FormRule, type Placement, type Tab } from './types';

/**
 * Edits of the draft's fields. Each takes a draft and answers a new one (or the same one when nothing
 * changes), never touching its input: the designer keeps every step for undo.
 */

export const isTabsItem = (field: FieldDefinition | undefined): boolean => field?.type === 'tabs';

/** The tabs of a tabs layout item (options.tabs), malformed entries left out. */
export function tabsOf(field: FieldDefinition): Tab[] {
  const tabs = field.options?.tabs;
  if (!Array.isArray(tabs)) return [];
  return tabs.filter((tab): tab is Tab => !!tab && typeof tab === 'object' && typeof (tab as Tab).key === 'string' && Array.isArray((tab as Tab).fieldKeys));
}

export function findField(draft: FormDraft, key: string): FieldDefinition | undefined {
  return draft.fields.find((field) => field.key === key);
}

/** The tab a field sits in (the first that lists it, as the record form shows it), or null. */
export function tabOfField(draft: FormDraft, key: string): Extract<Container, { kind: 'tab' }> | null {
  for (const item of draft.fields) {
    if (!isTabsItem(item)) continue;
    const tab = tabsOf(item).find((candidate) => candidate.fieldKeys.includes(key));
    if (tab) return { kind: 'tab', tabsKey: item.key, tabKey: tab.key };
  }
  return null;
}

function placedInTabs(draft: FormDraft): Set<string> {
  return new Set(draft.fields.filter(isTabsItem).flatMap((item) => tabsOf(item).flatMap((tab) => tab.fieldKeys)));
}

/** The keys of the fields a container shows, in order. Root: the fields in no tab (tabs items aside). */
export function containerKeys(draft: FormDraft, container: Container): string[] {
  if (container.kind === 'root') {
    const inTabs = placedInTabs(draft);
    return draft.fields.filter((field) => !isTabsItem(field) && !inTabs.has(field.key)).map((field) => field.key);
  }
  const item = findField(draft, container.tabsKey);
  const tab = item ? tabsOf(item).find((candidate) => candidate.key === container.tabKey) : undefined;
  const existing = new Set(draft.fields.map((field) => field.key));
  return (tab?.fieldKeys ?? []).filter((key) => existing.has(key));
}

export function containerOf(draft: FormDraft, key: string): Container {
  return tabOfField(draft, key) ?? ROOT;
}

export function sameContainer(a: Container, b: Container): boolean {
  if (a.kind === 'root' || b.kind === 'root') return a.kind === b.kind;
  return a.tabsKey === b.tabsKey && a.tabKey === b.tabKey;
}

/** Right after a field, in its container (where a click on the palette adds the next field). */
export function placementAfter(draft: FormDraft, key: string | null): Placement {
  const field = key ? findField(draft, key) : undefined;
  if (!field || isTabsItem(field)) return { container: ROOT, before: null };
  const container = containerOf(draft, field.key);
  const keys = containerKeys(draft, container);
  return { container, before: keys[keys.indexOf(field.key) + 1] ?? null };
}

function mapTabs(draft: FormDraft, edit: (tab: Tab, item: FieldDefinition) => Tab): FormDraft {
  return {
    ...draft,
    fields: draft.fields.map((field) => {
      if (!isTabsItem(field) || !Array.isArray(field.options?.tabs)) return field;
      return { ...field, options: { ...field.options, tabs: tabsOf(field).map((tab) => edit(tab, field)) } };
    }),
  };
}

function withoutTabKey(draft: FormDraft, key: string): FormDraft {
  if (!placedInTabs(draft).has(key)) return draft;
  return mapTabs(draft, (tab) => (tab.fieldKeys.includes(key) ? { ...tab, fieldKeys: tab.fieldKeys.filter((other) => other !== key) } : tab));
}

/** Puts a field (not yet in the draft) at a placement. A tabs item always goes with the tabs items, last. */
export function insertField(draft: FormDraft, field: FieldDefinition, placement: Placement): FormDraft {
  const fields = [...draft.fields];
  const { container, before } = placement;
  if (isTabsItem(field) || container.kind === 'tab') {
    fields.push(field);
  } else {
    const keys = containerKeys(draft, ROOT);
    const anchor = before !== null && keys.includes(before) ? before : null;
    if (anchor !== null) fields.splice(fields.findIndex((other) => other.key === anchor), 0, field);
    else {
      const last = keys.length > 0 ? fields.findIndex((other) => other.key === keys[keys.length - 1]) : -1;
      fields.splice(last + 1, 0, field);
    }
  }
  const next = { ...draft, fields };
  if (isTabsItem(field) || container.kind !== 'tab' || !findField(draft, container.tabsKey)) return next;
  return mapTabs(next, (tab, item) => {
    if (item.key !== container.tabsKey || tab.key !== container.tabKey) return tab;
    const at = before === null ? -1 : tab.fieldKeys.indexOf(before);
    const fieldKeys = [...tab.fieldKeys];
    fieldKeys.splice(at < 0 ? fieldKeys.length : at, 0, field.key);
    return { ...tab, fieldKeys };
  });
}

/** Moves a field to a placement (drag and drop; into or out of a tab). Tabs items are not moved this way. */
export function placeField(draft: FormDraft, key: string, placement: Placement): FormDraft {
  const field = findField(draft, key);
  if (!field || isTabsItem(field) || placement.before === key) return draft;
  const without = withoutTabKey({ ...draft, fields: draft.fields.filter((other) => other.key !== key) }, key);
  const next = insertField(without, field, placement);
  // Dropped where it was: no change (and no undo step).
  return JSON.stringify(next) === JSON.stringify(draft) ? draft : next;
}

function swap<T>(list: readonly T[], a: number, b: number): T[] {
  const copy = [...list];
  [copy[a], copy[b]] = [copy[b], copy[a]];
  return copy;
}

/** Moves a field one place up (-1) or down (+1) in its container; a tabs item among the tabs items. */
export function moveFieldBy(draft: FormDraft, key: string, delta: -1 | 1): FormDraft {
  const field = findField(draft, key);
  if (!field) return draft;
  const container = containerOf(draft, key);
  const keys = isTabsItem(field) ? draft.fields.filter(isTabsItem).map((item) => item.key) : containerKeys(draft, container);
  const from = keys.indexOf(key);
  const neighbour = keys[from + delta];
  if (neighbour === undefined) return draft;
  if (container.kind === 'tab' && !isTabsItem(field)) {
    return mapTabs(draft, (tab, item) => {
      if (item.key !== container.tabsKey || tab.key !== container.tabKey) return tab;
      return { ...tab, fieldKeys: swap(tab.fieldKeys, tab.fieldKeys.indexOf(key), tab.fieldKeys.indexOf(neighbour)) };
    });
  }
  const index = draft.fields.findIndex((other) => other.key === key);
  const other = draft.fields.findIndex((candidate) => candidate.key === neighbour);
  return { ...draft, fields: swap(draft.fields, index, other) };
}

/** Whether a field can move one place that way (the move buttons' state). */
export function canMoveBy(draft: FormDraft, key: string, delta: -1 | 1): boolean {
  return moveFieldBy(draft, key, delta) !== draft;
}

/**
 * A copy of a field right after it, with a fresh key and the label plus `suffix` (" 副本"). A copied
 * tabs item starts with empty tabs: a field sits in one tab only.
 */
export function duplicateField(draft: FormDraft, key: string, suffix: string): { draft: FormDraft; key: string | null } {
  const field = findField(draft, key);
  if (!field) return { draft, key: null };
  const copyKey = freshKey(takenFieldKeys(draft.fields), keyStem(field.type));
  const label = typeof field.label === 'string'
    ? `${field.label}${suffix}`
    : Object.fromEntries(Object.entries(field.label).map(([locale, text]) => [locale, `${text}${suffix}`]));
  let copy: FieldDefinition = { ...structuredClone(field), key: copyKey, label };
  if (isTabsItem(copy)) copy = { ...copy, options: { ...copy.options, tabs: tabsOf(copy).map((tab) => ({ ...tab, fieldKeys: [] })) } };
  return { draft: insertField(draft, copy, placementAfter(draft, key)), key: copyKey };
}

/** Rule actions that act on fields: without fields left they say nothing and go. */
const FIELD_ACTIONS = new Set(['show', 'hide', 'require', 'readonly', 'editable', 'setValue']);

/** Rules without the field in their actions; a rule that acted on that field alone goes with it. */
function rulesWithout(rules: readonly FormRule[] | undefined, key: string): FormRule[] | undefined {
  if (!rules) return rules;
  return rules.flatMap((rule) => {
    if (!rule.then.some((action) => action.fields?.includes(key))) return [rule];
    const then = rule.then
      .map((action) => (action.fields?.includes(key) ? { ...action, fields: action.fields.filter((other) => other !== key) } : action))
      .filter((action) => !FIELD_ACTIONS.has(action.action) || (action.fields?.length ?? 0) > 0);
    return then.length > 0 ? [{ ...rule, then }] : [];
  });
}

/**
 * Removes a field and what points at it by key alone: its place in tabs, the title field setting, rule
 * actions (a rule left without actions goes) and stage gate lists. Conditions and formulas that read it stay and are reported by the checks
 * (they say something the designer must rewrite). The fields of a removed tabs item become loose.
 */
export function removeField(draft: FormDraft, key: string): FormDraft {
  if (!findField(draft, key)) return draft;
  let next: FormDraft = withoutTabKey({ ...draft, fields: draft.fields.filter((field) => field.key !== key) }, key);
  if (draft.rules) {
    const rules = rulesWithout(draft.rules, key) ?? [];
    next = rules.length > 0 ? { ...next, rules } : (({ rules: _none, ...rest }) => rest)(next);
  }
  const settings = draft.settings;
  if (settings && (settings.titleField === key || settings.stageGates)) {
    const { titleField, stageGates, ...rest } = settings;
    const gates = stageGates && stageGates.field !== key
      ? { ...stageGates, requirements: Object.fromEntries(Object.entries(stageGates.requirements).map(([stage, keys]) => [stage, keys.filter((other) => other !== key)])) }
      : undefined;
    next = { ...next, settings: { ...rest, ...(titleField && titleField !== key ? { titleField } : {}), ...(gates ? { stageGates: gates } : {}) } };
  }
  return next;
}

/** Changes a field's own properties (label, required, description); `undefined` removes one. */
export function updateField(draft: FormDraft, key: string, patch: Partial<Omit<FieldDefinition, 'key' | 'type'>>): FormDraft {
  return {
    ...draft,
    fields: draft.fields.map((field) => {
      if (field.key !== key) return field;
      const next = { ...field, ...patch } as FieldDefinition & Record<string, unknown>;
      for (const [name, value] of Object.entries(patch)) if (value === undefined) delete next[name];
      return next;
    }),
  };
}

/** Sets one option of a field; `undefined` removes it (and an options object left empty). */
export function setFieldOption(draft: FormDraft, key: string, name: string, value: unknown): FormDraft {
  return {
    ...draft,
    fields: draft.fields.map((field) => {
      if (field.key !== key) return field;
      const options: Record<string, unknown> = { ...(field.options ?? {}), [name]: value };
      if (value === undefined) delete options[name];
      if (Object.keys(options).length > 0) return { ...field, options };
      const { options: _gone, ...rest } = field;
      return rest;
    }),
  };
}

/** A condition with every {"var": old} (and "old.part") read as the new key. */
function renameInCondition(node: unknown, from: string, to: string): unknown {
  if (Array.isArray(node)) return node.map((item) => renameInCondition(item, from, to));
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).map(([operator, operand]) => {
    if (operator === 'var' && typeof operand === 'string' && (operand === from || operand.startsWith(`${from}.`))) return [operator, to + operand.slice(from.length)];
    return [operator, renameInCondition(operand, from, to)];
  }));
}

/** Options of other fields that name a field by key (formulas name fields in their text: left to the checks). */
const REFERENCE_OPTIONS = ['sourceField', 'relationField', 'subFormField'];

/**
 * Gives a field a new key (only for fields never saved: a saved key is a column). What names it by key
 * follows: tabs, title field, rules, stage gates, other fields' references and serial number segments.
 */
export function renameField(draft: FormDraft, from: string, to: string): FormDraft {
  if (from === to || !findField(draft, from) || findField(draft, to)) return draft;
  const rename = (key: string) => (key === from ? to : key);
  let next: FormDraft = mapTabs(
    { ...draft, fields: draft.fields.map((field) => (field.key === from ? { ...field, key: to } : field)) },
    (tab) => ({ ...tab, fieldKeys: tab.fieldKeys.map(rename) }),
  );
  next = {
    ...next,
    fields: next.fields.map((field) => {
      const options = field.options;
      if (!options) return field;
      let changed = false;
      const copy: Record<string, unknown> = { ...options };
      for (const name of REFERENCE_OPTIONS) if (copy[name] === from) [copy[name], changed] = [to, true];
      if (Array.isArray(copy.segments)) {
        copy.segments = copy.segments.map((segment: { type?: string; fieldKey?: string }) => (segment?.type === 'field' && segment.fieldKey === from ? ((changed = true), { ...segment, fieldKey: to }) : segment));
      }
      return changed ? { ...field, options: copy } : field;
    }),
  };
  if (draft.rules) {
    next.rules = draft.rules.map((rule) => ({
      ...rule,
      when: renameInCondition(rule.when, from, to) as FormRule['when'],
      then: rule.then.map((action) => (action.fields ? { ...action, fields: action.fields.map(rename) } : action)),
    }));
  }
  if (draft.settings) {
    const { titleField, stageGates } = draft.settings;
    next.settings = {
      ...draft.settings,
      ...(titleField ? { titleField: rename(titleField) } : {}),
      ...(stageGates ? { stageGates: { field: rename(stageGates.field), requirements: Object.fromEntries(Object.entries(stageGates.requirements).map(([stage, keys]) => [stage, keys.map(rename)])) } } : {}),
    };
  }
  return next;
}

/** Puts a field into a tab (at its end), or back among the loose fields (null). */
export function setFieldTab(draft: FormDraft, key: string, tab: { tabsKey: string; tabKey: string } | null): FormDraft {
  const current = tabOfField(draft, key);
  if (tab === null ? current === null : current !== null && sameContainer(current, { kind: 'tab', ...tab })) return draft;
  return placeField(draft, key, { container: tab ? { kind: 'tab', ...tab } : ROOT, before: null });
}
