// Every field type, as a new user meets it: an administrator fills a form holding all 40 types in the
// browser (typing, picking, uploading, drawing a signature, adding sub-form rows, choosing a related
// record), saves it, finds it in the list, and reads it back. The same record is then filtered and
// sorted on every field that allows it, exported to XLSX and imported again: the copy holds the same
// values (new ids, a new serial number, copies of the files).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { api, apiLogin, login, withPage, ADMIN_PASSWORD, DESKTOP } from './support.mjs';

const APP = 'alltypes';
const FORM = 'specimen';

const choices = (pairs) => pairs.map(([key, label]) => ({ key, label }));

/** The target of the relation: a small catalogue of products. */
const PRODUCT_FORM = {
  key: 'product',
  name: { 'zh-CN': '产品', 'en-US': 'Products' },
  settings: { titleField: 'name' },
  fields: [
    { key: 'name', type: 'text', label: '名称', required: true },
    { key: 'list_price', type: 'money', label: '标价' },
    { key: 'grade', type: 'select', label: '等级', options: { options: choices([['a', '甲级'], ['b', '乙级']]) } },
  ],
};

/** One field of every type (layout items included), in tabs so the form reads like a real one. */
const SPECIMEN_FORM = {
  key: FORM,
  name: { 'zh-CN': '全类型样本', 'en-US': 'All types' },
  settings: { titleField: 'title', columns: 2 },
  fields: [
    { key: 'sn', type: 'serialNumber', label: '编号', options: { segments: [{ type: 'text', value: 'SP-' }, { type: 'counter', digits: 4, reset: 'never' }] } },
    { key: 'title', type: 'text', label: '标题', required: true, options: { unique: true } },
    { key: 'intro', type: 'description', label: '说明', options: { text: '每种字段各一个' } },
    { key: 'notes', type: 'textarea', label: '备注' },
    { key: 'body', type: 'richText', label: '正文' },
    { key: 'qty', type: 'number', label: '数量', options: { decimals: 0 } },
    { key: 'price', type: 'money', label: '单价', options: { currency: 'CNY', decimals: 2 } },
    { key: 'price_words', type: 'moneyInWords', label: '大写', options: { sourceField: 'price' } },
    { key: 'rate', type: 'percent', label: '折扣率' },
    { key: 'total', type: 'formula', label: '合计', options: { expression: 'qty * price', resultType: 'number', decimals: 2 } },
    { key: 'stars', type: 'rating', label: '评分', options: { max: 5 } },
    { key: 'sep1', type: 'divider', label: '时间', options: { title: '时间' } },
    { key: 'day', type: 'date', label: '日期' },
    { key: 'moment', type: 'datetime', label: '时刻' },
    { key: 'period', type: 'dateRange', label: '期间' },
    { key: 'at', type: 'time', label: '时间点' },
    { key: 'choices', type: 'tabs', label: '选项', options: { tabs: [
      { key: 'pick', label: '选择', fieldKeys: ['size', 'colours', 'level', 'tags', 'category', 'active'] },
      { key: 'people', label: '人员', fieldKeys: ['owner_user', 'helpers', 'dept', 'depts'] },
    ] } },
    { key: 'size', type: 'radio', label: '尺码', options: { options: choices([['s', '小'], ['m', '中'], ['l', '大']]) } },
    { key: 'colours', type: 'checkbox', label: '颜色', options: { options: choices([['red', '红'], ['green', '绿'], ['blue', '蓝']]) } },
    { key: 'level', type: 'select', label: '级别', options: { options: choices([['low', '低'], ['high', '高']]) } },
    { key: 'tags', type: 'multiSelect', label: '标签', options: { options: choices([['new', '新品'], ['hot', '热销'], ['eco', '环保']]) } },
    { key: 'category', type: 'cascader', label: '品类', options: { tree: [
      { key: 'hw', label: '硬件', children: [{ key: 'server', label: '服务器' }, { key: 'laptop', label: '笔记本' }] },
      { key: 'sw', label: '软件' },
    ] } },
    { key: 'active', type: 'switch', label: '启用' },
    { key: 'owner_user', type: 'member', label: '负责人' },
    { key: 'helpers', type: 'members', label: '协作人' },
    { key: 'dept', type: 'department', label: '部门' },
    { key: 'depts', type: 'departments', label: '相关部门' },
    { key: 'addr', type: 'address', label: '地址' },
    { key: 'site', type: 'location', label: '位置' },
    { key: 'photo', type: 'image', label: '照片', options: { maxCount: 3 } },
    { key: 'doc', type: 'attachment', label: '附件' },
    { key: 'sign', type: 'signature', label: '签名' },
    { key: 'mobile', type: 'phone', label: '手机' },
    { key: 'mail', type: 'email', label: '邮箱' },
    { key: 'id_no', type: 'idNumber', label: '身份证号' },
    { key: 'site_url', type: 'url', label: '网址' },
    { key: 'lines', type: 'subForm', label: '明细', options: { fields: [
      { key: 'item', type: 'text', label: '品名', required: true },
      { key: 'n', type: 'number', label: '数量' },
      { key: 'unit', type: 'money', label: '单价' },
      { key: 'amount', type: 'formula', label: '小计', options: { expression: 'n * unit', resultType: 'number', decimals: 2 } },
    ] } },
    { key: 'lines_total', type: 'rollup', label: '明细合计', options: { subFormField: 'lines', targetField: 'amount', aggregate: 'sum' } },
    { key: 'product', type: 'relation', label: '产品', options: { targetForm: 'product', displayFields: ['name'], onDelete: 'block' } },
    { key: 'product_grade', type: 'lookup', label: '产品等级', options: { relationField: 'product', targetField: 'grade' } },
  ],
};

async function setUp(baseUrl) {
  const token = await apiLogin(baseUrl, 'admin', ADMIN_PASSWORD);
  const app = await api(baseUrl, token, 'POST', '/api/apps', { key: APP, name: { 'zh-CN': '全类型', 'en-US': 'All types' } });
  assert.ok(app.status < 300, `app created (${app.status} ${JSON.stringify(app.body)})`);
  for (const form of [PRODUCT_FORM, SPECIMEN_FORM]) {
    const created = await api(baseUrl, token, 'POST', `/api/apps/${APP}/forms`, form);
    assert.ok(created.status < 300, `form ${form.key} created (${created.status} ${JSON.stringify(created.body)})`);
  }
  for (const [name, price, grade] of [['星云服务器', 52000, 'a'], ['轻薄笔记本', 7800, 'b']]) {
    const created = await api(baseUrl, token, 'POST', `/api/apps/${APP}/forms/product/records`, { data: { name, list_price: price, grade } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  }
  const users = (await api(baseUrl, token, 'GET', '/api/users?limit=500')).body;
  const departments = (await api(baseUrl, token, 'GET', '/api/departments')).body;
  return { token, users: users.items ?? users, departments: departments.items ?? departments };
}

const field = (page, key) => page.getByTestId(`field-${key}`);

/** Chooses an option of an antd Select (or TreeSelect) inside a field by its text. */
async function choose(page, scope, text, { search = false } = {}) {
  await dropdownsClosed(page);
  await scope.locator('.ant-select').first().click();
  if (search) await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible').locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper')
    .filter({ hasText: text }).first().click();
}

/** Waits until no Select dropdown shows (closing ones animate for a moment and still match :visible). */
async function dropdownsClosed(page) {
  for (const until = Date.now() + 3000; Date.now() < until;) {
    if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) return;
    await page.waitForTimeout(50);
  }
}

/** Chooses several options of a multiple Select / TreeSelect, opening it for each and closing it after. */
async function chooseMany(page, scope, texts, { search = false } = {}) {
  for (const text of texts) {
    await scope.locator('.ant-select').first().click();
    if (search) await page.keyboard.type(text);
    const dropdown = page.locator('.ant-select-dropdown:visible');
    if ((await dropdown.locator('.ant-select-tree').count()) > 0) {
      // A tree: the search leaves the match active, and Enter takes it (a click races the tree's re-render).
      await dropdown.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: text }).first().waitFor();
      await page.keyboard.press('Enter');
    } else {
      await dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
    }
    await page.keyboard.press('Escape');
    await dropdownsClosed(page);
  }
}

/** Types into an antd date/time picker and confirms with Enter. */
async function typeDate(page, scope, text, index = 0) {
  const input = scope.locator('input').nth(index);
  await input.click();
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Clicks through the levels of an antd Cascader inside `scope`. */
async function cascade(page, scope, labels) {
  await scope.locator('.ant-select, .ant-cascader').first().click();
  for (const label of labels) {
    await page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item').filter({ hasText: new RegExp(`^${label}$`) }).first().click();
  }
  await page.keyboard.press('Escape');
}

async function openTab(page, label) {
  await page.getByTestId('record-drawer').getByRole('tab', { name: label }).click();
}

/** A real PNG, as a phone camera would give (sharp is a dependency of the api). */
const png = (colour) => sharp({ create: { width: 24, height: 16, channels: 3, background: colour } }).png().toBuffer();

/** Fills the new-record drawer field by field, the way a person would. */
async function fillEverything(page, org, title) {
  await field(page, 'title').locator('input').fill(title);
  await field(page, 'notes').locator('textarea').fill('第一行\n第二行');
  await page.getByTestId('rich-text-editor').click();
  await page.keyboard.type('正文内容');
  await field(page, 'qty').locator('input').fill('3');
  await field(page, 'price').locator('input').fill('1234.5');
  await page.getByTestId('derived-price_words').filter({ hasText: '壹仟贰佰叁拾肆元伍角' }).waitFor();
  await page.getByTestId('derived-total').filter({ hasText: '3,703.5' }).waitFor();
  await field(page, 'rate').locator('input').fill('85');
  await field(page, 'stars').locator('.ant-rate-star').nth(3).click();
  await typeDate(page, field(page, 'day'), '2026-05-01');
  await typeDate(page, field(page, 'moment'), '2026-05-01 09:30');
  await typeDate(page, field(page, 'period'), '2026-06-01', 0);
  await field(page, 'period').locator('input').nth(1).fill('2026-06-30');
  await page.keyboard.press('Enter');
  await typeDate(page, field(page, 'at'), '14:30:00');

  await openTab(page, '选择');
  await field(page, 'size').getByText('中', { exact: true }).click();
  await field(page, 'colours').getByText('红', { exact: true }).click();
  await field(page, 'colours').getByText('蓝', { exact: true }).click();
  await choose(page, field(page, 'level'), '高');
  await chooseMany(page, field(page, 'tags'), ['新品', '环保']);
  await cascade(page, field(page, 'category'), ['硬件', '服务器']);
  await field(page, 'active').locator('[role="switch"]').click();

  await openTab(page, '人员');
  await choose(page, field(page, 'owner_user'), org.owner.username, { search: true });
  await chooseMany(page, field(page, 'helpers'), [org.helpers[0].username, org.helpers[1].username], { search: true });
  await choose(page, field(page, 'dept'), org.dept.name, { search: true });
  await chooseMany(page, field(page, 'depts'), [org.depts[0].name, org.depts[1].name], { search: true });

  await cascade(page, field(page, 'addr'), ['浙江省', '杭州市', '西湖区']);
  await field(page, 'addr').getByTestId('address-detail').fill('文三路 90 号');
  for (const [part, value] of [['lng', '120.1552'], ['lat', '30.2741']]) {
    await field(page, 'site').locator(`input[data-testid="location-${part}"], [data-testid="location-${part}"] input`).fill(value);
  }
  await field(page, 'site').getByTestId('location-address').fill('西湖边');

  await page.getByTestId('file-input-photo').setInputFiles([
    { name: 'red.png', mimeType: 'image/png', buffer: await png('#d00000') },
    { name: 'green.png', mimeType: 'image/png', buffer: await png('#00a000') },
  ]);
  await field(page, 'photo').getByTestId('file-upload-item').nth(1).waitFor();
  await page.getByTestId('file-input-doc').setInputFiles({ name: '说明书.txt', mimeType: 'text/plain', buffer: Buffer.from('使用说明\n') });
  await field(page, 'doc').getByTestId('file-upload-item').first().waitFor();

  const canvas = field(page, 'sign').getByTestId('signature-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + 20, box.y + 20);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(box.x + 20 + step * 15, box.y + 20 + (step % 2) * 25);
  await page.mouse.up();
  await field(page, 'sign').getByTestId('signature-confirm').click();
  await field(page, 'sign').getByTestId('signature-image').waitFor();

  await field(page, 'mobile').locator('input').fill('13812345678');
  await field(page, 'mail').locator('input').fill('li.lei@example.com');
  await field(page, 'id_no').locator('input').fill('11010519491231002X');
  await field(page, 'site_url').locator('input').fill('https://example.com/spec');

  const lines = field(page, 'lines');
  for (const [index, [item, n, unit]] of [['螺丝', '10', '1.5'], ['螺母', '4', '2.25']].entries()) {
    await page.getByTestId('sub-form-add-lines').click();
    const row = lines.locator('.ant-table-row, [data-testid="sub-form-row"]').nth(index);
    await row.getByTestId('sub-form-cell-item').locator('input').fill(item);
    await row.getByTestId('sub-form-cell-n').locator('input').fill(n);
    await row.getByTestId('sub-form-cell-unit').locator('input').fill(unit);
  }
  await page.getByTestId('derived-lines_total').filter({ hasText: '24' }).waitFor();

  await choose(page, field(page, 'product'), '星云服务器', { search: true });
}

/** What the server must hold after the form above is saved (files and derived values checked apart). */
function expectedValues(org) {
  return {
    title: undefined, // set per test
    notes: '第一行\n第二行',
    qty: 3,
    price: 1234.5,
    price_words: '壹仟贰佰叁拾肆元伍角',
    rate: 85,
    total: 3703.5,
    stars: 4,
    day: '2026-05-01',
    period: { start: '2026-06-01', end: '2026-06-30' },
    at: '14:30:00',
    size: 'm',
    colours: ['red', 'blue'],
    level: 'high',
    tags: ['new', 'eco'],
    category: ['hw', 'server'],
    active: true,
    owner_user: org.owner.id,
    helpers: [org.helpers[0].id, org.helpers[1].id],
    dept: org.dept.id,
    depts: [org.depts[0].id, org.depts[1].id],
    addr: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号' },
    site: { lng: 120.1552, lat: 30.2741, address: '西湖边' },
    mobile: '13812345678',
    mail: 'li.lei@example.com',
    id_no: '11010519491231002X',
    site_url: 'https://example.com/spec',
    lines_total: 24,
    product_grade: 'a',
  };
}

/** 2026-05-01 09:30 where the browser is (the picker reads wall-clock time there). */
let expectedMoment = '';

function assertValues(data, expected, what) {
  for (const [key, value] of Object.entries(expected)) {
    assert.deepEqual(data[key], value, `${what}: ${key} is ${JSON.stringify(data[key])}, expected ${JSON.stringify(value)}`);
  }
  assert.match(data.sn, /^SP-\d{4}$/, `${what}: serial number`);
  assert.match(data.body, /正文内容/, `${what}: rich text`);
  assert.equal(new Date(data.moment).toISOString(), expectedMoment, `${what}: datetime as typed in the browser's time zone`);
  // Two uploads at once: they join the field as each finishes.
  assert.deepEqual(data.photo.map((f) => [f.name, f.mime]).sort(), [['green.png', 'image/png'], ['red.png', 'image/png']], `${what}: images`);
  assert.deepEqual(data.doc.map((f) => [f.name, f.size]), [['说明书.txt', Buffer.byteLength('使用说明\n')]], `${what}: attachment`);
  assert.equal(data.sign?.mime, 'image/png', `${what}: signature`);
  assert.deepEqual(data.lines.map((row) => [row.item, row.n, row.unit, row.amount]), [['螺丝', 10, 1.5, 15], ['螺母', 4, 2.25, 9]], `${what}: sub-form rows`);
  assert.ok(data.lines.every((row) => typeof row.id === 'string'), `${what}: sub-form rows have ids`);
}

/** The condition that finds a record by a field's value, with an operator the type lists. */
function filterFor(fieldDef, value, operators) {
  const v = { var: fieldDef.key };
  if (fieldDef.type === 'address') return { and: [{ '==': [{ var: `${fieldDef.key}.city` }, value.city] }, { '==': [{ var: `${fieldDef.key}.district` }, value.district] }] };
  if (fieldDef.type === 'richText') return { contains: [v, '正文内容'] };
  // A lookup filters as the field it copies (GET /api/field-types cannot know which one that is).
  if (fieldDef.type === 'lookup') return { '==': [v, value] };
  if (Array.isArray(value) && operators.includes('containsAll')) return { containsAll: [v, value] };
  if (operators.includes('==')) return { '==': [v, value] };
  return { isNotEmpty: [v] };
}

async function queryIds(baseUrl, token, body) {
  const response = await api(baseUrl, token, 'POST', `/api/apps/${APP}/forms/${FORM}/records/query`, { limit: 500, ...body });
  assert.equal(response.status, 200, `query ${JSON.stringify(body)}: ${JSON.stringify(response.body)}`);
  return response.body.items.map((item) => item.id);
}

async function waitForJob(baseUrl, token, jobId) {
  for (const until = Date.now() + 60_000; Date.now() < until;) {
    const job = await api(baseUrl, token, 'GET', `/api/jobs/${jobId}`);
    if (job.body.status === 'done' || job.body.status === 'failed') return job.body;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`job ${jobId} did not finish`);
}

export const tests = {
  'an administrator fills a form holding every field type in the browser and every value comes back, through list, filter, sort, export and import': async (ctx) => {
    const { baseUrl } = ctx;
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    const { token, users, departments } = await setUp(baseUrl);
    const people = users.filter((u) => u.username !== 'admin').sort((a, b) => a.username.localeCompare(b.username));
    const leaves = departments.filter((d) => d.parentId);
    const org = { owner: people[0], helpers: [people[1], people[2]], dept: leaves[0], depts: [leaves[1], leaves[2]] };
    const title = `全类型样本 ${Date.now()}`;

    await withPage(ctx, DESKTOP, async (page) => {
      await login(page, baseUrl, 'admin', ADMIN_PASSWORD, APP);
      await page.goto(`${baseUrl}/apps/${APP}/forms/${FORM}`);
      expectedMoment = await page.evaluate(() => new Date(2026, 4, 1, 9, 30).toISOString());
      await page.getByTestId('record-new').click();
      await page.getByTestId('record-drawer').waitFor();
      try {
        await fillEverything(page, org, title);
      } catch (error) {
        await page.screenshot({ path: path.join(ctx.artifacts, 'all-field-types-failed.png'), fullPage: true });
        throw error;
      }
      await page.screenshot({ path: path.join(ctx.artifacts, 'all-field-types-form.png'), fullPage: true });
      await page.getByTestId('record-save').click();
      await page.getByTestId('record-drawer').waitFor({ state: 'detached' });

      // The list shows it, formatted: money with separators, members by name, the related record's title.
      await page.getByTestId('quick-search').locator('input').first().fill(title);
      await page.keyboard.press('Enter');
      const row = page.getByTestId('record-row').filter({ hasText: title }).first();
      await row.waitFor();
      const text = await row.textContent();
      for (const shown of ['¥1,234.50', '85%', '2026/05/01', '中', org.owner.name, '星云服务器', '浙江省', '甲级', '硬件 / 服务器']) {
        assert.ok(text.includes(shown), `the list row shows ${shown}: ${text}`);
      }
      await page.screenshot({ path: path.join(ctx.artifacts, 'all-field-types-list.png') });
    });

    // Read back: every value as entered, derived ones computed.
    const found = await api(baseUrl, token, 'POST', `/api/apps/${APP}/forms/${FORM}/records/query`, { filter: { '==': [{ var: 'title' }, title] } });
    assert.equal(found.body.items.length, 1, 'the saved record is found by its title');
    const original = found.body.items[0];
    const expected = { ...expectedValues(org), title };
    assertValues(original.data, expected, 'saved');
    const product = (await api(baseUrl, token, 'POST', `/api/apps/${APP}/forms/product/records/query`, { filter: { '==': [{ var: 'name' }, '星云服务器'] } })).body.items[0];
    assert.equal(original.data.product, product.id, 'the relation holds the chosen product');

    // A second record with other values, so that each filter and sort has something to tell apart.
    const other = await api(baseUrl, token, 'POST', `/api/apps/${APP}/forms/${FORM}/records`, { data: {
      title: `${title} 对照`, qty: 1, price: 10, rate: 5, stars: 1, day: '2025-01-01', moment: '2025-01-01T00:00:00Z', at: '08:00:00',
      size: 's', colours: ['green'], level: 'low', tags: ['hot'], category: ['sw'], active: false,
      owner_user: org.helpers[0].id, helpers: [org.owner.id], dept: org.depts[0].id, depts: [org.dept.id],
      addr: { province: '广东省', city: '广州市', district: '天河区', detail: '体育西路' }, mobile: '13900000000', mail: 'other@example.com',
      id_no: '110105198001010016', site_url: 'https://example.org', notes: '对照', lines: [{ item: '垫片', n: 1, unit: 1 }],
      product: (await api(baseUrl, token, 'POST', `/api/apps/${APP}/forms/product/records/query`, { filter: { '==': [{ var: 'name' }, '轻薄笔记本'] } })).body.items[0].id,
    } });
    assert.equal(other.status, 201, JSON.stringify(other.body));

    // Filter on every filterable field by the saved value: exactly the record comes back.
    const types = (await api(baseUrl, token, 'GET', '/api/field-types')).body;
    const typeByName = new Map((types.items ?? types).map((t) => [t.type, t]));
    const form = (await api(baseUrl, token, 'GET', `/api/apps/${APP}/forms/${FORM}`)).body;
    const filtered = [];
    for (const def of form.fields) {
      const info = typeByName.get(def.type);
      const value = original.data[def.key];
      if (!info?.filterable || value === null || value === undefined || ['image', 'attachment', 'signature', 'subForm'].includes(def.type)) continue;
      const condition = filterFor(def, value, info.operators);
      const ids = await queryIds(baseUrl, token, { filter: { and: [condition, { contains: [{ var: 'title' }, title] }] } });
      assert.deepEqual(ids, [original.id], `filter on ${def.key} (${def.type}) ${JSON.stringify(condition)} finds the record`);
      if (!('isNotEmpty' in condition)) {
        const without = await queryIds(baseUrl, token, { filter: { and: [{ '!': condition }, { contains: [{ var: 'title' }, title] }] } });
        assert.deepEqual(without, [other.body.id], `the negated filter on ${def.key} finds the other record`);
      }
      filtered.push(def.key);
    }
    assert.ok(filtered.length >= 30, `filters tried on ${filtered.length} fields: ${filtered.join(', ')}`);

    // Sort on every sortable field: ascending and descending give opposite orders of the two.
    const scope = { contains: [{ var: 'title' }, title] };
    let sorted = 0;
    for (const def of form.fields) {
      if (!typeByName.get(def.type)?.sortable || def.key === 'sn') continue;
      const asc = await queryIds(baseUrl, token, { filter: scope, sort: [{ field: def.key, dir: 'asc' }] });
      const desc = await queryIds(baseUrl, token, { filter: scope, sort: [{ field: def.key, dir: 'desc' }] });
      assert.equal(asc.length, 2, `sort on ${def.key}`);
      if (JSON.stringify(original.data[def.key]) !== JSON.stringify(other.body.data[def.key])) {
        assert.deepEqual(desc, [...asc].reverse(), `sort on ${def.key} (${def.type}) reverses`);
      }
      sorted += 1;
    }
    assert.ok(sorted >= 20, `sorted on ${sorted} fields`);

    // Export as XLSX, import the file again: the copy holds the same values.
    const exported = await fetch(`${baseUrl}/api/apps/${APP}/forms/${FORM}/records/export?format=xlsx&filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'title' }, title] }))}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(exported.status, 200);
    const xlsx = Buffer.from(await exported.arrayBuffer());
    fs.writeFileSync(path.join(ctx.artifacts, 'all-field-types-export.xlsx'), xlsx);
    // The title is unique: rename it in the database first, as someone importing a backup would clear a clash.
    const renamed = await api(baseUrl, token, 'PATCH', `/api/apps/${APP}/forms/${FORM}/records/${original.id}`, { data: { title: `${title} 原件` } });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    const body = new FormData();
    body.append('file', new Blob([xlsx]), 'all-types.xlsx');
    const started = await fetch(`${baseUrl}/api/apps/${APP}/forms/${FORM}/records/import`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body });
    const start = await started.json();
    assert.equal(started.status, 202, JSON.stringify(start));
    assert.deepEqual(start.warnings.filter((w) => w.code !== 'derived_field'), [], 'no column of the export is left out');
    const job = await waitForJob(baseUrl, token, start.jobId);
    assert.equal(job.status, 'done', JSON.stringify(job));
    assert.equal(job.result.created, 1, `one record imported: ${JSON.stringify(job.result)}`);
    const copy = (await api(baseUrl, token, 'POST', `/api/apps/${APP}/forms/${FORM}/records/query`, { filter: { '==': [{ var: 'title' }, title] } })).body.items[0];
    assert.ok(copy && copy.id !== original.id, 'the import made a new record');
    assertValues(copy.data, expected, 're-imported');
    assert.notEqual(copy.data.sn, original.data.sn, 'the copy has its own serial number');
    const paragraphs = (html) => html.replace(/<\/?p>/g, '');
    assert.equal(paragraphs(copy.data.body), paragraphs(original.data.body), 'rich text as it was');
    assert.equal(copy.data.product, original.data.product, 'the relation points at the same product');
    assert.deepEqual(copy.data.photo.map((f) => f.size), original.data.photo.map((f) => f.size), 'image bytes copied');
    assert.ok(copy.data.photo.every((f, i) => f.id !== original.data.photo[i].id), 'the copy holds copies of the files');
    const download = await fetch(`${baseUrl}/api/files/${copy.data.doc[0].id}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(await download.text(), '使用说明\n', 'the copied attachment downloads with its content');
  },
};
