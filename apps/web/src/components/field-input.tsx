import { lazy, Suspense, type ReactNode } from 'react';
import { Cascader, Checkbox, DatePicker, Input, InputNumber, Radio, Rate, Select, Skeleton, Switch, TimePicker, TreeSelect } from 'antd';
import type { FieldDefinition } from '@platform/schema';
import type { Department, UserSummary } from '../api/types';
import { choiceOptions } from '../lib/format-value';
import { labelText } from '../lib/label-text';
import { buildDepartmentTree } from '../lib/department-tree';
import { LocationInput } from './fields/location-input';
import { RichTextInput, RichTextView } from './fields/rich-text-input';
import { DerivedValue } from './fields/derived-value';

// The heavier controls load with the first form that has such a field, not with every record form.
const FileUploadInput = lazy(() => import('./fields/file-upload-input').then((module) => ({ default: module.FileUploadInput })));
const SignaturePadInput = lazy(() => import('./fields/signature-pad-input').then((module) => ({ default: module.SignaturePadInput })));
const RelationInput = lazy(() => import('./fields/relation-input').then((module) => ({ default: module.RelationInput })));
const SubFormInput = lazy(() => import('./fields/sub-form-input').then((module) => ({ default: module.SubFormInput })));
const AddressInput = lazy(() => import('./fields/address-input').then((module) => ({ default: module.AddressInput })));

function Deferred({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Skeleton.Input active block size="small" />}>{children}</Suspense>;
}

export type FieldInputContext = {
  locale: string;
  users: UserSummary[];
  departments: Department[];
  disabled?: boolean;
  /** Phones: no tiny stepper arrows on number inputs (tap targets stay >= 44px). */
  isMobile?: boolean;
  placeholders: { select: string; input: string; url: string };
  /** The record's app and form: relations search the app's forms; uploads name the field they are for. */
  appKey?: string;
  formKey?: string;
  /** Inside a sub-form row: uploads name no field (its limits are checked here and on save). */
  nested?: boolean;
};

type CascaderNode = { key: string; label: string | Record<string, string>; children?: CascaderNode[] };
type CascaderOption = { value: string; label: string; children?: CascaderOption[] };

function cascaderOptions(nodes: unknown, locale: string): CascaderOption[] {
  if (!Array.isArray(nodes)) return [];
  return (nodes as CascaderNode[]).map((node) => ({
    value: node.key,
    label: labelText(node.label, locale),
    children: node.children?.length ? cascaderOptions(node.children, locale) : undefined,
  }));
}

function numberOption(field: FieldDefinition, name: string): number | undefined {
  const value = field.options?.[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Thousands separators on the integer part only (a fraction is never grouped). */
export function groupThousands(value: string | number | undefined): string {
  if (value === undefined || value === '') return '';
  const [integer, fraction] = String(value).split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export const ungroup = (value: string | undefined): string => (value ?? '').replace(/[,\s¥]/g, '');

/**
 * The antd control of one field. It is a direct child of Form.Item, which injects value/onChange
 * (checked for Switch), so props here are only the type's configuration. `readOnly`: a form rule makes
 * the field read-only (the control is disabled; rich text shows as formatted text).
 */
export function FieldInput({ field, context, readOnly, ...injected }: { field: FieldDefinition; context: FieldInputContext; readOnly?: boolean }) {
  const { locale, placeholders } = context;
  const disabled = context.disabled || readOnly;
  const common = { ...injected, disabled };
  const numberCommon = { ...common, className: 'field-input--block', controls: !context.isMobile, inputMode: 'decimal' as const };
  const options = () => choiceOptions(field).map((option) => ({ value: option.key, label: labelText(option.label, locale) }));
  const userOptions = () => context.users.map((user) => ({ value: user.id, label: user.name ? `${user.name} (${user.username})` : user.username }));

  switch (field.type) {
    case 'richText': {
      const { id, value, onChange } = injected as { id?: string; value?: string | null; onChange?: (value: string | null) => void };
      if (readOnly) return <RichTextView id={id} html={value} />;
      return <RichTextInput id={id} value={value} onChange={onChange} disabled={disabled} placeholder={placeholders.input} rows={numberOption(field, 'rows')} />;
    }
    case 'address':
      return <Deferred><AddressInput {...common} field={field} /></Deferred>;
    case 'location':
      return <LocationInput {...common} isMobile={context.isMobile} />;
    case 'image':
    case 'attachment':
    case 'signature': {
      const target = { appKey: context.appKey, formKey: context.formKey, field: context.nested ? undefined : field.key };
      return (
        <Deferred>
          {field.type === 'signature'
            ? <SignaturePadInput {...common} target={target} isMobile={context.isMobile} />
            : <FileUploadInput {...common} field={field} target={target} />}
        </Deferred>
      );
    }
    case 'relation':
      return <Deferred><RelationInput {...injected} field={field} appKey={context.appKey} disabled={context.disabled} readOnly={readOnly} /></Deferred>;
    case 'subForm':
      return <Deferred><SubFormInput {...injected} field={field} context={context} readOnly={readOnly} /></Deferred>;
    case 'serialNumber':
    case 'lookup':
    case 'rollup':
    case 'formula':
    case 'moneyInWords':
      return <DerivedValue {...injected} field={field} locale={locale} />;
    case 'idNumber':
      return (
        <Input
          {...common}
          className="field-input--upper"
          autoComplete="off"
          maxLength={field.options?.kind === 'passport' ? 20 : 18}
        />
      );
    case 'textarea':
      return <Input.TextArea {...common} autoSize={{ minRows: numberOption(field, 'rows') ?? 3, maxRows: 12 }} maxLength={numberOption(field, 'maxLength')} />;
    case 'number':
      return (
        <InputNumber
          {...numberCommon}
          precision={numberOption(field, 'decimals')}
          min={numberOption(field, 'min')}
          max={numberOption(field, 'max')}
        />
      );
    case 'money':
      return (
        <InputNumber<number>
          {...numberCommon}
          prefix="¥"
          precision={numberOption(field, 'decimals') ?? 2}
          min={numberOption(field, 'min')}
          max={numberOption(field, 'max')}
          formatter={(value) => groupThousands(value)}
          parser={(value) => Number(ungroup(value))}
        />
      );
    case 'percent':
      return (
        <InputNumber
          {...numberCommon}
          suffix="%"
          precision={numberOption(field, 'decimals') ?? 0}
          min={numberOption(field, 'min')}
          max={numberOption(field, 'max')}
        />
      );
    case 'date':
      return <DatePicker {...common} className="field-input--block" />;
    case 'datetime':
      return <DatePicker {...common} className="field-input--block" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />;
    case 'time':
      return <TimePicker {...common} className="field-input--block" />;
    case 'dateRange':
      return <DatePicker.RangePicker {...common} className="field-input--block" />;
    case 'select':
      return <Select {...common} allowClear placeholder={placeholders.select} options={options()} showSearch={{ optionFilterProp: 'label' }} />;
    case 'multiSelect':
      return <Select {...common} mode="multiple" allowClear placeholder={placeholders.select} options={options()} showSearch={{ optionFilterProp: 'label' }} />;
    case 'radio':
      return <Radio.Group {...common} options={options()} />;
    case 'checkbox':
      return <Checkbox.Group {...common} options={options()} />;
    case 'switch':
      return <Switch {...common} />;
    case 'rating':
      return <Rate {...common} count={numberOption(field, 'max') ?? 5} />;
    case 'member':
      return <Select {...common} allowClear placeholder={placeholders.select} options={userOptions()} showSearch={{ optionFilterProp: 'label' }} />;
    case 'members':
      return <Select {...common} mode="multiple" allowClear placeholder={placeholders.select} options={userOptions()} showSearch={{ optionFilterProp: 'label' }} />;
    case 'department':
    case 'departments':
      return (
        <TreeSelect
          {...common}
          multiple={field.type === 'departments'}
          allowClear
          treeDefaultExpandAll
          placeholder={placeholders.select}
          treeData={buildDepartmentTree(context.departments)}
          showSearch={{ treeNodeFilterProp: 'title' }}
        />
      );
    case 'cascader':
      // A partial path is a value unless the field wants a leaf (options.leafOnly).
      return (
        <Cascader
          {...common}
          className="field-input--block"
          placeholder={placeholders.select}
          options={cascaderOptions(field.options?.tree, locale)}
          changeOnSelect={field.options?.leafOnly !== true}
        />
      );
    case 'email':
      return <Input {...common} type="email" inputMode="email" autoComplete="email" maxLength={numberOption(field, 'maxLength')} />;
    case 'phone':
      return <Input {...common} type="tel" inputMode="tel" autoComplete="tel" maxLength={numberOption(field, 'maxLength')} />;
    case 'url':
      return <Input {...common} type="url" inputMode="url" placeholder={placeholders.url} maxLength={numberOption(field, 'maxLength')} />;
    default:
      return <Input {...common} maxLength={numberOption(field, 'maxLength')} />;
  }
}
