import { Cascader, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { listCities, listDistricts, listProvinces, regionDataAvailable } from '@platform/form-engine';
import type { FieldDefinition } from '@platform/schema';
import { useRegionData } from '../../hooks/use-region-data';
import './address-input.css';

/** An address as the form holds it: the wire value `{province, city, district, detail}` (VALUES.md). */
export type AddressValue = { province: string | null; city: string | null; district: string | null; detail: string | null };
type AddressLevel = 'province' | 'city' | 'district' | 'detail';
type RegionOption = { value: string; label: string; children?: RegionOption[] };

const LEVELS: readonly AddressLevel[] = ['province', 'city', 'district', 'detail'];
/** The server's limit on the detail text (code points; the input counts UTF-16 units, a little stricter). */
const MAX_DETAIL = 200;

export function addressLevel(field: FieldDefinition): AddressLevel {
  const level = field.options?.level;
  return LEVELS.includes(level as AddressLevel) ? (level as AddressLevel) : 'detail';
}

const optionsByDepth = new Map<number, RegionOption[]>();

/**
 * The region data (shipped with @platform/form-engine, loaded with `loadRegionData()`) as Cascader
 * options, down to `depth` levels; built once per depth. Values are the names, which is what the
 * address stores. Empty while the data has not loaded.
 */
export function regionOptions(depth: 1 | 2 | 3): RegionOption[] {
  const known = optionsByDepth.get(depth);
  if (known) return known;
  if (!regionDataAvailable()) return [];
  const options = listProvinces().map(({ name: province }): RegionOption => ({
    value: province,
    label: province,
    children: depth < 2 ? undefined : listCities(province).map(({ name: city }): RegionOption => ({
      value: city,
      label: city,
      children: depth < 3 ? undefined : listDistricts(province, city).map(({ name }) => ({ value: name, label: name })),
    })),
  }));
  optionsByDepth.set(depth, options);
  return options;
}

type AddressInputProps = {
  field: FieldDefinition;
  id?: string;
  value?: Partial<AddressValue> | null;
  onChange?: (value: AddressValue | null) => void;
  disabled?: boolean;
};

/**
 * 地址: province / city / district picked from the region data (as far down as the field's `level`), and
 * a free-text street address when the level is `detail`. Null when every part is empty.
 */
export function AddressInput({ field, id, value, onChange, disabled }: AddressInputProps) {
  const { t } = useTranslation();
  // The region data is a chunk of its own, fetched the first time an address is edited.
  const regions = useRegionData();
  const level = addressLevel(field);
  const depth = level === 'province' ? 1 : level === 'city' ? 2 : 3;
  const current: AddressValue = {
    province: value?.province ?? null,
    city: value?.city ?? null,
    district: value?.district ?? null,
    detail: value?.detail ?? null,
  };
  const path: string[] = [];
  for (const part of [current.province, current.city, current.district].slice(0, depth)) {
    if (!part) break;
    path.push(part);
  }
  const update = (patch: Partial<AddressValue>) => {
    const next = { ...current, ...patch };
    // Parts below the field's level (left from before the level was changed) are not sent: the server refuses them.
    for (const part of LEVELS.slice(LEVELS.indexOf(level) + 1)) next[part] = null;
    const empty = next.province === null && next.city === null && next.district === null && (next.detail ?? '') === '';
    onChange?.(empty ? null : next);
  };
  const regionLabel = t(`form.address.region.${level === 'detail' ? 'district' : level}`);
  return (
    <div className="address-input" id={id}>
      <Cascader
        className="field-input--block"
        classNames={{ popup: { root: 'address-input__popup' } }}
        options={regions === 'ready' ? regionOptions(depth) : []}
        value={path}
        onChange={(picked?: string[]) => update({ province: picked?.[0] ?? null, city: picked?.[1] ?? null, district: picked?.[2] ?? null })}
        disabled={disabled}
        allowClear
        showSearch
        placeholder={regionLabel}
        aria-label={regionLabel}
        notFoundContent={t(regions === 'failed' ? 'form.address.loadFailed' : regions === 'loading' ? 'form.address.loading' : 'form.address.noMatch')}
        data-testid="address-region"
      />
      {level === 'detail' && (
        <Input
          value={current.detail ?? ''}
          maxLength={MAX_DETAIL}
          disabled={disabled}
          placeholder={t('form.address.detail')}
          aria-label={t('form.address.detail')}
          autoComplete="street-address"
          onChange={(event) => update({ detail: event.target.value })}
          data-testid="address-detail"
        />
      )}
    </div>
  );
}
