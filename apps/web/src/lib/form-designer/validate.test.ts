import { afterEach, describe, expect, it } from 'vitest';
import { validateFormDefinition } from '@platform/form-engine';
import { createHistory, pushHistory, redo, undo } from '../flow-designer/history';
import { createField } from './new-field';
import { insertField, removeField, setFieldOption, updateField } from './operations';
import { addRule } from './rules';
import { designerChecks, engineChecks, issuesFor, mapIssues, resetEngineProbe } from './validate';
import { sampleDraft, zhContext } from '../../test/sample-form-design';
import { ROOT } from './types';

afterEach(() => resetEngineProbe());

describe('engineChecks', () => {
  it('finds nothing in a sound form', () => {
    expect(engineChecks(sampleDraft())).toEqual({ issues: [], complete: true });
  });

  it('runs the engine the server runs and puts each issue on its field', () => {
    let draft = sampleDraft();
    const formula = createField('formula', draft, zhContext);
    draft = insertField(draft, formula, { container: ROOT, before: null });
    draft = setFieldOption(draft, 'stage', 'options', [{ key: 'open', label: '进行中' }, { key: 'open', label: '重复' }]);
    const { issues, complete } = engineChecks(draft);
    expect(complete).toBe(true);
    expect(issuesFor(issues, { kind: 'field', key: 'formula_1' }).map((issue) => issue.path)).toEqual([['options', 'expression']]);
    expect(issuesFor(issues, { kind: 'field', key: 'stage' })).toMatchObject([{ code: 'duplicate_key', path: ['options', 'options', 1, 'key'] }]);
    // A formula that reads a missing field: the engine's compile check, on that field.
    const unknown = engineChecks(setFieldOption(draft, 'formula_1', 'expression', 'amount * rate')).issues;
    expect(issuesFor(unknown, { kind: 'field', key: 'formula_1' })).toMatchObject([{ code: 'formula_unknown_field' }]);
  });

  it('reports rules that name a removed field on the rule', () => {
    const draft = removeField(sampleDraft(), 'stage');
    expect(engineChecks(draft).issues).toMatchObject([{ target: { kind: 'rule', key: 'lost_hides_amount' }, code: 'unknown_field' }]);
  });

  it('falls back to the checks that compile nothing where the page refuses eval (the CSP)', () => {
    const draft = setFieldOption(insertField(sampleDraft(), createField('formula', sampleDraft(), zhContext), { container: ROOT, before: null }), 'formula_1', 'expression', 'nope(');
    const refused = () => {
      throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed");
    };
    const result = engineChecks(draft, refused);
    expect(result.complete).toBe(false);
    expect(issuesFor(result.issues, { kind: 'field', key: 'formula_1' })).toMatchObject([{ code: 'formula_syntax' }]);
    // Once refused, the engine is not tried again.
    expect(engineChecks(sampleDraft(), validateFormDefinition).complete).toBe(false);
  });

  it('lets other errors through', () => {
    expect(() => engineChecks(sampleDraft(), () => { throw new TypeError('bug'); })).toThrow('bug');
  });
});

describe('mapIssues', () => {
  it('maps server paths to fields, rules and settings', () => {
    const issues = mapIssues(sampleDraft(), [
      { path: ['fields', 2, 'options', 'currency'], code: 'invalid_pattern', message: 'bad' },
      { path: ['rules', 0, 'then', 0, 'fields', 0], code: 'unknown_field', message: 'gone' },
      { path: ['settings', 'titleField'], code: 'unknown_field', message: 'gone' },
      { path: ['name'], code: 'required', message: 'required' },
    ], 'server');
    expect(issues.map((issue) => [issue.target, issue.path])).toEqual([
      [{ kind: 'field', key: 'amount' }, ['options', 'currency']],
      [{ kind: 'rule', key: 'lost_hides_amount' }, ['then', 0, 'fields', 0]],
      [{ kind: 'form', part: 'titleField' }, []],
      [{ kind: 'form', part: 'name' }, []],
    ]);
  });
});

describe('designerChecks', () => {
  it('asks for a name, a valid unused key, fields with labels and complete rules', () => {
    const empty = { key: 'Bad Key', name: '', fields: [] };
    expect(designerChecks(empty, { isNew: true }).map((issue) => issue.code)).toEqual(['formName', 'formKey', 'noFields']);
    expect(designerChecks({ ...empty, key: 'deal', name: 'x' }, { isNew: true, takenFormKeys: ['deal'] }).map((issue) => issue.code)).toEqual(['formKeyTaken', 'noFields']);
    let draft = updateField(sampleDraft(), 'notes', { label: '' });
    draft = addRule(draft).draft;
    expect(designerChecks(draft).map((issue) => [issue.code, issue.target])).toEqual([
      ['fieldLabel', { kind: 'field', key: 'notes' }],
      ['ruleCondition', { kind: 'rule', key: 'rule_1' }],
      ['ruleFields', { kind: 'rule', key: 'rule_1' }],
    ]);
  });
});

describe('undo and redo over designer edits (the flow designer history)', () => {
  it('steps back and forth; typing a label is one step', () => {
    let history = createHistory(sampleDraft());
    history = pushHistory(history, removeField(history.present, 'notes'));
    history = pushHistory(history, updateField(history.present, 'name', { label: '名' }), 'label:name');
    history = pushHistory(history, updateField(history.present, 'name', { label: '名称2' }), 'label:name');
    expect(history.past).toHaveLength(2);
    history = undo(history);
    expect(history.present.fields.find((field) => field.key === 'name')?.label).toBe('名称');
    history = undo(history);
    expect(history.present.fields.map((field) => field.key)).toContain('notes');
    history = redo(redo(history));
    expect(history.present.fields.find((field) => field.key === 'name')?.label).toBe('名称2');
  });
});
