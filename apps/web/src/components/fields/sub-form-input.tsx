import { useMemo, useRef, type HTMLAttributes, type ReactNode } from 'react';
import { Button, Card, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import { isDerivedField } from '../../lib/field-kinds';
import { displayText, formatFieldValue, type FormatContext } from '../../lib/format-value';
import { isInputField, toWireValue, wireToFormValue } from '../../lib/form-values';
import { ruleContext } from '../../lib/form-rules';
import { labelText } from '../../lib/label-text';
import { FieldInput, type FieldInputContext } from '../field-input';
import {
  columnTotals, computeRow, newRow, rowLimits, subFormColumns, subFormRows, totalColumns, writableRow, type SubFormRow,
} from './sub-form-rows';
import './field-widgets.css';

type SubFormInputProps = {
  id?: string;
  value?: SubFormRow[] | null;
  onChange?: (value: SubFormRow[]) => void;
  field: FieldDefinition;
  context: FieldInputContext;
  readOnly?: boolean;
};

let rowCounter = 0;
const nextRowKey = () => {
  rowCounter += 1;
  return `new-row-${rowCounter}`;
};

/** The value an antd control reports: the event's target value for inputs and radios, else the argument itself. */
function eventValue(arg: unknown): unknown {
  if (arg && typeof arg === 'object' && 'target' in arg) {
    const target = (arg as { target: unknown }).target;
    if (target && typeof target === 'object' && 'value' in target) return (target as { value: unknown }).value;
  }
  return arg;
}

/** One cell's control: the record form's own FieldInput, fed and read as Form.Item would, in wire values. */
function CellInput({ column, value, onChange, context, readOnly }: {
  column: FieldDefinition;
  value: unknown;
  onChange: (value: unknown) => void;
  context: FieldInputContext;
  readOnly?: boolean;
}) {
  const formValue = wireToFormValue(column, value);
  const injected = column.type === 'switch'
    ? { checked: Boolean(formValue), onChange: (checked: boolean) => onChange(checked) }
    : { value: formValue, onChange: (arg: unknown) => onChange(toWireValue(column, eventValue(arg))) };
  // FieldInput declares only its own props; what Form.Item would inject goes in the same way here.
  return <FieldInput field={column} context={context} readOnly={readOnly} {...(injected as object)} />;
}

function ColumnTitle({ column, locale }: { column: FieldDefinition; locale: string }) {
  return (
    <span className={column.required && isInputField(column) ? 'sub-form__title sub-form__title--required' : 'sub-form__title'}>
      {labelText(column.label, locale)}
    </span>
  );
}

type RowView = { key: string; index: number; row: SubFormRow; computed: SubFormRow };

/**
 * 子表单: rows of the sub-form's columns, each cell edited by the control of its type; rows are added,
 * removed and moved, within the field's minRows and maxRows. Formula columns are computed live as
 * the server will on save, and numbers and amounts are totalled below. Phones get one card per row.
 * The value is the rows in wire form, keeping each stored row's `id` so the server updates that row.
 */
export function SubFormInput({ id, value, onChange, field, context, readOnly }: SubFormInputProps) {
  const { t } = useTranslation();
  const { locale } = context;
  const columns = useMemo(() => subFormColumns(field), [field]);
  const rows = useMemo(() => subFormRows(value), [value]);
  const { minRows, maxRows } = rowLimits(field);
  const disabled = !!context.disabled || !!readOnly;
  const cellContext: FieldInputContext = useMemo(() => ({ ...context, nested: true }), [context]);

  // Stable React keys: a stored row's id, a made-up key for a new one, kept in step with every edit.
  const keys = useRef<string[]>([]);
  if (keys.current.length !== rows.length) {
    keys.current = rows.map((row, index) => (typeof row.id === 'string' ? row.id : keys.current[index] ?? nextRowKey()));
  }

  const derivedContext = useMemo(() => ruleContext(), []);
  const views: RowView[] = rows.map((row, index) => ({ key: keys.current[index], index, row, computed: computeRow(row, columns, derivedContext) }));
  const totalled = useMemo(() => totalColumns(columns), [columns]);
  const totals = columnTotals(views.map((view) => view.computed), totalled);

  const formatContext: FormatContext = useMemo(() => ({
    locale,
    yes: t('value.yes'),
    no: t('value.no'),
    userName: (userId: string) => context.users.find((user) => user.id === userId)?.name,
    departmentName: (departmentId: string) => context.departments.find((department) => department.id === departmentId)?.name,
  }), [locale, t, context.users, context.departments]);
  const shown = (column: FieldDefinition, cellValue: unknown) => displayText(formatFieldValue(column, cellValue, formatContext));

  const emit = (next: SubFormRow[], nextKeys: string[]) => {
    keys.current = nextKeys;
    onChange?.(next.map((row) => writableRow(row, columns)));
  };
  const setCell = (index: number, key: string, cellValue: unknown) =>
    emit(rows.map((row, at) => (at === index ? { ...row, [key]: cellValue } : row)), keys.current);
  const addRow = () => emit([...rows, newRow(columns)], [...keys.current, nextRowKey()]);
  const removeRow = (index: number) => emit(rows.filter((_, at) => at !== index), keys.current.filter((_, at) => at !== index));
  const moveRow = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= rows.length) return;
    const nextRows = [...rows];
    const nextKeys = [...keys.current];
    [nextRows[index], nextRows[target]] = [nextRows[target], nextRows[index]];
    [nextKeys[index], nextKeys[target]] = [nextKeys[target], nextKeys[index]];
    emit(nextRows, nextKeys);
  };

  const canAdd = !disabled && (maxRows === undefined || rows.length < maxRows);
  const canRemove = !disabled && (minRows === undefined || rows.length > minRows);

  const cell = (view: RowView, column: FieldDefinition): ReactNode => {
    if (isDerivedField(column) || !isInputField(column)) {
      const text = shown(column, view.computed[column.key]);
      return <span className="sub-form__derived" data-testid={`sub-form-cell-${column.key}`}>{text || <span className="cell-empty">-</span>}</span>;
    }
    return (
      <div className="sub-form__cell" data-testid={`sub-form-cell-${column.key}`}>
        <CellInput column={column} value={view.row[column.key]} onChange={(next) => setCell(view.index, column.key, next)} context={cellContext} readOnly={disabled} />
      </div>
    );
  };

  const rowActions = (view: RowView) => disabled ? null : (
    <Space size={0}>
      <Tooltip title={t('form.subForm.moveUp')}>
        <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('form.subForm.moveUp')} disabled={view.index === 0} onClick={() => moveRow(view.index, -1)} />
      </Tooltip>
      <Tooltip title={t('form.subForm.moveDown')}>
        <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={t('form.subForm.moveDown')} disabled={view.index === rows.length - 1} onClick={() => moveRow(view.index, 1)} />
      </Tooltip>
      <Tooltip title={canRemove ? t('form.subForm.remove') : t('form.subForm.minRows', { min: minRows })}>
        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('form.subForm.remove')} disabled={!canRemove} onClick={() => removeRow(view.index)} data-testid="sub-form-remove" />
      </Tooltip>
    </Space>
  );

  const limitsText = [
    minRows !== undefined && minRows > 0 ? t('form.subForm.minRows', { min: minRows }) : '',
    maxRows !== undefined ? t('form.subForm.maxRows', { max: maxRows }) : '',
  ].filter(Boolean).join(' · ');

  const footer = (
    <div className="sub-form__footer">
      {!disabled && (
        <Button icon={<PlusOutlined />} onClick={addRow} disabled={!canAdd} data-testid={`sub-form-add-${field.key}`}>
          {t('form.subForm.addRow')}
        </Button>
      )}
      {limitsText && <Typography.Text type="secondary" className="sub-form__limits">{limitsText}</Typography.Text>}
    </div>
  );

  const totalText = (column: FieldDefinition) => {
    const total = totals[column.key];
    return total === null || total === undefined ? '' : shown(column, total);
  };

  if (context.isMobile) {
    return (
      <div id={id} className="sub-form sub-form--cards" data-testid={`sub-form-${field.key}`}>
        {views.length === 0 && <Typography.Text type="secondary" className="sub-form__empty">{t('form.subForm.empty')}</Typography.Text>}
        {views.map((view) => (
          <Card key={view.key} size="small" className="sub-form__card" title={t('form.subForm.row', { index: view.index + 1 })} extra={rowActions(view)} data-testid="sub-form-row">
            {columns.map((column) => (
              <div key={column.key} className="sub-form__card-field">
                <div className="sub-form__card-label"><ColumnTitle column={column} locale={locale} /></div>
                {cell(view, column)}
              </div>
            ))}
          </Card>
        ))}
        {totalled.length > 0 && views.length > 0 && (
          <div className="sub-form__card-totals" data-testid="sub-form-totals">
            <span className="sub-form__total-label">{t('form.subForm.total')}</span>
            {totalled.map((column) => (
              <span key={column.key} className="sub-form__card-total" data-testid={`sub-form-total-${column.key}`}>
                {labelText(column.label, locale)} {totalText(column) || '-'}
              </span>
            ))}
          </div>
        )}
        {footer}
      </div>
    );
  }

  const tableColumns: ColumnsType<RowView> = [
    { key: '#', title: '#', width: 44, align: 'center', render: (_value, view) => view.index + 1 },
    ...columns.map((column) => ({
      key: column.key,
      title: <ColumnTitle column={column} locale={locale} />,
      width: column.type === 'textarea' || column.type === 'richText' ? 280 : 180,
      render: (_value: unknown, view: RowView) => cell(view, column),
    })),
    ...(disabled ? [] : [{ key: 'actions', title: t('form.subForm.actions'), width: 112, render: (_value: unknown, view: RowView) => rowActions(view) }]),
  ];

  return (
    <div id={id} className="sub-form" data-testid={`sub-form-${field.key}`}>
      <Table<RowView>
        size="small"
        bordered
        pagination={false}
        rowKey="key"
        columns={tableColumns}
        dataSource={views}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('form.subForm.empty') }}
        onRow={() => ({ 'data-testid': 'sub-form-row' }) as HTMLAttributes<HTMLElement>}
        summary={totalled.length > 0 && views.length > 0 ? () => (
          <Table.Summary.Row className="sub-form__totals" data-testid="sub-form-totals">
            <Table.Summary.Cell index={0} align="center">{t('form.subForm.total')}</Table.Summary.Cell>
            {columns.map((column, index) => (
              <Table.Summary.Cell key={column.key} index={index + 1}>
                <span data-testid={totalled.includes(column) ? `sub-form-total-${column.key}` : undefined}>{totalled.includes(column) ? totalText(column) : ''}</span>
              </Table.Summary.Cell>
            ))}
            {!disabled && <Table.Summary.Cell index={columns.length + 1} />}
          </Table.Summary.Row>
        ) : undefined}
      />
      {footer}
    </div>
  );
}
