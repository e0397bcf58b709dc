import { Col, Divider, Form, Row, Typography, type FormInstance, type FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import type { Department, FormMeta, RecordData, UserSummary } from '../api/types';
import { labelText } from '../lib/label-text';
import { isInputField, type FormValues } from '../lib/form-values';
import { displayText, formatFieldValue, type FormatContext } from '../lib/format-value';
import { FieldInput, type FieldInputContext } from './field-input';
import { useLocale } from '../hooks/use-locale';

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
};

const TEXT_INPUT_TYPES = new Set(['text', 'textarea', 'richText', 'email', 'phone', 'url', 'idNumber']);

function columnSpan(columns: number | undefined, isMobile: boolean, field: FieldDefinition): number {
  if (isMobile) return 24;
  if (field.type === 'divider' || field.type === 'description' || field.type === 'tabs') return 24;
  const count = columns === 2 || columns === 3 ? columns : 1;
  return 24 / count;
}

/** The record form rendered from the form's metadata: one Form.Item per field, by type. */
export function RecordForm(props: RecordFormProps) {
  const { form, formInstance, initialValues, recordData, users, departments, formatContext, isMobile, disabled } = props;
  const { t } = useTranslation();
  const locale = useLocale();
  const inputContext: FieldInputContext = {
    locale,
    users,
    departments,
    disabled,
    isMobile,
    placeholders: { select: t('form.selectPlaceholder'), input: t('form.inputPlaceholder'), url: 'https://' },
  };

  const rulesFor = (field: FieldDefinition, label: string): FormRule[] => {
    const rules: FormRule[] = [];
    if (field.required && field.type !== 'switch') {
      rules.push({ required: true, message: t('validation.required', { label }), whitespace: TEXT_INPUT_TYPES.has(field.type) });
    }
    if (field.type === 'email') rules.push({ type: 'email', message: t('validation.email') });
    if (field.type === 'url') rules.push({ type: 'url', message: t('validation.url') });
    return rules;
  };

  const renderField = (field: FieldDefinition) => {
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
      // Derived (computed by the server) and not yet editable types: shown, never sent.
      const shown = recordData ? displayText(formatFieldValue(field, recordData[field.key], formatContext)) : '';
      return (
        <Form.Item label={label} extra={help}>
          <div className="record-form__readonly">{shown || <span className="cell-empty">{recordData ? '-' : t('form.computedOnSave')}</span>}</div>
        </Form.Item>
      );
    }
    return (
      <Form.Item
        name={field.key}
        label={label}
        required={field.required && field.type !== 'switch'}
        rules={rulesFor(field, label)}
        valuePropName={field.type === 'switch' ? 'checked' : 'value'}
        extra={help}
      >
        <FieldInput field={field} context={inputContext} />
      </Form.Item>
    );
  };

  return (
    <Form<FormValues>
      form={formInstance}
      layout="vertical"
      initialValues={initialValues}
      disabled={disabled}
      onValuesChange={(changed: FormValues) => {
        // A server error on a field (stage gate, unique, ...) goes away once the user edits that field;
        // the field's own rules re-run right after and set their errors again if still broken.
        const names = Object.keys(changed).filter((name) => formInstance.getFieldError(name).length > 0);
        if (names.length > 0) formInstance.setFields(names.map((name) => ({ name, errors: [] })));
      }}
      className="record-form"
      scrollToFirstError
      noValidate
    >
      <Row gutter={isMobile ? 0 : 24}>
        {form.fields.map((field) => (
          <Col key={field.key} span={columnSpan(form.settings?.columns, isMobile, field)} data-testid={`field-${field.key}`} data-field-type={field.type}>
            {renderField(field)}
          </Col>
        ))}
      </Row>
    </Form>
  );
}
