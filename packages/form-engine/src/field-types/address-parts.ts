import type { FieldPart } from '../field-type-definition';

/** The parts of an address from the top down (VALUES.md: `{"province","city","district","detail"}`). */
export const ADDRESS_PART_KEYS = ['province', 'city', 'district', 'detail'] as const;
export type AddressPartKey = (typeof ADDRESS_PART_KEYS)[number];

/** Region names and the street address are matched as text; they have no meaningful order. */
const PART_OPERATORS = ['==', '!=', 'in', 'contains', 'startsWith', 'endsWith', 'isEmpty', 'isNotEmpty'] as const;

const LABELS: Record<AddressPartKey, FieldPart['label']> = {
  province: { 'zh-CN': '省份', 'en-US': 'Province' },
  city: { 'zh-CN': '城市', 'en-US': 'City' },
  district: { 'zh-CN': '区县', 'en-US': 'District' },
  detail: { 'zh-CN': '详细地址', 'en-US': 'Street address' },
};

/** What conditions may name of an address (`address.city`): each part, as text. */
export const ADDRESS_PARTS: readonly FieldPart[] = ADDRESS_PART_KEYS.map((key) => ({
  key,
  label: LABELS[key],
  conditionKind: 'text',
  operators: PART_OPERATORS,
}));
