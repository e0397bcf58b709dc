import type { FieldDefinition } from '@platform/schema';
import type { CoerceFailure, CoerceResult, FieldTypeDefinition } from '../field-type-definition';
import { checkRegionPath, type RegionLevel } from '../regions/regions';
import { fail, ok } from '../values/coerce-result';
import { jsonObjectFromDb, jsonToDb } from '../values/json-column';
import { isPlainObject } from '../values/is-plain-object';
import { isAbsent, readObjectValue } from '../values/object-value';
import { quoteValue } from '../values/quote-value';
import { readOption } from '../values/read-option';
import { hasUnstorableCharacter } from '../values/unstorable-character';
import { nullable, optionsObject } from '../options-schemas/option-schema-parts';
import { ADDRESS_PARTS, ADDRESS_PART_KEYS, type AddressPartKey } from './address-parts';
import { EMPTINESS_OPERATORS } from './operator-sets';

const SHAPE = '{"province","city","district","detail"}';
/** The parts from the top down; `options.level` names the lowest one asked for (default: all of them). */
const PARTS = ADDRESS_PART_KEYS;
const MAX_DETAIL = 200;
/** The longest region name in the data has 15 characters; a longer one cannot match. */
const MAX_REGION_NAME = 50;

type AddressPart = AddressPartKey;
type Address = Record<AddressPart, string | null>;

/** City names in the data that stand for "directly administered" rather than a city, left out of display. */
const PLACEHOLDER_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

function levelOf(field: FieldDefinition): AddressPart {
  const level = readOption(field, 'level', 'string');
  return PARTS.find((part) => part === level) ?? 'detail';
}

/** One part: trimmed text, null when absent or blank. */
function readPart(value: unknown, part: AddressPart): CoerceFailure | string | null {
  if (isAbsent(value)) return null;
  if (typeof value !== 'string') return fail('invalid_type', `${part} must be a string`, { expected: 'string' }, [part]);
  const text = value.trim();
  if (hasUnstorableCharacter(text)) {
    return fail('invalid_format', `${part} contains a character that cannot be stored (NUL or a lone surrogate)`, { format: 'text' }, [part]);
  }
  return text === '' ? null : text;
}

const REGION_WHERE: Record<RegionLevel, (address: Address) => string> = {
  province: () => 'a province of China',
  city: (address) => `a city of ${address.province}`,
  district: (address) => `a district of ${address.province} ${address.city}`,
};

function coerceAddress(value: unknown, field: FieldDefinition): CoerceResult {
  if (isAbsent(value)) return ok(null);
  const read = readObjectValue(value, PARTS, SHAPE);
  if (!read.ok) return read;
  const address: Address = { province: null, city: null, district: null, detail: null };
  for (const part of PARTS) {
    const text = readPart(read.object[part], part);
    if (text !== null && typeof text !== 'string') return text;
    address[part] = text;
  }
  if (PARTS.every((part) => address[part] === null)) return ok(null);

  const level = levelOf(field);
  for (const part of PARTS.slice(PARTS.indexOf(level) + 1)) {
    const extra = address[part];
    if (extra !== null) {
      return fail('invalid_option', `the field asks for the address down to the ${level}: ${part} is not asked for`, { value: extra }, [part]);
    }
  }
  if ([...(address.detail ?? '')].length > MAX_DETAIL) {
    return fail('too_long', `detail must be at most ${MAX_DETAIL} characters`, { max: MAX_DETAIL }, ['detail']);
  }

  const check = checkRegionPath(address);
  if (!check.ok) {
    const { level: part } = check;
    if (check.reason === 'missing_parent') {
      const below = part === 'province' ? (address.city === null ? 'district' : 'city') : 'district';
      return fail('required', `${part} is needed with a ${below}`, undefined, [part]);
    }
    const name = address[part] ?? '';
    return fail('invalid_option', `${quoteValue(name)} is not ${REGION_WHERE[part](address)}`, { value: name }, [part]);
  }
  return ok(address);
}

/** Region names, then the detail: "广东省深圳市南山区科技园路1号" in Chinese, space-separated otherwise. */
function formatAddress(value: unknown, locale: 'zh-CN' | 'en-US'): string {
  if (!isPlainObject(value)) return '';
  const address = value;
  const text = (part: AddressPart) => {
    const name = address[part];
    return typeof name === 'string' && name !== '' ? name : null;
  };
  const city = text('city');
  const parts = [text('province'), city !== null && PLACEHOLDER_CITIES.has(city) ? null : city, text('district'), text('detail')];
  return parts.filter((part) => part !== null).join(locale === 'zh-CN' ? '' : ' ');
}

const partSchema = (maxLength: number) => ({ type: ['string', 'null'], maxLength });

/**
 * 地址: `{province, city, district, detail}`, region names from the shipped China region data
 * (regions/china-regions.json) forming a path from the province down; stored as jsonb.
 * `options.level` says how far down the address goes (default `detail`: all three levels and the
 * street address). Conditions test the whole value only for emptiness, and each part (`address.city`,
 * see `parts`) as text.
 */
export const addressFieldType: FieldTypeDefinition = {
  type: 'address',
  label: { 'zh-CN': '地址', 'en-US': 'Address' },
  valueKind: 'object',
  optionsSchema: optionsObject({
    level: { type: 'string', enum: [...PARTS] },
    default: nullable({
      type: 'object',
      additionalProperties: false,
      properties: {
        province: partSchema(MAX_REGION_NAME),
        city: partSchema(MAX_REGION_NAME),
        district: partSchema(MAX_REGION_NAME),
        detail: partSchema(MAX_DETAIL),
      },
    }),
  }),
  operators: EMPTINESS_OPERATORS,
  parts: ADDRESS_PARTS,
  sortable: false,
  filterable: true,
  column: () => ({ sqlType: 'jsonb', index: null }),
  conditionKind: 'json',
  coerce: coerceAddress,
  fromDb(value) {
    const object = jsonObjectFromDb(value);
    if (!object) return null;
    const address: Address = { province: null, city: null, district: null, detail: null };
    for (const part of PARTS) {
      const text = object[part];
      address[part] = typeof text === 'string' ? text : null;
    }
    return PARTS.every((part) => address[part] === null) ? null : address;
  },
  toDb: jsonToDb,
  format: (value, _field, locale) => formatAddress(value, locale),
};
