// Approvals from both sides: a salesperson submits a quote, the sales director returns it with a comment,
// the salesperson resubmits from the inbox, the director approves it on a phone, and the quote shows 已通过.
import fs from 'node:fs';
import path from 'node:path';
import { api, apiLogin, horizontalOverflow, withBrowser, login, ADMIN_PASSWORD, DESKTOP, PHONE, DEMO_PASSWORD } from './support.mjs';
import assert from 'node:assert/strict';

// scripts/e2e.mjs starts the platform with ADMIN_PASSWORD=Admin@e2e1.

/** The CRM ships its own quote flow; this test adds a one-step flow whose approver is the director. */
async function createQuoteFlow(baseUrl) {
  const token = await apiLogin(baseUrl, 'admin', ADMIN_PASSWORD);
  const users = await api(baseUrl, token, 'GET', '/api/users?q=director');
  const director = users.body.items.find((user) => user.username === 'director');
  assert.ok(director, 'the demo data has a director');
  const flow = {
    key: 'quote_check',
    name: '报价审批',
    formKey: 'quote',
    nodes: [{ key: 'director', type: 'approval', name: '销售总监', approvers: [{ source: 'users', userIds: [director.id] }] }],
  };
  let saved = await api(baseUrl, token, 'POST', '/api/apps/crm/flows', flow);
  // Run twice on one database: the flow exists already, publish it again.
  if (saved.status >= 400) saved = await api(baseUrl, token, 'PUT', '/api/apps/crm/flows/quote_check', flow);
  assert.ok(saved.status < 300, `flow saved (${saved.status} ${JSON.stringify(saved.body)})`);
}

/** Opens the inbox row of the quote and waits for its approval detail. */
async function openInboxRow(page, title) {
  await page.getByTestId('inbox-row').filter({ hasText: title }).first().click();
  await page.getByTestId('approval-detail').waitFor();
  await page.getByTestId('flow-timeline').waitFor();
}

export const tests = {
  'a quote is submitted, returned, resubmitted from the inbox and approved on a phone': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    await createQuoteFlow(ctx.baseUrl);
    await withBrowser(ctx, async (open) => {
      // sales1 opens one of their quotes and submits it for approval.
      const sales = await open(DESKTOP);
      await login(sales, ctx.baseUrl, 'sales1');
      await sales.goto(`${ctx.baseUrl}/apps/crm/forms/quote`);
      await sales.getByTestId('record-row').first().click();
      await sales.getByTestId('record-drawer').locator('.record-editor__title').waitFor();
      const title = (await sales.locator('.record-editor__title').textContent()).trim();
      const recordId = new URL(sales.url()).pathname.split('/').pop();
      assert.ok(title.length > 0 && recordId, 'the quote has a title and an id');
      await sales.getByTestId('flow-start').click();
      await sales.getByTestId('flow-option-quote_check').click();
      await sales.getByTestId('flow-start-confirm').click();
      // The drawer switches to the approval tab: running, waiting for the director.
      const panel = sales.getByTestId('flow-panel');
      await panel.getByTestId('flow-status').filter({ hasText: '审批中' }).waitFor();
      await panel.getByTestId('flow-timeline').filter({ hasText: '发起了审批' }).waitFor();
      await panel.getByTestId('flow-timeline').filter({ hasText: '王建国' }).waitFor();
      // The list shows the flow status beside the quote (live refresh or the action's own refresh).
      await sales.locator(`[data-testid="record-row"][data-record-id="${recordId}"]`).filter({ hasText: '审批中' }).waitFor();
      // Under approval, the fields tab says the record is locked.
      await sales.getByTestId('record-tab-fields').click();
      await sales.getByTestId('record-locked-notice').waitFor();

      // The director sees the to-do count in the header and in the inbox, and returns the quote.
      const director = await open(DESKTOP);
      await login(director, ctx.baseUrl, 'director');
      const entry = director.getByTestId('nav-inbox');
      await director.locator('[data-testid="nav-inbox"][aria-label*="1"]').waitFor();
      await entry.click();
      await director.getByTestId('inbox-page').waitFor();
      assert.equal((await director.getByTestId('inbox-count-todo').textContent()).trim(), '1');
      const row = director.getByTestId('inbox-row').filter({ hasText: title });
      await row.waitFor();
      assert.match(await row.textContent(), /报价单/);
      assert.match(await row.textContent(), /销售总监/);
      await openInboxRow(director, title);
      assert.match(await director.getByTestId('approval-title').textContent(), new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      await director.getByTestId('task-comment-input').fill('请补充折扣说明');
      await director.getByTestId('task-return').click();
      await director.getByTestId('task-return-to-start').waitFor();
      await director.getByTestId('task-return-confirm').click();
      await director.getByTestId('approval-drawer').waitFor({ state: 'detached' });
      await director.getByTestId('inbox-row').filter({ hasText: title }).waitFor({ state: 'detached' });

      // sales1 finds the returned quote in their own inbox, reads the comment and resubmits.
      await sales.goto(`${ctx.baseUrl}/inbox`);
      await sales.getByTestId('inbox-row').filter({ hasText: title }).filter({ hasText: '待重新提交' }).waitFor();
      await openInboxRow(sales, title);
      await sales.getByTestId('flow-timeline').filter({ hasText: '请补充折扣说明' }).waitFor();
      await sales.getByTestId('task-resubmit').click();
      await sales.getByTestId('approval-drawer').waitFor({ state: 'detached' });

      // The director approves on a phone: a card list without sideways scrolling, big buttons.
      const phone = await open(PHONE);
      await login(phone, ctx.baseUrl, 'director');
      await phone.getByTestId('nav-inbox').click();
      await phone.getByTestId('inbox-row').filter({ hasText: title }).waitFor();
      assert.ok(await horizontalOverflow(phone) <= 0, 'the inbox fits 375 px');
      await phone.screenshot({ path: path.join(ctx.artifacts, 'approvals-inbox-375.png') });
      await openInboxRow(phone, title);
      const approve = phone.getByTestId('task-approve');
      const box = await approve.boundingBox();
      assert.ok(box && box.height >= 44, `the approve button is ${box?.height}px high`);
      assert.ok((await phone.getByTestId('task-reject').boundingBox()).height >= 44);
      assert.ok(await horizontalOverflow(phone) <= 0, 'the approval detail fits 375 px');
      await phone.screenshot({ path: path.join(ctx.artifacts, 'approvals-detail-375.png') });
      await approve.click();
      await phone.getByTestId('approval-drawer').waitFor({ state: 'detached' });
      await phone.getByTestId('inbox-empty').waitFor();

      // The quote is approved: in the list and on its approval tab.
      await sales.goto(`${ctx.baseUrl}/apps/crm/forms/quote/records/${recordId}`);
      await sales.locator(`[data-testid="record-row"][data-record-id="${recordId}"]`).filter({ hasText: '已通过' }).waitFor();
      await sales.getByTestId('record-tab-flow').click();
      await sales.getByTestId('flow-panel').getByTestId('flow-status').filter({ hasText: '已通过' }).waitFor();
      const timeline = await sales.getByTestId('flow-panel').getByTestId('flow-timeline').textContent();
      assert.match(timeline, /退回/);
      assert.match(timeline, /重新提交/);
      assert.match(timeline, /同意/);
      assert.match(timeline, /审批结束：已通过/);
      await sales.screenshot({ path: path.join(ctx.artifacts, 'approvals-quote-approved-1440.png') });
    });
  },

  'the director approves several quotes at once and reads a per-item summary': async (ctx) => {
    await createQuoteFlow(ctx.baseUrl);
    // A sales manager submits two quotes of the team through the API.
    const token = await apiLogin(ctx.baseUrl, 'manager_east', DEMO_PASSWORD);
    const quotes = await api(ctx.baseUrl, token, 'POST', '/api/apps/crm/forms/quote/records/query', { limit: 50, fields: ['title'] });
    const free = quotes.body.items.filter((item) => !item.flowStatus).slice(0, 2);
    assert.equal(free.length, 2, 'two quotes without a flow');
    for (const quote of free) {
      const started = await api(ctx.baseUrl, token, 'POST', `/api/apps/crm/forms/quote/records/${quote.id}/flow`, { flowKey: 'quote_check' });
      assert.equal(started.status, 201, JSON.stringify(started.body));
    }
    await withBrowser(ctx, async (open) => {
      const page = await open(DESKTOP);
      await login(page, ctx.baseUrl, 'director');
      await page.goto(`${ctx.baseUrl}/inbox`);
      for (const quote of free) await page.getByTestId('inbox-row').filter({ hasText: quote.data.title }).waitFor();
      for (const quote of free) await page.getByTestId('inbox-row').filter({ hasText: quote.data.title }).getByTestId('inbox-select').check();
      await page.getByTestId('inbox-batch-approve').click();
      await page.getByTestId('inbox-batch-confirm').click();
      const summary = page.getByTestId('inbox-batch-summary');
      await summary.waitFor();
      assert.match(await summary.textContent(), /成功 2 项，已被处理 0 项，失败 0 项/);
      // One line per quote, each with its outcome.
      for (const quote of free) {
        await page.locator('[data-testid="inbox-batch-item"][data-outcome="ok"]').filter({ hasText: quote.data.title }).waitFor();
      }
      await page.getByTestId('inbox-batch-result-close').click();
      for (const quote of free) await page.getByTestId('inbox-row').filter({ hasText: quote.data.title }).waitFor({ state: 'detached' });
      // Both show up as done.
      await page.getByTestId('inbox-tab-done').click();
      for (const quote of free) await page.getByTestId('inbox-row').filter({ hasText: quote.data.title }).first().waitFor();
    });
  },
};
