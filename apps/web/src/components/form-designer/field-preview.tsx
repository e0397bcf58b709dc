import { Divider, Form, Input, Select, Typography } from 'antd';
import { LinkOutlined, PaperClipOutlined, PictureOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import { useLocale } from '../../hooks/use-locale';
import { labelText } from '../../lib/label-text';
import { wireToFormValue } from '../../lib/form-values';
import { FieldInput, type FieldInputContext } from '../field-input';

type LocalizedOption = string | Record<string, string> | undefined;

const PEOPLE = new Set(['member', 'members', 'department', 'departments']);

/** Sub-form columns as a table header with one empty row. */
function SubFormPreview({ field }: { field: FieldDefinition }) {
  const locale = useLocale();
  const columns = Array.isArray(field.options?.fields) ? (field.options.fields as FieldDefinition[]) : [];
  return (
    <div className="fmd-subform">
      <div className="fmd-subform__row fmd-subform__row--head">
        {columns.map((column) => <span key={column.key}>{labelText(column.label, locale) || column.key}</span>)}
      </div>
      <div className="fmd-subform__row">{columns.map((column) => <span key={column.key} />)}</div>
    </div>
  );
}

/**
 * A field as the record form will show it, inert (the canvas wraps it to select and drag it). Controls
 * that would reach the server (relations, uploads, the region data) are drawn as their empty look.
 */
export function FieldPreview({ field, phone }: { field: FieldDefinition; phone: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = labelText(field.label, locale) || field.key;
  const help = field.description ? labelText(field.description, locale) : undefined;
  if (field.type === 'divider') {
    return <Divider titlePlacement="start" className="record-form__divider">{labelText((field.options?.title as LocalizedOption) ?? field.label, locale) || null}</Divider>;
  }
  if (field.type === 'description') {
    return <Typography.Paragraph type="secondary" className="record-form__description">{labelText((field.options?.text as LocalizedOption) ?? field.label, locale)}</Typography.Paragraph>;
  }
  const context: FieldInputContext = {
    locale,
    users: [],
    departments: [],
    isMobile: phone,
    placeholders: { select: t('form.selectPlaceholder'), input: t('form.inputPlaceholder'), url: 'https://' },
  };
  let control;
  switch (field.type) {
    case 'relation':
      control = <Select className="field-input--block" placeholder={t('formDesigner.preview.relation')} suffixIcon={<LinkOutlined />} />;
      break;
    case 'subForm':
      control = <SubFormPreview field={field} />;
      break;
    case 'image':
    case 'attachment':
      control = <div className="fmd-upload">{field.type === 'image' ? <PictureOutlined /> : <PaperClipOutlined />} {t('formDesigner.preview.upload')}</div>;
      break;
    case 'signature':
      control = <div className="fmd-upload fmd-upload--signature">{t('formDesigner.preview.signature')}</div>;
      break;
    case 'address':
      control = <Select className="field-input--block" placeholder={t('formDesigner.preview.address')} />;
      break;
    case 'serialNumber':
    case 'lookup':
    case 'rollup':
    case 'formula':
    case 'moneyInWords':
      control = <Input disabled placeholder={t('form.computedOnSave')} />;
      break;
    default: {
      // A fixed default shows as the record form will start with it (people and departments are not loaded here).
      const fixed = field.options?.default;
      const shown = fixed !== undefined && fixed !== null && !PEOPLE.has(field.type) ? wireToFormValue(field, fixed) : undefined;
      const value = shown === undefined ? {} : field.type === 'switch' ? { checked: shown === true } : { value: shown };
      control = <FieldInput field={field} context={context} {...value} />;
    }
  }
  return (
    <Form.Item label={label} required={field.required === true} extra={help} className="fmd-field__item">
      {control}
    </Form.Item>
  );
}
