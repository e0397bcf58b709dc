import { useMemo, useState } from 'react';
import { Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import { useLocale } from '../../hooks/use-locale';
import { useDepartments, useUsers } from '../../hooks/use-lookups';
import { labelText } from '../../lib/label-text';
import { toWireValue, wireToFormValue } from '../../lib/form-values';
import {
  defaultFormulaFields, defaultModeOf, defaultModes, defaultSourceOptions, defaultValueOf, setFieldDefault, type DefaultMode, type DefaultSourceOption,
} from '../../lib/form-designer/defaults';
import { FieldInput, type FieldInputContext } from '../field-input';
import { useFormDesigner } from './designer-context';
import { FormulaInput, PanelRow } from './option-editors';

/** What a control's onChange gives: a value, or an input's change event. */
function eventValue(arg: unknown): unknown {
  if (arg && typeof arg === 'object' && 'target' in arg && (arg as { target?: unknown }).target && typeof (arg as { target: { value?: unknown } }).target === 'object') {
    return (arg as { target: { value?: unknown } }).target.value;
  }
  return arg;
}

/** The fixed default, entered with the record form's own control for the type (choices, members, a relation, ...). */
function FixedDefault({ field, value, onChange }: { field: FieldDefinition; value: unknown; onChange: (value: unknown) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { users } = useUsers();
  const { departments } = useDepartments();
  const context: FieldInputContext = { locale, users, departments, placeholders: { select: t('form.selectPlaceholder'), input: t('form.inputPlaceholder'), url: 'https://' } };
  const formValue = wireToFormValue(field, value);
  const injected = field.type === 'switch'
    ? { checked: Boolean(formValue), onChange: (checked: boolean) => onChange(checked ? true : undefined) }
    : { value: formValue, onChange: (arg: unknown) => onChange(toWireValue(field, eventValue(arg)) ?? undefined) };
  return (
    <div className="fmd-default__fixed" data-testid="default-fixed">
      {/* FieldInput declares only its own props; what Form.Item would inject goes in the same way here. */}
      <FieldInput field={field} context={context} {...(injected as object)} />
    </div>
  );
}

function sourceLabel(option: DefaultSourceOption, locale: string, t: (key: string) => string): string {
  const name = (field: FieldDefinition) => labelText(field.label, locale) || field.key;
  if (option.kind === 'field') return name(option.field);
  if (option.kind === 'relation') return `${name(option.relation)} → ${name(option.field)}`;
  return t(option.value === '$user.id' ? 'formDesigner.default.currentUser' : 'formDesigner.default.currentDepartment');
}

/** "Copied from": a field of this form, a field through a relation, or the current user. */
function CopiedDefault({ field, value, onChange }: { field: FieldDefinition; value: unknown; onChange: (value: string | undefined) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { draft, otherForms } = useFormDesigner();
  const sources = useMemo(() => defaultSourceOptions(draft, field, otherForms), [draft, field, otherForms]);
  const group = (kind: DefaultSourceOption['kind']) => sources.filter((source) => source.kind === kind).map((source) => ({ value: source.value, label: sourceLabel(source, locale, t) }));
  const groups = [
    { label: t('formDesigner.default.groupForm'), options: group('field') },
    { label: t('formDesigner.default.groupRelation'), options: group('relation') },
    { label: t('formDesigner.default.groupUser'), options: group('user') },
  ].filter((entry) => entry.options.length > 0);
  // A source set elsewhere (a package, the API) that the list does not offer stays visible as it is.
  const current = typeof value === 'string' ? value : undefined;
  if (current && !sources.some((source) => source.value === current)) groups.push({ label: t('formDesigner.default.groupOther'), options: [{ value: current, label: current }] });
  return (
    <Select<string>
      className="fmd-block"
      allowClear
      value={current}
      placeholder={t('formDesigner.default.pickSource')}
      notFoundContent={t('formDesigner.default.noSource')}
      options={groups}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid="default-from"
      onChange={(next) => onChange(next || undefined)}
    />
  );
}

/** 默认值: none, a fixed value, a formula or a copy (docs/defaults.md); the server takes one of them. */
export function DefaultValueEditor({ field }: { field: FieldDefinition }) {
  const { t } = useTranslation();
  const { draft, change, typeInfo } = useFormDesigner();
  const stored = defaultModeOf(field);
  const [chosen, setChosen] = useState<DefaultMode>(stored);
  const modes = defaultModes(field.type, typeInfo(field.type));
  const readable = useMemo(() => defaultFormulaFields(draft, field), [draft, field]);
  if (modes.length === 0) return null;
  // A stored default shows its mode (after an undo too); a mode chosen without a value yet stays shown.
  const mode = stored !== 'none' ? stored : chosen;
  const offered = modes.includes(mode) ? modes : [...modes, mode];
  const set = (next: DefaultMode, value: unknown, tag?: string) => change((current) => setFieldDefault(current, field.key, next, value), tag ? `${field.key}:default:${tag}` : undefined);
  const value = defaultValueOf(field, mode);
  return (
    <PanelRow label={t('formDesigner.default.title')} hint={t(`formDesigner.default.hint.${mode}`)}>
      <div className="fmd-default" data-testid="default-editor">
        <Segmented<DefaultMode>
          size="small"
          block
          value={mode}
          data-testid="default-mode"
          options={offered.map((option) => ({ value: option, label: <span data-testid={`default-mode-${option}`}>{t(`formDesigner.default.mode.${option}`)}</span> }))}
          onChange={(next) => {
            setChosen(next);
            if (stored !== 'none') set(next, undefined);
          }}
        />
        {mode === 'fixed' && <FixedDefault field={field} value={value} onChange={(next) => set('fixed', next, 'fixed')} />}
        {mode === 'formula' && (
          <FormulaInput
            expression={typeof value === 'string' ? value : ''}
            readable={readable}
            live
            testId="default-formula"
            onChange={(next, typing) => set('formula', next, typing ? 'formula' : undefined)}
          />
        )}
        {mode === 'from' && <CopiedDefault field={field} value={value} onChange={(next) => set('from', next)} />}
      </div>
    </PanelRow>
  );
}
