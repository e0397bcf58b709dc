import {
  checkRegionPath,
  findCity,
  findDistrict,
  findProvince,
  listCities,
  listDistricts,
  listProvinces,
  regionPathExists,
  type RegionPath,
  type RegionPathCheck,
} from './regions';

describe('the China region data', () => {
  it('holds the 31 provincial-level regions in code order', () => {
    const provinces = listProvinces();
    expect(provinces).toHaveLength(31);
    expect(provinces[0]).toEqual({ code: '11', name: '北京市' });
    expect(provinces.at(-1)).toEqual({ code: '65', name: '新疆维吾尔自治区' });
    expect(provinces.map((province) => province.code)).toEqual([...provinces.map((province) => province.code)].sort());
  });

  it('gives full GB/T 2260 codes at every level', () => {
    expect(findProvince('广东省')).toEqual({ code: '44', name: '广东省' });
    expect(findCity('广东省', '深圳市')).toEqual({ code: '4403', name: '深圳市' });
    expect(findDistrict('广东省', '深圳市', '南山区')).toEqual({ code: '440305', name: '南山区' });
    expect(findDistrict('北京市', '市辖区', '东城区')).toEqual({ code: '110101', name: '东城区' });
    // A city without districts lists its towns (9-digit codes), as the source does.
    expect(findDistrict('广东省', '东莞市', '东城街道')).toEqual({ code: '441900003', name: '东城街道' });
  });

  it('lists the children of a region, and none of an unknown one', () => {
    expect(listCities('北京市')).toEqual([{ code: '1101', name: '市辖区' }]);
    expect(listCities('重庆市').map((city) => city.name)).toEqual(['市辖区', '县']);
    expect(listDistricts('广东省', '深圳市').map((district) => district.name)).toEqual(
      ['罗湖区', '福田区', '南山区', '宝安区', '龙岗区', '盐田区', '龙华区', '坪山区', '光明区'],
    );
    expect(listCities('火星省')).toEqual([]);
    expect(listDistricts('广东省', '杭州市')).toEqual([]);
  });

  it('matches names exactly and is not fooled by object keys', () => {
    expect(findProvince('广东')).toBeUndefined();
    expect(findProvince(' 广东省')).toBeUndefined();
    expect(findProvince('__proto__')).toBeUndefined();
    expect(findCity('广东省', 'constructor')).toBeUndefined();
    expect(listCities('toString')).toEqual([]);
  });

  it('hands out copies: a caller cannot change the data', () => {
    const [first] = listProvinces();
    (first as { name: string }).name = 'x';
    expect(listProvinces()[0].name).toBe('北京市');
  });
});

describe('checkRegionPath', () => {
  it.each<[string, RegionPath, RegionPathCheck]>([
    ['nothing named', {}, { ok: true }],
    ['a province', { province: '广东省' }, { ok: true }],
    ['a province and city', { province: '广东省', city: '深圳市' }, { ok: true }],
    ['a full path', { province: '广东省', city: '深圳市', district: '南山区' }, { ok: true }],
    ['nulls and empty strings as unnamed', { province: '广东省', city: '', district: null }, { ok: true }],
    ['an unknown province', { province: '火星省' }, { ok: false, level: 'province', reason: 'unknown' }],
    ['a city of another province', { province: '广东省', city: '杭州市' }, { ok: false, level: 'city', reason: 'unknown' }],
    ['a district of another city', { province: '广东省', city: '深圳市', district: '西湖区' }, { ok: false, level: 'district', reason: 'unknown' }],
    ['a city without a province', { city: '深圳市' }, { ok: false, level: 'province', reason: 'missing_parent' }],
    ['a district without a city', { province: '广东省', district: '南山区' }, { ok: false, level: 'city', reason: 'missing_parent' }],
    ['a district alone', { district: '南山区' }, { ok: false, level: 'province', reason: 'missing_parent' }],
  ])('%s', (_label, path, expected) => {
    expect(checkRegionPath(path)).toEqual(expected);
    expect(regionPathExists(path)).toBe(expected.ok);
  });
});
