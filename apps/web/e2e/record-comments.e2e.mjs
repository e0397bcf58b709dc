// Comments on a record: the administrator opens a customer of sales1's, mentions sales1 through the @
// picker and posts with Ctrl+Enter; sales1, on a 375 px phone, finds the mention under the bell, and it
// opens the customer on its comments.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { api, apiLogin, horizontalOverflow, withBrowser, login, ADMIN_PASSWORD, DESKTOP, PHONE } from './support.mjs';

/** A customer sales1 owns (sales1 may read it), found through the API as the administrator, and the administrator's name. */
async function customerOfSales1(baseUrl) {
  const token = await apiLogin(baseUrl, 'admin', ADMIN_PASSWORD);
  const me = await api(baseUrl, token, 'GET', '/api/auth/me');
  const users = await api(baseUrl, token, 'GET', '/api/users?q=sales1');
  const sales1 = users.body.items.find((user) => user.username === 'sales1');
  assert.ok(sales1, 'the demo data has sales1');
  const page = await api(baseUrl, token, 'POST', '/api/apps/crm/forms/customer/records/query', { filter: { '==': [{ var: 'ownerId' }, sales1.id] }, limit: 1 });
  assert.equal(page.status, 200);
  assert.ok(page.body.items[0], 'sales1 owns a customer');
  return { customerId: page.body.items[0].id, adminName: me.body.name || me.body.username };
}

export const tests = {
  'a comment mentioning a colleague shows on the record and reaches them under the bell, on a phone': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    const { customerId, adminName } = await customerOfSales1(ctx.baseUrl);
    const text = `请跟进这家客户 ${Date.now()}`;
    await withBrowser(ctx, async (open) => {
      const admin = await open(DESKTOP);
      await login(admin, ctx.baseUrl, 'admin', ADMIN_PASSWORD);
      await admin.goto(`${ctx.baseUrl}/apps/crm/forms/customer/records/${customerId}`);
      // The first load of the list and the drawer may take a while on a busy machine.
      await admin.getByTestId('record-tab-comments').waitFor({ timeout: 60_000 });
      await admin.getByTestId('record-tab-comments').click();
      await admin.getByTestId('record-comments').waitFor();
      const input = admin.getByTestId('record-comments').locator('textarea').last();
      await input.click();
      // The @ picker: typing filters the users, choosing one writes @username.
      await input.pressSequentially('@sales');
      await admin.locator('.ant-mentions-dropdown-menu-item').filter({ hasText: '张伟 (sales1)' }).click();
      await input.pressSequentially(text);
      assert.equal(await input.inputValue(), `@sales1 ${text}`);
      await input.press('Control+Enter');
      const posted = admin.getByTestId('record-comment').filter({ hasText: text });
      await posted.waitFor();
      assert.equal(await posted.locator('.record-comment__mention').textContent(), '@张伟');
      assert.equal(await posted.getByTestId('comment-author').textContent(), adminName);
      assert.equal(await input.inputValue(), '');
      await admin.screenshot({ path: path.join(ctx.artifacts, 'record-comments-1440.png') });

      // sales1 on a phone: the bell counts the mention; it leads to the customer's comments.
      const sales = await open(PHONE);
      await login(sales, ctx.baseUrl, 'sales1');
      await sales.getByTestId('nav-notifications').click();
      const mention = sales.getByTestId('notification-item').filter({ hasText: '有人在评论中提到了你' }).first();
      await mention.click();
      await sales.waitForURL(new RegExp(`/apps/crm/forms/customer/records/${customerId}\\?tab=comments$`));
      const shown = sales.getByTestId('record-comment').filter({ hasText: text });
      await shown.waitFor();
      assert.equal(await shown.locator('.record-comment__mention').textContent(), '@张伟');
      // Fits the phone: no horizontal scrolling, and the send button is a 44 px target.
      assert.ok((await horizontalOverflow(sales)) <= 0, 'the comments tab scrolls horizontally');
      const send = await sales.getByTestId('comment-input-send').boundingBox();
      assert.ok(send && send.height >= 44 && send.width >= 44, `send button is ${send?.width}x${send?.height}`);
      await sales.screenshot({ path: path.join(ctx.artifacts, 'record-comments-375.png') });
    });
  },
};
