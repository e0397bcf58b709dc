// Saved views as a sales manager would use them: a personal kanban of opportunities by stage (drag a
// card to another stage and it stays there; drag one that lacks what 方案报价 requires and it snaps back
// with the stage-gate message; move one with the keyboard menu), the follow-up calendar (desktop grid
// and the phone's list by day), and bulk edit of two records from the table. Screenshots at 1440 px
// and 375 px go to ctx.artifacts.
import path from 'node:path';
import fs from 'node:fs';
import assert from 'node:assert/strict';
import { api, apiLogin, login, noSideways, pick, withPage, DEMO_PASSWORD, DESKTOP, PHONE } from './support.mjs';

const suffix = Date.now().toString(36);
const prefix = `看板测试 ${suffix}`;
const names = { ready: `${prefix} 已确认`, bare: `${prefix} 待确认` };
const ids = {};
let token;

/** Today in Asia/Shanghai, as the platform's demo data and the browser's zh-CN calendar see it. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function ensureData(baseUrl) {
  if (token) return;
  token = await apiLogin(baseUrl, 'manager_east', DEMO_PASSWORD);
  const make = async (key, data) => {
    const r = await api(baseUrl, token, 'POST', '/api/apps/crm/forms/opportunity/records', { data });
    assert.equal(r.status, 201, `opportunity created (${JSON.stringify(r.body)})`);
    ids[key] = r.body.id;
  };
  await make('ready', { name: names.ready, customer_name: '视图测试客户', stage: 'qualify', budget: 500000, decision_maker: '王总', expected_close: today(), amount: 480000 });
  await make('bare', { name: names.bare, customer_name: '视图测试客户', stage: 'qualify' });
  const followup = await api(baseUrl, token, 'POST', '/api/apps/crm/forms/followup/records', {
    data: { subject: `${prefix} 回访`, related_type: 'customer', related_name: '视图测试客户', method: 'phone', followup_at: new Date().toISOString(), content: '电话回访', next_followup_at: today() },
  });
  assert.equal(followup.status, 201, `follow-up created (${JSON.stringify(followup.body)})`);
  ids.followup = followup.body.id;
}

const stageOf = async (baseUrl, id) => (await api(baseUrl, token, 'GET', `/api/apps/crm/forms/opportunity/records/${id}`)).body.data.stage;

async function until(check, message, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(message);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Narrows the list to this run's records. */
async function search(page, text) {
  await page.getByTestId('quick-search').locator('input').first().fill(text);
  await page.keyboard.press('Enter');
}

export const tests = {
  'a manager saves a kanban of opportunities by stage, drags a card and is stopped by the stage gate': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    await ensureData(ctx.baseUrl);
    await withPage(ctx, DESKTOP, async (page) => {
      await login(page, ctx.baseUrl, 'manager_east');
      await page.goto(`${ctx.baseUrl}/apps/crm/forms/opportunity`);
      await page.getByTestId('view-bar').waitFor();

      // Save as a new personal kanban view grouped by 销售阶段.
      await page.getByTestId('view-menu').click();
      await page.getByTestId('view-save-as').click();
      const viewName = `我的销售看板 ${suffix}`;
      await page.getByTestId('view-name-input').fill(viewName);
      await page.getByTestId('view-type-kanban').click();
      await pick(page, page.locator('.ant-modal [data-testid="view-group-field"]'), '销售阶段');
      await page.getByTestId('view-modal-ok').click();
      await page.getByTestId('kanban').waitFor();
      await page.locator('.view-bar__tab', { hasText: viewName }).waitFor();

      await search(page, prefix);
      const card = (id) => page.locator(`[data-testid="kanban-card"][data-record-id="${id}"]`);
      const lane = (key) => page.getByTestId(`kanban-lane-${key}`);
      await lane('qualify').locator(`[data-record-id="${ids.ready}"]`).waitFor();
      await lane('qualify').locator(`[data-record-id="${ids.bare}"]`).waitFor();

      // A qualified deal moves to 方案报价 and stays there.
      await card(ids.ready).dragTo(lane('proposal'));
      await lane('proposal').locator(`[data-record-id="${ids.ready}"]`).waitFor();
      await until(async () => (await stageOf(ctx.baseUrl, ids.ready)) === 'proposal', 'the move was saved');
      await page.screenshot({ path: path.join(ctx.artifacts, 'views-kanban-1440.png') });

      // One without budget, decision maker and close date is refused and snaps back, saying why.
      await card(ids.bare).dragTo(lane('proposal'));
      const refusal = page.locator('.kanban-refusal');
      await refusal.waitFor();
      // The message slides in from above: let it arrive before the picture.
      await until(async () => ((await refusal.boundingBox())?.y ?? -1) >= 0, 'the refusal is on screen');
      await page.screenshot({ path: path.join(ctx.artifacts, 'views-kanban-refused-1440.png') });
      const text = (await refusal.textContent()) ?? '';
      assert.match(text, /进入“方案报价”前需要先填写/);
      assert.match(text, /客户预算/);
      await lane('qualify').locator(`[data-record-id="${ids.bare}"]`).waitFor();
      assert.equal(await stageOf(ctx.baseUrl, ids.bare), 'qualify', 'the refused move wrote nothing');

      // The keyboard way: the card's "move to" menu.
      await card(ids.ready).getByTestId('kanban-move').click();
      await page.getByTestId('move-to-qualify').click();
      await lane('qualify').locator(`[data-record-id="${ids.ready}"]`).waitFor();
      await until(async () => (await stageOf(ctx.baseUrl, ids.ready)) === 'qualify', 'the menu move was saved');

      // The view is remembered: back on the form, the board opens again.
      await page.reload();
      await page.getByTestId('kanban').waitFor();
      const views = await api(ctx.baseUrl, token, 'GET', '/api/apps/crm/forms/opportunity/views');
      const saved = views.body.items.find((v) => v.name === viewName);
      assert.ok(saved, 'the view is stored');
      assert.equal(saved.personal, true);
      assert.equal(saved.groupField, 'stage');
    });
  },

  'the follow-up calendar shows this month and opens a record': async (ctx) => {
    await ensureData(ctx.baseUrl);
    await withPage(ctx, DESKTOP, async (page) => {
      await login(page, ctx.baseUrl, 'manager_east');
      await page.goto(`${ctx.baseUrl}/apps/crm/forms/followup?view=followup_calendar`);
      await page.getByTestId('calendar').waitFor();
      await search(page, prefix);
      const chip = page.getByTestId(`calendar-day-${today()}`).locator(`[data-record-id="${ids.followup}"]`);
      await chip.waitFor();
      await page.screenshot({ path: path.join(ctx.artifacts, 'views-calendar-1440.png') });
      await chip.click();
      await page.getByTestId('record-drawer').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('record-drawer').waitFor({ state: 'detached' });
      const title = await page.getByTestId('calendar-title').textContent();
      await page.getByTestId('calendar-next').click();
      await until(async () => (await page.getByTestId('calendar-title').textContent()) !== title, 'the month changes');
      await page.getByTestId('calendar-today').click();
      await chip.waitFor();
    });
  },

  'on a phone the calendar is a list by day and the kanban one column at a time': async (ctx) => {
    await ensureData(ctx.baseUrl);
    await withPage(ctx, PHONE, async (page) => {
      await login(page, ctx.baseUrl, 'manager_east');
      await page.goto(`${ctx.baseUrl}/apps/crm/forms/followup?view=followup_calendar`);
      await page.getByTestId('calendar-list').waitFor();
      await search(page, prefix);
      await page.getByTestId('calendar-list').locator(`[data-record-id="${ids.followup}"]`).waitFor();
      assert.ok(await noSideways(page), 'no horizontal scrolling at 375 px (calendar)');
      await page.screenshot({ path: path.join(ctx.artifacts, 'views-calendar-375.png') });

      await page.goto(`${ctx.baseUrl}/apps/crm/forms/opportunity?view=opportunity_pipeline`);
      await page.getByTestId('kanban-phone').waitFor({ timeout: 30_000 });
      await search(page, prefix);
      await page.locator(`[data-testid="kanban-card"][data-record-id="${ids.bare}"]`).waitFor();
      assert.ok(await noSideways(page), 'no horizontal scrolling at 375 px (kanban)');
      const move = page.locator(`[data-testid="kanban-card"][data-record-id="${ids.bare}"]`).getByTestId('kanban-move');
      const box = await move.boundingBox();
      assert.ok(box && box.width >= 44 && box.height >= 44, `the move button is a 44 px tap target (${JSON.stringify(box)})`);
      await page.screenshot({ path: path.join(ctx.artifacts, 'views-kanban-375.png') });
    });
  },

  'a manager bulk-edits two records from the table': async (ctx) => {
    await ensureData(ctx.baseUrl);
    await withPage(ctx, DESKTOP, async (page) => {
      await login(page, ctx.baseUrl, 'manager_east');
      await page.goto(`${ctx.baseUrl}/apps/crm/forms/opportunity`);
      await page.getByTestId('view-bar').waitFor();
      await page.getByTestId('view-tab-default').click();
      await page.getByTestId('records-grid').waitFor();
      await search(page, prefix);
      await until(async () => (await page.getByTestId('record-row').count()) === 2, 'the two records are listed');

      // Table settings: two frozen columns that stay put when the table scrolls sideways, rows grouped by stage.
      await page.getByTestId('table-options-toggle').click();
      await page.locator('input[data-testid="frozen-columns"], [data-testid="frozen-columns"] input').first().fill('2');
      await pick(page, page.getByTestId('table-group-field'), '销售阶段');
      await page.keyboard.press('Escape');
      await page.getByTestId('group-header').first().waitFor();
      const nameHeader = page.getByTestId('column-name');
      const before = await nameHeader.boundingBox();
      await page.getByTestId('records-grid').evaluate((el) => { el.scrollLeft = 600; });
      await page.waitForTimeout(200);
      const after = await nameHeader.boundingBox();
      assert.equal(Math.round(after.x), Math.round(before.x), 'the frozen column stays in place');
      await page.screenshot({ path: path.join(ctx.artifacts, 'views-table-grouped-1440.png') });
      await page.getByTestId('select-all').click();
      await page.getByTestId('bulk-count').filter({ hasText: '已选择 2 条' }).waitFor();
      await page.getByTestId('bulk-edit').click();
      await pick(page, page.locator('.ant-modal [data-testid="bulk-field"]'), '区域', { keys: '区域' });
      await pick(page, page.locator('.ant-modal .ant-form-item').filter({ hasText: '改为' }).locator('.ant-select').first(), '华南');
      await page.getByTestId('bulk-edit-next').click();
      await page.getByTestId('bulk-edit-warning').waitFor();
      await page.getByTestId('bulk-edit-confirm').click();
      await page.getByTestId('bulk-summary').filter({ hasText: '成功 2 条，失败 0 条' }).waitFor();
      await page.screenshot({ path: path.join(ctx.artifacts, 'views-bulk-edit-1440.png') });
      await page.getByTestId('bulk-close').click();
      for (const id of [ids.ready, ids.bare]) {
        const r = await api(ctx.baseUrl, token, 'GET', `/api/apps/crm/forms/opportunity/records/${id}`);
        assert.equal(r.body.data.region, 'south', `${id} is in 华南`);
      }
    });
  },
};
