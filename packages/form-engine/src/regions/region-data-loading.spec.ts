import type { FieldDefinition } from '@platform/schema';
import { getFieldType } from '../get-field-type';
import { checkRegionPath, listCities, listProvinces, loadRegionData, provideRegionData, regionDataAvailable, type RegionData } from './regions';

// As in the web build: the engine comes without the region data (apps/web/vite.config.ts swaps the module).
jest.mock('./bundled-region-data', () => ({ bundledRegionData: () => undefined }));

const address = getFieldType('address')!;
const field: FieldDefinition = { key: 'home', type: 'address', label: '地址' };

describe('region data loaded on demand (the browser build)', () => {
  it('finds nothing and leaves names to the server before the data has loaded', () => {
    expect(regionDataAvailable()).toBe(false);
    expect(listProvinces()).toEqual([]);
    expect(checkRegionPath({ province: '火星省', city: '深圳市' })).toEqual({ ok: true });
    expect(checkRegionPath({ province: '广东省', district: '南山区' })).toEqual({ ok: false, level: 'city', reason: 'missing_parent' });
    expect(address.coerce({ province: '火星省', detail: '1号' }, field)).toEqual({ ok: true, value: { province: '火星省', city: null, district: null, detail: '1号' } });
    // Everything that needs no data is still checked.
    expect(address.coerce({ city: '深圳市' }, field)).toMatchObject({ ok: false, code: 'required', path: ['province'] });
  });

  it('loads the data once, and then checks names against it', async () => {
    const first = loadRegionData();
    expect(loadRegionData()).toBe(first);
    await first;
    expect(regionDataAvailable()).toBe(true);
    expect(listProvinces()).toHaveLength(31);
    expect(address.coerce({ province: '火星省' }, field)).toMatchObject({ ok: false, code: 'invalid_option', path: ['province'] });
    await expect(loadRegionData()).resolves.toBeUndefined();
  });

  it('uses data that is provided instead', () => {
    const data: RegionData = { provinces: [['99', '测试省', [['01', '测试市', [['01', '测试区']]]]]] };
    provideRegionData(data);
    expect(listProvinces()).toEqual([{ code: '99', name: '测试省' }]);
    expect(listCities('测试省')).toEqual([{ code: '9901', name: '测试市' }]);
    expect(checkRegionPath({ province: '测试省', city: '测试市', district: '测试区' })).toEqual({ ok: true });
  });
});
