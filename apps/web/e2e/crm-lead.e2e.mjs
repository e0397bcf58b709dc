// A newcomer's first minutes: log in as a salesperson, open the CRM, create a lead, find it in the list.
import fs from 'node:fs';
import path from 'node:path';
import { withPage, login } from './support.mjs';
import assert from 'node:assert/strict';


export const tests = {
  'a salesperson logs in, opens the CRM, creates a lead and finds it in the list': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    await withPage(ctx, { width: 1440, height: 900 }, async (page) => {
      await login(page, ctx.baseUrl, 'sales1', 'Demo@2026');
      await page.getByTestId('app-card-crm').click();
      await page.getByTestId('nav-form-lead').click();
      await page.getByTestId('record-row').first().waitFor();
      await page.getByTestId('record-new').click();
      const company = `浏览器测试科技有限公司 ${Date.now()}`;
      await page.getByTestId('field-company').locator('input').fill(company);
      await page.getByTestId('field-contact_name').locator('input').fill('测试联系人');
      await page.getByTestId('field-phone').locator('input').fill('13900001111');
      await page.getByTestId('record-save').click();
      // Back in the list, the quick search finds the new lead.
      await page.getByTestId('quick-search').locator('input').first().fill(company);
      await page.keyboard.press('Enter');
      await page.getByTestId('record-row').filter({ hasText: company }).first().waitFor();
      const total = await page.getByTestId('records-total').textContent();
      assert.match(total ?? '', /1/);
      await page.screenshot({ path: path.join(ctx.artifacts, 'crm-leads-1440.png') });
    });
  },

  'a salesperson searches customers (masked phones are left out of the search) and sees no export': async (ctx) => {
    await withPage(ctx, { width: 1440, height: 900 }, async (page) => {
      await login(page, ctx.baseUrl, 'sales1', 'Demo@2026');
      await page.goto(`${ctx.baseUrl}/apps/crm/forms/customer`);
      await page.getByTestId('record-row').first().waitFor();
      const failures = [];
      page.on('response', (r) => { if (r.url().includes('/records/query') && r.status() >= 400) failures.push(r.status()); });
      await page.getByTestId('quick-search').locator('input').first().fill('有限公司');
      await page.keyboard.press('Enter');
      await page.getByTestId('record-row').first().waitFor();
      assert.deepEqual(failures, []);
      assert.equal(await page.getByTestId('records-export').count(), 0);
    });
  },

  'a customer record lists its contacts under 关联记录, on a 375 px phone without horizontal scrolling': async (ctx) => {
    await withPage(ctx, { width: 375, height: 812 }, async (page) => {
      await login(page, ctx.baseUrl, 'sales1', 'Demo@2026');
      await page.goto(`${ctx.baseUrl}/apps/crm/forms/contact`);
      await page.getByTestId('record-row').first().waitFor();
      // A contact the salesperson sees, and the customer it belongs to.
      const contact = await page.evaluate(async () => {
        const response = await fetch('/api/apps/crm/forms/contact/records/query', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ limit: 50 }),
        });
        const body = await response.json();
        return body.items.find((item) => typeof item.data.customer === 'string');
      });
      assert.ok(contact, 'sales1 sees a contact with a customer');
      await page.goto(`${ctx.baseUrl}/apps/crm/forms/customer/records/${contact.data.customer}`);
      await page.getByTestId('record-tab-related').click();
      const contacts = page.locator('[data-testid="related-group"][data-form="contact"]');
      const row = contacts.locator(`[data-testid="related-row"][data-record-id="${contact.id}"]`);
      await row.waitFor();
      assert.match((await contacts.getByTestId('related-count').textContent()) ?? '', /[1-9]/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `page scrolls horizontally by ${overflow}px`);
      await page.screenshot({ path: path.join(ctx.artifacts, 'crm-customer-related-375.png') });
      await row.click();
      await page.waitForURL(new RegExp(`/apps/crm/forms/contact/records/${contact.id}$`));
    });
  },

  'the lead list fits a 375 px phone without horizontal scrolling': async (ctx) => {
    await withPage(ctx, { width: 375, height: 812 }, async (page) => {
      await login(page, ctx.baseUrl, 'sales1', 'Demo@2026');
      await page.goto(`${ctx.baseUrl}/apps/crm/forms/lead`);
      await page.getByTestId('record-row').first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `page scrolls horizontally by ${overflow}px`);
      await page.screenshot({ path: path.join(ctx.artifacts, 'crm-leads-375.png') });
    });
  },
};
