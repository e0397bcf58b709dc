import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from './harness';

/**
 * Sub-form rows and files through export and import: a record's rows take a line each, files travel
 * as `name (id)` and are copied for the imported record, only when the importer may read them.
 */
const form = {
  key: 'order',
  name: { 'zh-CN': '订单', 'en-US': 'Orders' },
  fields: [
    { key: 'code', type: 'text', label: { 'zh-CN': '单号', 'en-US': 'Code' }, required: true },
    { key: 'contract', type: 'attachment', label: { 'zh-CN': '合同', 'en-US': 'Contract' } },
    { key: 'photo', type: 'image', label: { 'zh-CN': '照片', 'en-US': 'Photo' }, options: { maxCount: 2 } },
    { key: 'lines', type: 'subForm', label: { 'zh-CN': '明细', 'en-US': 'Lines' }, options: { fields: [
      { key: 'item', type: 'text', label: { 'zh-CN': '品名', 'en-US': 'Item' }, required: true },
      { key: 'qty', type: 'number', label: { 'zh-CN': '数量', 'en-US': 'Qty' } },
      { key: 'price', type: 'money', label: { 'zh-CN': '单价', 'en-US': 'Price' } },
      { key: 'amount', type: 'formula', label: { 'zh-CN': '小计', 'en-US': 'Amount' }, options: { expression: 'qty * price', resultType: 'number', decimals: 2 } },
      { key: 'spec', type: 'attachment', label: { 'zh-CN': '规格书', 'en-US': 'Spec' } },
    ] } },
    { key: 'total', type: 'rollup', label: { 'zh-CN': '合计', 'en-US': 'Total' }, options: { subFormField: 'lines', targetField: 'amount', aggregate: 'sum' } },
  ],
};
const PATH = '/api/apps/shop/forms/order';
// A 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('import and export of sub-form rows and files', () => {
  let t: TestPlatform;
  let admin: string;

  const post = async (path: string, parts: Record<string, string>, file: { bytes: Buffer | string; name: string; mime?: string }, token = admin) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(parts)) body.append(name, value);
    body.append('file', new Blob([file.bytes], { type: file.mime ?? 'application/octet-stream' }), file.name);
    const res = await fetch(t.baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const uploadFile = async (bytes: Buffer | string, name: string, mime: string, token = admin) => {
    const up = await post('/api/files', {}, { bytes, name, mime }, token);
    expect(up.status).toBe(201);
    return up.body;
  };
  const importFile = async (bytes: Buffer | string, name: string, parts: Record<string, string> = {}, token = admin) => {
    const started = await post(`${PATH}/records/import`, parts, { bytes, name }, token);
    expect(started).toMatchObject({ status: 202 });
    for (const until = Date.now() + 60_000; Date.now() < until;) {
      const job = await t.http('GET', `/api/jobs/${started.body.jobId}`, undefined, token);
      if (job.body.status === 'done' || job.body.status === 'failed') return { ...job.body, warnings: started.body.warnings };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the import did not finish');
  };
  const exportFile = async (format: 'csv' | 'xlsx', lang: string, filter?: unknown) => {
    const query = `format=${format}&lang=${lang}${filter ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`;
    const res = await fetch(`${t.baseUrl}${PATH}/records/export?${query}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  const byCode = async (code: string, token = admin) => {
    const found = await t.http('POST', `${PATH}/records/query`, { filter: { '==': [{ var: 'code' }, code] }, sort: [{ field: 'createdAt', dir: 'asc' }] }, token);
    expect(found.status).toBe(200);
    return found.body.items as { id: string; data: any }[];
  };
  const bytesOf = async (id: string, token = admin) => {
    const res = await fetch(`${t.baseUrl}/api/files/${id}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  /** What should survive a round trip: values without the ids the platform assigns. */
  const comparable = (data: any) => ({
    ...data,
    contract: data.contract.map((f: any) => [f.name, f.size, f.mime]),
    photo: data.photo.map((f: any) => [f.name, f.size, f.mime]),
    lines: data.lines.map(({ id: _id, spec, ...row }: any) => ({ ...row, spec: spec.map((f: any) => [f.name, f.size]) })),
  });

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = t.adminToken;
    expect((await t.http('POST', '/api/apps', { key: 'shop', name: '商店' }, admin)).status).toBe(201);
    const created = await t.http('POST', '/api/apps/shop/forms', form, admin);
    expect(created.status).toBe(201);
  }, 120_000);
  afterAll(async () => t?.close());

  it('exports a line per sub-form row and imports them back, with copies of the files, in CSV and XLSX', async () => {
    const contract = await uploadFile('合同正文 v1', '合同,第一版.txt', 'text/plain');
    const photo = await uploadFile(PNG, 'dot.png', 'image/png');
    const spec = await uploadFile('spec-A', 'spec-a.pdf', 'application/pdf');
    const made = await t.http('POST', `${PATH}/records`, { data: {
      code: 'O-1', contract: [contract], photo: [photo],
      lines: [{ item: '螺丝, M4', qty: 10, price: 1.5, spec: [spec] }, { item: '螺母', qty: 4, price: 2.25 }, { item: '垫片', qty: 1, price: 0.1 }],
    } }, admin);
    expect(made.status).toBe(201);
    expect((await t.http('POST', `${PATH}/records`, { data: { code: 'O-2', lines: [] } }, admin)).status).toBe(201);
    const original = Object.fromEntries((await Promise.all(['O-1', 'O-2'].map((code) => byCode(code)))).map((items) => [items[0].data.code, items[0]]));
    expect(original['O-1'].data.total).toBe(24.1);

    for (const [format, lang] of [['csv', 'zh-CN'], ['xlsx', 'en-US']] as const) {
      const file = await exportFile(format, lang, { in: [{ var: 'code' }, ['O-1', 'O-2']] });
      if (format === 'csv') {
        const lines = file.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
        expect(lines[0]).toBe('ID,单号,合同,照片,明细.品名,明细.数量,明细.单价,明细.小计,明细.规格书,合计');
        // O-1 takes three lines (its rows), O-2 one; continuation lines leave the record's cells empty.
        expect(lines).toHaveLength(5);
        expect(lines[2]).toMatch(/^,,,,螺母,4,/);
        expect(lines[1]).toContain(`合同,第一版.txt (${contract.id})`);
      }
      const result = await importFile(file, `orders.${format}`, { lang });
      expect(result).toMatchObject({ status: 'done', result: { created: 2, failed: 0, errors: [] } });
      expect(result.warnings.map((w: any) => w.code).sort()).toEqual(['derived_field', 'derived_field']);
      for (const code of ['O-1', 'O-2']) {
        const [first, copy] = await byCode(code);
        expect(first.id).toBe(original[code].id);
        expect(comparable(copy.data)).toEqual(comparable(original[code].data));
        await t.http('DELETE', `${PATH}/records/${copy.id}`, undefined, admin);
      }
      const [, copy] = (await byCode('O-1'));
      expect(copy).toBeUndefined();
    }

    // The copies are files of their own with the same bytes: the original keeps its files.
    const file = await exportFile('csv', 'zh-CN', { '==': [{ var: 'code' }, 'O-1'] });
    expect((await importFile(file, 'again.csv')).result).toMatchObject({ created: 1 });
    const [first, copy] = await byCode('O-1');
    expect(copy.data.contract[0].id).not.toBe(first.data.contract[0].id);
    expect(copy.data.lines[0].spec[0].id).not.toBe(spec.id);
    expect((await bytesOf(copy.data.contract[0].id)).bytes.toString('utf8')).toBe('合同正文 v1');
    expect((await bytesOf(copy.data.photo[0].id)).bytes.equals(PNG)).toBe(true);
    expect((await bytesOf(copy.data.photo[0].id + '?thumb=1')).status).toBe(200);
    expect((await bytesOf(first.data.lines[0].spec[0].id)).bytes.toString('utf8')).toBe('spec-A');
  });

  it('reads hand-written lines: rows under their record, row errors named by row, bad ones in the error report', async () => {
    const sheet = [
      '单号,明细.品名,明细.数量,明细.单价',
      'H-1,甲,1,10',
      ',乙,2,20',
      'H-2,,,',
      'H-3,丙,x,1',
      ',丁,1,1',
      ',,,',
      'H-4,戊,1,',
    ].join('\n');
    const result = await importFile(sheet, 'hand.csv');
    expect(result.result).toMatchObject({ created: 3, failed: 1 });
    expect(result.result.errors).toEqual([expect.objectContaining({ row: 5, column: '第 1 行 · 明细.数量', field: 'qty' })]);
    expect((await byCode('H-1'))[0].data).toMatchObject({ total: 50, lines: [{ item: '甲', qty: 1, price: 10, amount: 10 }, { item: '乙', qty: 2, price: 20, amount: 40 }] });
    expect((await byCode('H-2'))[0].data.lines).toEqual([]);
    expect((await byCode('H-4'))[0].data.lines).toMatchObject([{ item: '戊', qty: 1, price: null }]);
    const report = await fetch(`${t.baseUrl}${result.result.errorReportUrl}`, { headers: { authorization: `Bearer ${admin}` } });
    const lines = (await report.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    // The failed record with all its lines, its reason on the first.
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^H-3,丙,x,1,第 1 行 · 明细\.数量: /), ',丁,1,1,']);
  });

  it('copies only files the importer may read: others fail the row with FILE_NOT_READABLE', async () => {
    const secret = await uploadFile('机密', 'secret.txt', 'text/plain');
    expect((await t.http('POST', `${PATH}/records`, { data: { code: 'S-1', contract: [secret] } }, admin)).status).toBe(201);
    const role = (await t.http('POST', '/api/roles', { name: 'importer' }, admin)).body.id;
    // The clerk may import, and read only the records they own.
    expect((await t.http('PUT', `/api/roles/${role}/grants`, [{ appKey: 'shop', formKey: 'order', actions: ['read', 'create', 'import'], scope: { type: 'own' } }], admin)).status).toBe(200);
    expect((await t.http('POST', '/api/users', { username: 'clerk', name: 'Clerk', password: 'Pass-clerk1', roleIds: [role] }, admin)).status).toBe(201);
    const clerk = await t.login('clerk', 'Pass-clerk1');
    const own = await uploadFile('mine', 'mine.txt', 'text/plain', clerk);
    const sheet = `单号,合同\nS-2,secret.txt (${secret.id})\nS-3,mine.txt (${own.id})\n`;
    const dry = await importFile(sheet, 'files.csv', { dryRun: 'true' }, clerk);
    expect(dry.result).toMatchObject({ created: 1, failed: 1, errors: [expect.objectContaining({ row: 2, code: 'FILE_NOT_READABLE', column: '合同' })] });
    const result = await importFile(sheet, 'files.csv', {}, clerk);
    expect(result.result).toMatchObject({ created: 1, failed: 1, errors: [expect.objectContaining({ row: 2, code: 'FILE_NOT_READABLE' })] });
    const [mine] = await byCode('S-3', clerk);
    expect(mine.data.contract).toEqual([expect.objectContaining({ name: 'mine.txt', size: 4 })]);
    expect((await bytesOf(mine.data.contract[0].id, clerk)).bytes.toString('utf8')).toBe('mine');
    expect(await byCode('S-2', admin)).toEqual([]);
  });

  it('keeps an XLSX export readable: one header, a line per row', async () => {
    const file = await exportFile('xlsx', 'zh-CN', { '==': [{ var: 'code' }, 'H-1'] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const values = workbook.worksheets[0].getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1));
    expect(values[0]).toEqual(['ID', '单号', '合同', '照片', '明细.品名', '明细.数量', '明细.单价', '明细.小计', '明细.规格书', '合计']);
    expect(values.slice(1).map((row) => row.slice(4, 6))).toEqual([['甲', '1'], ['乙', '2']]);
  });
});
