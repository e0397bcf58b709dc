import { useMemo, useState } from 'react';
import { Alert, Button, Input, InputNumber, Select, Switch, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CheckCircleOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { compileFormula, translateIssue } from '@platform/form-engine';
import type { FieldDefinition, FieldType, LocalizedText } from '@platform/schema';
import { useLocale } from '../../hooks/use-locale';
import { labelText } from '../../lib/label-text';
import { freshKey, keyStem } from '../../lib/form-designer/keys';
import { withLabelText } from '../../lib/form-designer/labels';
import { createField } from '../../lib/form-designer/new-field';
import { setFieldOption } from '../../lib/form-designer/operations';
import { useFormDesigner } from './designer-context';
import { PanelRow } from './panel-row';
import { RelationFilterEditor } from './relation-filter-editor';
import { useNewFieldContext } from './use-new-field-context';

type EditorProps = { field: FieldDefinition };

/** Moves item `index` of a list one place up or down. */
function moved<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const copy = [...list];
  const to = index + delta;
  if (to < 0 || to >= copy.length) return copy;
  [copy[index], copy[to]] = [copy[to], copy[index]];
  return copy;
}

/** One option of the field, set with an undo step per option (typing merges). */
function useOption(field: FieldDefinition) {
  const { change } = useFormDesigner();
  return (name: string, value: unknown, tag?: string) => change((draft) => setFieldOption(draft, field.key, name, value), tag ? `${field.key}:${name}:${tag}` : undefined);
}

export { PanelRow };

function ListButtons({ index, count, onMove, onRemove, removeDisabled, testPrefix }: { index: number; count: number; onMove: (delta: -1 | 1) => void; onRemove: () => void; removeDisabled?: boolean; testPrefix: string }) {
  const { t } = useTranslation();
  return (
    <span className="fmd-list__buttons">
      <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t('formDesigner.field.moveUp')} disabled={index === 0} onClick={() => onMove(-1)} />
      <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t('formDesigner.field.moveDown')} disabled={index === count - 1} onClick={() => onMove(1)} />
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('formDesigner.list.remove')} disabled={removeDisabled} onClick={onRemove} data-testid={`${testPrefix}-remove`} />
    </span>
  );
}

type Choice = { key: string; label: LocalizedText; color?: string };

/** 选项: label (in the designer's language), colour, order; keys stay (records hold them). */
export function ChoicesEditor({ field }: EditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const setOption = useOption(field);
  const choices = (Array.isArray(field.options?.options) ? field.options.options : []) as Choice[];
  const write = (next: Choice[], tag?: string) => setOption('options', next, tag);
  return (
    <PanelRow label={t('formDesigner.choices.title')}>
      <div className="fmd-list" data-testid="choices-editor">
        {choices.map((choice, index) => (
          <div className="fmd-list__row" key={choice.key} data-testid="choice-row" data-option-key={choice.key}>
            <input
              type="color"
              className="fmd-color"
              aria-label={t('formDesigner.choices.color')}
              value={choice.color ?? '#d9d9d9'}
              onChange={(event) => write(choices.map((other, at) => (at === index ? { ...other, color: event.target.value } : other)), `color-${choice.key}`)}
            />
            <Input
              size="small"
              value={labelText(choice.label, locale)}
              aria-label={t('formDesigner.choices.label')}
              data-testid="choice-label"
              onChange={(event) => write(choices.map((other, at) => (at === index ? { ...other, label: withLabelText(other.label, locale, event.target.value) } : other)), `label-${choice.key}`)}
            />
            <ListButtons
              index={index}
              count={choices.length}
              testPrefix="choice"
              onMove={(delta) => write(moved(choices, index, delta))}
              onRemove={() => write(choices.filter((_choice, at) => at !== index))}
            />
          </div>
        ))}
        <Button
          size="small"
          icon={<PlusOutlined />}
          data-testid="choice-add"
          onClick={() => {
            const key = freshKey(new Set(choices.map((choice) => choice.key)), 'option');
            write([...choices, { key, label: t('formDesigner.choices.defaultLabel', { n: choices.length + 1 }) }]);
          }}
        >
          {t('formDesigner.choices.add')}
        </Button>
      </div>
    </PanelRow>
  );
}

/** A JSON option edited as text, applied when it parses (the cascader's tree). */
export function JsonOptionEditor({ field, name, label }: EditorProps & { name: string; label: string }) {
  const { t } = useTranslation();
  const setOption = useOption(field);
  const [text, setText] = useState(() => JSON.stringify(field.options?.[name] ?? [], null, 2));
  const [error, setError] = useState(false);
  return (
    <PanelRow label={label} hint={error ? <span className="fmd-error">{t('formDesigner.json.invalid')}</span> : t('formDesigner.json.hint')}>
      <Input.TextArea
        className="fmd-code"
        autoSize={{ minRows: 4, maxRows: 16 }}
        value={text}
        status={error ? 'error' : undefined}
        data-testid={`option-${name}`}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          try {
            setOption(name, JSON.parse(text));
            setError(false);
          } catch {
            setError(true);
          }
        }}
      />
    </PanelRow>
  );
}

/**
 * A formula of the formula language: the expression, the fields it may read (a click adds one) and its
 * check through the engine's compiler, on demand or (`live`) as it is typed.
 */
export function FormulaInput({ expression, onChange, readable, live, testId }: {
  expression: string;
  onChange: (expression: string, typing: boolean) => void;
  readable: readonly FieldDefinition[];
  live?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [checked, setChecked] = useState<string | null>(null);
  const shown = live ? (expression.trim() ? expression : null) : checked;
  const messages = useMemo(() => {
    if (shown === null) return null;
    const result = compileFormula(shown, { fieldKeys: readable.map((other) => other.key) });
    return result.ok ? [] : result.issues.map((issue) => translateIssue({ ...issue, params: { ...issue.params, character: issue.position + 1 } }, locale));
  }, [shown, readable, locale]);
  return (
    <>
      <Input.TextArea
        className="fmd-code"
        autoSize={{ minRows: 2, maxRows: 8 }}
        value={expression}
        placeholder="qty * price"
        data-testid={testId}
        onChange={(event) => onChange(event.target.value, true)}
      />
      <div className="fmd-formula__fields">
        {readable.map((other) => (
          <Tag key={other.key} className="fmd-tag-button" onClick={() => onChange(`${expression}${expression && !expression.endsWith(' ') ? ' ' : ''}${other.key}`, false)}>
            {labelText(other.label, locale) || other.key} <code>{other.key}</code>
          </Tag>
        ))}
      </div>
      {!live && <Button size="small" onClick={() => setChecked(expression)} data-testid="formula-check">{t('formDesigner.formula.check')}</Button>}
      {messages && shown === expression && (messages.length === 0
        ? <div className="fmd-prop__hint"><span className="fmd-ok" data-testid="formula-ok"><CheckCircleOutlined /> {t('formDesigner.formula.ok')}</span></div>
        : <div className="fmd-prop__hint"><span className="fmd-error" data-testid="formula-issues">{messages.join('；')}</span></div>)}
    </>
  );
}

/** 公式: the expression with the fields it may read, and a check through the engine's compiler. */
export function FormulaEditor({ field }: EditorProps) {
  const { t } = useTranslation();
  const { draft } = useFormDesigner();
  const setOption = useOption(field);
  const expression = typeof field.options?.expression === 'string' ? field.options.expression : '';
  const readable = useMemo(() => draft.fields.filter((other) => other.key !== field.key && !['divider', 'description', 'tabs'].includes(other.type)), [draft.fields, field.key]);
  return (
    <PanelRow label={t('formDesigner.formula.expression')}>
      <FormulaInput expression={expression} readable={readable} testId="option-expression" onChange={(next, typing) => setOption('expression', next, typing ? 'typing' : undefined)} />
    </PanelRow>
  );
}

function fieldOptions(fields: readonly FieldDefinition[], locale: string) {
  return fields.map((other) => ({ value: other.key, label: `${labelText(other.label, locale) || other.key} (${other.key})` }));
}

const VALUE_TYPES_OUT = new Set<FieldType>(['divider', 'description', 'tabs']);

/** 关联记录: the target form, the fields shown for a linked record and what deleting one does. */
export function RelationEditor({ field }: EditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { otherForms, isNew, draft } = useFormDesigner();
  const setOption = useOption(field);
  const target = otherForms.find((form) => form.key === field.options?.targetForm);
  const selfTarget = field.options?.targetForm === draft.key;
  const targetFields = (selfTarget ? draft.fields : target?.fields ?? []).filter((other) => !VALUE_TYPES_OUT.has(other.type));
  const forms = [...(isNew ? [] : [{ value: draft.key, label: `${labelText(draft.name, locale)} (${draft.key})` }]), ...otherForms.map((form) => ({ value: form.key, label: `${labelText(form.name, locale) || form.key} (${form.key})` }))];
  return (
    <>
      <PanelRow label={t('formDesigner.relation.targetForm')}>
        <Select<string>
          className="fmd-block"
          value={(field.options?.targetForm as string) || undefined}
          placeholder={t('formDesigner.relation.pickForm')}
          options={forms}
          data-testid="option-targetForm"
          onChange={(value) => {
            setOption('targetForm', value);
            setOption('displayFields', undefined);
            // A filter names the old target's fields.
            setOption('filter', undefined);
          }}
        />
      </PanelRow>
      <PanelRow label={t('formDesigner.relation.displayFields')}>
        <Select<string[]>
          className="fmd-block"
          mode="multiple"
          value={(field.options?.displayFields as string[]) ?? []}
          options={fieldOptions(targetFields, locale)}
          maxCount={10}
          data-testid="option-displayFields"
          onChange={(value) => setOption('displayFields', value.length ? value : undefined)}
        />
      </PanelRow>
      {(selfTarget || target) && <RelationFilterEditor field={field} targetFields={targetFields} />}
      <PanelRow label={t('formDesigner.relation.onDelete')} hint={t(`formDesigner.relation.onDeleteHint.${(field.options?.onDelete as string) ?? 'block'}`)}>
        <Select<string>
          className="fmd-block"
          value={(field.options?.onDelete as string) ?? 'block'}
          options={['block', 'clear', 'cascade'].map((value) => ({ value, label: t(`formDesigner.relation.onDeleteValue.${value}`) }))}
          data-testid="option-onDelete"
          onChange={(value) => setOption('onDelete', value)}
        />
      </PanelRow>
    </>
  );
}

/** The fields a lookup or rollup reads through a relation (the target form's) or a sub-form (its columns). */
function sourceFields(draft: { fields: FieldDefinition[]; key: string }, otherForms: readonly { key: string; fields: FieldDefinition[] }[], sourceKey: unknown): FieldDefinition[] {
  const source = draft.fields.find((other) => other.key === sourceKey);
  if (!source) return [];
  if (source.type === 'subForm') return Array.isArray(source.options?.fields) ? (source.options.fields as FieldDefinition[]) : [];
  const targetKey = source.options?.targetForm;
  const fields = targetKey === draft.key ? draft.fields : otherForms.find((form) => form.key === targetKey)?.fields ?? [];
  return fields.filter((other) => !VALUE_TYPES_OUT.has(other.type));
}

/** 他表字段 (lookup) and 汇总 (rollup): where the value comes from. */
export function LinkSourceEditor({ field }: EditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { draft, otherForms } = useFormDesigner();
  const setOption = useOption(field);
  const rollup = field.type === 'rollup';
  const sources = draft.fields.filter((other) => other.type === 'relation' || (rollup && other.type === 'subForm'));
  const sourceKey = (field.options?.relationField ?? field.options?.subFormField) as string | undefined;
  const targets = sourceFields(draft, otherForms, sourceKey);
  return (
    <>
      <PanelRow label={t(rollup ? 'formDesigner.link.rollupSource' : 'formDesigner.link.relationField')} hint={sources.length === 0 ? t('formDesigner.link.noSource') : undefined}>
        <Select<string>
          className="fmd-block"
          value={sourceKey || undefined}
          options={fieldOptions(sources, locale)}
          data-testid="option-relationField"
          onChange={(value) => {
            const isSubForm = draft.fields.find((other) => other.key === value)?.type === 'subForm';
            setOption(isSubForm ? 'subFormField' : 'relationField', value);
            setOption(isSubForm ? 'relationField' : 'subFormField', undefined);
            setOption('targetField', undefined);
          }}
        />
      </PanelRow>
      <PanelRow label={t('formDesigner.link.targetField')}>
        <Select<string>
          className="fmd-block"
          allowClear={rollup}
          value={(field.options?.targetField as string) || undefined}
          options={fieldOptions(targets, locale)}
          data-testid="option-targetField"
          onChange={(value) => setOption('targetField', value || undefined)}
        />
      </PanelRow>
    </>
  );
}

/** 大写金额: the money field it spells out. */
export function MoneyInWordsEditor({ field }: EditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { draft } = useFormDesigner();
  const setOption = useOption(field);
  return (
    <PanelRow label={t('formDesigner.moneyInWords.source')}>
      <Select<string>
        className="fmd-block"
        value={(field.options?.sourceField as string) || undefined}
        options={fieldOptions(draft.fields.filter((other) => other.type === 'money'), locale)}
        data-testid="option-sourceField"
        onChange={(value) => setOption('sourceField', value)}
      />
    </PanelRow>
  );
}

type Segment = { type: 'text'; value: string } | { type: 'date'; format: string } | { type: 'counter'; digits?: number; reset?: string; start?: number } | { type: 'field'; fieldKey: string };
const DATE_FORMATS = ['YYYYMMDD', 'YYYY-MM-DD', 'YYMMDD', 'YYYYMM', 'YYYY-MM', 'YYMM', 'YYYY', 'YY'];
const SEGMENT_DEFAULTS: Record<Segment['type'], Segment> = {
  text: { type: 'text', value: 'NO-' },
  date: { type: 'date', format: 'YYYYMMDD' },
  counter: { type: 'counter', digits: 4, reset: 'never' },
  field: { type: 'field', fieldKey: '' },
};

/** 流水号: its segments (fixed text, date, counter, a field's value) in order. */
export function SerialNumberEditor({ field }: EditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { draft } = useFormDesigner();
  const setOption = useOption(field);
  const segments = (Array.isArray(field.options?.segments) ? field.options.segments : []) as Segment[];
  const write = (next: Segment[], tag?: string) => setOption('segments', next, tag);
  const put = (index: number, segment: Segment, tag?: string) => write(segments.map((other, at) => (at === index ? segment : other)), tag);
  const textFields = draft.fields.filter((other) => ['text', 'select', 'radio', 'phone', 'idNumber'].includes(other.type));
  return (
    <PanelRow label={t('formDesigner.serial.title')}>
      <div className="fmd-list" data-testid="serial-editor">
        {segments.map((segment, index) => (
          <div className="fmd-list__row fmd-list__row--wrap" key={index} data-testid="serial-segment">
            <Select<Segment['type']>
              size="small"
              value={segment.type}
              className="fmd-segment__type"
              options={(['text', 'date', 'counter', 'field'] as const).map((type) => ({ value: type, label: t(`formDesigner.serial.type.${type}`) }))}
              onChange={(type) => put(index, SEGMENT_DEFAULTS[type])}
            />
            {segment.type === 'text' && <Input size="small" value={segment.value} maxLength={50} onChange={(event) => put(index, { ...segment, value: event.target.value }, `text-${index}`)} />}
            {segment.type === 'date' && <Select size="small" value={segment.format} options={DATE_FORMATS.map((value) => ({ value, label: value }))} onChange={(format) => put(index, { ...segment, format })} />}
            {segment.type === 'counter' && (
              <>
                <InputNumber size="small" min={1} max={12} value={segment.digits ?? 4} aria-label={t('formDesigner.serial.digits')} addonAfter={t('formDesigner.serial.digitsUnit')} onChange={(digits) => put(index, { ...segment, digits: digits ?? undefined })} />
                <Select size="small" value={segment.reset ?? 'never'} options={['never', 'daily', 'monthly', 'yearly'].map((value) => ({ value, label: t(`formDesigner.serial.reset.${value}`) }))} onChange={(reset) => put(index, { ...segment, reset })} />
              </>
            )}
            {segment.type === 'field' && <Select size="small" className="fmd-segment__field" value={segment.fieldKey || undefined} options={fieldOptions(textFields, locale)} onChange={(fieldKey) => put(index, { ...segment, fieldKey })} />}
            <ListButtons index={index} count={segments.length} testPrefix="serial" removeDisabled={segments.length === 1} onMove={(delta) => write(moved(segments, index, delta))} onRemove={() => write(segments.filter((_segment, at) => at !== index))} />
          </div>
        ))}
        <Button size="small" icon={<PlusOutlined />} disabled={segments.length >= 10} onClick={() => write([...segments, SEGMENT_DEFAULTS.text])}>{t('formDesigner.serial.add')}</Button>
      </div>
    </PanelRow>
  );
}

/** Types a sub-form column may have (the engine refuses containers, layout and values through other records). */
const COLUMN_TYPES: FieldType[] = ['text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'time', 'select', 'radio', 'multiSelect', 'checkbox', 'switch', 'rating', 'member', 'department', 'phone', 'email', 'url', 'image', 'attachment', 'relation', 'formula'];

/** 子表单: its columns as a list (label, type, required, order). */
export function SubFormEditor({ field }: EditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { typeInfo, savedKeys, otherForms } = useFormDesigner();
  const context = useNewFieldContext(typeInfo, otherForms);
  const setOption = useOption(field);
  const columns = (Array.isArray(field.options?.fields) ? field.options.fields : []) as FieldDefinition[];
  const write = (next: FieldDefinition[], tag?: string) => setOption('fields', next, tag);
  const typeLabel = (type: FieldType) => typeInfo(type)?.label[locale] ?? type;
  const columnOf = (type: FieldType) => {
    const created = createField(type, { key: '_', name: '', fields: columns }, context);
    return { ...created, key: freshKey(new Set(columns.map((column) => column.key)), keyStem(type)) };
  };
  return (
    <PanelRow label={t('formDesigner.subForm.columns')} hint={savedKeys.has(field.key) ? t('formDesigner.subForm.retypeHint') : undefined}>
      <div className="fmd-list" data-testid="subform-editor">
        {columns.map((column, index) => (
          <div className="fmd-list__row fmd-list__row--wrap" key={column.key} data-testid="subform-column">
            <Input size="small" className="fmd-column__label" value={labelText(column.label, locale)} aria-label={t('formDesigner.field.label')} onChange={(event) => write(columns.map((other, at) => (at === index ? { ...other, label: withLabelText(other.label, locale, event.target.value) } : other)), `label-${column.key}`)} />
            <Select<FieldType>
              size="small"
              className="fmd-column__type"
              value={column.type}
              options={COLUMN_TYPES.map((type) => ({ value: type, label: typeLabel(type) }))}
              onChange={(type) => write(columns.map((other, at) => (at === index ? { ...columnOf(type), key: other.key, label: other.label } : other)))}
            />
            <Switch size="small" checked={column.required === true} aria-label={t('formDesigner.field.required')} onChange={(required) => write(columns.map((other, at) => (at === index ? (required ? { ...other, required } : (({ required: _r, ...rest }) => rest)(other)) : other)))} />
            <ListButtons index={index} count={columns.length} testPrefix="subform-column" removeDisabled={columns.length === 1} onMove={(delta) => write(moved(columns, index, delta))} onRemove={() => write(columns.filter((_column, at) => at !== index))} />
          </div>
        ))}
        <Button size="small" icon={<PlusOutlined />} disabled={columns.length >= 50} data-testid="subform-add" onClick={() => write([...columns, columnOf('text')])}>{t('formDesigner.subForm.add')}</Button>
      </div>
    </PanelRow>
  );
}

type TabSpec = { key: string; label: LocalizedText; fieldKeys: string[] };

/** 标签页: the tabs (name, order); fields join a tab by dragging or from their own panel. */
export function TabsEditor({ field }: EditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const setOption = useOption(field);
  const tabs = (Array.isArray(field.options?.tabs) ? field.options.tabs : []) as TabSpec[];
  const write = (next: TabSpec[], tag?: string) => setOption('tabs', next, tag);
  return (
    <PanelRow label={t('formDesigner.tabs.title')} hint={t('formDesigner.tabs.hint')}>
      <div className="fmd-list" data-testid="tabs-editor">
        {tabs.map((tab, index) => (
          <div className="fmd-list__row" key={tab.key} data-testid="tab-row">
            <Input size="small" value={labelText(tab.label, locale)} aria-label={t('formDesigner.tabs.label')} onChange={(event) => write(tabs.map((other, at) => (at === index ? { ...other, label: withLabelText(other.label, locale, event.target.value) } : other)), `label-${tab.key}`)} />
            <Typography.Text type="secondary" className="fmd-nowrap">{t('formDesigner.tabs.count', { count: tab.fieldKeys.length })}</Typography.Text>
            <ListButtons index={index} count={tabs.length} testPrefix="tab" removeDisabled={tabs.length === 1} onMove={(delta) => write(moved(tabs, index, delta))} onRemove={() => write(tabs.filter((_tab, at) => at !== index))} />
          </div>
        ))}
        <Button size="small" icon={<PlusOutlined />} data-testid="tab-add" onClick={() => write([...tabs, { key: freshKey(new Set(tabs.map((tab) => tab.key)), 'tab'), label: t('formDesigner.tabs.defaultLabel', { n: tabs.length + 1 }), fieldKeys: [] }])}>{t('formDesigner.tabs.add')}</Button>
      </div>
    </PanelRow>
  );
}

/** Shown for options the server fills in (a rollup's result type): nothing to set, said once. */
export function ServerNote({ text }: { text: string }) {
  return <Alert type="info" showIcon className="fmd-note" title={text} />;
}
