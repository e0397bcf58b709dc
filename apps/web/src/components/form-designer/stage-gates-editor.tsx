import { Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../hooks/use-locale';
import { labelText } from '../../lib/label-text';
import { gateFieldCandidates, setStageField, setStageRequirement, stageFieldCandidates, stageGateRows } from '../../lib/form-designer/stage-gates';
import { useFormDesigner } from './designer-context';
import { PanelRow } from './panel-row';

/**
 * 阶段门槛 (form settings): the stage field (a select or radio field), then per stage the fields a record
 * must have filled before it enters that stage. The server refuses a save or a kanban move otherwise.
 */
export function StageGatesEditor() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { draft, change, issuesOf, issueText } = useFormDesigner();
  const gates = draft.settings?.stageGates;
  const candidates = stageFieldCandidates(draft);
  const required = gateFieldCandidates(draft).map((field) => ({ value: field.key, label: labelText(field.label, locale) || field.key }));
  const issues = issuesOf({ kind: 'form', part: 'stageGates' });
  return (
    <section className="fmd-stage-gates" data-testid="stage-gates" aria-label={t('formDesigner.stageGates.title')}>
      <Typography.Text type="secondary" className="fmd-panel__section">{t('formDesigner.stageGates.title')}</Typography.Text>
      {issues.length > 0 && <ul className="fmd-rule__issues" data-testid="stage-gates-issues">{issues.map((issue, at) => <li key={at}>{issueText(issue)}</li>)}</ul>}
      <PanelRow label={t('formDesigner.stageGates.field')} hint={candidates.length === 0 ? t('formDesigner.stageGates.noField') : t('formDesigner.stageGates.hint')}>
        <Select<string>
          className="fmd-block"
          allowClear
          value={gates?.field}
          placeholder={t('formDesigner.stageGates.none')}
          options={candidates.map((field) => ({ value: field.key, label: labelText(field.label, locale) || field.key }))}
          data-testid="stage-gate-field"
          onChange={(key) => change((current) => setStageField(current, key || undefined))}
        />
      </PanelRow>
      {stageGateRows(draft).map(({ stage, required: keys }) => (
        <PanelRow
          key={stage.key}
          label={<>{t('formDesigner.stageGates.enter')} <Tag color={stage.color}>{labelText(stage.label, locale) || stage.key}</Tag></>}
        >
          <Select<string[]>
            className="fmd-block"
            mode="multiple"
            allowClear
            value={keys}
            placeholder={t('formDesigner.stageGates.nothingRequired')}
            options={required}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid={`stage-gate-${stage.key}`}
            onChange={(next) => change((current) => setStageRequirement(current, stage.key, next))}
          />
        </PanelRow>
      ))}
    </section>
  );
}
