import type { FieldDefinition, FormDraft, LocalizedText } from './types';

/**
 * Stage gates (`settings.stageGates`, VALUES.md): a select or radio field is the record's stage; per
 * stage (an option key), the fields that must be filled before a record may enter it. The server
 * refuses a create, an edit or a kanban move into a stage whose fields are empty.
 */

const LAYOUT = new Set(['divider', 'description', 'tabs']);
const DERIVED = new Set(['moneyInWords', 'lookup', 'rollup', 'formula', 'serialNumber']);

type Choice = { key: string; label: LocalizedText; color?: string };

/** The fields that can be the stage: select and radio fields. */
export function stageFieldCandidates(draft: FormDraft): FieldDefinition[] {
  return draft.fields.filter((field) => field.type === 'select' || field.type === 'radio');
}

/** The fields a stage can require: the form's fields a user fills in, the stage field aside. */
export function gateFieldCandidates(draft: FormDraft): FieldDefinition[] {
  const stage = draft.settings?.stageGates?.field;
  return draft.fields.filter((field) => field.key !== stage && !LAYOUT.has(field.type) && !DERIVED.has(field.type));
}

/** The options of the stage field, each with the fields it requires (in the field's order). */
export function stageGateRows(draft: FormDraft): { stage: Choice; required: string[] }[] {
  const gates = draft.settings?.stageGates;
  const field = gates ? draft.fields.find((candidate) => candidate.key === gates.field) : undefined;
  if (!gates || !field) return [];
  const choices = (Array.isArray(field.options?.options) ? field.options.options : []) as Choice[];
  return choices.map((stage) => ({ stage, required: gates.requirements[stage.key] ?? [] }));
}

function withGates(draft: FormDraft, gates: NonNullable<FormDraft['settings']>['stageGates'] | undefined): FormDraft {
  const { stageGates: _old, ...rest } = draft.settings ?? {};
  return { ...draft, settings: gates ? { ...rest, stageGates: gates } : rest };
}

/**
 * Picks the stage field (undefined: no gates). Another field starts with no requirements: the old ones
 * name the old field's options.
 */
export function setStageField(draft: FormDraft, fieldKey: string | undefined): FormDraft {
  const current = draft.settings?.stageGates;
  if (current?.field === fieldKey) return draft;
  return withGates(draft, fieldKey ? { field: fieldKey, requirements: {} } : undefined);
}

/** The fields one stage requires; an empty list removes the stage's entry. */
export function setStageRequirement(draft: FormDraft, stageKey: string, fieldKeys: readonly string[]): FormDraft {
  const current = draft.settings?.stageGates;
  if (!current) return draft;
  const { [stageKey]: _old, ...others } = current.requirements;
  const requirements = fieldKeys.length > 0 ? { ...others, [stageKey]: [...fieldKeys] } : others;
  return withGates(draft, { ...current, requirements });
}
