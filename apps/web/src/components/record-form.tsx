import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, Col, Divider, Form, Row, Tabs, Typography, type FormInstance, type FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { FieldDefinition } from '@platform/schema';
import type { Department, FormMeta, RecordData, UserSummary } from '../api/types';
import { labelText } from '../lib/label-text';
import { changedData, formValuesToData, isInputField, type FormValues } from '../lib/form-values';
import { displayText, formatFieldValue, type FormatContext } from '../lib/format-value';
import { evaluateRecordRules, ruleContext, type RecordRules, type RuleUser } from '../lib/form-rules';
import { tabFieldKeys } from '../lib/field-kinds';
import { ENGINE_CHECKED_TYPES, fieldValueProblem, problemText } from '../lib/field-validation';
import { FieldInput, type FieldInputContext } from './field-input';
import { subFormProblems } from './fields/sub-form-rows';
import { uploadsRunning } from './fields/use-uploads';
import { useLocale } from '../hooks/use-locale';
import './fields/fields.css';

export type RecordFormProps = {
  form: FormMeta;
  formInstance: FormInstance<FormValues>;
  initialValues: FormValues;
  /** The stored record's data, for read-only and derived fields (absent for a new record). */
  recordData?: RecordData;
  users: UserSummary[];
  departments: Department[];
  formatContext: FormatContext;
  isMobile: boolean;
  disabled?: boolean;
  /** Who is editing: `$user` in the form's rule conditions. */
  ruleUser?: RuleUser | null;
  /** A field to bring into view (its tab opens, the form scrolls to it): set after a refused save. */
  reveal?: { key: string } | null;
  /** Fields the user (or a rule) just set: a new record's defaults no longer change them (useLiveDefaults). */
  onEdit?: (keys: string[]) => void;
  /** Fields shown read-only whatever the rules say (the user's role may not edit them), or all of them. */
  readOnly?: ReadonlySet<string> | 'all';
};

const TEXT_INPUT_TYPES = new Set(['text', 'textarea', 'email', 'phone', 'url', 'idNumber']);
const ARRAY_VALUE_TYPES = new Set(['checkbox', 'multiSelect', 'members', 'departments', 'cascader', 'image', 'attachment', 'subForm']);
/** setValue rules that keep changing each other's fields give up after this many rounds. */
const MAX_SET_VALUE_ROUNDS = 10;

/** Items that take the form's whole width in a multi-column layout (a sub-form is a table of its own). */
const FULL_WIDTH_TYPES = new Set(['divider', 'description', 'tabs', 'richText', 'subForm']);

function columnSpan(columns: number | undefined, isMobile: boolean, field: FieldDefinition): number {
  if (isMobile) return 24;
  if (FULL_WIDTH_TYPES.has(field.type)) return 24;
  const count = columns === 2 || columns === 3 ? columns : 1;
  return 24 / count;
}

type TabSpec = { key: string; label: unknown; fieldKeys: string[] };

function tabsOf(field: FieldDefinition): TabSpec[] {
  const tabs = field.options?.tabs;
  if (!Array.isArray(tabs)) return [];
  return tabs
    .filter((tab): tab is { key: string; label?: unknown; fieldKeys?: unknown } => !!tab && typeof tab === 'object' && typeof (tab as { key?: unknown }).key === 'string')
    .map((tab) => ({
      key: tab.key,
      label: tab.label ?? tab.key,
      fieldKeys: Array.isArray(tab.fieldKeys) ? tab.fieldKeys.filter((key): key is string => typeof key === 'string') : [],
    }));
}

/**
 * The record form rendered from the form's metadata: one Form.Item per field, by type, fields grouped
 * by tabs layout items, and the form's linkage rules and stage gates applied live: hidden fields
 * disappear, required marks and read-only controls follow the rules, setValue rules fill values, and
 * rule errors and warnings show at the end of the form (just above the save button).
 */
export function RecordForm(props: RecordFormProps) {
  const { form, formInstance, initialValues, recordData, users, departments, formatContext, isMobile, disabled, ruleUser, reveal, onEdit, readOnly } = props;
  const lockedByRole = (key: string) => readOnly === 'all' || !!readOnly?.has(key);
  const { t } = useTranslation();
  const locale = useLocale();
  const { appKey } = useParams();
  const inputContext: FieldInputContext = {
    locale,
    users,
    departments,
    disabled,
    isMobile,
    placeholders: { select: t('form.selectPlaceholder'), input: t('form.inputPlaceholder'), url: 'https://' },
    appKey,
    formKey: form.key,
  };

  // Every value in the store (hidden fields included): the rules read the whole record.
  const watched = Form.useWatch([], { form: formInstance, preserve: true }) as FormValues | undefined;
  const values = watched ?? initialValues;
  const rules: RecordRules = useMemo(
    () => evaluateRecordRules(form, values, { locale, stored: recordData, context: ruleContext(ruleUser) }),
    [form, values, locale, recordData, ruleUser],
  );

  // Values set by rules go into the form (which re-runs the rules); a loop of rules stops after a few rounds.
  // A rule's value wins over a default, as on the server: the field counts as edited.
  const setValueRounds = useRef(0);
  useEffect(() => {
    if (Object.keys(rules.setValues).length === 0) return;
    if (setValueRounds.current >= MAX_SET_VALUE_ROUNDS) return;
    setValueRounds.current += 1;
    onEdit?.(Object.keys(rules.setValues));
    formInstance.setFieldsValue(rules.setValues);
  }, [rules.setValues, formInstance, onEdit]);

  // Derived values: computed live while the record is being edited; the stored ones otherwise (they
  // may depend on values this user cannot see).
  const edited = !recordData || Object.keys(changedData(recordData, formValuesToData(form.fields, values))).length > 0;

  const byKey = useMemo(() => new Map(form.fields.map((field) => [field.key, field])), [form.fields]);
  const tabsItems = form.fields.filter((field) => field.type === 'tabs');
  const inTabs = useMemo(() => new Set(form.fields.filter((field) => field.type === 'tabs').flatMap(tabFieldKeys)), [form.fields]);
  const [activeTabs, setActiveTabs] = useState<Record<string, string>>({});

  // A field to bring into view: open its tab first, then scroll once the tab is shown.
  useEffect(() => {
    if (!reveal) return;
    for (const item of form.fields) {
      if (item.type !== 'tabs') continue;
      const tab = tabsOf(item).find((candidate) => candidate.fieldKeys.includes(reveal.key));
      if (tab) setActiveTabs((current) => ({ ...current, [item.key]: tab.key }));
    }
    const timer = window.setTimeout(() => formInstance.scrollToField(reveal.key, { block: 'center' }), 50);
    return () => window.clearTimeout(timer);
    // Only a new request to reveal a field moves the form, not a refetch of the form's metadata.
  }, [reveal, formInstance]);

  const rulesFor = (field: FieldDefinition, label: string): FormRule[] => {
    const list: FormRule[] = [];
    if (rules.required.has(field.key) && field.type !== 'switch') {
      const message = rules.stageGated.has(field.key) ? t('issues.stage_gate') : t('validation.required', { label });
      // `whitespace` only on text: any extra key makes async-validator check the value as a string,
      // which a number, a date or an array never is (a filled money field would count as empty).
      // Arrays are checked as arrays, so that an empty one counts as empty.
      if (TEXT_INPUT_TYPES.has(field.type)) list.push({ required: true, message, whitespace: true });
      else if (ARRAY_VALUE_TYPES.has(field.type) || (field.type === 'relation' && field.options?.multiple === true)) list.push({ required: true, message, type: 'array' });
      else list.push({ required: true, message });
    }
    if (field.type === 'email') list.push({ type: 'email', message: t('validation.email') });
    if (field.type === 'url') list.push({ type: 'url', message: t('validation.url') });
    if (field.type === 'image' || field.type === 'attachment' || field.type === 'signature') {
      // Saving now would leave out the files still on their way.
      list.push({
        validator: async () => {
          if (uploadsRunning(form.key, field.key)) throw new Error(t('form.files.stillUploading'));
        },
      });
    }
    if (field.type === 'subForm') {
      // Row counts and each row's values; the first few problems, each naming its row and column.
      list.push({
        validator: async (_rule, value) => {
          const problems = subFormProblems(field, value, locale, t);
          if (problems.length > 0) throw new Error(problems.slice(0, 3).join('; ') + (problems.length > 3 ? ' …' : ''));
        },
      });
    }
    if (ENGINE_CHECKED_TYPES.has(field.type)) {
      list.push({
        validator: async (_rule, value) => {
          const problem = fieldValueProblem(field, value);
          if (problem) throw new Error(problemText(field, problem, locale, t));
        },
      });
    }
    return list;
  };

  const derivedText = (field: FieldDefinition): string => {
    const live = rules.derived[field.key];
    const value = edited && field.key in rules.derived ? live : recordData?.[field.key];
    return value === null || value === undefined ? '' : displayText(formatFieldValue(field, value, formatContext));
  };

  const renderField = (field: FieldDefinition): ReactNode => {
    const label = labelText(field.label, locale);
    const help = field.description ? labelText(field.description, locale) : undefined;
    if (field.type === 'divider') {
      const title = labelText((field.options?.title as string | Record<string, string> | undefined) ?? field.label, locale);
      return <Divider titlePlacement="start" className="record-form__divider">{title || null}</Divider>;
    }
    if (field.type === 'description') {
      const text = labelText((field.options?.text as string | Record<string, string> | undefined) ?? field.label, locale);
      return <Typography.Paragraph type="secondary" className="record-form__description">{text}</Typography.Paragraph>;
    }
    if (field.type === 'tabs') return null;
    if (!isInputField(field)) {
      // Derived (computed by the server, previewed here) and not yet editable types: shown, never sent.
      const shown = derivedText(field);
      return (
        <Form.Item label={label} extra={help}>
          <div className="record-form__readonly" data-testid={`derived-${field.key}`}>
            {shown || <span className="cell-empty">{recordData ? '-' : t('form.computedOnSave')}</span>}
          </div>
        </Form.Item>
      );
    }
    const required = rules.required.has(field.key) && field.type !== 'switch';
    return (
      <Form.Item
        name={field.key}
        label={label}
        required={required}
        rules={rulesFor(field, label)}
        valuePropName={field.type === 'switch' ? 'checked' : 'value'}
        normalize={field.type === 'idNumber' ? (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value) : undefined}
        // Values typed in parts (a location's two coordinates, an ID number) are checked once the typing pauses.
        validateDebounce={field.type === 'location' || field.type === 'idNumber' ? 500 : undefined}
        extra={help}
      >
        <FieldInput field={field} context={inputContext} readOnly={rules.disabled.has(field.key) || lockedByRole(field.key)} />
      </Form.Item>
    );
  };

  const renderColumns = (fields: FieldDefinition[]) => (
    <Row gutter={isMobile ? 0 : 24}>
      {fields.map((field) => (
        <Col
          key={field.key}
          span={columnSpan(form.settings?.columns, isMobile, field)}
          data-testid={`field-${field.key}`}
          data-field-type={field.type}
          data-required={rules.required.has(field.key) ? 'true' : undefined}
          data-readonly={rules.disabled.has(field.key) || lockedByRole(field.key) ? 'true' : undefined}
        >
          {renderField(field)}
        </Col>
      ))}
    </Row>
  );

  const visible = (field: FieldDefinition | undefined): field is FieldDefinition => !!field && !rules.hidden.has(field.key) && field.type !== 'tabs';
  const loose = form.fields.filter((field) => !inTabs.has(field.key) && visible(field));

  const renderTabs = (item: FieldDefinition) => {
    const tabs = tabsOf(item)
      .map((tab) => ({ ...tab, fields: tab.fieldKeys.map((key) => byKey.get(key)).filter(visible) }))
      .filter((tab) => tab.fields.length > 0);
    if (tabs.length === 0) return null;
    const active = tabs.some((tab) => tab.key === activeTabs[item.key]) ? activeTabs[item.key] : tabs[0].key;
    return (
      <div key={item.key} className="record-form__tabs" data-testid={`field-${item.key}`} data-field-type="tabs">
        <Tabs
          activeKey={active}
          onChange={(next) => setActiveTabs((current) => ({ ...current, [item.key]: next }))}
          items={tabs.map((tab) => ({
            key: tab.key,
            label: <span data-testid={`form-tab-${tab.key}`}>{labelText(tab.label as string | Record<string, string>, locale)}</span>,
            // Every tab's fields stay mounted: they are validated and saved with the rest.
            forceRender: true,
            children: renderColumns(tab.fields),
          }))}
        />
      </div>
    );
  };

  return (
    <Form<FormValues>
      form={formInstance}
      layout="vertical"
      initialValues={initialValues}
      disabled={disabled}
      onValuesChange={(changed: FormValues) => {
        setValueRounds.current = 0;
        onEdit?.(Object.keys(changed));
        // A server error on a field (stage gate, unique, ...) goes away once the user edits that field;
        // the field's own rules re-run right after and set their errors again if still broken.
        const names = Object.keys(changed).filter((name) => formInstance.getFieldError(name).length > 0);
        if (names.length > 0) formInstance.setFields(names.map((name) => ({ name, errors: [] })));
      }}
      className="record-form"
      scrollToFirstError
      noValidate
    >
      {renderColumns(loose)}
      {tabsItems.filter((item) => !rules.hidden.has(item.key)).map(renderTabs)}
      {(rules.errors.length > 0 || rules.warnings.length > 0) && (
        <div className="record-form__rule-messages">
          {rules.errors.length > 0 && <RuleMessages type="error" messages={rules.errors} title={t('form.ruleErrors')} />}
          {rules.warnings.length > 0 && <RuleMessages type="warning" messages={rules.warnings} title={t('form.ruleWarnings')} />}
        </div>
      )}
    </Form>
  );
}

function RuleMessages({ type, messages, title }: { type: 'error' | 'warning'; messages: string[]; title: string }) {
  const unique = [...new Set(messages)];
  return (
    <Alert
      type={type}
      showIcon
      title={unique.length === 1 ? unique[0] : title}
      description={unique.length > 1 ? <ul>{unique.map((text) => <li key={text}>{text}</li>)}</ul> : undefined}
      data-testid={type === 'error' ? 'rule-errors' : 'rule-warnings'}
    />
  );
}
