import { getFieldType, validateFormDefinition } from '@platform/form-engine';
import type { SchemaIssue } from '@platform/schema';
import { KEY_REGEX } from './keys';
import { hasLabel } from './labels';
import { toPayload } from './payload';
import type { FormDraft } from './types';

/** What an issue is about: the form's own settings, one field, or one rule. */
export type IssueTarget =
  | { kind: 'form'; part?: string }
  | { kind: 'field'; key: string }
  | { kind: 'rule'; key: string };

/**
 * A problem that blocks saving. Engine and server issues carry the engine's code, message, params and
 * the path inside their target (['options', 'expression']); designer checks carry a code with a text
 * in the locale files (formDesigner.check.<code>).
 */
export type DesignerIssue = {
  target: IssueTarget;
  code: string;
  message: string;
  path: (string | number)[];
  params?: Record<string, string | number>;
  source: 'designer' | 'engine' | 'server';
};

/** The codes of the designer's own checks (each has formDesigner.check.<code> in both locale files). */
export const DESIGNER_CHECK_CODES = ['formName', 'formKey', 'formKeyTaken', 'noFields', 'fieldLabel', 'ruleCondition', 'ruleActions', 'ruleFields'] as const;
export type DesignerCheckCode = (typeof DESIGNER_CHECK_CODES)[number];

/** An issue as the API sends it (400 VALIDATION_FAILED details.issues) or the engine answers it. */
export type EngineIssue = SchemaIssue & { params?: Record<string, string | number> };

/**
 * Which field, rule or setting an issue path points at, read against the document that was checked:
 * ['fields', 2, 'options', 'expression'] is the third field's expression; ['rules', 0, 'when'] the first
 * rule's condition; ['settings', 'titleField'] the title setting.
 */
export function issueTarget(draft: FormDraft, path: readonly (string | number)[]): { target: IssueTarget; rest: (string | number)[] } {
  const [head, index, ...rest] = path;
  if (head === 'fields' && typeof index === 'number' && draft.fields[index]) return { target: { kind: 'field', key: draft.fields[index].key }, rest };
  if (head === 'rules' && typeof index === 'number' && draft.rules?.[index]) return { target: { kind: 'rule', key: draft.rules[index].key }, rest };
  if (head === 'settings') return { target: { kind: 'form', part: typeof index === 'string' ? index : 'settings' }, rest: [] };
  return { target: { kind: 'form', part: typeof head === 'string' ? head : undefined }, rest: path.slice(1) as (string | number)[] };
}

export function mapIssues(draft: FormDraft, issues: readonly EngineIssue[], source: DesignerIssue['source']): DesignerIssue[] {
  return issues.map((issue) => {
    const { target, rest } = issueTarget(draft, Array.isArray(issue.path) ? issue.path : []);
    return { target, code: String(issue.code), message: String(issue.message ?? ''), path: rest, params: issue.params, source };
  });
}

/** The checks of the designer itself: what the engine reports in its own terms, said for a designer. */
export function designerChecks(draft: FormDraft, options: { isNew?: boolean; takenFormKeys?: readonly string[] } = {}): DesignerIssue[] {
  const issues: DesignerIssue[] = [];
  const add = (target: IssueTarget, code: DesignerCheckCode) => issues.push({ target, code, message: code, path: [], source: 'designer' });
  if (!hasLabel(draft.name)) add({ kind: 'form', part: 'name' }, 'formName');
  if (options.isNew) {
    if (!KEY_REGEX.test(draft.key)) add({ kind: 'form', part: 'key' }, 'formKey');
    else if (options.takenFormKeys?.includes(draft.key)) add({ kind: 'form', part: 'key' }, 'formKeyTaken');
  }
  if (draft.fields.length === 0) add({ kind: 'form', part: 'fields' }, 'noFields');
  for (const field of draft.fields) if (!hasLabel(field.label)) add({ kind: 'field', key: field.key }, 'fieldLabel');
  for (const rule of draft.rules ?? []) {
    const target: IssueTarget = { kind: 'rule', key: rule.key };
    const clauses = Object.values(rule.when ?? {})[0];
    if (Object.keys(rule.when ?? {}).length === 0 || (Array.isArray(clauses) && clauses.length === 0 && ['and', 'or'].includes(Object.keys(rule.when)[0]))) add(target, 'ruleCondition');
    if (rule.then.length === 0) add(target, 'ruleActions');
    else if (rule.then.some((action) => action.action !== 'error' && action.action !== 'warn' && (action.fields?.length ?? 0) === 0)) add(target, 'ruleFields');
  }
  return issues;
}

let engineRunnable = true;

/**
 * The engine's own checks of the document, as the server runs them on save (validateFormDefinition).
 * They compile JSON Schemas with `new Function`, which the app's Content-Security-Policy refuses in the
 * browser: there the checks that need no compiling run instead (each type's checkOptions: formulas,
 * references, tabs, option keys), and the server's answer to a save covers the rest. `complete` says
 * which ran.
 */
export function engineChecks(draft: FormDraft, validate: (form: unknown) => SchemaIssue[] = validateFormDefinition): { issues: DesignerIssue[]; complete: boolean } {
  const payload = toPayload(draft);
  if (engineRunnable) {
    try {
      return { issues: mapIssues(draft, validate(payload), 'engine'), complete: true };
    } catch (error) {
      if (!(error instanceof EvalError)) throw error;
      engineRunnable = false;
    }
  }
  return { issues: mapIssues(draft, optionChecks(payload), 'engine'), complete: false };
}

/** Each field's semantic option checks (the part of validateFormDefinition that compiles nothing). */
export function optionChecks(form: FormDraft): EngineIssue[] {
  const issues: EngineIssue[] = [];
  form.fields.forEach((field, index) => {
    const definition = getFieldType(field.type);
    if (!definition?.checkOptions) return;
    try {
      for (const issue of definition.checkOptions(field, form, getFieldType)) issues.push({ ...issue, path: ['fields', index, ...issue.path] });
    } catch {
      // A check that needs compiling (a sub-form's columns) or options of the wrong shape: the server says.
    }
  });
  return issues;
}

/** For tests: lets the next engineChecks try the full engine again. */
export function resetEngineProbe(): void {
  engineRunnable = true;
}

export function sameTarget(a: IssueTarget, b: IssueTarget): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'form') return a.part === (b as typeof a).part;
  return a.key === (b as typeof a).key;
}

/** The issues about one field (or rule, or form part). */
export function issuesFor(issues: readonly DesignerIssue[], target: IssueTarget): DesignerIssue[] {
  return issues.filter((issue) => sameTarget(issue.target, target));
}

/**
 * Whether a server issue still applies: what it is about is still as it was sent (the same field,
 * rule or settings). Once edited, it is up to the next save to say.
 */
export function issueStillApplies(sent: FormDraft, current: FormDraft, target: IssueTarget): boolean {
  const part = (draft: FormDraft): unknown => {
    if (target.kind === 'field') return draft.fields.find((field) => field.key === target.key);
    if (target.kind === 'rule') return draft.rules?.find((rule) => rule.key === target.key);
    return target.part === undefined ? draft : (draft as Record<string, unknown>)[target.part] ?? draft.settings;
  };
  const before = part(sent);
  const after = part(current);
  return after !== undefined && JSON.stringify(before) === JSON.stringify(after);
}
