import type { FormDefinition } from '@platform/schema';
import { choiceLabel } from './field-types/choice-options';
import type { RecordIssue } from './record-issue';
import { isEmptyValue } from './values/is-empty-value';

/**
 * Stage gates (VALUES.md): a record may not enter a stage while the fields that stage requires are
 * empty. `before` is the stored record's data (null on create); `after` the data being written, whole
 * or partial: it is laid over `before`. Staying in a stage is not entering it, so no check runs then.
 * Each empty required field gives an issue `stage_gate` at its key.
 */
export function applyStageGates(
  form: FormDefinition,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): RecordIssue[] {
  const gates = form.settings?.stageGates;
  if (!gates) return [];
  const merged: Record<string, unknown> = { ...before, ...after };
  const stage = merged[gates.field];
  if (typeof stage !== 'string' || !Object.hasOwn(gates.requirements, stage)) return [];
  if (before !== null && before[gates.field] === stage) return [];

  const stageField = form.fields.find((field) => field.key === gates.field);
  const params = {
    stage,
    stageLabel: stage,
    ...(stageField && {
      'stageLabel.zh-CN': choiceLabel(stageField, stage, 'zh-CN'),
      'stageLabel.en-US': choiceLabel(stageField, stage, 'en-US'),
    }),
  };
  return gates.requirements[stage]
    .filter((key) => isEmptyValue(merged[key]))
    .map((key) => ({
      path: [key],
      code: 'stage_gate',
      message: `${key} is required before entering stage "${params['stageLabel.en-US'] ?? stage}"`,
      params,
    }));
}
