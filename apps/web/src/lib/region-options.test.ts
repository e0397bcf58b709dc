import { describe, expect, it } from 'vitest';
import { regionNameOptions } from './region-options';

describe('regionNameOptions', () => {
  it('lists the provinces by name', () => {
    const provinces = regionNameOptions('province');
    expect(provinces).toHaveLength(31);
    expect(provinces[0]).toEqual({ value: '北京市', label: '北京市' });
  });

  it('lists each city name once, with the provinces it lies in', () => {
    const cities = regionNameOptions('city');
    expect(cities.find((option) => option.value === '深圳市')).toEqual({ value: '深圳市', label: '深圳市 · 广东省' });
    expect(cities.filter((option) => option.value === '市辖区')).toEqual([{ value: '市辖区', label: '市辖区 · 北京市、天津市、上海市…' }]);
    expect(new Set(cities.map((option) => option.value)).size).toBe(cities.length);
  });

  it('shows a district with its province and city, leaving out placeholder cities', () => {
    const districts = regionNameOptions('district');
    expect(districts.find((option) => option.value === '福田区')).toEqual({ value: '福田区', label: '福田区 · 广东省深圳市' });
    // One name, several places: a filter on 南山区 matches both.
    expect(districts.find((option) => option.value === '南山区')?.label).toBe('南山区 · 黑龙江省鹤岗市、广东省深圳市');
    expect(districts.find((option) => option.value === '东城区')?.label).toBe('东城区 · 北京市');
    expect(regionNameOptions('district')).toBe(districts);
  });
});
