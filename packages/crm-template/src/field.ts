import type { ChoiceOption, FieldDefinition, FieldType } from '@platform/schema';
import type { Choice } from './crm-choices';
import { localized, type Localized } from './localized';

type Common = { required?: boolean; description?: Localized };
type TextExtras = Common & { maxLength?: number; unique?: boolean; default?: string };
type NumberExtras = Common & { decimals?: number; min?: number; max?: number; default?: number };
/** block: the target cannot be deleted while linked; clear: the link is removed; cascade: this record goes too. */
type RelationExtras = Common & { displayFields?: string[]; onDelete: 'block' | 'clear' | 'cascade' };

function define(
  key: string,
  type: FieldType,
  zh: string,
  en: string,
  extras: Common,
  options: Record<string, unknown>,
): FieldDefinition {
  const definition: FieldDefinition = { key, type, label: localized(zh, en) };
  if (extras.required) definition.required = true;
  if (extras.description) definition.description = extras.description;
  const present = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  if (Object.keys(present).length > 0) definition.options = present;
  return definition;
}

function choices(list: readonly Choice[]): ChoiceOption[] {
  return list.map((choice) => ({ key: choice.key, label: localized(choice.zh, choice.en), color: choice.color }));
}

/**
 * Builders of field definitions with the option names of VALUES.md. Each call returns a fresh object,
 * so a built package can be mutated by its caller without touching the next build.
 */
export const field = {
  text: (key: string, zh: string, en: string, x: TextExtras = {}) =>
    define(key, 'text', zh, en, x, { maxLength: x.maxLength, unique: x.unique, default: x.default }),
  textarea: (key: string, zh: string, en: string, x: TextExtras = {}) =>
    define(key, 'textarea', zh, en, x, { maxLength: x.maxLength, default: x.default }),
  number: (key: string, zh: string, en: string, x: NumberExtras = {}) =>
    define(key, 'number', zh, en, x, { decimals: x.decimals ?? 0, min: x.min, max: x.max, default: x.default }),
  money: (key: string, zh: string, en: string, x: NumberExtras = {}) =>
    define(key, 'money', zh, en, x, { currency: 'CNY', decimals: x.decimals ?? 2, min: x.min ?? 0, max: x.max, default: x.default }),
  percent: (key: string, zh: string, en: string, x: NumberExtras = {}) =>
    define(key, 'percent', zh, en, x, { decimals: x.decimals ?? 0, min: x.min ?? 0, max: x.max ?? 100, default: x.default }),
  rating: (key: string, zh: string, en: string, max: number, x: Common = {}) => define(key, 'rating', zh, en, x, { max }),
  moneyInWords: (key: string, zh: string, en: string, sourceField: string) =>
    define(key, 'moneyInWords', zh, en, {}, { sourceField }),
  date: (key: string, zh: string, en: string, x: Common = {}) => define(key, 'date', zh, en, x, {}),
  datetime: (key: string, zh: string, en: string, x: Common = {}) => define(key, 'datetime', zh, en, x, {}),
  select: (key: string, zh: string, en: string, list: readonly Choice[], x: Common & { default?: string } = {}) =>
    define(key, 'select', zh, en, x, { options: choices(list), default: x.default }),
  radio: (key: string, zh: string, en: string, list: readonly Choice[], x: Common & { default?: string } = {}) =>
    define(key, 'radio', zh, en, x, { options: choices(list), default: x.default }),
  switch: (key: string, zh: string, en: string, x: Common & { default?: boolean } = {}) =>
    define(key, 'switch', zh, en, x, { default: x.default }),
  member: (key: string, zh: string, en: string, x: Common = {}) => define(key, 'member', zh, en, x, {}),
  phone: (key: string, zh: string, en: string, x: Common = {}) => define(key, 'phone', zh, en, x, {}),
  email: (key: string, zh: string, en: string, x: Common = {}) => define(key, 'email', zh, en, x, {}),
  url: (key: string, zh: string, en: string, x: Common = {}) => define(key, 'url', zh, en, x, {}),
  /** A link to one record of `targetForm` (demo data names the target by its title). */
  relation: (key: string, zh: string, en: string, targetForm: string, x: RelationExtras) =>
    define(key, 'relation', zh, en, x, { targetForm, displayFields: x.displayFields, onDelete: x.onDelete }),
  /** Province, city and district from the shipped region data, and the street address. */
  address: (key: string, zh: string, en: string, x: Common = {}) => define(key, 'address', zh, en, x, {}),
  /** A number the platform assigns on create: `prefix` + YYYYMMDD + "-" + a 4-digit counter restarting daily. */
  dailySerial: (key: string, zh: string, en: string, prefix: string) =>
    define(key, 'serialNumber', zh, en, {}, {
      segments: [{ type: 'text', value: prefix }, { type: 'date', format: 'YYYYMMDD' }, { type: 'text', value: '-' }, { type: 'counter', digits: 4, reset: 'daily' }],
    }),
  divider: (key: string, zh: string, en: string) => define(key, 'divider', zh, en, {}, { title: localized(zh, en) }),
  description: (key: string, zh: string, en: string, textZh: string, textEn: string) =>
    define(key, 'description', zh, en, {}, { text: localized(textZh, textEn) }),
};
