import { Button, Checkbox, InputNumber, Popover, Select } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import type { RecordColumn } from '../../lib/record-columns';
import { labelText } from '../../lib/label-text';
import { MAX_FROZEN_COLUMNS, moveColumn, toggleColumn } from '../../lib/views/view-columns';
import './views.css';

type Props = {
  /** Every column the table can show. */
  all: readonly RecordColumn[];
  /** The shown ones, in order. */
  shown: readonly string[];
  onColumnsChange: (keys: string[]) => void;
  frozen: number;
  onFrozenChange: (count: number) => void;
  groupField: string | undefined;
  groupCandidates: readonly FieldDefinition[];
  onGroupChange: (key: string | undefined) => void;
  locale: string;
  compact: boolean;
};

/** Which columns show and in what order (buttons, so the keyboard can do it), frozen columns, group by. */
export function TableOptions(props: Props) {
  const { all, shown, onColumnsChange, frozen, onFrozenChange, groupField, groupCandidates, onGroupChange, locale, compact } = props;
  const { t } = useTranslation();
  const hidden = all.filter((column) => !shown.includes(column.key));
  const byKey = new Map(all.map((column) => [column.key, column]));
  const label = (key: string) => labelText(byKey.get(key)?.field.label, locale) || key;
  const content = (
    <div className="table-options" data-testid="table-options">
      <div className="table-options__row">
        <span>{t('views.frozenColumns')}</span>
        <InputNumber min={0} max={MAX_FROZEN_COLUMNS} value={frozen} onChange={(value) => onFrozenChange(Number(value ?? 0))} aria-label={t('views.frozenColumns')} data-testid="frozen-columns" />
      </div>
      {groupCandidates.length > 0 && (
        <div className="table-options__row">
          <span>{t('views.groupBy.table')}</span>
          <Select
            allowClear
            style={{ width: 160 }}
            value={groupField}
            placeholder={t('views.noGrouping')}
            onChange={(value?: string) => onGroupChange(value || undefined)}
            options={groupCandidates.map((field) => ({ value: field.key, label: labelText(field.label, locale) }))}
            aria-label={t('views.groupBy.table')}
            data-testid="table-group-field"
          />
        </div>
      )}
      <div>{t('views.columns')}</div>
      <div className="table-options__list" role="list">
        {shown.map((key, index) => (
          <div key={key} className="table-options__item" role="listitem" data-testid={`column-option-${key}`}>
            <Checkbox checked disabled={shown.length === 1} onChange={() => onColumnsChange(toggleColumn(shown, key, false))}>{label(key)}</Checkbox>
            <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} aria-label={t('views.moveUp', { column: label(key) })} onClick={() => onColumnsChange(moveColumn(shown, key, -1))} />
            <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === shown.length - 1} aria-label={t('views.moveDown', { column: label(key) })} onClick={() => onColumnsChange(moveColumn(shown, key, 1))} />
          </div>
        ))}
        {hidden.map((column) => (
          <div key={column.key} className="table-options__item" role="listitem" data-testid={`column-option-${column.key}`}>
            <Checkbox checked={false} onChange={() => onColumnsChange(toggleColumn(shown, column.key, true))}>{label(column.key)}</Checkbox>
          </div>
        ))}
      </div>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" content={content} title={t('views.tableOptions')}>
      <Button icon={<SettingOutlined />} data-testid="table-options-toggle">{compact ? null : t('views.tableOptions')}</Button>
    </Popover>
  );
}
