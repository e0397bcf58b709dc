import { Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { fromIsoDuration, toIsoDuration, type DurationUnit } from '../../lib/flow-designer/durations';

type Props = {
  value: string | undefined;
  onChange: (iso: string) => void;
  units?: readonly DurationUnit[];
  testId: string;
  ariaLabel: string;
};

/** "N hours/days" edited as numbers and stored as ISO 8601 (PT24H, P2D); other durations as text. */
export function DurationInput({ value, onChange, units = ['hours', 'days'], testId, ariaLabel }: Props) {
  const { t } = useTranslation();
  const simple = value === undefined ? { amount: 1, unit: units[units.length - 1] } : fromIsoDuration(value);
  if (!simple) {
    return <Input value={value} onChange={(event) => onChange(event.target.value.trim())} aria-label={ariaLabel} data-testid={testId} className="fd-duration__raw" />;
  }
  const unitOptions = (units.includes(simple.unit) ? units : [...units, simple.unit]).map((unit) => ({ value: unit, label: t(`flowDesigner.unit.${unit}`) }));
  return (
    <Space.Compact className="fd-duration" data-testid={testId}>
      <InputNumber
        min={1}
        max={999999}
        precision={0}
        value={simple.amount}
        aria-label={ariaLabel}
        onChange={(amount) => onChange(toIsoDuration({ amount: amount ?? 1, unit: simple.unit }))}
      />
      <Select<DurationUnit>
        value={simple.unit}
        options={unitOptions}
        aria-label={t('flowDesigner.unit.label')}
        onChange={(unit) => onChange(toIsoDuration({ amount: simple.amount, unit }))}
      />
    </Space.Compact>
  );
}
