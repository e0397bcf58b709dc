import ExcelJS from 'exceljs';
import { SETTINGS } from '../src/common/core.module';
import type { Settings } from '../src/common/settings';
import { startTestPlatform, type TestPlatform } from './harness';

/**
 * Import of records from CSV and XLSX over real HTTP: the export round trip for every importable type,
 * GBK files, bad rows and their error report, dry runs, upserts, permissions, progress and limits.
 */
const choices = (...keys: [string, string, string][]) => ({ options: keys.map(([key, zh, en]) => ({ key, label: { 'zh-CN': zh, 'en-US': en } })) });
const form = {
  key: 'deal',
  name: { 'zh-CN': '交易', 'en-US': 'Deal' },
  fields: [
    { key: 'code', type: 'text', label: { 'zh-CN': '编号', 'en-US': 'Code' }, required: true, options: { unique: true } },
    { key: 'title', type: 'text', label: { 'zh-CN': '标题', 'en-US': 'Title' } },
    { key: 'notes', type: 'textarea', label: { 'zh-CN': '备注', 'en-US': 'Notes' } },
    { key: 'body', type: 'richText', label: { 'zh-CN': '正文', 'en-US': 'Body' } },
    { key: 'qty', type: 'number', label: { 'zh-CN': '数量', 'en-US': 'Quantity' }, options: { decimals: 1, thousandsSeparator: true, suffix: ' 件' } },
    { key: 'amount', type: 'money', label: { 'zh-CN': '金额', 'en-US': 'Amount' }, options: { currency: 'CNY', max: 1e9 } },
    { key: 'words', type: 'moneyInWords', label: { 'zh-CN': '大写', 'en-US': 'In words' }, options: { sourceField: 'amount' } },
    { key: 'rate', type: 'percent', label: { 'zh-CN': '折扣', 'en-US': 'Discount' }, options: { decimals: 1 } },
    { key: 'stars', type: 'rating', label: { 'zh-CN': '评分', 'en-US': 'Rating' } },
    { key: 'close_on', type: 'date', label: { 'zh-CN': '成交日期', 'en-US': 'Close date' } },
    { key: 'met_at', type: 'datetime', label: { 'zh-CN': '会面时间', 'en-US': 'Met at' }, options: { precision: 'second' } },
    { key: 'period', type: 'dateRange', label: { 'zh-CN': '周期', 'en-US': 'Period' } },
    { key: 'call_at', type: 'time', label: { 'zh-CN': '回访时间', 'en-US': 'Call time' } },
    { key: 'stage', type: 'select', label: { 'zh-CN': '阶段', 'en-US': 'Stage' }, options: choices(['qualify', '需求', 'Qualify'], ['won', '赢单', 'Won']) },
    { key: 'level', type: 'radio', label: { 'zh-CN': '级别', 'en-US': 'Level' }, options: choices(['x', '重要', 'Key'], ['y', '一般', 'Normal']) },
    { key: 'tags', type: 'multiSelect', label: { 'zh-CN': '标签', 'en-US': 'Tags' }, options: choices(['a', '老客户', 'Returning'], ['b', '大单, 加急', 'Big, urgent']) },
    { key: 'channels', type: 'checkbox', label: { 'zh-CN': '渠道', 'en-US': 'Channels' }, options: choices(['web', '网站', 'Web'], ['tel', '电话', 'Phone']) },
    { key: 'region', type: 'cascader', label: { 'zh-CN': '地区', 'en-US': 'Region' }, options: { tree: [{ key: 'zj', label: { 'zh-CN': '浙江', 'en-US': 'Zhejiang' }, children: [{ key: 'hz', label: { 'zh-CN': '杭州', 'en-US': 'Hangzhou' } }] }] } },
    { key: 'vip', type: 'switch', label: { 'zh-CN': '重点客户', 'en-US': 'VIP' } },
    { key: 'rep', type: 'member', label: { 'zh-CN': '销售', 'en-US': 'Sales rep' } },
    { key: 'helpers', type: 'members', label: { 'zh-CN': '协助人', 'en-US': 'Helpers' } },
    { key: 'team', type: 'department', label: { 'zh-CN': '部门', 'en-US': 'Team' } },
    { key: 'teams', type: 'departments', label: { 'zh-CN': '协作部门', 'en-US': 'Teams' } },
    { key: 'spot', type: 'location', label: { 'zh-CN': '定位', 'en-US': 'Location' } },
    { key: 'mobile', type: 'phone', label: { 'zh-CN': '手机', 'en-US': 'Mobile' } },
    { key: 'mail', type: 'email', label: { 'zh-CN': '邮箱', 'en-US': 'Email' } },
    { key: 'site', type: 'url', label: { 'zh-CN': '网址', 'en-US': 'Website' } },
    { key: 'idno', type: 'idNumber', label: { 'zh-CN': '证件号', 'en-US': 'ID number' } },
    { key: 'total', type: 'formula', label: { 'zh-CN': '合计', 'en-US': 'Total' }, options: { expression: 'qty * 2', resultType: 'number' } },
    { key: 'split', type: 'divider', label: { 'zh-CN': '分割', 'en-US': 'Split' }, options: { title: 'More' } },
  ],
};
const PATH = '/api/apps/sales/forms/deal';
const FORM_TYPES = form.fields.map((field) => field.type);

describe('import of records from CSV and XLSX', () => {
  let t: TestPlatform;
  let admin: string;
  const ids: Record<string, string> = {};

  const upload = async (
    file: Buffer | string, fileName: string, fields: Record<string, string> = {}, token = admin, path = `${PATH}/records/import`,
  ): Promise<{ status: number; body: any }> => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', new Blob([typeof file === 'string' ? Buffer.from(file, 'utf8') : file]), fileName);
    const res = await fetch(t.baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  /** Polls GET /api/jobs/:id until the job ends; returns the last answer and every progress seen. */
  const waitForJob = async (jobId: string, token = admin) => {
    const seen: { done: number; total: number; status: string }[] = [];
    for (const until = Date.now() + 240_000; Date.now() < until; ) {
      const job = await t.http('GET', `/api/jobs/${jobId}`, undefined, token);
      expect(job.status).toBe(200);
      seen.push({ ...job.body.progress, status: job.body.status });
      if (job.body.status === 'done' || job.body.status === 'failed') return { job: job.body, seen };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`job ${jobId} did not finish`);
  };

  const importFile = async (file: Buffer | string, fileName: string, fields: Record<string, string> = {}, token = admin) => {
    const started = await upload(file, fileName, fields, token);
    expect(started).toMatchObject({ status: 202, body: { jobId: expect.any(String) } });
    return waitForJob(started.body.jobId, token);
  };

  const allRecords = async () => {
    const items: any[] = [];
    let after: string | null = null;
    do {
      const page: any = await t.http('POST', `${PATH}/records/query`, { limit: 500, sort: [{ field: 'createdAt', dir: 'asc' }], ...(after ? { after } : {}) }, admin);
      items.push(...page.body.items);
      after = page.body.nextCursor;
    } while (after);
    return items;
  };
  const byCode = (items: any[]) => Object.fromEntries(items.map((record) => [record.data.code, record.data]));
  const deleteAll = async () => {
    for (const record of await allRecords()) expect((await t.http('DELETE', `${PATH}/records/${record.id}`, undefined, admin)).status).toBe(204);
  };
  const exportFile = async (format: 'csv' | 'xlsx', lang: string) => {
    const res = await fetch(`${t.baseUrl}${PATH}/records/export?format=${format}&lang=${lang}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  const samples = () => [
    {
      code: 'D-001', title: '=1+1 looks like a formula', notes: 'line 1\nline 2, with "quotes"', body: '<p>Hello &amp; co</p><p>second</p>',
      qty: 1234567.5, amount: 12000.5, rate: 85, stars: 4, close_on: '2026-12-31', met_at: '2026-11-27T02:00:05.000Z',
      period: { start: '2026-01-01', end: '2026-03-31' }, call_at: '09:30:00', stage: 'won', level: 'x', tags: ['a', 'b'], channels: ['web', 'tel'],
      region: ['zj', 'hz'], vip: true, rep: ids.zhang, helpers: [ids.zhang, ids.smith], team: ids.sales, teams: [ids.sales, ids.east],
      spot: { lng: 120.15, lat: 30.28, address: '西湖 (断桥)' }, mobile: '13812345678', mail: 'li@example.com', site: 'https://example.com/a?b=1,2',
      idno: '11010519491231002X',
    },
    {
      code: 'D-002', title: '第二单', notes: null, body: null, qty: -3, amount: 0.5, rate: 12.3, stars: 0, close_on: '2026-01-01', met_at: '2026-01-01T00:00:00.000Z',
      period: null, call_at: null, stage: 'qualify', level: 'y', tags: [], channels: ['tel'], region: ['zj'], vip: false, rep: ids.smith,
      helpers: [], team: null, teams: [], spot: { lng: -74.006, lat: 40.7128, address: null }, mobile: null, mail: null, site: null, idno: null,
    },
    { code: 'D-003', title: null, qty: null, amount: null, rate: null, stars: null, vip: null, stage: null, tags: [], rep: null },
  ];

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = t.adminToken;
    expect((await t.http('POST', '/api/apps', { key: 'sales', name: '销售' }, admin)).status).toBe(201);
    const created = await t.http('POST', '/api/apps/sales/forms', form, admin);
    expect(created.status).toBe(201);
    const hq = (await t.http('POST', '/api/departments', { name: 'HQ', parentId: null }, admin)).body.id;
    ids.sales = (await t.http('POST', '/api/departments', { name: '销售部', parentId: hq }, admin)).body.id;
    ids.east = (await t.http('POST', '/api/departments', { name: 'East, North', parentId: hq }, admin)).body.id;
    ids.zhang = (await t.http('POST', '/api/users', { username: 'zhangsan', name: '张三', password: 'Pass-zhang1', departmentIds: [ids.sales] }, admin)).body.id;
    ids.smith = (await t.http('POST', '/api/users', { username: 'jsmith', name: 'Smith, John', password: 'Pass-smith1', departmentIds: [ids.east] }, admin)).body.id;
  }, 120_000);
  afterAll(async () => t?.close());

  it('takes back an XLSX and a CSV export of every importable type without loss, in both languages', async () => {
    expect(FORM_TYPES).toEqual(expect.arrayContaining(['text', 'textarea', 'richText', 'number', 'money', 'percent', 'rating', 'date', 'datetime', 'dateRange', 'time',
      'select', 'radio', 'multiSelect', 'checkbox', 'cascader', 'switch', 'member', 'members', 'department', 'departments', 'location', 'phone', 'email', 'url', 'idNumber']));
    for (const data of samples()) expect((await t.http('POST', `${PATH}/records`, { data }, admin)).status).toBe(201);
    const before = byCode(await allRecords());
    expect(before['D-001'].words).toMatch(/^壹万贰仟元伍角/);

    for (const [format, lang] of [['xlsx', 'zh-CN'], ['csv', 'en-US'], ['xlsx', 'en-US'], ['csv', 'zh-CN']] as const) {
      const file = await exportFile(format, lang);
      await deleteAll();
      expect(await allRecords()).toHaveLength(0);
      const { job } = await importFile(file, `deal.${format}`, { lang });
      expect(job).toMatchObject({ status: 'done', progress: { done: 3, total: 3 }, result: { created: 3, updated: 0, failed: 0, errors: [] }, errorReportUrl: null });
      // Derived and layout columns are reported, not imported; the export's ID column is recognised.
      expect(job.result.warnings.map((w: any) => w.code).sort()).toEqual(['derived_field', 'derived_field']);
      expect(byCode(await allRecords())).toEqual(before);
    }
  });

  it('reads CSV files saved by Excel in China (GBK) and quoted fields holding line breaks', async () => {
    await deleteAll();
    const text = '编号,标题,数量,阶段,备注,销售,部门\r\nG-1,中文标题,"1,234",赢单,"第一行\r\n第二行",张三 (zhangsan),HQ/销售部\r\nG-2,另一条,5,需求,,zhangsan,销售部\r\n';
    const { job } = await importFile(encodeGb18030(text), 'gbk.csv');
    expect(job.result).toMatchObject({ created: 2, failed: 0 });
    const rows = byCode(await allRecords());
    expect(rows['G-1']).toMatchObject({ title: '中文标题', qty: 1234, stage: 'won', notes: '第一行\r\n第二行', rep: ids.zhang, team: ids.sales });
    expect(rows['G-2']).toMatchObject({ title: '另一条', qty: 5, stage: 'qualify', notes: null, rep: ids.zhang, team: ids.sales });
    // The same file in UTF-8 without a BOM reads the same.
    await deleteAll();
    expect((await importFile(text, 'utf8.csv')).job.result).toMatchObject({ created: 2, failed: 0 });
  });

  it('records bad rows with their row numbers, goes on with the others, and offers an error report', async () => {
    await deleteAll();
    const text = [
      'Code,Title,Quantity,Stage,Sales rep,Close date,Unknown column',
      'B-1,fine,1,Won,jsmith,2026-05-01,x',
      'B-2,bad number,12abc,Won,,,',
      ',missing code,2,,,,',
      'B-4,bad option and user,3,Maybe,nobody,2026/5/1,',
      'B-5,bad date,4,,,2026-02-30,',
      'B-6,fine too,"1,000",qualify,张三 (zhangsan),2026/5/1,',
    ].join('\n');
    const { job } = await importFile(text, 'bad.csv', { lang: 'en-US' });
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({ created: 2, failed: 4, failedRows: [3, 4, 5, 6] });
    expect(job.result.warnings).toEqual([expect.objectContaining({ column: 'Unknown column', code: 'unknown_column' })]);
    const errors = job.result.errors.map((e: any) => [e.row, e.column, e.code]);
    expect(errors).toEqual(expect.arrayContaining([
      [3, 'Quantity', 'invalid_type'], [4, 'Code', 'required'], [5, 'Stage', 'invalid_option'], [5, 'Sales rep', 'not_found'], [6, 'Close date', 'invalid_format'],
    ]));
    expect(job.result.errors.find((e: any) => e.row === 5 && e.column === 'Stage').message).toBe('"Maybe" is not one of the options');
    expect(Object.keys(byCode(await allRecords())).sort()).toEqual(['B-1', 'B-6']);

    expect(job.errorReportUrl).toMatch(/\/records\/import\/[0-9a-f-]+\/errors\.csv$/);
    const report = await fetch(t.baseUrl + job.errorReportUrl, { headers: { authorization: `Bearer ${admin}` } });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await report.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Code,Title,Quantity,Stage,Sales rep,Close date,Unknown column,Errors');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^B-2,bad number,12abc,Won,,,,"?Quantity: "?"?12abc"?"? is not a number/);
    expect(lines[3]).toContain('Stage: ');
    // Someone else cannot read it.
    const other = await t.login('jsmith', 'Pass-smith1');
    expect((await fetch(t.baseUrl + job.errorReportUrl, { headers: { authorization: `Bearer ${other}` } })).status).toBe(404);
  });

  it('validates without writing in a dry run', async () => {
    await deleteAll();
    const text = '编号,数量\r\nR-1,1\r\nR-2,not a number\r\nR-3,3\r\n';
    const { job } = await importFile(text, 'dry.csv', { dryRun: 'true' });
    expect(job.result).toMatchObject({ dryRun: true, created: 2, failed: 1, failedRows: [3] });
    expect(await allRecords()).toHaveLength(0);
    const audit = await t.sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'record.create' AND after->>'code' LIKE 'R-%'`);
    expect(audit[0].n).toBe(0);
  });

  it('updates the records a unique field matches and creates the others (upsert)', async () => {
    await deleteAll();
    for (const data of [{ code: 'U-1', title: 'old one', qty: 1 }, { code: 'U-2', title: 'old two', qty: 2 }]) {
      expect((await t.http('POST', `${PATH}/records`, { data }, admin)).status).toBe(201);
    }
    const before = Object.fromEntries((await allRecords()).map((r) => [r.data.code, r]));
    const text = 'Code,Title,Quantity\nU-1,new one,10\nU-3,brand new,3\nU-3,again,4\n';
    const { job } = await importFile(text, 'upsert.csv', { mode: 'upsert', matchField: 'code' });
    expect(job.result).toMatchObject({ created: 1, updated: 2, failed: 0 });
    const after = Object.fromEntries((await allRecords()).map((r) => [r.data.code, r]));
    expect(after['U-1']).toMatchObject({ id: before['U-1'].id, version: 2, data: { title: 'new one', qty: 10 } });
    expect(after['U-2'].data).toMatchObject({ title: 'old two', qty: 2 });
    expect(after['U-3'].data).toMatchObject({ title: 'again', qty: 4 });
    // By the ID column of an export: an unknown id is a row error, an empty one creates.
    const byId = `ID,Title\n${before['U-2'].id},via id\n0190a6f2-7c3b-7d4e-8f00-000000000000,ghost\n,fresh\n`;
    const second = await importFile(byId, 'ids.csv', { mode: 'upsert', matchField: 'id', lang: 'en-US' });
    expect(second.job.result).toMatchObject({ updated: 1, created: 0, failed: 2 });
    expect(second.job.result.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 3, code: 'NOT_FOUND' }), expect.objectContaining({ row: 4, column: 'Code', code: 'required' }),
    ]));
    // matchField must be a unique text field the file fills.
    expect(await upload(text, 'x.csv', { mode: 'upsert', matchField: 'title' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await upload('Title\nx\n', 'x.csv', { mode: 'upsert', matchField: 'code' })).toMatchObject({ status: 400, body: { code: 'MATCH_FIELD_NOT_MAPPED' } });
    expect(await upload(text, 'x.csv', { mode: 'merge' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });

  it('needs the import action: 403 without it, 404 without any grant', async () => {
    const role = (await t.http('POST', '/api/roles', { name: 'clerk' }, admin)).body.id;
    const grant = (actions: string[]) => t.http('PUT', `/api/roles/${role}/grants`, [{ appKey: 'sales', formKey: 'deal', actions, scope: { type: 'all' } }], admin);
    expect((await grant(['read', 'create'])).status).toBe(200);
    await t.http('POST', '/api/users', { username: 'clerk', name: 'Clerk', password: 'Pass-clerk1', roleIds: [role] }, admin);
    const clerk = await t.login('clerk', 'Pass-clerk1');
    const text = '编号\nP-1\n';
    expect(await upload(text, 'p.csv', {}, clerk)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await upload(text, 'p.csv', {}, clerk, `${PATH}/records/import/preview`)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    const stranger = await t.login('zhangsan', 'Pass-zhang1');
    expect(await upload(text, 'p.csv', {}, stranger)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });

    expect((await grant(['read', 'create', 'import'])).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { job } = await importFile(text, 'p.csv', {}, clerk);
    expect(job.result).toMatchObject({ created: 1, failed: 0 });
    // The job is the clerk's: others do not see it.
    const stolen = await t.http('GET', `/api/jobs/${job.id}`, undefined, stranger);
    expect(stolen.status).toBe(404);

    // A field masked for the user is not imported by an upsert: the masks in their export are not values.
    expect((await t.http('PUT', `/api/roles/${role}/grants`, [{
      appKey: 'sales', formKey: 'deal', actions: ['read', 'create', 'update', 'import'], scope: { type: 'all' }, fields: { visible: '*', editable: '*', masked: ['mobile'] },
    }], admin)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const masked = await upload('编号,手机\nP-1,138****5678\n', 'm.csv', { mode: 'upsert' }, clerk, `${PATH}/records/import/preview`);
    expect(masked.body.columns.map((c: any) => c.status)).toEqual(['field', 'masked']);
    const created = await upload('编号,手机\nP-2,13812345678\n', 'm.csv', {}, clerk, `${PATH}/records/import/preview`);
    expect(created.body.columns.map((c: any) => c.status)).toEqual(['field', 'field']);
  });

  it('previews the first rows and the column mapping, and honours a mapping chosen by the user', async () => {
    const text = 'Code,Titel,Stage,大写\nM-1,first,Won,壹元整\nM-2,second,,\n';
    const preview = await upload(text, 'm.csv', { lang: 'en-US' }, admin, `${PATH}/records/import/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      format: 'csv', encoding: 'utf-8', totalRows: 2,
      columns: [
        { index: 0, header: 'Code', fieldKey: 'code', status: 'field' },
        { index: 1, header: 'Titel', fieldKey: null, status: 'unknown' },
        { index: 2, header: 'Stage', fieldKey: 'stage', status: 'field' },
        { index: 3, header: '大写', fieldKey: null, status: 'derived' },
      ],
      rows: [{ row: 2, cells: ['M-1', 'first', 'Won', '壹元整'] }, { row: 3, cells: ['M-2', 'second', '', ''] }],
    });
    await deleteAll();
    const { job } = await importFile(text, 'm.csv', { mapping: JSON.stringify(['code', 'title', null, null]) });
    expect(job.result).toMatchObject({ created: 2, failed: 0, warnings: [] });
    expect(byCode(await allRecords())['M-1']).toMatchObject({ title: 'first', stage: null });
    expect(await upload(text, 'm.csv', { mapping: JSON.stringify(['nope']) })).toMatchObject({ status: 400, body: { code: 'UNKNOWN_FIELD' } });
    expect(await upload(text, 'm.csv', { mapping: '{bad' })).toMatchObject({ status: 400, body: { code: 'INVALID_JSON' } });
  });

  it('refuses what is not a CSV or XLSX file, empty files, missing headers and files above MAX_IMPORT_ROWS with 4xx codes', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(await upload(png, 'logo.png')).toMatchObject({ status: 400, body: { code: 'UNSUPPORTED_FILE_TYPE' } });
    expect(await upload(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls')).toMatchObject({ status: 400, body: { code: 'UNSUPPORTED_FILE_TYPE' } });
    expect(await upload(Buffer.from('PK\u0003\u0004 not really a zip'), 'broken.xlsx')).toMatchObject({ status: 400, body: { code: 'INVALID_FILE' } });
    expect(await upload('not a workbook', 'fake.xlsx')).toMatchObject({ status: 400, body: { code: 'INVALID_FILE' } });
    expect(await upload('', 'empty.csv')).toMatchObject({ status: 400, body: { code: 'EMPTY_FILE' } });
    expect(await upload('编号,标题\r\n', 'header-only.csv')).toMatchObject({ status: 400, body: { code: 'EMPTY_FILE' } });
    expect(await upload(',,\r\nA,B,C\r\n', 'no-header.csv')).toMatchObject({ status: 400, body: { code: 'NO_HEADER' } });
    expect(await upload('Foo,Bar\r\n1,2\r\n', 'nothing-maps.csv')).toMatchObject({ status: 400, body: { code: 'NO_MAPPED_COLUMNS' } });
    const json = await t.http('POST', `${PATH}/records/import`, { file: 'x' }, admin);
    expect(json.status).toBe(415);
    const noFile = new FormData();
    noFile.append('mode', 'create');
    const missing = await fetch(`${t.baseUrl}${PATH}/records/import`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: noFile });
    expect(missing.status).toBe(400);
    expect((await missing.json()).code).toBe('FILE_REQUIRED');

    const settings = t.platform.app.get<Settings>(SETTINGS);
    const limit = settings.maxImportRows;
    settings.maxImportRows = 3;
    try {
      const four = '编号\r\n1\r\n2\r\n3\r\n4\r\n';
      expect(await upload(four, 'big.csv')).toMatchObject({ status: 400, body: { code: 'TOO_MANY_ROWS', details: { max: 3 } } });
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('s');
      for (const row of [['编号'], ['1'], ['2'], ['3'], ['4']]) sheet.addRow(row);
      const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
      expect(await upload(xlsx, 'big.xlsx')).toMatchObject({ status: 400, body: { code: 'TOO_MANY_ROWS' } });
    } finally {
      settings.maxImportRows = limit;
    }
  });

  it('reads typed XLSX cells: Excel dates, times, numbers, percent formats and booleans', async () => {
    await deleteAll();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Deals');
    sheet.addRow(['编号', '成交日期', '会面时间', '回访时间', '数量', '折扣', '重点客户', '手机']);
    const row = sheet.addRow(['X-1', new Date(Date.UTC(2026, 4, 1)), new Date(Date.UTC(2026, 4, 2, 0, 30, 5)), new Date(Date.UTC(1899, 11, 30, 14, 15)), 12.25, 0.855, true, 13812345678]);
    row.getCell(2).numFmt = 'yyyy-mm-dd';
    row.getCell(3).numFmt = 'yyyy-mm-dd hh:mm:ss';
    row.getCell(4).numFmt = 'hh:mm';
    row.getCell(6).numFmt = '0.0%';
    const { job } = await importFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'typed.xlsx');
    expect(job.result).toMatchObject({ created: 1, failed: 0 });
    expect(byCode(await allRecords())['X-1']).toMatchObject({
      close_on: '2026-05-01', met_at: '2026-05-01T16:30:05.000Z', call_at: '14:15:00', qty: 12.3, rate: 85.5, vip: true, mobile: '13812345678',
    });
  });

  it('shows progress while a 5,000-row import runs, and measures its speed', async () => {
    await deleteAll();
    const lines = ['编号,标题,数量,金额,阶段,标签,成交日期,销售,部门'];
    for (let i = 0; i < 5000; i++) lines.push(`P-${i},Row ${i},${i},"¥${(i * 10).toLocaleString('en-US')}.50",赢单,"老客户、大单, 加急",2026-05-${String((i % 28) + 1).padStart(2, '0')},张三 (zhangsan),HQ/销售部`);
    const started = Date.now();
    const { job, seen } = await importFile(lines.join('\r\n'), 'big.csv');
    const seconds = (Date.now() - started) / 1000;
    expect(job.result).toMatchObject({ created: 5000, failed: 0 });
    expect(seen.some((p) => p.status === 'running' && p.done > 0 && p.done < 5000 && p.total === 5000)).toBe(true);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    const total = await t.http('POST', `${PATH}/records/query`, { limit: 1, exactTotal: true }, admin);
    expect(total.body.total).toBe(5000);
    console.log(`import of 5,000 rows: ${job.result.rowsPerSecond} rows/s in the job, ${Math.round(5000 / seconds)} rows/s end to end`);
    expect(job.result.rowsPerSecond).toBeGreaterThan(50);
  }, 300_000);

  it('reads the file in the job: a bad row deep inside keeps its number and cells in the report, and the upload is removed when the job ends', async () => {
    await deleteAll();
    const lines = ['编号,标题,数量'];
    for (let i = 0; i < 2600; i++) lines.push(`Q-${i},Row ${i},${i === 2345 ? 'lots' : i}`);
    const started = await upload(lines.join('\r\n'), 'deep.csv', { lang: 'en-US' });
    expect(started).toMatchObject({ status: 202, body: { totalRows: 2600, totalRowsExact: true } });
    // The request keeps the bytes for the job rather than the rows in its input.
    const [kept] = await t.sql(`SELECT j.input ? 'rows' AS has_rows, octet_length(u.bytes) AS size FROM jobs j LEFT JOIN import_uploads u ON u.job_id = j.id WHERE j.id = $1`, [started.body.jobId]);
    expect(kept.has_rows).toBe(false);
    const { job } = await waitForJob(started.body.jobId);
    expect(job.result).toMatchObject({ phase: 'saving', total: 2600, created: 2599, failed: 1, failedRows: [2347] });
    expect(job.result.errors).toEqual([expect.objectContaining({ row: 2347, column: '数量', field: 'qty' })]);
    const report = await fetch(t.baseUrl + job.errorReportUrl, { headers: { authorization: `Bearer ${admin}` } });
    expect((await report.text()).split('\r\n').slice(1, 2)).toEqual([expect.stringMatching(/^Q-2345,Row 2345,lots,/)]);
    expect(await t.sql(`SELECT count(*)::int AS n FROM import_uploads WHERE job_id = $1`, [started.body.jobId])).toEqual([{ n: 0 }]);
    if (kept.size !== null) expect(kept.size).toBeGreaterThan(10_000);

    // A workbook: the request reads its header and first rows and counts its <row> elements (two formatted
    // blank rows among them); the job reads every row and finds the bad one near the end.
    await deleteAll();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(['编号', '数量']);
    for (let i = 0; i < 1500; i++) sheet.addRow([`W-${i}`, i === 1490 ? 'many' : i]);
    for (const at of [1502, 1503]) sheet.getRow(at).getCell(1).numFmt = '0.00';
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await upload(xlsx, 'deep.xlsx', {}, admin, `${PATH}/records/import/preview`);
    expect(preview).toMatchObject({ status: 200, body: { format: 'xlsx', totalRows: 1502, totalRowsExact: false } });
    expect(preview.body.rows.map((row: { row: number }) => row.row)).toEqual([2, 3, 4, 5, 6]);
    const fromXlsx = await importFile(xlsx, 'deep.xlsx');
    expect(fromXlsx.job.result).toMatchObject({ total: 1500, created: 1499, failed: 1, failedRows: [1492] });
    expect(await t.sql(`SELECT count(*)::int AS n FROM import_uploads WHERE job_id = $1`, [fromXlsx.job.id])).toEqual([{ n: 0 }]);
  }, 300_000);
});

/** GB18030 bytes of a text, from the decoder's own table (Node has no GBK encoder). */
function encodeGb18030(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const character = decoder.decode(Uint8Array.from([lead, trail]));
      if (character.length === 1 && character !== '\ufffd' && !table.has(character)) table.set(character, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const character of text) {
    if (character.charCodeAt(0) < 0x80) bytes.push(character.charCodeAt(0));
    else if (table.has(character)) bytes.push(...table.get(character)!);
    else throw new Error(`no GB18030 two-byte code for ${character}`);
  }
  return Buffer.from(bytes);
}
