// The flow designer: an administrator opens the CRM's flows, looks at quote_discount's two branches, then
// builds a new flow for quotes by clicking (a condition whose first branch, discount < 80, goes to the
// sales director) and publishes it; the API then has it as version 1.
import fs from 'node:fs';
import path from 'node:path';
import { api, apiLogin, login, pick, withPage, ADMIN_PASSWORD, DESKTOP } from './support.mjs';
import assert from 'node:assert/strict';

// scripts/e2e.mjs starts the platform with ADMIN_PASSWORD=Admin@e2e1.

/** Clicks the visible item of a dropdown menu (menus opened before stay in the page, hidden). */
async function menuItem(page, testId) {
  await page.locator(`[data-testid="${testId}"]:visible`).click();
}

export const tests = {
  'an administrator reads the CRM quote flow and designs a new one by clicking': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    const flowKey = `quote_e2e_${String(Date.now()).slice(-6)}`;
    await withPage(ctx, DESKTOP, async (page) => {
      await login(page, ctx.baseUrl, 'admin', ADMIN_PASSWORD);
      await page.getByTestId('app-card-crm').click();

      // The app shell offers the flows to administrators; the CRM ships two.
      await page.getByTestId('nav-flows').click();
      await page.getByTestId('flows-page').waitFor();
      await page.getByTestId('flow-row-quote_discount').waitFor();
      await page.getByTestId('flow-row-contract_approval').waitFor();

      // quote_discount: a condition node with both branches side by side, each with its approver.
      await page.getByTestId('flow-link-quote_discount').click();
      await page.getByTestId('flow-designer').waitFor();
      const group = page.getByTestId('flow-branch-group').first();
      await group.waitFor();
      assert.equal(await group.getByTestId('flow-branch').count(), 2, 'two branches');
      const below = group.locator('[data-testid="flow-branch"][data-branch-key="below_90"]');
      const otherwise = group.locator('[data-testid="flow-branch"][data-branch-key="otherwise"]');
      assert.match(await below.textContent(), /低于九折/);
      assert.match(await below.textContent(), /折扣率 小于 90/);
      assert.match(await below.getByTestId('flow-node').textContent(), /销售总监审批/);
      assert.match(await otherwise.textContent(), /其他/);
      assert.match(await otherwise.getByTestId('flow-node').textContent(), /直属经理审批/);
      // Side by side: the default branch is to the right of the first one.
      const [left, right] = [await below.boundingBox(), await otherwise.boundingBox()];
      assert.ok(left && right && right.x >= left.x + left.width - 1, 'the branches are columns');
      assert.match(await page.getByTestId('flow-publish').textContent(), /发布 v2/);
      await page.screenshot({ path: path.join(ctx.artifacts, 'flow-designer-quote-discount-1440.png') });

      // A new flow for quotes.
      await page.getByTestId('flow-back').click();
      await page.getByTestId('flow-new').click();
      await page.getByTestId('flow-designer').waitFor();
      await page.getByTestId('flow-name-input').fill('报价深度折扣审批');
      await pick(page, page.getByTestId('flow-form-select'), '报价单', { search: '报价', match: 'start' });
      await page.getByTestId('flow-key-input').fill(flowKey);

      // A condition node under 发起人.
      await page.locator('[data-testid="flow-add"][data-chain="root"][data-index="0"]').click();
      await menuItem(page, 'flow-menu-condition');
      const newGroup = page.getByTestId('flow-branch-group');
      await newGroup.waitFor();
      assert.equal(await newGroup.getByTestId('flow-branch').count(), 2, 'a condition and the default');

      // Its first branch: discount < 80.
      const first = newGroup.locator('[data-testid="flow-branch"][data-branch-index="0"]');
      await first.getByTestId('flow-branch-card').click();
      await page.getByTestId('condition-add').click();
      const row = page.getByTestId('condition-row').first();
      await pick(page, row.getByTestId('condition-field'), '折扣率', { search: '折扣', match: 'start' });
      await pick(page, row.getByTestId('condition-operator'), /^小于$/);
      await row.getByTestId('condition-value').locator('input').fill('80');
      await first.getByTestId('flow-branch-card').filter({ hasText: '折扣率 小于 80' }).waitFor();
      await page.getByTestId('flow-panel-close').click();

      // An approval node in that branch, approved by the sales director.
      await first.getByTestId('flow-add').first().click();
      await menuItem(page, 'flow-menu-approval');
      await page.getByTestId('source-add').click();
      await menuItem(page, 'source-add-users');
      await pick(page, page.getByTestId('source-users'), '王建国', { search: 'director', match: 'start' });
      const approval = first.locator('[data-testid="flow-node"][data-node-type="approval"]');
      await approval.filter({ hasText: '王建国' }).waitFor();
      await page.getByTestId('flow-panel-close').click();

      // Publish: version 1, and the designer moves to the flow's own address.
      await page.getByTestId('flow-publish').click();
      await page.waitForURL(`**/apps/crm/flows/${flowKey}`);
      await page.getByTestId('flow-version').filter({ hasText: 'v1' }).waitFor();
      await page.getByTestId('flow-publish').filter({ hasText: '发布 v2' }).waitFor();
      await page.getByTestId('flow-branch-group').waitFor();
      await page.screenshot({ path: path.join(ctx.artifacts, 'flow-designer-new-flow-1440.png') });
    });

    // The API has the flow, as designed, at version 1.
    const token = await apiLogin(ctx.baseUrl, 'admin', ADMIN_PASSWORD);
    const users = await api(ctx.baseUrl, token, 'GET', '/api/users?q=director');
    const director = users.body.items.find((user) => user.username === 'director');
    assert.ok(director, 'the demo data has a director');
    const saved = await api(ctx.baseUrl, token, 'GET', `/api/apps/crm/flows/${flowKey}`);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.version, 1);
    assert.equal(saved.body.formKey, 'quote');
    assert.equal(saved.body.name, '报价深度折扣审批');
    const [condition] = saved.body.nodes;
    assert.equal(condition.type, 'condition');
    assert.equal(condition.branches.length, 2);
    assert.deepEqual(condition.branches[0].condition, { and: [{ '<': [{ var: 'discount' }, 80] }] });
    assert.equal(condition.branches[1].condition, null);
    assert.deepEqual(condition.branches[0].nodes.map((node) => [node.type, node.approvers]), [['approval', [{ source: 'users', userIds: [director.id] }]]]);
    const listed = await api(ctx.baseUrl, token, 'GET', '/api/apps/crm/flows');
    assert.ok(listed.body.items.some((flow) => flow.key === flowKey && flow.version === 1), 'the list has it too');
  },
};
