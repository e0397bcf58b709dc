import { Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LocationFormValue } from '../../lib/form-values';
import './fields.css';

type LocationInputProps = {
  id?: string;
  value?: LocationFormValue | null;
  onChange?: (value: LocationFormValue | null) => void;
  disabled?: boolean;
  /** Phones: no stepper arrows. */
  isMobile?: boolean;
};

const EMPTY: LocationFormValue = { lng: null, lat: null, address: null };

/** A location `{lng, lat, address}`: longitude and latitude in degrees and an optional address. Null when all are empty. */
export function LocationInput({ id, value, onChange, disabled, isMobile }: LocationInputProps) {
  const { t } = useTranslation();
  const current = value ?? EMPTY;
  const update = (patch: Partial<LocationFormValue>) => {
    const next = { ...current, ...patch };
    const empty = next.lng === null && next.lat === null && (next.address ?? '') === '';
    onChange?.(empty ? null : next);
  };
  const number = (raw: number | string | null) => (typeof raw === 'number' && Number.isFinite(raw) ? raw : null);
  return (
    <div className="location-input" id={id}>
      <div className="location-input__coordinates">
        <InputNumber<number>
          className="field-input--block"
          value={current.lng}
          min={-180}
          max={180}
          controls={!isMobile}
          inputMode="decimal"
          disabled={disabled}
          prefix={<span className="location-input__prefix">{t('form.location.lng')}</span>}
          placeholder="-180 ~ 180"
          aria-label={t('form.location.lng')}
          onChange={(raw) => update({ lng: number(raw) })}
          data-testid="location-lng"
        />
        <InputNumber<number>
          className="field-input--block"
          value={current.lat}
          min={-90}
          max={90}
          controls={!isMobile}
          inputMode="decimal"
          disabled={disabled}
          prefix={<span className="location-input__prefix">{t('form.location.lat')}</span>}
          placeholder="-90 ~ 90"
          aria-label={t('form.location.lat')}
          onChange={(raw) => update({ lat: number(raw) })}
          data-testid="location-lat"
        />
      </div>
      <Input
        value={current.address ?? ''}
        maxLength={500}
        disabled={disabled}
        placeholder={t('form.location.address')}
        aria-label={t('form.location.address')}
        onChange={(event) => update({ address: event.target.value })}
        data-testid="location-address"
      />
    </div>
  );
}
