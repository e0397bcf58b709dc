import { listCities, listDistricts, listProvinces, regionDataAvailable } from '@platform/form-engine';

export type RegionLevel = 'province' | 'city' | 'district';
/** A region name to pick, with where it lies (`深圳市 · 广东省`) so that same names can be told apart. */
export type RegionNameOption = { value: string; label: string };

/** City levels of the data that stand for "directly administered" rather than a city. */
const PLACEHOLDER_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
/** Parents shown for a name many regions share (市辖区 lies in every municipality). */
const MAX_PARENTS_SHOWN = 3;

const byLevel = new Map<RegionLevel, RegionNameOption[]>();

/** Every name at one level, each once, in data order, with the parents it lies in. */
function collectNames(level: RegionLevel): Map<string, string[]> {
  const names = new Map<string, string[]>();
  const add = (name: string, parent: string) => {
    const parents = names.get(name) ?? [];
    if (parent && !parents.includes(parent)) parents.push(parent);
    names.set(name, parents);
  };
  for (const { name: province } of listProvinces()) {
    if (level === 'province') {
      add(province, '');
      continue;
    }
    for (const { name: city } of listCities(province)) {
      if (level === 'city') add(city, province);
      else for (const { name } of listDistricts(province, city)) add(name, PLACEHOLDER_CITIES.has(city) ? province : `${province}${city}`);
    }
  }
  return names;
}

/**
 * The distinct region names of a level, for filtering on an address part (`addr.city == "深圳市"`
 * matches the name wherever it lies). Empty until the region data has loaded (`loadRegionData()`).
 */
export function regionNameOptions(level: RegionLevel): RegionNameOption[] {
  const known = byLevel.get(level);
  if (known) return known;
  if (!regionDataAvailable()) return [];
  const options = [...collectNames(level)].map(([name, parents]) => {
    const shown = parents.slice(0, MAX_PARENTS_SHOWN).join('、') + (parents.length > MAX_PARENTS_SHOWN ? '…' : '');
    return { value: name, label: shown ? `${name} · ${shown}` : name };
  });
  byLevel.set(level, options);
  return options;
}
