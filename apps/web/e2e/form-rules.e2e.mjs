// Linkage rules and stage gates live in the record form: a sales manager opens a new opportunity (no
// loss reason until the stage is 输单, then it is required), a new contract (ticking 含特殊条款 makes
// 特殊条款内容 appear, required), and a new quote (a deep discount warns; the amount in words is
// previewed). The rules run in the browser through @platform/form-engine, under the app's CSP.
import path from 'node:path';
import fs from 'node:fs';
import { api, apiLogin, pick, withPage, login as signIn, ADMIN_PASSWORD, DEMO_PASSWORD } from './support.mjs';
import assert from 'node:assert/strict';

// scripts/e2e.mjs starts the platform with ADMIN_PASSWORD=Admin@e2e1.

/** A small app whose one form holds each of the richer field types, behind tabs, with a rule. */
async function createFieldLab(baseUrl) {
  const token = await apiLogin(baseUrl, 'admin', ADMIN_PASSWORD);
  const app = await api(baseUrl, token, 'POST', '/api/apps', { key: 'fieldlab', name: { 'zh-CN': '字段实验室', 'en-US': 'Field lab' } });
  assert.ok(app.status < 300 || app.status === 409, `app created (${app.status} ${JSON.stringify(app.body)})`);
  const form = {
    key: 'sample',
    name: { 'zh-CN': '样例', 'en-US': 'Samples' },
    fields: [
      { key: 'title', type: 'text', label: '标题', required: true },
      { key: 'urgent', type: 'switch', label: '加急' },
      { key: 'qty', type: 'number', label: '数量' },
      { key: 'price', type: 'money', label: '单价' },
      { key: 'total', type: 'formula', label: '总价', options: { expression: 'qty * price', resultType: 'number', decimals: 2 } },
      { key: 'detail', type: 'tabs', label: '详情', options: { tabs: [
        { key: 'content', label: '内容', fieldKeys: ['notes', 'period'] },
        { key: 'place', label: '地点', fieldKeys: ['category', 'site', 'id_no'] },
      ] } },
      { key: 'notes', type: 'richText', label: '备注' },
      { key: 'period', type: 'dateRange', label: '服务期' },
      { key: 'category', type: 'cascader', label: '品类', options: { tree: [
        { key: 'hw', label: '硬件', children: [{ key: 'server', label: '服务器' }] },
        { key: 'sw', label: '软件' },
      ] } },
      { key: 'site', type: 'location', label: '现场位置' },
      { key: 'id_no', type: 'idNumber', label: '身份证号' },
    ],
    rules: [{ key: 'urgent_hides_notes', when: { '==': [{ var: 'urgent' }, true] }, then: [{ action: 'hide', fields: ['notes'] }] }],
  };
  const created = await api(baseUrl, token, 'POST', '/api/apps/fieldlab/forms', form);
  assert.ok(created.status < 300 || created.status === 409, `form created (${created.status} ${JSON.stringify(created.body)})`);
}

/** The administrator lands on the app list with the test's own app; the demo users on the CRM. */
const login = (page, baseUrl, username, password = DEMO_PASSWORD) => signIn(page, baseUrl, username, password, username === 'admin' ? 'fieldlab' : 'crm');

/** Opens the list of a form and its new-record drawer (through the UI, as a user would). */
async function openNewRecord(page, baseUrl, formKey) {
  await page.goto(`${baseUrl}/apps/crm/forms/${formKey}`);
  await page.getByTestId('record-new').click();
  await page.getByTestId('record-drawer').waitFor();
  await page.getByTestId('record-save').waitFor();
}

/** The select inside a field wrapper. */
const select = (page, fieldKey) => page.getByTestId(`field-${fieldKey}`).locator('.ant-select').first();

const isRequired = async (page, fieldKey) => (await page.getByTestId(`field-${fieldKey}`).locator('.ant-form-item-required').count()) > 0;

export const tests = {
  'a manager sees the loss reason only for a lost opportunity, required by the stage gate': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    await withPage(ctx, { width: 1440, height: 900 }, async (page) => {
      await login(page, ctx.baseUrl, 'manager_east');
      await openNewRecord(page, ctx.baseUrl, 'opportunity');
      await page.getByTestId('field-name').waitFor();
      assert.equal(await page.getByTestId('field-loss_reason').count(), 0, 'no loss reason while the stage is not lost');

      const name = `规则测试商机 ${Date.now()}`;
      await page.getByTestId('field-name').locator('input').fill(name);
      await page.getByTestId('field-customer_name').locator('input').fill('规则测试客户');
      await pick(page, select(page, 'stage'), '输单');
      const lossReason = page.getByTestId('field-loss_reason');
      await lossReason.waitFor();
      assert.match((await lossReason.locator('label').textContent()) ?? '', /输单原因/);
      assert.ok(await isRequired(page, 'loss_reason'), '输单原因 is marked required');

      // Saving without it is refused on the field itself.
      await page.getByTestId('record-save').click();
      await lossReason.locator('.ant-form-item-explain-error').first().waitFor();
      assert.match((await lossReason.locator('.ant-form-item-explain-error').first().textContent()) ?? '', /必须填写/);
      await page.screenshot({ path: path.join(ctx.artifacts, 'form-rules-opportunity-lost.png') });

      // Back to another stage: the field goes away again.
      await pick(page, select(page, 'stage'), '需求分析');
      await lossReason.waitFor({ state: 'detached' });
      await pick(page, select(page, 'stage'), '输单');
      await lossReason.waitFor();
      await pick(page, select(page, 'loss_reason'), '价格因素');
      await page.getByTestId('record-save').click();
      await page.getByTestId('record-drawer').waitFor({ state: 'detached' });
      await page.getByTestId('quick-search').locator('input').first().fill(name);
      await page.keyboard.press('Enter');
      await page.getByTestId('record-row').filter({ hasText: name }).first().waitFor();
    });
  },

  'a manager ticks 含特殊条款 on a new contract and the special terms become required': async (ctx) => {
    await withPage(ctx, { width: 1440, height: 900 }, async (page) => {
      await login(page, ctx.baseUrl, 'manager_east');
      await openNewRecord(page, ctx.baseUrl, 'contract');
      await page.getByTestId('field-has_special_terms').waitFor();
      assert.equal(await page.getByTestId('field-special_terms').count(), 0, 'no special terms while the switch is off');

      await page.getByTestId('field-has_special_terms').locator('[role="switch"]').click();
      const terms = page.getByTestId('field-special_terms');
      await terms.waitFor();
      assert.match((await terms.locator('label').textContent()) ?? '', /特殊条款/);
      assert.ok(await isRequired(page, 'special_terms'), '特殊条款内容 is marked required');

      const suffix = Date.now();
      // The contract number is assigned on save (HT-YYYYMMDD-0001): there is nothing to type.
      assert.equal(await page.locator('[data-testid="field-contract_no"] input').count(), 0, 'no input for the contract number');
      await page.getByTestId('field-title').locator('input').fill(`规则测试合同 ${suffix}`);
      await page.getByTestId('field-customer_name').locator('input').fill('规则测试客户');
      await page.getByTestId('field-amount').locator('input').fill('12000');
      // The amount in words is previewed while typing (the same code computes it on the server).
      await page.getByTestId('derived-amount_in_words').filter({ hasText: '壹万贰仟元整' }).waitFor();
      await page.getByTestId('record-save').click();
      await terms.locator('.ant-form-item-explain-error').first().waitFor();
      await page.screenshot({ path: path.join(ctx.artifacts, 'form-rules-contract-terms.png') });

      await terms.locator('textarea').fill('付款条件：验收后 30 天内付清');
      await page.getByTestId('record-save').click();
      await page.getByTestId('record-drawer').waitFor({ state: 'detached' });
      await page.getByTestId('quick-search').locator('input').first().fill(`规则测试合同 ${suffix}`);
      await page.keyboard.press('Enter');
      const row = page.getByTestId('record-row').filter({ hasText: `规则测试合同 ${suffix}` }).first();
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /HT-\d{8}-\d{4}/);
    });
  },

  'a deep discount on a quote warns without blocking': async (ctx) => {
    await withPage(ctx, { width: 1440, height: 900 }, async (page) => {
      await login(page, ctx.baseUrl, 'manager_east');
      await openNewRecord(page, ctx.baseUrl, 'quote');
      await page.getByTestId('field-discount').locator('input').fill('85');
      const warning = page.getByTestId('rule-warnings');
      await warning.waitFor();
      assert.match((await warning.textContent()) ?? '', /销售总监审批/);
      assert.equal(await page.getByTestId('rule-errors').count(), 0);
      await page.getByTestId('field-discount').locator('input').fill('95');
      await warning.waitFor({ state: 'detached' });
      await page.getByTestId('field-discount').locator('input').fill('85');
      await warning.waitFor();
      // A warning does not block: the quote saves.
      await page.getByTestId('field-title').locator('input').fill(`规则测试报价 ${Date.now()}`);
      await page.getByTestId('field-customer_name').locator('input').fill('规则测试客户');
      await page.getByTestId('field-quote_total').locator('input').fill('85000');
      await page.getByTestId('record-save').click();
      await page.getByTestId('record-drawer').waitFor({ state: 'detached' });
    });
  },

  'the richer field types are edited, saved and shown in the list': async (ctx) => {
    await createFieldLab(ctx.baseUrl);
    await withPage(ctx, { width: 1440, height: 900 }, async (page) => {
      await login(page, ctx.baseUrl, 'admin', ADMIN_PASSWORD);
      await page.goto(`${ctx.baseUrl}/apps/fieldlab/forms/sample`);
      await page.getByTestId('record-new').click();
      await page.getByTestId('record-save').waitFor();
      const title = `字段样例 ${Date.now()}`;
      await page.getByTestId('field-title').locator('input').fill(title);
      await page.getByTestId('field-qty').locator('input').fill('3');
      await page.getByTestId('field-price').locator('input').fill('4000.5');
      // The formula is previewed while typing and never sent.
      await page.getByTestId('derived-total').filter({ hasText: '12,001.50' }).waitFor();

      // Rich text through the toolbar: typed text, then bold.
      const editor = page.getByTestId('field-notes').getByTestId('rich-text-editor');
      await editor.click();
      await page.keyboard.type('重要客户 ');
      await page.getByTestId('field-notes').getByTestId('rich-text-bold').click();
      await page.keyboard.type('尽快');
      assert.match(await editor.innerHTML(), /<b>尽快<\/b>/);

      // The range: typing the start brings its month up, then both days are picked on the calendar.
      const period = page.getByTestId('field-period');
      await period.locator('input').nth(0).click();
      await period.locator('input').nth(0).fill('2026-03-01');
      await page.locator('.ant-picker-dropdown:visible td[title="2026-03-01"]').first().click();
      await page.locator('.ant-picker-dropdown:visible td[title="2026-03-31"]').first().click();
      await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
      assert.equal(await period.locator('input').nth(1).inputValue(), '2026-03-31');

      await page.screenshot({ path: path.join(ctx.artifacts, 'form-rules-field-lab-content.png') });
      await page.getByTestId('form-tab-place').click();
      await page.getByTestId('field-category').locator('.ant-select, .ant-cascader').first().click();
      await page.locator('.ant-cascader-menu-item:visible').filter({ hasText: '硬件' }).first().click();
      await page.locator('.ant-cascader-menu-item:visible').filter({ hasText: '服务器' }).first().click();
      // antd gives the test id to the number input itself.
      await page.locator('input[data-testid="location-lng"], [data-testid="location-lng"] input').first().fill('121.47');
      await page.locator('input[data-testid="location-lat"], [data-testid="location-lat"] input').first().fill('31.23');
      await page.getByTestId('location-address').fill('上海市黄浦区中山东一路 1 号');
      await page.getByTestId('field-id_no').locator('input').fill('11010519491231002x');

      await page.screenshot({ path: path.join(ctx.artifacts, 'form-rules-field-lab-place.png') });
      const saved = page.waitForResponse((r) => r.url().includes('/api/apps/fieldlab/forms/sample/records') && r.request().method() === 'POST');
      await page.getByTestId('record-save').click();
      const response = await saved;
      const sent = JSON.parse(response.request().postData() ?? '{}').data ?? {};
      assert.equal(response.status(), 201, `created (${await response.text()})`);
      assert.deepEqual(sent.period, { start: '2026-03-01', end: '2026-03-31' });
      assert.deepEqual(sent.category, ['hw', 'server']);
      assert.deepEqual(sent.site, { lng: 121.47, lat: 31.23, address: '上海市黄浦区中山东一路 1 号' });
      assert.equal(sent.id_no, '11010519491231002X');
      assert.match(sent.notes, /^<p>重要客户 <b>尽快<\/b><\/p>$|^重要客户 <b>尽快<\/b>$/);
      assert.ok(!('total' in sent), 'the formula is not sent');
      await page.getByTestId('record-drawer').waitFor({ state: 'detached' });

      // The list shows each value in its cell format.
      const row = page.getByTestId('record-row').filter({ hasText: title }).first();
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      for (const expected of ['12,001.50', '2026/03/01 ~ 2026/03/31', '硬件 / 服务器', '上海市黄浦区中山东一路 1 号', '重要客户 尽快', '11010519491231002X']) {
        assert.ok(text.includes(expected), `the row shows ${expected}: ${text}`);
      }
      await page.screenshot({ path: path.join(ctx.artifacts, 'form-rules-field-lab.png') });

      // Reopened, the values come back into their inputs; the rule hides the notes while urgent is on.
      await row.click();
      await page.getByTestId('record-save').waitFor();
      assert.match(await page.getByTestId('field-notes').getByTestId('rich-text-editor').innerHTML(), /<b>尽快<\/b>/);
      await page.getByTestId('field-urgent').locator('[role="switch"]').click();
      await page.getByTestId('field-notes').waitFor({ state: 'detached' });
    });
  },
};
