import type { CoerceFailure, CoerceResult, FieldTypeDefinition } from '../field-type-definition';
import { fail, ok } from '../values/coerce-result';
import { jsonObjectFromDb, jsonToDb } from '../values/json-column';
import { isAbsent, readObjectValue } from '../values/object-value';
import { plainDecimal } from '../values/plain-decimal';
import { hasUnstorableCharacter } from '../values/unstorable-character';
import { nullable, optionsObject } from '../options-schemas/option-schema-parts';
import { EMPTINESS_OPERATORS } from './operator-sets';

const SHAPE = '{"lng","lat","address"}';
const PARTS = ['lng', 'lat', 'address'] as const;
const MAX_ADDRESS = 500;
const DECIMAL_TEXT = /^[+-]?\d+(?:\.\d+)?$/;

type Location = { lng: number; lat: number; address: string | null };

/** A coordinate: a finite JSON number or a plain decimal string, within ±limit degrees. */
function coordinate(value: unknown, part: 'lng' | 'lat', limit: number): CoerceFailure | number {
  if (isAbsent(value)) return fail('required', `needs both lng and lat (${part} is missing)`, undefined, [part]);
  const number = typeof value === 'string' && DECIMAL_TEXT.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return fail('invalid_type', `${part} must be a number`, { expected: 'number' }, [part]);
  if (number < -limit) return fail('too_small', `${part} must be at least -${limit}`, { min: -limit }, [part]);
  if (number > limit) return fail('too_big', `${part} must be at most ${limit}`, { max: limit }, [part]);
  return Object.is(number, -0) ? 0 : number;
}

function address(value: unknown): CoerceFailure | string | null {
  if (isAbsent(value)) return null;
  if (typeof value !== 'string') return fail('invalid_type', 'address must be a string', { expected: 'string' }, ['address']);
  const text = value.trim();
  if (hasUnstorableCharacter(text)) {
    return fail('invalid_format', 'address contains a character that cannot be stored (NUL or a lone surrogate)', { format: 'text' }, ['address']);
  }
  if ([...text].length > MAX_ADDRESS) return fail('too_long', `address must be at most ${MAX_ADDRESS} characters`, { max: MAX_ADDRESS }, ['address']);
  return text === '' ? null : text;
}

function coerceLocation(value: unknown): CoerceResult {
  if (isAbsent(value)) return ok(null);
  const read = readObjectValue(value, PARTS, SHAPE);
  if (!read.ok) return read;
  const { object } = read;
  if (isAbsent(object.lng) && isAbsent(object.lat) && isAbsent(object.address)) return ok(null);
  const lng = coordinate(object.lng, 'lng', 180);
  if (typeof lng !== 'number') return lng;
  const lat = coordinate(object.lat, 'lat', 90);
  if (typeof lat !== 'number') return lat;
  const text = address(object.address);
  if (text !== null && typeof text !== 'string') return text;
  const location: Location = { lng, lat, address: text };
  return ok(location);
}

/** 定位: a point `{lng, lat, address}` (WGS-84 degrees, the address an optional label); stored as jsonb. */
export const locationFieldType: FieldTypeDefinition = {
  type: 'location',
  label: { 'zh-CN': '定位', 'en-US': 'Location' },
  valueKind: 'object',
  optionsSchema: optionsObject({
    default: nullable({
      type: 'object',
      required: ['lng', 'lat'],
      additionalProperties: false,
      properties: {
        lng: { type: 'number', minimum: -180, maximum: 180 },
        lat: { type: 'number', minimum: -90, maximum: 90 },
        address: { type: ['string', 'null'], maxLength: MAX_ADDRESS },
      },
    }),
  }),
  operators: EMPTINESS_OPERATORS,
  sortable: false,
  filterable: true,
  column: () => ({ sqlType: 'jsonb', index: null }),
  conditionKind: 'json',
  coerce: coerceLocation,
  fromDb(value) {
    const object = jsonObjectFromDb(value);
    if (!object || typeof object.lng !== 'number' || typeof object.lat !== 'number') return null;
    return { lng: object.lng, lat: object.lat, address: typeof object.address === 'string' ? object.address : null };
  },
  toDb: jsonToDb,
  format(value, _field, locale) {
    const location = value as Partial<Location> | null;
    if (typeof location?.lng !== 'number' || typeof location.lat !== 'number') return '';
    const [lng, lat] = [plainDecimal(location.lng), plainDecimal(location.lat)];
    const point = locale === 'zh-CN' ? `经度 ${lng}，纬度 ${lat}` : `lng ${lng}, lat ${lat}`;
    return location.address ? `${location.address}${locale === 'zh-CN' ? `（${point}）` : ` (${point})`}` : point;
  },
};
