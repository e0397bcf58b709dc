import { startTestPlatform, type TestPlatform } from './harness';

/**
 * Conditions on the parts of an address (`addr.city`, VALUES.md "Conditions") wherever the API runs
 * them: list filters, relation filters (SQL) and flow branches (in memory), and the refusals.
 */
describe('filters on the parts of an address', () => {
  let t: TestPlatform;
  let admin: string;
  const stores = '/api/apps/geo/forms/store/records';
  const ids: Record<string, string> = {};

  const addresses: Record<string, unknown> = {
    nanshan: { province: '广东省', city: '深圳市', district: '南山区', detail: '科技园路1号' },
    futian: { province: '广东省', city: '深圳市', district: '福田区', detail: '深南大道 100%_号' },
    tianhe: { province: '广东省', city: '广州市', district: '天河区', detail: null },
    xihu: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路' },
    province_only: { province: '浙江省', city: null, district: null, detail: null },
    none: null,
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = t.adminToken;
    expect((await t.http('POST', '/api/apps', { key: 'geo', name: '地理' }, admin)).status).toBe(201);
    const store = await t.http('POST', '/api/apps/geo/forms', {
      key: 'store', name: '门店', fields: [
        { key: 'name', type: 'text', label: '名称' },
        { key: 'addr', type: 'address', label: '地址' },
      ],
    }, admin);
    expect(store.status).toBe(201);
    for (const [name, addr] of Object.entries(addresses)) {
      const created = await t.http('POST', stores, { data: { name, addr } }, admin);
      expect(created.status).toBe(201);
      ids[name] = created.body.id;
    }
  }, 60_000);
  afterAll(async () => t?.close());

  const names = async (filter: unknown): Promise<string[]> => {
    const r = await t.http('POST', `${stores}/query`, { filter, fields: ['name'], limit: 100 }, admin);
    expect(r.status).toBe(200);
    return r.body.items.map((item: any) => item.data.name).sort();
  };
  const v = (path: string) => ({ var: path });

  it.each<[string, unknown, string[]]>([
    ['== on the city', { '==': [v('addr.city'), '深圳市'] }, ['futian', 'nanshan']],
    ['!= on the city (an empty address differs too)', { '!=': [v('addr.city'), '深圳市'] }, ['none', 'province_only', 'tianhe', 'xihu']],
    ['in on the province', { in: [v('addr.province'), ['浙江省', '江苏省']] }, ['province_only', 'xihu']],
    ['contains on the district', { contains: [v('addr.district'), '山'] }, ['nanshan']],
    ['startsWith on the detail', { startsWith: [v('addr.detail'), '科技'] }, ['nanshan']],
    ['endsWith on the city', { endsWith: [v('addr.city'), '州市'] }, ['tianhe', 'xihu']],
    ['LIKE wildcards matched literally', { contains: [v('addr.detail'), '%_'] }, ['futian']],
    ['isEmpty on the city (missing part or no address)', { isEmpty: [v('addr.city')] }, ['none', 'province_only']],
    ['isNotEmpty on the detail', { isNotEmpty: [v('addr.detail')] }, ['futian', 'nanshan', 'xihu']],
    ['parts combined with the whole value', { and: [{ isNotEmpty: [v('addr')] }, { '!': { '==': [v('addr.province'), '广东省'] } }] }, ['province_only', 'xihu']],
  ])('%s', async (_name, filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  // The message pattern is optional: a rest parameter, since jest takes a callback with more parameters
  // than a row has values for one that calls `done`.
  it.each<[string, unknown, string, RegExp?]>([
    ['an unknown part', { '==': [v('addr.zip'), '518000'] }, 'UNKNOWN_FIELD', /addr\.zip.*province, city, district, detail/],
    ['a part written in another case', { '==': [v('addr.City'), '深圳市'] }, 'UNKNOWN_FIELD'],
    ['a part below a part', { '==': [v('addr.city.name'), '深圳市'] }, 'UNKNOWN_FIELD'],
    ['a SQL-looking part', { '==': [v("addr.city') OR 1=1 --"), 'x'] }, 'UNKNOWN_FIELD'],
    ['a part of a field that has none', { '==': [v('name.length'), 'x'] }, 'UNKNOWN_FIELD', /no parts/],
    ['an ordering operator on a part', { '>': [v('addr.city'), '深圳市'] }, 'UNKNOWN_OPERATOR'],
    ['a number against a part', { '==': [v('addr.city'), 1] }, 'VALIDATION_FAILED'],
    ['== on the whole address', { '==': [v('addr'), '深圳市'] }, 'UNKNOWN_OPERATOR'],
  ])('refuses %s with 400', async (_name, filter, code, ...message) => {
    const r = await t.http('POST', `${stores}/query`, { filter }, admin);
    expect(r).toMatchObject({ status: 400, body: { code } });
    if (message[0]) expect(r.body.message).toMatch(message[0]);
  });

  it('still refuses to sort by an address or by one of its parts', async () => {
    const whole = await t.http('POST', `${stores}/query`, { sort: [{ field: 'addr', dir: 'asc' }] }, admin);
    expect(whole).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { issues: [{ code: 'not_sortable' }] } } });
    const part = await t.http('POST', `${stores}/query`, { sort: [{ field: 'addr.city', dir: 'asc' }] }, admin);
    expect(part).toMatchObject({ status: 400, body: { code: 'UNKNOWN_FIELD' } });
  });

  it('tells clients the parts an address offers, with their operators', async () => {
    const types = await t.http('GET', '/api/field-types', undefined, admin);
    const address = types.body.find((entry: any) => entry.type === 'address');
    expect(address.operators).toEqual(['isEmpty', 'isNotEmpty']);
    expect(address.parts.map((part: any) => part.key)).toEqual(['province', 'city', 'district', 'detail']);
    expect(address.parts[1]).toEqual({
      key: 'city',
      label: { 'zh-CN': '城市', 'en-US': 'City' },
      operators: ['==', '!=', 'in', 'contains', 'startsWith', 'endsWith', 'isEmpty', 'isNotEmpty'],
    });
    expect(types.body.find((entry: any) => entry.type === 'text').parts).toEqual([]);
  });

  it('links only to records whose address passes the relation filter', async () => {
    const order = await t.http('POST', '/api/apps/geo/forms', {
      key: 'delivery', name: '配送', fields: [
        { key: 'title', type: 'text', label: '标题' },
        { key: 'store', type: 'relation', label: '门店', options: { targetForm: 'store', filter: { '==': [v('addr.city'), '深圳市'] } } },
      ],
    }, admin);
    expect(order.status).toBe(201);
    const deliveries = '/api/apps/geo/forms/delivery/records';
    expect((await t.http('POST', deliveries, { data: { title: 'ok', store: ids.nanshan } }, admin)).status).toBe(201);
    const refused = await t.http('POST', deliveries, { data: { title: 'far', store: ids.xihu } }, admin);
    expect(refused).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['store'], code: 'not_found' }] } } });
  });

  it('routes a flow by the city of the record, and refuses a branch on an unknown part', async () => {
    const branchFlow = (key: string, part: string) => ({
      key, name: '按城市', formKey: 'store',
      nodes: [{
        key: 'route', type: 'condition', name: '按城市',
        branches: [
          { key: 'sz', name: '深圳', condition: { '==': [v(`addr.${part}`), '深圳市'] }, nodes: [
            { key: 'admin_sz', type: 'approval', name: '深圳审批', approvers: [{ source: 'users', userIds: [adminId] }] },
          ] },
          { key: 'other', name: '其他', condition: null, nodes: [
            { key: 'admin_other', type: 'approval', name: '其他审批', approvers: [{ source: 'users', userIds: [adminId] }] },
          ] },
        ],
      }],
    });
    const me = await t.http('GET', '/api/auth/me', undefined, admin);
    const adminId: string = me.body.id ?? me.body.user?.id;
    expect(adminId).toEqual(expect.any(String));
    const refused = await t.http('POST', '/api/apps/geo/flows', branchFlow('by_zip', 'zip'), admin);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/addr\.zip/);
    expect((await t.http('POST', '/api/apps/geo/flows', branchFlow('by_city', 'city'), admin)).status).toBe(201);

    const nodeOf = async (store: string) => {
      const started = await t.http('POST', `${stores}/${ids[store]}/flow`, { flowKey: 'by_city' }, admin);
      expect(started.status).toBe(201);
      return started.body.currentTasks.map((task: any) => task.nodeKey);
    };
    expect(await nodeOf('futian')).toEqual(['admin_sz']);
    expect(await nodeOf('tianhe')).toEqual(['admin_other']);
    expect(await nodeOf('none')).toEqual(['admin_other']);
  });
});
