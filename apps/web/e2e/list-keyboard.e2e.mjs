// Lists driven from the keyboard: in the CRM's opportunities as cards and as a kanban by stage, the
// arrow keys, Home and End move focus from card to card (sideways on the board to the nearest card of
// the next stage that has any) and Enter opens the record; "/" jumps to the quick search and Escape
// leaves it. On a list of 130 cards, End and ↓ at the last loaded card go on into the next page.
import assert from 'node:assert/strict';
import { api, apiLogin, login, withPage, ADMIN_PASSWORD, DEMO_PASSWORD, DESKTOP } from './support.mjs';

const suffix = Date.now().toString(36);
const prefix = `键盘测试 ${suffix}`;
// Names sort A..E; each has what every stage's gate asks for.
const deals = { A: 'qualify', B: 'qualify', C: 'qualify', D: 'proposal', E: 'won' };
const ids = {};
const viewKeys = {};
let token;
const label = (zh, en) => ({ 'zh-CN': zh, 'en-US': en });

async function ensureCrmData(baseUrl) {
  if (viewKeys.cards) return;
  token = await apiLogin(baseUrl, 'manager_east', DEMO_PASSWORD);
  for (const [letter, stage] of Object.entries(deals)) {
    const r = await api(baseUrl, token, 'POST', '/api/apps/crm/forms/opportunity/records', { data: {
      name: `${prefix} ${letter}`, customer_name: '键盘测试客户', stage, budget: 100000, decision_maker: '李总', expected_close: '2026-12-31', amount: 90000,
    } });
    assert.equal(r.status, 201, `opportunity ${letter} created (${JSON.stringify(r.body)})`);
    ids[letter] = r.body.id;
  }
  const view = async (type, extra) => {
    const r = await api(baseUrl, token, 'POST', '/api/apps/crm/forms/opportunity/views', {
      name: label(`键盘 ${type} ${suffix}`, `Keyboard ${type} ${suffix}`), type, columns: ['name', 'customer_name', 'amount'], sort: [{ field: 'name', dir: 'asc' }], ...extra,
    });
    assert.equal(r.status, 201, `${type} view saved (${JSON.stringify(r.body)})`);
    viewKeys[type] = r.body.key;
  };
  await view('cards', {});
  await view('kanban', { groupField: 'stage' });
}

/** The record id of the focused element (undefined when focus is not on a card). */
const focusedId = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-record-id') ?? undefined);

/** Presses a key and waits until focus is on the card of `id`. */
async function pressTo(page, key, id, what) {
  await page.keyboard.press(key);
  await page.waitForFunction((expected) => document.activeElement?.getAttribute('data-record-id') === expected, id, { timeout: 5_000 })
    .catch(async () => assert.fail(`${key} ${what}: focus is on ${await focusedId(page)}, not ${id}`));
}

async function openList(page, baseUrl, view, ready) {
  await page.goto(`${baseUrl}/apps/crm/forms/opportunity?view=${view}`);
  await page.getByTestId(ready).waitFor();
  await page.getByTestId('quick-search').locator('input').first().fill(prefix);
  await page.keyboard.press('Enter');
}

const CARDS_APP = 'kbdcheck';
const CARDS_FORM = 'card';
const CARD_COUNT = 130;
const cardTitle = (n) => `卡片 ${String(n).padStart(3, '0')}`;

async function ensureLongList(baseUrl) {
  const token = await apiLogin(baseUrl, 'admin', ADMIN_PASSWORD);
  const app = await api(baseUrl, token, 'POST', '/api/apps', { key: CARDS_APP, name: label('键盘检查', 'Keyboard check') });
  assert.ok(app.status < 300, `app created (${app.status} ${JSON.stringify(app.body)})`);
  const form = await api(baseUrl, token, 'POST', `/api/apps/${CARDS_APP}/forms`, {
    key: CARDS_FORM, name: label('卡片', 'Cards'), settings: { titleField: 'title' },
    fields: [{ key: 'title', type: 'text', label: label('标题', 'Title'), required: true }, { key: 'note', type: 'text', label: label('说明', 'Note') }],
  });
  assert.ok(form.status < 300, `form created (${form.status} ${JSON.stringify(form.body)})`);
  for (let from = 1; from <= CARD_COUNT; from += 20) {
    await Promise.all(Array.from({ length: Math.min(20, CARD_COUNT - from + 1) }, async (_v, k) => {
      const r = await api(baseUrl, token, 'POST', `/api/apps/${CARDS_APP}/forms/${CARDS_FORM}/records`, { data: { title: cardTitle(from + k), note: `第 ${from + k} 张` } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }));
  }
  const view = await api(baseUrl, token, 'POST', `/api/apps/${CARDS_APP}/forms/${CARDS_FORM}/views`, {
    name: label('全部卡片', 'All cards'), type: 'cards', sort: [{ field: 'title', dir: 'asc' }], personal: false,
  });
  assert.equal(view.status, 201, `cards view saved (${JSON.stringify(view.body)})`);
  return view.body.key;
}

/** The title of the focused card. */
const focusedTitle = (page) => page.evaluate(() => document.activeElement?.querySelector('.record-card__title')?.textContent ?? undefined);

async function pressToTitle(page, key, title) {
  await page.keyboard.press(key);
  await page.waitForFunction((expected) => document.activeElement?.querySelector('.record-card__title')?.textContent === expected, title, { timeout: 10_000 })
    .catch(async () => assert.fail(`${key}: focus is on ${await focusedTitle(page)}, not ${title}`));
}

export const tests = {
  'cards: arrows, Home and End move between the cards, Enter opens one, "/" jumps to the search': async (ctx) => {
    await ensureCrmData(ctx.baseUrl);
    await withPage(ctx, DESKTOP, async (page) => {
      await login(page, ctx.baseUrl, 'manager_east');
      await openList(page, ctx.baseUrl, viewKeys.cards, 'record-cards');
      const card = (letter) => page.locator(`[data-testid="record-row"][data-record-id="${ids[letter]}"]`);
      await card('E').waitFor();
      assert.equal(await page.getByTestId('record-row').count(), 5);

      await card('A').focus();
      await pressTo(page, 'ArrowDown', ids.B, 'from A');
      await pressTo(page, 'ArrowRight', ids.C, 'from B');
      await pressTo(page, 'End', ids.E, 'from C');
      await page.keyboard.press('ArrowDown');
      assert.equal(await focusedId(page), ids.E, 'ArrowDown on the last card stays there');
      await pressTo(page, 'ArrowUp', ids.D, 'from E');
      await pressTo(page, 'ArrowLeft', ids.C, 'from D');
      await pressTo(page, 'Home', ids.A, 'from C');
      await pressTo(page, 'ArrowDown', ids.B, 'from A again');

      // Enter opens the focused card's record.
      await page.keyboard.press('Enter');
      await page.getByTestId('record-drawer').waitFor();
      assert.ok(page.url().endsWith(`/records/${ids.B}`), `the drawer shows B (${page.url()})`);
      await page.goBack();
      await page.getByTestId('record-drawer').waitFor({ state: 'detached' });

      // "/" from a card focuses the quick search without typing itself; Escape leaves it as it was.
      const input = page.getByTestId('quick-search').locator('input').first();
      await card('C').focus();
      assert.match((await input.getAttribute('placeholder')) ?? '', /按 \/ 键/);
      await page.keyboard.press('/');
      assert.equal(await input.evaluate((el) => el === document.activeElement), true, '"/" focuses the quick search');
      assert.equal(await input.inputValue(), prefix, 'the "/" is not typed into it');
      await page.keyboard.press('Escape');
      assert.equal(await input.evaluate((el) => el === document.activeElement), false, 'Escape leaves the search box');
      assert.equal(await input.inputValue(), prefix, 'Escape keeps the search');
      await card('E').waitFor();
      assert.equal(await page.getByTestId('record-row').count(), 5, 'the list still shows the search’s records');
    });
  },

  'kanban: up and down a stage, sideways to the nearest card of the next stage with cards, Enter opens': async (ctx) => {
    await ensureCrmData(ctx.baseUrl);
    await withPage(ctx, DESKTOP, async (page) => {
      await login(page, ctx.baseUrl, 'manager_east');
      await openList(page, ctx.baseUrl, viewKeys.kanban, 'kanban');
      const card = (letter) => page.locator(`[data-testid="kanban-card"][data-record-id="${ids[letter]}"]`);
      await page.getByTestId('kanban-lane-won').locator(`[data-record-id="${ids.E}"]`).waitFor();
      await page.getByTestId('kanban-lane-qualify').locator(`[data-record-id="${ids.C}"]`).waitFor();
      assert.equal(await page.getByTestId('kanban-lane-negotiation').getByTestId('kanban-card').count(), 0, '商务谈判 is empty');

      await card('A').focus();
      await pressTo(page, 'ArrowDown', ids.B, 'down 需求分析');
      await pressTo(page, 'End', ids.C, 'to the end of 需求分析');
      await page.keyboard.press('ArrowDown');
      assert.equal(await focusedId(page), ids.C, 'ArrowDown on a lane’s last card stays there');
      await pressTo(page, 'Home', ids.A, 'to the top of 需求分析');
      await pressTo(page, 'ArrowDown', ids.B, 'down again');
      await pressTo(page, 'ArrowRight', ids.D, 'to 方案报价');
      await pressTo(page, 'ArrowRight', ids.E, 'past the empty 商务谈判 to 赢单');
      await pressTo(page, 'ArrowLeft', ids.D, 'back to 方案报价');
      // D is the first card of its stage: left goes to the first of 需求分析, not where it came from.
      await pressTo(page, 'ArrowLeft', ids.A, 'to the card at the same height');
      await page.keyboard.press('ArrowLeft');
      assert.equal(await focusedId(page), ids.A, 'ArrowLeft on the first stage stays there');

      await page.keyboard.press('Enter');
      await page.getByTestId('record-drawer').waitFor();
      assert.ok(page.url().endsWith(`/records/${ids.A}`), `the drawer shows A (${page.url()})`);
      await page.goBack();
      await page.getByTestId('record-drawer').waitFor({ state: 'detached' });
      await page.getByTestId('kanban-lane-qualify').locator(`[data-record-id="${ids.A}"]`).waitFor();
      const stored = await api(ctx.baseUrl, token, 'GET', `/api/apps/crm/forms/opportunity/records/${ids.A}`);
      assert.equal(stored.body.data.stage, 'qualify', 'moving focus moved no card');
    });
  },

  'cards: End and ↓ on the last loaded card go on into the next page of a 130-card list': async (ctx) => {
    const viewKey = await ensureLongList(ctx.baseUrl);
    await withPage(ctx, DESKTOP, async (page) => {
      await login(page, ctx.baseUrl, 'admin', ADMIN_PASSWORD, CARDS_APP);
      await page.goto(`${ctx.baseUrl}/apps/${CARDS_APP}/forms/${CARDS_FORM}?view=${viewKey}`);
      const first = page.getByTestId('record-row').filter({ hasText: cardTitle(1) }).first();
      await first.waitFor();
      await first.focus();
      await pressToTitle(page, 'ArrowDown', cardTitle(2));
      // End: the last card of the first page (100), far below; the next page starts loading.
      await pressToTitle(page, 'End', cardTitle(100));
      await pressToTitle(page, 'ArrowDown', cardTitle(101));
      await pressToTitle(page, 'End', cardTitle(CARD_COUNT));
      await page.keyboard.press('ArrowDown');
      assert.equal(await focusedTitle(page), cardTitle(CARD_COUNT), 'the very last card stays focused');
      await pressToTitle(page, 'Home', cardTitle(1));
      // The focused card is in view.
      const inView = await page.evaluate(() => {
        const card = document.activeElement.getBoundingClientRect();
        const list = document.querySelector('[data-testid="record-cards"]').getBoundingClientRect();
        return card.top >= list.top - 1 && card.bottom <= list.bottom + 1;
      });
      assert.ok(inView, 'the first card is scrolled into view');
    });
  },
};
