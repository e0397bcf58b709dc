import type { FieldType, FieldTypeInfo } from './types';

/** The palette's groups, in order, with their types in order (Jiandaoyun/Mingdao-like). */
export const PALETTE_GROUPS = [
  { key: 'basic', types: ['text', 'textarea', 'richText', 'number', 'money', 'percent', 'phone', 'email', 'idNumber', 'url'] },
  { key: 'choice', types: ['radio', 'checkbox', 'select', 'multiSelect', 'cascader', 'switch', 'rating'] },
  { key: 'people', types: ['member', 'members', 'department', 'departments'] },
  { key: 'date', types: ['date', 'datetime', 'dateRange', 'time'] },
  { key: 'file', types: ['image', 'attachment', 'signature'] },
  { key: 'advanced', types: ['address', 'location', 'subForm', 'relation', 'lookup', 'rollup', 'formula', 'serialNumber', 'moneyInWords'] },
  { key: 'layout', types: ['divider', 'description', 'tabs'] },
] as const satisfies readonly { key: string; types: readonly FieldType[] }[];

export type PaletteGroupKey = (typeof PALETTE_GROUPS)[number]['key'];
export type PaletteGroup = { key: PaletteGroupKey; items: FieldTypeInfo[] };

/**
 * The types the server lists, grouped for the palette. A type the groups do not name yet (a newer
 * server) still shows: layout items under 布局, the rest under 高级.
 */
export function paletteGroups(types: readonly FieldTypeInfo[]): PaletteGroup[] {
  const byType = new Map(types.map((info) => [info.type, info]));
  const placed = new Set<string>();
  const groups: PaletteGroup[] = PALETTE_GROUPS.map((group) => {
    const items = group.types.map((type) => byType.get(type)).filter((info): info is FieldTypeInfo => !!info);
    items.forEach((info) => placed.add(info.type));
    return { key: group.key, items };
  });
  for (const info of types) {
    if (placed.has(info.type)) continue;
    groups.find((group) => group.key === (info.layout ? 'layout' : 'advanced'))?.items.push(info);
  }
  return groups.filter((group) => group.items.length > 0);
}
