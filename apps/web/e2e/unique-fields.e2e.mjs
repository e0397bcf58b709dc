// Unique fields in the browser: a new CRM customer named like an existing one is refused on the name
// field itself; in the designer, making a field unique while records share values is refused on that
// field with the shared values named (in the user's language), and saves once they differ.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, apiLogin, canvasField, login, withBrowser, ADMIN_PASSWORD, DESKTOP } from './support.mjs';

// scripts/e2e.mjs starts the platform with ADMIN_PASSWORD=Admin@e2e1 and the CRM's demo data.

const fieldError = (page, key) => page.getByTestId(`field-${key}`).locator('.ant-form-item-explain-error').first();

export const tests = {
  'a customer named like another is refused on its name field': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    const token = await apiLogin(ctx.baseUrl, 'admin', ADMIN_PASSWORD);
    const existing = await api(ctx.baseUrl, token, 'POST', '/api/apps/crm/forms/customer/records/query', { limit: 1 });
    const taken = existing.body.items[0].data.name;
    assert.ok(taken, 'the demo data has a customer');

    await withBrowser(ctx, async (open) => {
      const page = await open(DESKTOP);
      await login(page, ctx.baseUrl, 'admin', ADMIN_PASSWORD, 'crm');
      await page.goto(`${ctx.baseUrl}/apps/crm/forms/customer/records/new`);
      await page.getByTestId('record-save').waitFor();
      await page.getByTestId('field-name').locator('input').fill(taken);
      await page.getByTestId('record-save').click();
      await fieldError(page, 'name').waitFor();
      assert.equal(await fieldError(page, 'name').textContent(), '该值已存在，不能重复');
      await page.screenshot({ path: path.join(ctx.artifacts, 'unique-customer-name-1440.png') });

      // Another name saves.
      await page.getByTestId('field-name').locator('input').fill(`${taken}（分公司）`);
      await page.getByTestId('record-save').click();
      await page.getByTestId('record-drawer').waitFor({ state: 'hidden' });
    });
    const twins = await api(ctx.baseUrl, token, 'POST', '/api/apps/crm/forms/customer/records/query', { filter: { '==': [{ var: 'name' }, taken] } });
    assert.equal(twins.body.items.length, 1);
  },

  'making a field unique is refused on the field while records share values, and saves once they differ': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    const appKey = `uq_${String(Date.now()).slice(-6)}`;
    const token = await apiLogin(ctx.baseUrl, 'admin', ADMIN_PASSWORD);
    const call = async (method, url, body, status) => {
      const answer = await api(ctx.baseUrl, token, method, url, body);
      assert.equal(answer.status, status, `${method} ${url}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    await call('POST', '/api/apps', { key: appKey, name: { 'zh-CN': '工单', 'en-US': 'Tickets' } }, 201);
    await call('POST', `/api/apps/${appKey}/forms`, { key: 'ticket', name: '工单', fields: [{ key: 'ref', type: 'text', label: '单号' }] }, 201);
    const ids = [];
    for (const ref of ['T-1', 'T-1', 'T-2']) ids.push((await call('POST', `/api/apps/${appKey}/forms/ticket/records`, { data: { ref } }, 201)).id);

    await withBrowser(ctx, async (open) => {
      const page = await open(DESKTOP);
      await login(page, ctx.baseUrl, 'admin', ADMIN_PASSWORD, appKey);
      await page.goto(`${ctx.baseUrl}/apps/${appKey}/forms/ticket/design`);
      await page.getByTestId('form-designer-canvas').waitFor();
      await canvasField(page, 'ref').click();
      await page.getByTestId('option-unique').click();
      await page.getByTestId('designer-save').click();
      const issue = canvasField(page, 'ref').getByTestId('canvas-field-issue');
      await issue.waitFor();
      assert.equal(await issue.textContent(), '已有 2 条记录的值重复（如 "T-1"），请先修改这些记录，再设为不允许重复');
      await page.getByTestId('panel-issues').filter({ hasText: '"T-1"' }).waitFor();
      await page.screenshot({ path: path.join(ctx.artifacts, 'unique-designer-refused-1440.png') });
      assert.equal((await call('GET', `/api/apps/${appKey}/forms/ticket`, undefined, 200)).version, 1);

      await call('PATCH', `/api/apps/${appKey}/forms/ticket/records/${ids[1]}`, { data: { ref: 'T-3' } }, 200);
      await page.getByTestId('designer-save').click();
      await page.getByTestId('form-designer-version').filter({ hasText: 'v2' }).waitFor();
      assert.equal(await canvasField(page, 'ref').getByTestId('canvas-field-issue').count(), 0);
    });
    assert.deepEqual((await call('GET', `/api/apps/${appKey}/forms/ticket`, undefined, 200)).fields[0].options, { unique: true });
    await call('POST', `/api/apps/${appKey}/forms/ticket/records`, { data: { ref: 'T-2' } }, 409);
  },
};
