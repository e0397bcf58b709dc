import { Button, Card, Empty, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Condition, FieldDefinition, FormRule, FormRuleAction, LocalizedText } from '@platform/schema';
import { useLocale } from '../../hooks/use-locale';
import { labelText } from '../../lib/label-text';
import { withLabelText } from '../../lib/form-designer/labels';
import {
  actionTakesFields, actionTakesMessage, actionTakesValue, addAction, addRule, changeActionKind, fieldsForAction, moveRule, removeAction,
  removeRule, updateAction, updateRule,
} from '../../lib/form-designer/rules';
import { RULE_ACTIONS, type RuleActionName } from '../../lib/form-designer/types';
import { ConditionEditor } from '../flow-designer/condition-editor';
import { useFormDesigner } from './designer-context';

const NUMERIC = new Set(['number', 'money', 'percent', 'rating']);

/** The value a setValue action writes, edited as the first target field's kind of value. */
function ActionValue({ field, value, onChange }: { field: FieldDefinition | undefined; value: unknown; onChange: (value: unknown) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (field && ['select', 'radio'].includes(field.type)) {
    const choices = (Array.isArray(field.options?.options) ? field.options.options : []) as { key: string; label: LocalizedText }[];
    return <Select<string> className="fmd-block" allowClear value={typeof value === 'string' ? value : undefined} options={choices.map((choice) => ({ value: choice.key, label: labelText(choice.label, locale) }))} onChange={(next) => onChange(next ?? null)} data-testid="rule-action-value" />;
  }
  if (field && NUMERIC.has(field.type)) return <InputNumber className="fmd-block" value={typeof value === 'number' ? value : null} onChange={(next) => onChange(next ?? null)} data-testid="rule-action-value" />;
  if (field?.type === 'switch') return <Switch checked={value === true} onChange={onChange} data-testid="rule-action-value" />;
  return <Input value={typeof value === 'string' ? value : ''} placeholder={t('formDesigner.rules.valuePlaceholder')} onChange={(event) => onChange(event.target.value)} data-testid="rule-action-value" />;
}

function ActionRow({ rule, action, index }: { rule: FormRule; action: FormRuleAction; index: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { draft, change } = useFormDesigner();
  const kind = action.action as RuleActionName;
  const put = (next: FormRuleAction, tag?: string) => change((current) => updateAction(current, rule.key, index, next), tag);
  const candidates = fieldsForAction(draft.fields, kind);
  const firstTarget = draft.fields.find((field) => field.key === action.fields?.[0]);
  return (
    <div className="fmd-rule__action" data-testid="rule-action">
      <Select<RuleActionName>
        className="fmd-rule__kind"
        value={kind}
        options={RULE_ACTIONS.map((value) => ({ value, label: t(`formDesigner.rules.action.${value}`) }))}
        onChange={(next) => put(changeActionKind(draft.fields, action, next))}
        data-testid="rule-action-kind"
      />
      {actionTakesFields(kind) && (
        <Select<string[]>
          className="fmd-rule__fields"
          mode="multiple"
          value={action.fields ?? []}
          placeholder={t('formDesigner.rules.pickFields')}
          options={candidates.map((field) => ({ value: field.key, label: labelText(field.label, locale) || field.key }))}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(fields) => put({ ...action, fields })}
          data-testid="rule-action-fields"
        />
      )}
      {actionTakesValue(kind) && <ActionValue field={firstTarget} value={action.value} onChange={(value) => put({ ...action, value }, `${rule.key}:${index}:value`)} />}
      {actionTakesMessage(kind) && (
        <Input
          className="fmd-rule__message"
          value={labelText(action.message, locale)}
          placeholder={t('formDesigner.rules.messagePlaceholder')}
          onChange={(event) => {
            const message = withLabelText(action.message, locale, event.target.value);
            const { message: _old, ...rest } = action;
            put(message === '' ? rest : { ...rest, message }, `${rule.key}:${index}:message`);
          }}
          data-testid="rule-action-message"
        />
      )}
      <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('formDesigner.rules.removeAction')} onClick={() => change((current) => removeAction(current, rule.key, index))} />
    </div>
  );
}

function RuleCard({ rule, index, count }: { rule: FormRule; index: number; count: number }) {
  const { t } = useTranslation();
  const { draft, change, issuesOf, issueText } = useFormDesigner();
  const issues = issuesOf({ kind: 'rule', key: rule.key });
  return (
    <Card
      size="small"
      className={`fmd-rule${issues.length ? ' has-issue' : ''}`}
      data-testid="rule-card"
      data-rule-key={rule.key}
      title={t('formDesigner.rules.ruleTitle', { n: index + 1 })}
      extra={(
        <span className="fmd-list__buttons">
          <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t('formDesigner.rules.moveUp')} disabled={index === 0} onClick={() => change((current) => moveRule(current, rule.key, -1))} />
          <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t('formDesigner.rules.moveDown')} disabled={index === count - 1} onClick={() => change((current) => moveRule(current, rule.key, 1))} />
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('formDesigner.rules.remove')} data-testid="rule-remove" onClick={() => change((current) => removeRule(current, rule.key))} />
        </span>
      )}
    >
      {issues.length > 0 && <ul className="fmd-rule__issues" data-testid="rule-issues">{issues.map((issue, at) => <li key={at}>{issueText(issue)}</li>)}</ul>}
      <Typography.Text strong className="fmd-rule__label">{t('formDesigner.rules.when')}</Typography.Text>
      <ConditionEditor
        key={rule.key}
        value={rule.when}
        fields={draft.fields}
        onChange={(when: Condition) => change((current) => updateRule(current, rule.key, (other) => ({ ...other, when })), `${rule.key}:when`)}
      />
      <Typography.Text strong className="fmd-rule__label">{t('formDesigner.rules.then')}</Typography.Text>
      {rule.then.map((action, at) => <ActionRow key={at} rule={rule} action={action} index={at} />)}
      <Button size="small" icon={<PlusOutlined />} onClick={() => change((current) => addAction(current, rule.key))} data-testid="rule-action-add">{t('formDesigner.rules.addAction')}</Button>
    </Card>
  );
}

/** 联动规则: when a condition holds, show/hide, require, read-only/editable, set a value, error or warn. */
export function RulesPanel() {
  const { t } = useTranslation();
  const { draft, change } = useFormDesigner();
  const rules = draft.rules ?? [];
  return (
    <section className="fmd-rules" data-testid="rules-panel" aria-label={t('formDesigner.rules.title')}>
      <Typography.Paragraph type="secondary">{t('formDesigner.rules.intro')}</Typography.Paragraph>
      {rules.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('formDesigner.rules.empty')} />}
      {rules.map((rule, index) => <RuleCard key={rule.key} rule={rule} index={index} count={rules.length} />)}
      <Button type="dashed" icon={<PlusOutlined />} block onClick={() => change((current) => addRule(current).draft)} data-testid="rule-add">{t('formDesigner.rules.add')}</Button>
    </section>
  );
}
