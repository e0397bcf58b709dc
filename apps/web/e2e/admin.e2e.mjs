// An administrator's day: add a colleague, give a role a grant, read the audit trail, hand a leaver's work
// over, and look at a record's history and export link.
import fs from 'node:fs';
import path from 'node:path';
import { withPage, login, pick } from './support.mjs';
import assert from 'node:assert/strict';

export const tests = {
  'an administrator manages users, grants, audit and a handover': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    const suffix = String(Date.now()).slice(-6);
    const leaver = `leaver${suffix}`;
    await withPage(ctx, { width: 1440, height: 900 }, async (page) => {
      await login(page, ctx.baseUrl, 'admin', 'Admin@e2e1');
      await page.getByTestId('user-menu').click();
      await page.getByTestId('nav-admin').click();
      await page.getByTestId('admin-users-page').waitFor();
      await page.getByTestId('user-row-sales1').waitFor();

      // A new colleague, in the first department.
      await page.getByTestId('user-new').click();
      await page.getByTestId('user-field-username').locator('input').fill(leaver);
      await page.getByTestId('user-field-name').locator('input').fill('交接测试');
      await page.getByTestId('user-field-password').locator('input').fill('Leaver@2026');
      await page.getByTestId('user-save').click();
      await page.getByTestId(`user-row-${leaver}`).waitFor();

      // A role with a grant on leads.
      await page.getByTestId('admin-roles').click();
      await page.getByTestId('role-new').click();
      await page.getByTestId('role-field-name').locator('input').fill(`角色${suffix}`);
      await page.getByTestId('role-save').click();
      await page.getByTestId(`role-grants-角色${suffix}`).click();
      await page.getByTestId('grants-editor').waitFor();
      await page.getByTestId('grant-pick-app').click();
      await page.locator('.ant-select-item-option:visible').first().click();
      await page.getByTestId('grant-pick-form').locator('input').fill('线索');
      await page.locator('.ant-select-item-option:visible').filter({ hasText: '线索' }).first().click();
      await page.getByTestId('grant-add').click();
      await page.getByTestId('grant-all-visible').click();
      await page.getByTestId('grant-field-phone-masked').click();
      await page.getByTestId('grants-save').click();
      await page.getByTestId('grants-save').and(page.locator('[disabled]')).waitFor();

      // The audit trail shows the grant change, with its before/after.
      await page.getByTestId('admin-audit').click();
      await page.getByTestId('audit-row').first().waitFor();
      await page.locator('.ant-table-row-expand-icon').first().click();
      await page.getByTestId('audit-changes').first().waitFor();

      // Handover: preview, then hand over; the leaver ends up deactivated.
      await page.getByTestId('admin-handover').click();
      await pick(page, page.getByTestId('handover-from'), leaver, { search: leaver, match: 'part' });
      await pick(page, page.getByTestId('handover-to'), '(sales1)', { search: 'sales1', match: 'part' });
      await page.getByTestId('handover-preview').click();
      await page.getByTestId('handover-confirm').click();
      await page.getByTestId('handover-done').waitFor();
      await page.screenshot({ path: path.join(ctx.artifacts, 'admin-handover-1440.png') });
      await page.getByTestId('admin-users').click();
      await page.getByTestId('users-search').locator('input').fill(leaver);
      await page.getByTestId(`user-activate-${leaver}`).waitFor();

      // A record's history and the export link of the list.
      await page.goto(`${ctx.baseUrl}/apps/crm/forms/lead`);
      await page.getByTestId('record-row').first().click();
      await page.getByTestId('record-tab-history').click();
      await page.getByTestId('record-history-entry').first().waitFor();
      const href = await page.getByTestId('records-export').getAttribute('href');
      assert.match(href ?? '', /\/api\/apps\/crm\/forms\/lead\/records\/export\?format=xlsx/);
    });
  },

  'a salesperson sees no administration entry': async (ctx) => {
    await withPage(ctx, { width: 1440, height: 900 }, async (page) => {
      await login(page, ctx.baseUrl, 'sales1', 'Demo@2026');
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').waitFor();
      assert.equal(await page.getByTestId('nav-admin').count(), 0);
    });
  },
};
