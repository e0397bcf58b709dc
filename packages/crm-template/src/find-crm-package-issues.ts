import { getFieldType } from '@platform/form-engine';
import {
  KEY_REGEX,
  type AppPackage,
  type Condition,
  type FieldDefinition,
  type FormDefinition,
  type NavigationItem,
  type SchemaIssue,
} from '@platform/schema';
import { varsOf } from './condition-vars';
import { findLinkIssues } from './find-link-issues';

/** Field types this package uses (files and signatures hold nothing a package can ship). */
export const AVAILABLE_FIELD_TYPES = [
  'text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'select', 'multiSelect', 'radio',
  'checkbox', 'switch', 'member', 'members', 'department', 'departments', 'email', 'phone', 'url', 'rating',
  'time', 'moneyInWords', 'divider', 'description', 'relation', 'lookup', 'rollup', 'serialNumber', 'subForm',
  'formula', 'address',
] as const;

const LAYOUT_TYPES = new Set(['divider', 'description', 'tabs']);
const DERIVED_TYPES = new Set(['moneyInWords', 'lookup', 'rollup', 'formula', 'serialNumber']);
const CHOICE_TYPES = new Set(['select', 'radio', 'multiSelect', 'checkbox']);
const NUMBER_TYPES = new Set(['number', 'money', 'percent']);
/** System fields API.md lets views sort, filter and show. */
const SYSTEM_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'ownerId', 'ownerDeptId', 'flowStatus']);
const DEFAULT_MAX_LENGTH: Record<string, number> = { text: 500, textarea: 20_000 };
const DEFAULT_DECIMALS: Record<string, number> = { number: 0, money: 2, percent: 0 };

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\+[1-9]\d{6,14})$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const COLOR = /^#[0-9a-f]{6}$/i;

type Path = (string | number)[];
type Context = { users: Set<string>; departments: Set<string> };

/** Every value field (not layout) of a form, by key. */
const valueFields = (form: FormDefinition) =>
  new Map(form.fields.filter((f) => !LAYOUT_TYPES.has(f.type)).map((f) => [f.key, f]));

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

function isLocalized(label: unknown): boolean {
  if (typeof label !== 'object' || label === null) return false;
  const map = label as Record<string, unknown>;
  return ['zh-CN', 'en-US'].every((locale) => typeof map[locale] === 'string' && (map[locale] as string).trim() !== '');
}

function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function hasDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/** The subset of the condition language that rules of this package use, with its empty-value semantics. */
function evaluate(condition: Condition, data: Record<string, unknown>): boolean {
  const [op, raw] = Object.entries(condition)[0] ?? ['', undefined];
  const args = Array.isArray(raw) ? raw : [raw];
  const value = (arg: unknown): unknown =>
    typeof arg === 'object' && arg !== null && 'var' in arg ? (data[(arg as { var: string }).var] ?? null) : arg;
  const [left, right] = [value(args[0]), value(args[1])];
  switch (op) {
    case 'and': return args.every((c) => evaluate(c as Condition, data));
    case 'or': return args.some((c) => evaluate(c as Condition, data));
    case '!': return !evaluate(args[0] as Condition, data);
    case 'isEmpty': return isEmpty(left);
    case 'isNotEmpty': return !isEmpty(left);
    case '!=': return isEmpty(left) || left !== right;
    case '==': return !isEmpty(left) && left === right;
    case 'in': return !isEmpty(left) && Array.isArray(right) && right.includes(left);
    case '<': return !isEmpty(left) && (left as number) < (right as number);
    case '<=': return !isEmpty(left) && (left as number) <= (right as number);
    case '>': return !isEmpty(left) && (left as number) > (right as number);
    case '>=': return !isEmpty(left) && (left as number) >= (right as number);
    // formIssues reports operators outside this subset, so a rule is never silently skipped.
    default: return false;
  }
}

const EVALUATED_OPERATORS = new Set(['and', 'or', '!', 'isEmpty', 'isNotEmpty', '!=', '==', 'in', '<', '<=', '>', '>=', 'var']);

/** Operators a condition uses. */
function operatorsOf(condition: unknown, into: string[] = []): string[] {
  if (Array.isArray(condition)) condition.forEach((item) => operatorsOf(item, into));
  else if (typeof condition === 'object' && condition !== null) {
    for (const [op, arg] of Object.entries(condition)) {
      into.push(op);
      operatorsOf(arg, into);
    }
  }
  return into;
}

/** Problems of one value for its field, as the platform's value rules (VALUES.md) would see them. */
function valueIssue(field: FieldDefinition, value: unknown, ctx: Context): string | undefined {
  const options = field.options ?? {};
  const keys = new Set(((options.options as { key: string }[] | undefined) ?? []).map((o) => o.key));
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const max = (options.maxLength as number | undefined) ?? DEFAULT_MAX_LENGTH[field.type] ?? 500;
      return typeof value !== 'string' ? 'not a string' : value.length > max ? `longer than ${max}` : undefined;
    }
    case 'number':
    case 'money':
    case 'percent': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'not a number';
      const decimals = (options.decimals as number | undefined) ?? DEFAULT_DECIMALS[field.type] ?? 0;
      if (!hasDecimals(value, decimals)) return `more than ${decimals} decimals`;
      if (typeof options.min === 'number' && value < options.min) return `below ${options.min}`;
      if (typeof options.max === 'number' && value > options.max) return `above ${options.max}`;
      return undefined;
    }
    case 'rating':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= ((options.max as number | undefined) ?? 5)
        ? undefined : 'not a rating';
    case 'date': return typeof value === 'string' && isCalendarDate(value) ? undefined : 'not a date';
    case 'datetime':
      return typeof value === 'string' && value.endsWith('Z') && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value
        ? undefined : 'not an ISO UTC datetime';
    case 'time': return typeof value === 'string' && TIME.test(value) ? undefined : 'not a time';
    case 'select':
    case 'radio': return typeof value === 'string' && keys.has(value) ? undefined : `not an option: ${String(value)}`;
    case 'multiSelect':
    case 'checkbox':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && keys.has(v)) && new Set(value).size === value.length
        ? undefined : 'not a list of options';
    case 'switch': return typeof value === 'boolean' ? undefined : 'not a boolean';
    case 'member': return typeof value === 'string' && ctx.users.has(value) ? undefined : `not a demo username: ${String(value)}`;
    case 'members': return Array.isArray(value) && value.every((v) => ctx.users.has(v as string)) ? undefined : 'not demo usernames';
    case 'department': return typeof value === 'string' && ctx.departments.has(value) ? undefined : 'not a demo department';
    case 'departments': return Array.isArray(value) && value.every((v) => ctx.departments.has(v as string)) ? undefined : 'not demo departments';
    case 'email': return typeof value === 'string' && EMAIL.test(value) ? undefined : 'not an email';
    case 'phone': return typeof value === 'string' && PHONE.test(value) ? undefined : 'not a phone number';
    case 'url': return typeof value === 'string' && URL_PATTERN.test(value) ? undefined : 'not an http(s) URL';
    // Demo relations name the title of a record created before; the importer maps it to the record's id
    // (recordIssues checks that such a record comes earlier).
    case 'relation': return typeof value === 'string' && value !== '' ? undefined : 'not a record title';
    case 'address': return addressIssue(field, value);
    case 'subForm': {
      if (!Array.isArray(value)) return 'not a list of rows';
      const columns = new Map(((options.fields as FieldDefinition[] | undefined) ?? []).map((c) => [c.key, c]));
      for (const row of value as Record<string, unknown>[]) {
        for (const [key, cell] of Object.entries(row)) {
          const column = columns.get(key);
          if (!column || DERIVED_TYPES.has(column.type)) return `row column ${key} is not writable`;
          const problem = valueIssue(column, cell, ctx);
          if (problem) return `row column ${key}: ${problem}`;
        }
      }
      return undefined;
    }
    default: return `type ${field.type} holds no writable value`;
  }
}

/** An address must be what the platform stores: region names forming a path in the shipped data. */
function addressIssue(field: FieldDefinition, value: unknown): string | undefined {
  const coerced = getFieldType('address')?.coerce(value, field);
  if (!coerced) return 'address fields are unknown to the form engine';
  if (!coerced.ok) return coerced.message;
  return JSON.stringify(coerced.value) === JSON.stringify(value) ? undefined : 'not the stored shape {province, city, district, detail}';
}

function formIssues(form: FormDefinition, at: Path, issues: SchemaIssue[]): void {
  const add = (path: Path, code: string, message: string) => issues.push({ path: [...at, ...path], code, message });
  const check = (ok: boolean, path: Path, code: string, message: string) => (ok ? undefined : add(path, code, message));
  if (!isLocalized(form.name)) add(['name'], 'label_locales', 'needs zh-CN and en-US');
  const seen = new Set<string>();
  const fields = valueFields(form);
  form.fields.forEach((f, i) => {
    if (!KEY_REGEX.test(f.key)) add(['fields', i, 'key'], 'invalid_key', f.key);
    if (seen.has(f.key)) add(['fields', i, 'key'], 'duplicate_key', f.key);
    seen.add(f.key);
    if (!(AVAILABLE_FIELD_TYPES as readonly string[]).includes(f.type)) add(['fields', i, 'type'], 'unavailable_type', f.type);
    if (!isLocalized(f.label)) add(['fields', i, 'label'], 'label_locales', 'needs zh-CN and en-US');
    const options = f.options ?? {};
    if (CHOICE_TYPES.has(f.type)) {
      const list = (options.options as { key: string; label: unknown; color?: string }[] | undefined) ?? [];
      if (list.length === 0) add(['fields', i, 'options'], 'no_options', f.key);
      const keys = new Set<string>();
      list.forEach((o, j) => {
        if (!KEY_REGEX.test(o.key) || keys.has(o.key)) add(['fields', i, 'options', 'options', j], 'invalid_option_key', o.key);
        keys.add(o.key);
        if (!isLocalized(o.label)) add(['fields', i, 'options', 'options', j], 'label_locales', o.key);
        if (o.color !== undefined && !COLOR.test(o.color)) add(['fields', i, 'options', 'options', j], 'invalid_color', String(o.color));
      });
    }
    if (NUMBER_TYPES.has(f.type) && options.decimals !== undefined && !Number.isInteger(options.decimals)) {
      add(['fields', i, 'options', 'decimals'], 'invalid_decimals', f.key);
    }
    if (f.type === 'money' && options.currency !== 'CNY') add(['fields', i, 'options', 'currency'], 'invalid_currency', f.key);
    if (f.type === 'rating' && !(Number.isInteger(options.max) && (options.max as number) >= 1 && (options.max as number) <= 10)) {
      add(['fields', i, 'options', 'max'], 'invalid_max', f.key);
    }
    if (f.type === 'moneyInWords' && !['money', 'number'].includes(fields.get(options.sourceField as string)?.type ?? '')) {
      add(['fields', i, 'options', 'sourceField'], 'unknown_field', String(options.sourceField));
    }
    if (options.default !== undefined && !LAYOUT_TYPES.has(f.type) && valueIssue(f, options.default, { users: new Set(), departments: new Set() })) {
      add(['fields', i, 'options', 'default'], 'invalid_default', f.key);
    }
  });
  const settings = form.settings ?? {};
  if (settings.titleField !== undefined && !fields.has(settings.titleField)) add(['settings', 'titleField'], 'unknown_field', settings.titleField);
  if (settings.stageGates) {
    const stage = fields.get(settings.stageGates.field);
    const stages = new Set(((stage?.options?.options as { key: string }[] | undefined) ?? []).map((o) => o.key));
    if (!stage || stage.type !== 'select') add(['settings', 'stageGates', 'field'], 'unknown_field', settings.stageGates.field);
    for (const [value, keys] of Object.entries(settings.stageGates.requirements)) {
      if (!stages.has(value)) add(['settings', 'stageGates', 'requirements', value], 'unknown_option', value);
      keys.forEach((key, j) => {
        if (!fields.has(key) || DERIVED_TYPES.has(fields.get(key)?.type ?? '')) add(['settings', 'stageGates', 'requirements', value, j], 'unknown_field', key);
      });
    }
  }
  (form.rules ?? []).forEach((rule, r) => {
    varsOf(rule.when).forEach((key) => {
      if (!fields.has(key)) add(['rules', r, 'when'], 'unknown_field', key);
    });
    operatorsOf(rule.when).forEach((op) => {
      if (!EVALUATED_OPERATORS.has(op)) add(['rules', r, 'when'], 'unchecked_operator', op);
    });
    rule.then.forEach((action, a) =>
      (action.fields ?? []).forEach((key) => check(fields.has(key), ['rules', r, 'then', a, 'fields'], 'unknown_field', key)),
    );
    rule.then.forEach((action, a) => {
      if (action.message !== undefined && !isLocalized(action.message)) add(['rules', r, 'then', a, 'message'], 'label_locales', rule.key);
    });
  });
}

/** Titles of the demo records imported so far: form key -> title -> how many records carry it. */
type Titles = Map<string, Map<string, number>>;

/** A relation's demo value must name exactly one record of its target form imported before this one. */
function relationIssue(field: FieldDefinition, value: unknown, titles: Titles): { code: string; message: string } | undefined {
  const target = String(field.options?.targetForm);
  const count = titles.get(target)?.get(value as string) ?? 0;
  if (count === 0) return { code: 'unknown_record', message: `no ${target} record titled ${JSON.stringify(value)} comes earlier in the demo` };
  if (count > 1) return { code: 'ambiguous_record', message: `${count} ${target} records are titled ${JSON.stringify(value)}` };
  return undefined;
}

function addTitle(titles: Titles, form: FormDefinition, data: Record<string, unknown>): void {
  const title = form.settings?.titleField ? data[form.settings.titleField] : undefined;
  if (typeof title !== 'string') return;
  const counts = titles.get(form.key) ?? new Map<string, number>();
  counts.set(title, (counts.get(title) ?? 0) + 1);
  titles.set(form.key, counts);
}

function recordIssues(pkg: AppPackage, ctx: Context, issues: SchemaIssue[]): void {
  const forms = new Map(pkg.forms.map((form) => [form.key, form]));
  const refs = new Set<string>();
  const titles: Titles = new Map();
  (pkg.demo?.records ?? []).forEach((set, s) => {
    const form = forms.get(set.formKey);
    if (!form) {
      issues.push({ path: ['demo', 'records', s, 'formKey'], code: 'unknown_form', message: set.formKey });
      return;
    }
    const fields = valueFields(form);
    const uniques = form.fields.filter((f) => f.options?.unique === true).map((f) => ({ key: f.key, seen: new Set<unknown>() }));
    const gates = form.settings?.stageGates;
    set.rows.forEach((row, r) => {
      const add = (path: Path, code: string, message: string) => issues.push({ path: ['demo', 'records', s, 'rows', r, ...path], code, message });
      const check = (ok: boolean, path: Path, code: string, message: string) => (ok ? undefined : add(path, code, message));
      if (row.ref !== undefined) {
        if (refs.has(row.ref)) add(['ref'], 'duplicate_ref', row.ref);
        refs.add(row.ref);
      }
      if (row.owner !== undefined && !ctx.users.has(row.owner)) add(['owner'], 'unknown_user', row.owner);
      if (row.createdAt !== undefined && valueIssue({ key: 'createdAt', type: 'datetime', label: '' }, row.createdAt, ctx)) {
        add(['createdAt'], 'invalid_value', row.createdAt);
      }
      for (const [key, value] of Object.entries(row.data)) {
        const f = fields.get(key);
        if (!f) add(['data', key], 'unknown_field', key);
        else if (DERIVED_TYPES.has(f.type)) add(['data', key], 'derived_field', `${key} is computed by the platform`);
        else if (value !== null) {
          const problem = valueIssue(f, value, ctx);
          if (problem) add(['data', key], 'invalid_value', `${problem} (${JSON.stringify(value)})`);
          const link = !problem && f.type === 'relation' ? relationIssue(f, value, titles) : undefined;
          if (link) add(['data', key], link.code, link.message);
        }
      }
      for (const f of fields.values()) {
        if (f.required && isEmpty(row.data[f.key])) add(['data', f.key], 'required', `${f.key} is required`);
      }
      const stage = gates ? row.data[gates.field] : undefined;
      if (gates && typeof stage === 'string') {
        for (const key of gates.requirements[stage] ?? []) {
          if (isEmpty(row.data[key])) add(['data', key], 'stage_gate', `${key} is required in stage ${stage}`);
        }
      }
      for (const rule of form.rules ?? []) {
        if (!evaluate(rule.when, row.data)) continue;
        for (const action of rule.then) {
          if (action.action === 'require') {
            (action.fields ?? []).forEach((key) => check(!isEmpty(row.data[key]), ['data', key], 'rule', `${rule.key} requires ${key}`));
          }
          if (action.action === 'error') add(['data'], 'rule', `${rule.key} blocks saving`);
        }
      }
      for (const unique of uniques) {
        const value = row.data[unique.key];
        if (isEmpty(value)) continue;
        if (unique.seen.has(value)) add(['data', unique.key], 'unique_violation', String(value));
        unique.seen.add(value);
      }
      addTitle(titles, form, row.data);
    });
  });
}

function navigationForms(items: NavigationItem[], into: string[] = []): string[] {
  for (const item of items) {
    if (item.type === 'group') navigationForms(item.children, into);
    else if (item.type === 'form') into.push(item.formKey);
  }
  return into;
}

/**
 * What validateAppPackageDocument cannot see: each form as the importer checks it, with its relations,
 * lookups and rollups against the other forms, and no cycle of derived fields across forms
 * (findLinkIssues); cross-references inside the package (titles, gates, rules, views, navigation, grants,
 * demo organisation); demo records checked value by value against their forms, relations naming a record
 * imported before them. Also this package's own policies: only the field types available now, and every
 * label in zh-CN and en-US. Returns issues; never throws for a bad package.
 */
export function findCrmPackageIssues(pkg: AppPackage): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const add = (path: Path, code: string, message: string) => issues.push({ path, code, message });
  const check = (ok: boolean, path: Path, code: string, message: string) => (ok ? undefined : add(path, code, message));
  const forms = new Map<string, FormDefinition>();
  issues.push(...findLinkIssues(pkg.forms));
  if (!isLocalized(pkg.app.name)) add(['app', 'name'], 'label_locales', 'needs zh-CN and en-US');
  pkg.forms.forEach((form, i) => {
    if (forms.has(form.key)) add(['forms', i, 'key'], 'duplicate_key', form.key);
    forms.set(form.key, form);
    formIssues(form, ['forms', i], issues);
  });

  const viewKeys = new Set<string>();
  (pkg.views ?? []).forEach((view, i) => {
    const form = forms.get(view.formKey);
    if (viewKeys.has(view.key)) add(['views', i, 'key'], 'duplicate_key', view.key);
    viewKeys.add(view.key);
    if (!isLocalized(view.name)) add(['views', i, 'name'], 'label_locales', view.key);
    if (!form) return add(['views', i, 'formKey'], 'unknown_form', view.formKey);
    const fields = valueFields(form);
    const known = (key: string) => fields.has(key) || SYSTEM_FIELDS.has(key);
    (view.columns ?? []).forEach((key, j) => check(known(key), ['views', i, 'columns', j], 'unknown_field', key));
    (view.sort ?? []).forEach((sort, j) => check(known(sort.field), ['views', i, 'sort', j], 'unknown_field', sort.field));
    varsOf(view.filter ?? {}).forEach((key) => check(known(key), ['views', i, 'filter'], 'unknown_field', key));
    const group = view.groupField ? fields.get(view.groupField) : undefined;
    if (view.type === 'kanban' && !(group && (group.type === 'select' || group.type === 'radio'))) {
      add(['views', i, 'groupField'], 'invalid_group_field', String(view.groupField));
    }
    if (view.type === 'calendar' && !(group && (group.type === 'date' || group.type === 'datetime'))) {
      add(['views', i, 'groupField'], 'invalid_group_field', String(view.groupField));
    }
  });

  const navigated = navigationForms(pkg.app.navigation ?? []);
  navigated.forEach((key) => check(forms.has(key), ['app', 'navigation'], 'unknown_form', key));
  for (const key of forms.keys()) {
    const times = navigated.filter((k) => k === key).length;
    if (times !== 1) add(['app', 'navigation'], 'navigation_coverage', `${key} appears ${times} times`);
  }

  const roleKeys = new Set<string>();
  (pkg.roles ?? []).forEach((role, i) => {
    if (!KEY_REGEX.test(role.key) || roleKeys.has(role.key)) add(['roles', i, 'key'], 'invalid_key', role.key);
    roleKeys.add(role.key);
    if (!isLocalized(role.name)) add(['roles', i, 'name'], 'label_locales', role.key);
    // Several grants on one form are allowed (different scopes with different field rules), not identical twins.
    const granted = new Set<string>();
    role.grants.forEach((grant, j) => {
      const form = forms.get(grant.formKey);
      if (!form) return add(['roles', i, 'grants', j, 'formKey'], 'unknown_form', grant.formKey);
      const signature = JSON.stringify([grant.formKey, grant.scope]);
      if (granted.has(signature)) add(['roles', i, 'grants', j, 'formKey'], 'duplicate_grant', grant.formKey);
      granted.add(signature);
      if (grant.actions.length === 0 || !grant.actions.includes('read')) add(['roles', i, 'grants', j, 'actions'], 'no_read', grant.formKey);
      const fields = valueFields(form);
      const perms = grant.fields;
      if (!perms) return;
      const lists: [string, string[] | '*' | undefined][] = [['visible', perms.visible], ['editable', perms.editable], ['masked', perms.masked]];
      for (const [name, list] of lists) {
        if (Array.isArray(list)) list.forEach((key, k) => check(fields.has(key), ['roles', i, 'grants', j, 'fields', name, k], 'unknown_field', key));
      }
      const visible = (key: string) => perms.visible === '*' || perms.visible.includes(key);
      if (perms.editable !== '*') perms.editable.forEach((key) => check(visible(key), ['roles', i, 'grants', j, 'fields', 'editable'], 'not_visible', key));
      else if (perms.visible !== '*') add(['roles', i, 'grants', j, 'fields', 'editable'], 'not_visible', '*');
      (perms.masked ?? []).forEach((key) => check(visible(key), ['roles', i, 'grants', j, 'fields', 'masked'], 'not_visible', key));
    });
  });

  const demo = pkg.demo;
  if (!demo) return issues;
  const departments = new Map((demo.departments ?? []).map((d) => [d.key, d]));
  const users = new Map((demo.users ?? []).map((u) => [u.username, u]));
  if (departments.size !== (demo.departments ?? []).length) add(['demo', 'departments'], 'duplicate_key', 'department keys');
  if (users.size !== (demo.users ?? []).length) add(['demo', 'users'], 'duplicate_key', 'usernames');
  (demo.departments ?? []).forEach((d, i) => {
    if (!KEY_REGEX.test(d.key)) add(['demo', 'departments', i, 'key'], 'invalid_key', d.key);
    if (d.parentKey !== null && !departments.has(d.parentKey)) add(['demo', 'departments', i, 'parentKey'], 'unknown_department', d.parentKey);
    if (d.headUsername !== undefined && !users.has(d.headUsername)) add(['demo', 'departments', i, 'headUsername'], 'unknown_user', d.headUsername);
  });
  const roots = (demo.departments ?? []).filter((d) => d.parentKey === null).length;
  if (departments.size > 0 && roots !== 1) add(['demo', 'departments'], 'roots', `${roots} top-level departments, expected 1`);
  (demo.users ?? []).forEach((u, i) => {
    if (u.departmentKeys.length === 0) add(['demo', 'users', i, 'departmentKeys'], 'no_department', u.username);
    u.departmentKeys.forEach((key) => check(departments.has(key), ['demo', 'users', i, 'departmentKeys'], 'unknown_department', key));
    u.roleKeys.forEach((key) => check(roleKeys.has(key), ['demo', 'users', i, 'roleKeys'], 'unknown_role', key));
    const chain = new Set([u.username]);
    for (let m = u.managerUsername; m !== undefined; m = users.get(m)?.managerUsername) {
      if (!users.has(m)) { add(['demo', 'users', i, 'managerUsername'], 'unknown_user', m); break; }
      if (chain.has(m)) { add(['demo', 'users', i, 'managerUsername'], 'manager_cycle', m); break; }
      chain.add(m);
    }
  });
  recordIssues(pkg, { users: new Set(users.keys()), departments: new Set(departments.keys()) }, issues);
  return issues;
}
