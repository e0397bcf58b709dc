import { useState } from 'react';
import { Alert, Input, InputNumber, Radio, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition, LocalizedText } from '@platform/schema';
import { useLocale } from '../../hooks/use-locale';
import { labelText } from '../../lib/label-text';
import { KEY_REGEX } from '../../lib/form-designer/keys';
import { LABEL_LOCALES, ownLabelText, withLabelText } from '../../lib/form-designer/labels';
import { numberOptionValue, simpleOptions, stringListValue, type SimpleOption } from '../../lib/form-designer/option-schema';
import { findField, isTabsItem, renameField, setFieldOption, setFieldTab, tabOfField, tabsOf, updateField } from '../../lib/form-designer/operations';
import type { FormDraft } from '../../lib/form-designer/types';
import type { DesignerIssue } from '../../lib/form-designer/validate';
import { useFormDesigner } from './designer-context';
import { DefaultValueEditor } from './default-value-editor';
import { FieldTypeIcon } from './field-type-icon';
import { StageGatesEditor } from './stage-gates-editor';
import {
  ChoicesEditor, FormulaEditor, JsonOptionEditor, LinkSourceEditor, MoneyInWordsEditor, PanelRow, RelationEditor, SerialNumberEditor, SubFormEditor,
  TabsEditor,
} from './option-editors';

const LAYOUT = new Set(['divider', 'description', 'tabs']);
const DERIVED = new Set(['moneyInWords', 'lookup', 'rollup', 'formula', 'serialNumber']);
const CHOICES = new Set(['select', 'radio', 'checkbox', 'multiSelect']);

/** A label per language: the zh-CN text (shown everywhere until translated) and the en-US one. */
function LocalizedInputs({ value, onChange, testId, multiline, placeholder }: { value: LocalizedText | undefined; onChange: (next: LocalizedText, locale: string) => void; testId: string; multiline?: boolean; placeholder?: string }) {
  const { t } = useTranslation();
  return (
    <div className="fmd-localized">
      {LABEL_LOCALES.map((locale) => {
        const props = {
          value: ownLabelText(value, locale),
          'aria-label': t(`language.${locale}`),
          'data-testid': `${testId}-${locale === 'zh-CN' ? 'zh' : 'en'}`,
          placeholder: locale === 'zh-CN' ? placeholder : ownLabelText(value, 'zh-CN') || placeholder,
          onChange: (event: { target: { value: string } }) => onChange(withLabelText(value, locale, event.target.value), locale),
        };
        return (
          <label key={locale} className="fmd-localized__row">
            <span className="fmd-localized__lang">{locale === 'zh-CN' ? '中' : 'EN'}</span>
            {multiline ? <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} {...props} /> : <Input {...props} />}
          </label>
        );
      })}
    </div>
  );
}

function IssueList({ issues }: { issues: DesignerIssue[] }) {
  const { issueText } = useFormDesigner();
  if (issues.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="fmd-panel__issues"
      data-testid="panel-issues"
      title={issues.length === 1 ? issueText(issues[0]) : undefined}
      description={issues.length > 1 ? <ul>{issues.map((issue, index) => <li key={index}>{issueText(issue)}</li>)}</ul> : undefined}
    />
  );
}

/** The key of a field never saved: editable, applied when it is a valid key no other field has. */
function KeyInput({ field }: { field: FieldDefinition }) {
  const { t } = useTranslation();
  const { draft, change, select, savedKeys } = useFormDesigner();
  const [text, setText] = useState(field.key);
  const saved = savedKeys.has(field.key);
  const problem = text === field.key ? null : !KEY_REGEX.test(text) ? 'invalid' : findField(draft, text) ? 'taken' : null;
  const apply = () => {
    if (text === field.key) return;
    if (problem) {
      setText(field.key);
      return;
    }
    change((current) => renameField(current, field.key, text));
    select(text);
  };
  return (
    <PanelRow label={t('formDesigner.field.key')} hint={saved ? t('formDesigner.field.keySaved') : problem ? <span className="fmd-error">{t(`formDesigner.field.key_${problem}`)}</span> : t('formDesigner.field.keyHint')}>
      <Input
        value={text}
        disabled={saved}
        maxLength={63}
        status={problem ? 'error' : undefined}
        data-testid="prop-key"
        onChange={(event) => setText(event.target.value.trim())}
        onBlur={apply}
        onPressEnter={apply}
      />
    </PanelRow>
  );
}

function SimpleOptionControl({ field, option }: { field: FieldDefinition; option: SimpleOption }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { change } = useFormDesigner();
  const value = field.options?.[option.name];
  const set = (next: unknown, typing = false) => change((draft) => setFieldOption(draft, field.key, option.name, next), typing ? `${field.key}:${option.name}` : undefined);
  const testId = `option-${option.name}`;
  switch (option.kind) {
    case 'number':
      return (
        <InputNumber
          className="fmd-block"
          value={typeof value === 'number' ? value : null}
          min={option.min}
          max={option.max}
          precision={option.integer ? 0 : undefined}
          placeholder={option.defaultValue !== undefined ? String(option.defaultValue) : undefined}
          data-testid={testId}
          onChange={(next) => set(numberOptionValue(next), true)}
        />
      );
    case 'boolean':
      return <Switch checked={value === true} data-testid={testId} onChange={(next) => set(next ? true : undefined)} />;
    case 'enum':
      return (
        <Select<string>
          className="fmd-block"
          allowClear
          value={typeof value === 'string' ? value : undefined}
          placeholder={option.defaultValue !== undefined ? t(`formDesigner.optionValue.${option.name}.${option.defaultValue}`, { defaultValue: option.defaultValue }) : undefined}
          options={option.values.map((item) => ({ value: item, label: t(`formDesigner.optionValue.${option.name}.${item}`, { defaultValue: item }) }))}
          data-testid={testId}
          onChange={(next) => set(next ?? undefined)}
        />
      );
    case 'localized': {
      const text = labelText(value as LocalizedText | undefined, locale);
      const onChange = (event: { target: { value: string } }) => {
        const next = withLabelText(value as LocalizedText | undefined, locale, event.target.value);
        set(next === '' ? undefined : next, true);
      };
      return (option.maxLength ?? 0) > 500
        ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} value={text} data-testid={testId} onChange={onChange} />
        : <Input value={text} data-testid={testId} onChange={onChange} />;
    }
    case 'stringList':
      return <Input defaultValue={Array.isArray(value) ? value.join(', ') : ''} data-testid={testId} onBlur={(event) => set(stringListValue(event.target.value))} />;
    case 'string':
      return <Input value={typeof value === 'string' ? value : ''} maxLength={option.maxLength} data-testid={testId} onChange={(event) => set(event.target.value === '' ? undefined : event.target.value, true)} />;
  }
}

/** The type's plain options, read from its options JSON Schema. */
function SimpleOptionsEditor({ field }: { field: FieldDefinition }) {
  const { t } = useTranslation();
  const { typeInfo } = useFormDesigner();
  const options = simpleOptions(field.type, typeInfo(field.type)?.options);
  return (
    <>
      {options.map((option) => (
        <PanelRow key={option.name} label={t(`formDesigner.option.${option.name}`, { defaultValue: option.name })}>
          <SimpleOptionControl field={field} option={option} />
        </PanelRow>
      ))}
    </>
  );
}

function DedicatedEditors({ field }: { field: FieldDefinition }) {
  const { t } = useTranslation();
  if (CHOICES.has(field.type)) return <ChoicesEditor field={field} />;
  switch (field.type) {
    case 'cascader': return <JsonOptionEditor key={field.key} field={field} name="tree" label={t('formDesigner.cascader.tree')} />;
    case 'formula': return <FormulaEditor field={field} />;
    case 'relation': return <RelationEditor field={field} />;
    case 'lookup':
    case 'rollup': return <LinkSourceEditor field={field} />;
    case 'moneyInWords': return <MoneyInWordsEditor field={field} />;
    case 'serialNumber': return <SerialNumberEditor field={field} />;
    case 'subForm': return <SubFormEditor field={field} />;
    case 'tabs': return <TabsEditor field={field} />;
    default: return null;
  }
}

/** Which tab the field sits in (or none): forms with tabs items only. */
function TabMembership({ field }: { field: FieldDefinition }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { draft, change } = useFormDesigner();
  const items = draft.fields.filter(isTabsItem);
  if (items.length === 0 || isTabsItem(field)) return null;
  const current = tabOfField(draft, field.key);
  const options = [
    { value: '', label: t('formDesigner.field.noTab') },
    ...items.flatMap((item) => tabsOf(item).map((tab) => ({ value: `${item.key}/${tab.key}`, label: `${labelText(item.label, locale)} / ${labelText(tab.label, locale) || tab.key}` }))),
  ];
  return (
    <PanelRow label={t('formDesigner.field.tab')}>
      <Select<string>
        className="fmd-block"
        value={current ? `${current.tabsKey}/${current.tabKey}` : ''}
        options={options}
        data-testid="prop-tab"
        onChange={(value) => {
          const [tabsKey, tabKey] = value.split('/');
          change((draft2) => setFieldTab(draft2, field.key, value ? { tabsKey, tabKey } : null));
        }}
      />
    </PanelRow>
  );
}

/** The selected field's properties: label, key, required, help, tab, then its type's options. */
function FieldPanel({ field }: { field: FieldDefinition }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { change, typeInfo, issuesOf } = useFormDesigner();
  const info = typeInfo(field.type);
  const layout = LAYOUT.has(field.type);
  const edit = (patch: Partial<FieldDefinition>, tag?: string) => change((draft) => updateField(draft, field.key, patch), tag);
  return (
    <div className="fmd-panel__body" data-testid="field-panel" data-field-key={field.key}>
      <div className="fmd-panel__type">
        <FieldTypeIcon type={field.type} />
        <Typography.Text strong>{info?.label[locale] ?? field.type}</Typography.Text>
        {DERIVED.has(field.type) && <Typography.Text type="secondary">{t('formDesigner.field.computed')}</Typography.Text>}
      </div>
      <IssueList issues={issuesOf({ kind: 'field', key: field.key })} />
      <PanelRow label={t(layout ? 'formDesigner.field.title' : 'formDesigner.field.label')}>
        <LocalizedInputs value={field.label} testId="prop-label" onChange={(label, lang) => edit({ label }, `${field.key}:label:${lang}`)} />
      </PanelRow>
      <KeyInput key={field.key} field={field} />
      {!layout && !DERIVED.has(field.type) && (
        <PanelRow label={t('formDesigner.field.required')}>
          <Switch checked={field.required === true} data-testid="prop-required" onChange={(required) => edit({ required: required ? true : undefined })} />
        </PanelRow>
      )}
      {!layout && (
        <PanelRow label={t('formDesigner.field.description')}>
          <LocalizedInputs
            value={field.description}
            testId="prop-description"
            multiline
            placeholder={t('formDesigner.field.descriptionPlaceholder')}
            onChange={(description, lang) => edit({ description: description === '' ? undefined : description }, `${field.key}:description:${lang}`)}
          />
        </PanelRow>
      )}
      <TabMembership field={field} />
      <DefaultValueEditor field={field} />
      <Typography.Text type="secondary" className="fmd-panel__section">{t('formDesigner.field.options')}</Typography.Text>
      <DedicatedEditors field={field} />
      <SimpleOptionsEditor field={field} />
    </div>
  );
}

/** Nothing selected: the form's own settings (name, key of a new form, columns, title field). */
function FormSettingsPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { draft, change, isNew, issuesOf } = useFormDesigner();
  const settings = draft.settings ?? {};
  const setSettings = (next: FormDraft['settings']) => change((current) => ({ ...current, settings: next }));
  const valueFields = draft.fields.filter((field) => !LAYOUT.has(field.type));
  const status = (part: string) => (issuesOf({ kind: 'form', part }).length > 0 ? ('error' as const) : undefined);
  return (
    <div className="fmd-panel__body" data-testid="form-settings">
      <Typography.Text strong>{t('formDesigner.settings.title')}</Typography.Text>
      <IssueList issues={[...issuesOf({ kind: 'form', part: 'name' }), ...issuesOf({ kind: 'form', part: 'key' }), ...issuesOf({ kind: 'form', part: 'fields' }), ...issuesOf({ kind: 'form', part: 'titleField' }), ...issuesOf({ kind: 'form', part: 'settings' })]} />
      <PanelRow label={t('formDesigner.settings.name')}>
        <LocalizedInputs value={draft.name} testId="form-name" placeholder={t('formDesigner.settings.namePlaceholder')} onChange={(name, lang) => change((current) => ({ ...current, name }), `form-name:${lang}`)} />
      </PanelRow>
      <PanelRow label={t('formDesigner.settings.key')} hint={isNew ? t('formDesigner.settings.keyHint') : t('formDesigner.settings.keySaved')}>
        <Input value={draft.key} disabled={!isNew} status={status('key')} maxLength={63} data-testid="form-key" onChange={(event) => change((current) => ({ ...current, key: event.target.value.trim() }), 'form-key')} />
      </PanelRow>
      <PanelRow label={t('formDesigner.settings.columns')}>
        <Radio.Group
          optionType="button"
          value={settings.columns ?? 1}
          data-testid="form-columns"
          options={[1, 2, 3].map((value) => ({ value, label: t('formDesigner.settings.columnCount', { count: value }) }))}
          onChange={(event) => {
            const columns = event.target.value as 1 | 2 | 3;
            const { columns: _old, ...rest } = settings;
            setSettings(columns === 1 ? rest : { ...rest, columns });
          }}
        />
      </PanelRow>
      <PanelRow label={t('formDesigner.settings.titleField')} hint={t('formDesigner.settings.titleFieldHint')}>
        <Select<string>
          className="fmd-block"
          allowClear
          value={settings.titleField}
          status={status('titleField')}
          placeholder={t('formDesigner.settings.titleFieldAuto')}
          options={valueFields.map((field) => ({ value: field.key, label: labelText(field.label, locale) || field.key }))}
          data-testid="form-title-field"
          onChange={(titleField) => {
            const { titleField: _old, ...rest } = settings;
            setSettings(titleField ? { ...rest, titleField } : rest);
          }}
        />
      </PanelRow>
      <StageGatesEditor />
      <Typography.Paragraph type="secondary" className="fmd-panel__tip">{t('formDesigner.settings.tip')}</Typography.Paragraph>
    </div>
  );
}

/** The right pane: the selected field's properties, or the form's settings. */
export function PropertyPanel() {
  const { t } = useTranslation();
  const { draft, selected } = useFormDesigner();
  const field = selected ? findField(draft, selected) : undefined;
  return (
    <aside className="fmd-panel" aria-label={t('formDesigner.panel.title')} data-testid="form-designer-panel">
      {field ? <FieldPanel key={field.key} field={field} /> : <FormSettingsPanel />}
    </aside>
  );
}
