import type { FieldDefinition } from '@platform/schema';
import { errorMessage, issueMessage, type Translate } from '../api-errors';
import { labelText } from '../label-text';

type Refusal = { code: string; message: string; details?: { issues?: { path: (string | number)[]; code: string; message: string }[] } };

/**
 * Why a record could not move to another lane, in the user's language. A stage gate names the stage
 * and the fields still to fill ("进入“方案报价”前需要先填写：预算、决策人"); other issues and errors use
 * their translated messages.
 */
export function moveRefusalText(error: Refusal, fields: readonly FieldDefinition[], laneLabel: string, locale: string, translate: Translate): string {
  const issues = error.details?.issues ?? [];
  const gated = issues.filter((issue) => issue.code === 'stage_gate').map((issue) => String(issue.path[0] ?? ''));
  if (gated.length > 0) {
    const labels = gated.map((key) => labelText(fields.find((field) => field.key === key)?.label, locale) || key);
    const separator = locale.startsWith('zh') ? '、' : ', ';
    return translate('views.kanban.stageGate', `Fill in ${labels.join(separator)} before moving to “${laneLabel}”`, { stage: laneLabel, fields: labels.join(separator) });
  }
  if (issues.length > 0) return issueMessage(issues[0], translate);
  return errorMessage(error, translate);
}
