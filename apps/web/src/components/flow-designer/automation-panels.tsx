import { useMemo } from 'react';
import { Alert, Button, Dropdown, Input, Radio, Select } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import { useFlows } from '../../hooks/use-flows';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { useLocale } from '../../hooks/use-locale';
import { useDepartments, useUsers } from '../../hooks/use-lookups';
import {
  ACTION_EFFECT_TYPES, addEffect, relationFields, removeEffect, renameField, replaceEffect, setFieldEntries, settableFields, subflowCandidates,
  unsetFields, withBinding, withFieldValue, withoutField, type ActionEffectType,
} from '../../lib/flow-designer/automation';
import type { ActionEffectSpec, ActionNode, SubflowNode, SubflowRejectedPolicy } from '../../lib/flow-designer/types';
import { toWireValue, wireToFormValue } from '../../lib/form-values';
import { labelText } from '../../lib/label-text';
import { FieldInput, type FieldInputContext } from '../field-input';
import { useDesigner } from './designer-context';
import { PanelSection } from './panel-section';
import { SourceEditor } from './source-editor';

type SetFieldsEffect = Extract<ActionEffectSpec, { type: 'setFields' }>;
const ON_REJECTED: SubflowRejectedPolicy[] = ['reject', 'continue'];

/** The value a set-fields row gives its field, with the field's own input (wire values in, wire values out). */
function FieldValueInput({ field, value, onChange }: { field: FieldDefinition; value: unknown; onChange: (value: unknown) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isMobile = useIsMobile();
  const { users } = useUsers();
  const { departments } = useDepartments();
  const { appKey, draft } = useDesigner();
  const context: FieldInputContext = {
    locale, users, departments, isMobile, appKey, formKey: draft.formKey,
    placeholders: { select: t('form.selectPlaceholder'), input: t('form.inputPlaceholder'), url: 'https://' },
  };
  const inputProps = {
    value: wireToFormValue(field, value),
    onChange: (next: unknown) => {
      // Inputs answer an event (text) or the value itself (pickers, numbers, selects).
      const raw = next && typeof next === 'object' && 'target' in next ? (next as { target: { value?: unknown; checked?: unknown } }).target : null;
      const plain = raw ? (field.type === 'switch' ? raw.checked : raw.value) : next;
      onChange(toWireValue(field, plain));
    },
    ...(field.type === 'switch' ? { checked: value === true } : {}),
  };
  return <FieldInput field={field} context={context} {...inputProps} />;
}

function SetFieldsEditor({ effect, onChange }: { effect: SetFieldsEffect; onChange: (effect: SetFieldsEffect) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { fields } = useDesigner();
  const free = unsetFields(effect, fields);
  const choices = (current: string) => settableFields(fields)
    .filter((field) => field.key === current || !(field.key in effect.data))
    .map((field) => ({ value: field.key, label: labelText(field.label, locale) || field.key }));
  return (
    <div className="fd-set-fields" data-testid="effect-set-fields">
      {setFieldEntries(effect, fields).map(({ key, field, value }) => (
        <div className="fd-set-field" key={key} data-testid={`set-field-${key}`}>
          <Select<string>
            className="fd-set-field__key"
            value={key}
            options={field ? choices(key) : [{ value: key, label: t('flowDesigner.panel.unknownField', { key }) }]}
            aria-label={t('flowDesigner.panel.setField')}
            status={field ? undefined : 'error'}
            onChange={(next) => onChange(renameField(effect, key, next))}
          />
          <div className="fd-set-field__value" aria-label={t('flowDesigner.panel.setValue')}>
            {field && <FieldValueInput field={field} value={value} onChange={(next) => onChange(withFieldValue(effect, key, next))} />}
          </div>
          <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('flowDesigner.panel.removeField')} onClick={() => onChange(withoutField(effect, key))} />
        </div>
      ))}
      <Dropdown
        trigger={['click']}
        disabled={free.length === 0}
        menu={{
          items: free.map((field) => ({ key: field.key, label: <span data-testid={`set-field-add-${field.key}`}>{labelText(field.label, locale) || field.key}</span> })),
          onClick: ({ key }) => onChange(withFieldValue(effect, key, null)),
        }}
      >
        <Button size="small" icon={<PlusOutlined />} data-testid="set-field-add">{t('flowDesigner.panel.addField')}</Button>
      </Dropdown>
    </div>
  );
}

function EffectEditor({ effect, onChange }: { effect: ActionEffectSpec; onChange: (effect: ActionEffectSpec) => void }) {
  const { t } = useTranslation();
  const { fields } = useDesigner();
  switch (effect.type) {
    case 'setFields':
      return <SetFieldsEditor effect={effect} onChange={onChange} />;
    case 'notify':
      return (
        <>
          <div className="fd-muted">{t('flowDesigner.panel.notifyRecipients')}</div>
          <SourceEditor value={effect.recipients} onChange={(recipients) => onChange({ ...effect, recipients })} fields={fields} addLabel={t('flowDesigner.source.add')} testId="effect-notify-recipients" />
          <Input.TextArea
            className="fd-gap-top"
            value={effect.template}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('flowDesigner.panel.notifyMessage')}
            aria-label={t('flowDesigner.panel.notifyMessage')}
            data-testid="effect-notify-message"
            onChange={(event) => onChange({ ...effect, template: event.target.value })}
          />
        </>
      );
    case 'webhook':
      return (
        <Input
          value={effect.url}
          placeholder="https://"
          aria-label={t('flowDesigner.panel.webhookUrl')}
          data-testid="effect-webhook-url"
          status={effect.url !== '' && !/^https?:\/\/[^\s]+$/i.test(effect.url) ? 'error' : undefined}
          onChange={(event) => onChange({ ...effect, url: event.target.value.trim() })}
        />
      );
  }
}

/** 自动化: what the node does, effect by effect (update fields with values, notify, call a webhook). */
export function ActionPanel({ node, edit }: { node: ActionNode; edit: (patch: Partial<ActionNode>, tag?: string) => void }) {
  const { t } = useTranslation();
  const apply = (next: ActionNode, tag?: string) => edit({ effects: next.effects }, tag);
  return (
    <PanelSection title={t('flowDesigner.panel.effects')} hint={t('flowDesigner.panel.effectsHint')} testId="node-effects">
      {node.effects.map((effect, index) => (
        <div className="fd-effect" key={index} data-testid="node-effect">
          <div className="fd-effect__head">
            <span className="fd-effect__title">{t(`flowDesigner.effect.${effect.type}`)}</span>
            <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('flowDesigner.panel.removeEffect')} onClick={() => apply(removeEffect(node, index))} />
          </div>
          <EffectEditor effect={effect} onChange={(next) => apply(replaceEffect(node, index, next), `effect-${index}`)} />
        </div>
      ))}
      <Dropdown
        trigger={['click']}
        menu={{
          items: ACTION_EFFECT_TYPES.map((type) => ({ key: type, label: <span data-testid={`effect-add-${type}`}>{t(`flowDesigner.effect.${type}`)}</span> })),
          onClick: ({ key }) => apply(addEffect(node, key as ActionEffectType)),
        }}
      >
        <Button size="small" icon={<PlusOutlined />} data-testid="effect-add">{t('flowDesigner.panel.addEffect')}</Button>
      </Dropdown>
    </PanelSection>
  );
}

/** 子流程: which flow starts, on which record(s), and what its rejection does to this flow. */
export function SubflowPanel({ node, edit }: { node: SubflowNode; edit: (patch: Partial<SubflowNode>) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { appKey, draft, fields } = useDesigner();
  const { flows } = useFlows(appKey);
  const relations = relationFields(fields);
  const context = useMemo(() => ({ ownKey: draft.key, ownFormKey: draft.formKey, fields }), [draft.key, draft.formKey, fields]);
  const candidates = subflowCandidates(flows, { ...context, relationField: node.relationField });
  const bind = (relationField: string | undefined) => {
    const next = withBinding(node, relationField, flows, context);
    edit({ flowKey: next.flowKey, relationField: next.relationField });
  };
  return (
    <>
      <PanelSection title={t('flowDesigner.panel.subflowBinding')} hint={t('flowDesigner.panel.bindingHint')}>
        <Radio.Group
          value={node.relationField === undefined ? 'same' : 'relation'}
          data-testid="subflow-binding"
          className="fd-radio-column"
          onChange={(event) => bind(event.target.value === 'same' ? undefined : relations[0]?.key)}
          options={[
            { value: 'same', label: t('flowDesigner.panel.bindingSame') },
            { value: 'relation', label: t('flowDesigner.panel.bindingRelation'), disabled: relations.length === 0 },
          ]}
        />
        {node.relationField !== undefined && (
          <Select<string>
            className="fd-full fd-gap-top"
            value={node.relationField}
            aria-label={t('flowDesigner.panel.bindingRelation')}
            data-testid="subflow-relation"
            options={relations.map((field) => ({ value: field.key, label: labelText(field.label, locale) || field.key }))}
            onChange={(relationField) => bind(relationField)}
          />
        )}
      </PanelSection>
      <PanelSection title={t('flowDesigner.panel.subflowFlow')}>
        {candidates.length === 0 && !node.flowKey ? (
          <Alert type="info" showIcon title={t('flowDesigner.panel.subflowNone')} data-testid="subflow-none" />
        ) : (
          <Select<string>
            className="fd-full"
            value={node.flowKey || undefined}
            aria-label={t('flowDesigner.panel.subflowFlow')}
            data-testid="subflow-flow"
            status={node.flowKey ? undefined : 'error'}
            options={[
              ...candidates.map((flow) => ({ value: flow.key, label: labelText(flow.name, locale) || flow.key })),
              ...(node.flowKey && !candidates.some((flow) => flow.key === node.flowKey) ? [{ value: node.flowKey, label: node.flowKey }] : []),
            ]}
            onChange={(flowKey) => edit({ flowKey })}
          />
        )}
      </PanelSection>
      <PanelSection title={t('flowDesigner.panel.subflowOnRejected')}>
        <Radio.Group
          value={node.onRejected ?? 'reject'}
          data-testid="subflow-on-rejected"
          className="fd-radio-column"
          onChange={(event) => edit({ onRejected: event.target.value === 'reject' ? undefined : (event.target.value as SubflowRejectedPolicy) })}
          options={ON_REJECTED.map((value) => ({ value, label: t(`flowDesigner.onRejected.${value}`) }))}
        />
      </PanelSection>
    </>
  );
}
