import { describe, expect, it } from 'vitest';
import { validateFormDefinition } from '@platform/form-engine';
import { removeField, renameField } from './operations';
import { gateFieldCandidates, setStageField, setStageRequirement, stageFieldCandidates, stageGateRows } from './stage-gates';
import { sampleDraft } from '../../test/sample-form-design';

describe('stage gates', () => {
  it('picks a select as the stage and requires fields per stage, as the engine accepts', () => {
    let draft = sampleDraft();
    expect(stageFieldCandidates(draft).map((field) => field.key)).toEqual(['stage']);
    draft = setStageField(draft, 'stage');
    expect(gateFieldCandidates(draft).map((field) => field.key)).toEqual(['name', 'amount', 'notes']);
    draft = setStageRequirement(draft, 'lost', ['notes']);
    draft = setStageRequirement(draft, 'open', ['amount', 'name']);
    expect(draft.settings).toEqual({ titleField: 'name', columns: 2, stageGates: { field: 'stage', requirements: { lost: ['notes'], open: ['amount', 'name'] } } });
    expect(stageGateRows(draft).map((row) => [row.stage.key, row.required])).toEqual([['open', ['amount', 'name']], ['lost', ['notes']]]);
    expect(validateFormDefinition(draft)).toEqual([]);
    // Emptying a stage drops its entry; renaming and removing fields follow.
    draft = setStageRequirement(draft, 'lost', []);
    expect(draft.settings?.stageGates?.requirements).toEqual({ open: ['amount', 'name'] });
    draft = renameField(draft, 'amount', 'value');
    expect(draft.settings?.stageGates?.requirements).toEqual({ open: ['value', 'name'] });
    expect(removeField(draft, 'stage').settings?.stageGates).toBeUndefined();
  });

  it('clears the gates with the field, and starts afresh on another field', () => {
    let draft = setStageRequirement(setStageField(sampleDraft(), 'stage'), 'open', ['name']);
    expect(setStageField(draft, 'stage')).toBe(draft);
    draft = setStageField(draft, undefined);
    expect(draft.settings).toEqual({ titleField: 'name', columns: 2 });
    expect(stageGateRows(draft)).toEqual([]);
    expect(setStageRequirement(draft, 'open', ['name'])).toBe(draft);
  });
});
