// The CRM on a 375 px phone, walked whole: a sales rep reaches every form of the CRM menu through the
// phone menu; each list shows cards, fits the screen and has 44 px tap targets; the first record of each
// list opens with every tab reachable; every form the rep may create opens its empty form, which fits and
// has 44 px inputs and buttons. The rep's manager then opens the approvals inbox from the header and a
// quote the rep submitted, and approves it with 44 px buttons. Every problem found on every page is
// collected and reported together, so one run shows all of them. Screenshots go to ctx.artifacts.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { api, apiLogin, login, withPage, DEMO_PASSWORD, PHONE } from './support.mjs';

const REP = 'sales1';
const MANAGER = 'manager_east';
const MIN_TARGET = 44;

/**
 * The forms of the CRM menu the user sees, in menu order: the app's navigation, less the forms the forms
 * list leaves out (as the web app's buildNavEntries does), each with the user's actions on it.
 */
async function menuForms(baseUrl, token) {
  const app = await api(baseUrl, token, 'GET', '/api/apps/crm');
  const forms = await api(baseUrl, token, 'GET', '/api/apps/crm/forms');
  assert.equal(app.status, 200, 'the CRM app loads');
  assert.equal(forms.status, 200, 'the CRM forms load');
  const byKey = new Map(forms.body.items.map((form) => [form.key, form]));
  const keys = [];
  const walk = (items) => {
    for (const item of items ?? []) {
      if (item.type === 'group') walk(item.children);
      else if (item.type === 'form' && byKey.has(item.formKey) && !keys.includes(item.formKey)) keys.push(item.formKey);
    }
  };
  walk(app.body.navigation);
  return keys.map((key) => ({ key, actions: byKey.get(key).access?.actions ?? [] }));
}

/** Records of a form the user sees (one is enough: the list must then show a card to open). */
async function countRecords(baseUrl, token, formKey) {
  const r = await api(baseUrl, token, 'POST', `/api/apps/crm/forms/${formKey}/records/query`, { limit: 1 });
  assert.equal(r.status, 200, `${formKey} records load (${JSON.stringify(r.body)})`);
  return r.body.items.length;
}

/** How far the page scrolls sideways (0 when it fits); with `containers`, also each matching scroll box. */
async function sidewaysScroll(page, containers = []) {
  return page.evaluate((selectors) => {
    const found = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) found.push(`page scrolls sideways by ${doc.scrollWidth - window.innerWidth}px`);
    for (const selector of selectors) {
      for (const box of document.querySelectorAll(selector)) {
        // Only boxes that show (a closed tab's panel has no width) and scroll (overflow-x not hidden).
        if (!box.getClientRects().length || getComputedStyle(box).overflowX === 'hidden') continue;
        if (box.scrollWidth > box.clientWidth + 1) found.push(`${selector} scrolls sideways by ${box.scrollWidth - box.clientWidth}px`);
      }
    }
    return found;
  }, containers);
}

/**
 * The visible tap targets under the given roots smaller than 44x44 px. Each control is measured by the
 * area a finger hits: an antd input by its wrapper, a tab by its padded tab, a menu link by its item.
 */
async function smallTargets(page, roots, atLeast = 0) {
  const { small, measured } = await page.evaluate(({ roots, min }) => {
    const CONTROLS = 'button, a[href], [role="button"], [role="tab"], [role="menuitem"], [role="checkbox"], [role="radio"], [role="switch"], [role="combobox"], input:not([type="hidden"]), textarea, select';
    const AREAS = '.ant-tabs-tab, .ant-menu-item, .ant-menu-submenu-title, .ant-btn, .ant-input-affix-wrapper, .ant-input-number, .ant-picker, .ant-select, .ant-checkbox-wrapper, .ant-radio-wrapper, .ant-radio-button-wrapper, .ant-segmented-item, .ant-upload';
    const name = (el) => {
      const id = el.closest('[data-testid]')?.getAttribute('data-testid');
      const label = el.getAttribute('aria-label') || el.textContent?.trim().replace(/\s+/g, ' ').slice(0, 24) || el.getAttribute('placeholder') || '';
      return `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')}${label ? ` "${label}"` : ''}${id ? ` [${id}]` : ''}`;
    };
    const seen = new Set();
    const small = [];
    let measured = 0;
    for (const selector of roots) {
      for (const root of document.querySelectorAll(selector)) {
        for (const control of root.querySelectorAll(CONTROLS)) {
          if (!control.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
          const area = control.closest(AREAS) ?? control;
          if (seen.has(area)) continue;
          seen.add(area);
          const rect = area.getBoundingClientRect();
          if (rect.width === 0 || rect.height === 0) continue;
          // Exception: a link inside running text (display inline, no control box around it) may be as
          // small as the text it sits in (WCAG 2.5.8's "inline" exception); making it 44 px would break
          // the line it sits on.
          if (area.tagName === 'A' && getComputedStyle(area).display === 'inline') continue;
          // A switch is 22 px high; its tap area is widened by a ::after overlay (styles.css), which
          // getBoundingClientRect cannot see: measure the overlay instead.
          let { width, height } = rect;
          if (area.classList.contains('ant-switch')) {
            const after = getComputedStyle(area, '::after');
            if (after.content !== 'none' && after.position === 'absolute') {
              width -= parseFloat(after.left) + parseFloat(after.right);
              height -= parseFloat(after.top) + parseFloat(after.bottom);
            }
          }
          measured += 1;
          if (width < min - 0.5 || height < min - 0.5) small.push(`${name(area)} is ${Math.round(width)}x${Math.round(height)}`);
        }
      }
    }
    return { small, measured };
  }, { roots, min: MIN_TARGET });
  // A check that found nothing to measure (a renamed class, a page that did not render) must not pass.
  return measured < atLeast ? [...small, `only ${measured} tap target(s) found under ${roots.join(', ')} (expected ${atLeast} or more)`] : small;
}

/** Collects problems per page; `report()` lists them all. */
function problemList() {
  const problems = [];
  return {
    add(where, found) {
      for (const item of found) problems.push(`${where}: ${item}`);
    },
    async step(where, fn) {
      try {
        await fn();
      } catch (e) {
        problems.push(`${where}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
      }
    },
    report(title) {
      assert.ok(problems.length === 0, `${title}: ${problems.length} problem(s) at 375 px\n  - ${problems.join('\n  - ')}`);
    },
  };
}

const shot = (page, ctx, name) => page.screenshot({ path: path.join(ctx.artifacts, `crm-phone-${name}-375.png`) });

/**
 * Waits until what `selector` names has finished moving in (a drawer sliding, a drop-down zooming): its
 * box is the same on two polls in a row. A drawer (`edge`) must also stand at the screen's edge.
 */
async function settled(page, selector, edge = true) {
  await page.waitForFunction(({ sel, edge }) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const { left, right, width, height } = el.getBoundingClientRect();
    const box = [left, right, width, height].map(Math.round).join();
    const last = el.dataset.lastBox;
    el.dataset.lastBox = box;
    return last === box && (!edge || Math.abs(left) < 1 || Math.abs(right - window.innerWidth) < 1);
  }, { sel: selector, edge }, { polling: 100 });
}

export const tests = {
  'a sales rep reaches every CRM list, record and new form on a 375 px phone': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    const token = await apiLogin(ctx.baseUrl, REP, DEMO_PASSWORD);
    const forms = await menuForms(ctx.baseUrl, token);
    // The rep's CRM menu holds all ten forms (README of @platform/crm-template): none may be skipped.
    assert.deepEqual(forms.map((form) => form.key).sort(),
      ['contact', 'contract', 'customer', 'followup', 'lead', 'opportunity', 'payment', 'payment_plan', 'product', 'quote']);
    const creatable = forms.filter((form) => form.actions.includes('create')).map((form) => form.key);
    assert.deepEqual(creatable.sort(), ['contact', 'customer', 'followup', 'lead', 'opportunity', 'quote'], 'the rep creates the six sales forms');
    for (const form of forms) assert.ok(await countRecords(ctx.baseUrl, token, form.key) > 0, `the demo data gives ${REP} a ${form.key} record to open`);

    const problems = problemList();
    const visited = [];
    await withPage(ctx, PHONE, async (page) => {
      await login(page, ctx.baseUrl, REP);
      problems.add('app list', await sidewaysScroll(page));
      problems.add('app list', await smallTargets(page, ['.app-header', '.app-list-content'], 4));
      await page.getByTestId('app-card-crm').click();
      // The app opens its first form (a redirect, which also closes the phone menu): wait for it.
      await page.waitForURL(/\/apps\/crm\/forms\//);
      await page.getByTestId('record-row').first().waitFor();

      for (const { key, actions } of forms) {
        const where = `${key} list`;
        // Through the menu, as a phone user gets there.
        await page.getByTestId('nav-open').click();
        const menu = page.locator('.app-shell__drawer');
        await menu.getByTestId(`nav-form-${key}`).waitFor();
        await settled(page, '.app-shell__drawer');
        // The menu is the same each time: measured once.
        if (visited.length === 0) problems.add('menu', await smallTargets(page, ['.app-shell__drawer .ant-drawer-header', '.app-shell__drawer nav'], forms.length + 1));
        await menu.getByTestId(`nav-form-${key}`).click();
        await page.waitForURL(new RegExp(`/apps/crm/forms/${key}$`));
        await menu.waitFor({ state: 'hidden' });
        await page.getByTestId('record-row').first().waitFor();
        visited.push(key);

        problems.add(where, await sidewaysScroll(page, ['.records-page', '.records-body', '.record-cards']));
        if (await page.locator('.records-grid').count() > 0) problems.add(where, ['shows the desktop grid, not cards']);
        if (await page.locator('.record-card').count() === 0) problems.add(where, ['shows no cards']);
        problems.add(where, await smallTargets(page, ['.app-header', '.records-toolbar', '.view-bar', '.record-cards'], 8));
        await shot(page, ctx, `${key}-list`);
        // The toolbar's filter panel with one condition row, and the view menu.
        await problems.step(`${key} filter`, async () => {
          await page.getByTestId('filter-toggle').click();
          await page.getByTestId('filter-add').click();
          await page.getByTestId('filter-row').waitFor();
          problems.add(`${key} filter`, await sidewaysScroll(page, ['.filter-panel']));
          problems.add(`${key} filter`, await smallTargets(page, ['.filter-panel'], 4));
          await page.getByTestId('filter-toggle').click();
          await page.getByTestId('filter-panel').waitFor({ state: 'detached' });
        });
        await problems.step(`${key} view menu`, async () => {
          await page.getByTestId('view-menu').click();
          const dropdown = page.locator('.ant-dropdown:not(.ant-dropdown-hidden)');
          await dropdown.getByTestId('view-save-as').waitFor();
          await settled(page, '.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu', false);
          problems.add(`${key} view menu`, await smallTargets(page, ['.ant-dropdown:not(.ant-dropdown-hidden)'], 1));
          await page.keyboard.press('Escape');
          await dropdown.waitFor({ state: 'hidden' });
        });

        // The first record, opened with a tap on its card.
        const record = `${key} record`;
        await page.getByTestId('record-row').first().click();
        const drawer = page.getByTestId('record-drawer');
        await drawer.locator('.record-tabs').waitFor();
        await drawer.getByTestId('record-tab-fields').waitFor();
        await settled(page, '.record-drawer');
        const tabs = await drawer.locator('.record-tabs .ant-tabs-tab [data-testid^="record-tab-"]').evaluateAll((els) => els.map((el) => el.dataset.testid));
        if (tabs.length < 2) problems.add(record, [`has only the tabs ${tabs.join(', ')}`]);
        // One tap away: every tab shows on the tab bar, none pushed off it (behind a swipe or the ⋯ menu).
        problems.add(record, await page.evaluate(() => {
          const wrap = document.querySelector('.record-drawer .record-tabs .ant-tabs-nav-wrap')?.getBoundingClientRect();
          if (!wrap) return ['has no tab bar'];
          return [...document.querySelectorAll('.record-drawer .record-tabs .ant-tabs-tab')]
            .filter((tab) => { const r = tab.getBoundingClientRect(); return r.left < wrap.left - 1 || r.right > wrap.right + 1; })
            .map((tab) => `tab "${tab.textContent.trim()}" is off the tab bar`);
        }));
        problems.add(record, await smallTargets(page, ['.record-drawer .ant-drawer-header', '.record-drawer .ant-tabs-nav', '.record-drawer .record-editor__footer', '.record-drawer .ant-form'], 5));
        problems.add(record, await sidewaysScroll(page, ['.record-drawer .ant-drawer-body', '.record-drawer .ant-tabs-content-holder']));
        await shot(page, ctx, `${key}-record`);
        for (const tab of tabs.filter((id) => id !== 'record-tab-fields')) {
          await problems.step(`${record} ${tab}`, async () => {
            // Reachable: a tap on the tab itself (not hidden in an overflow menu) shows its panel.
            await drawer.getByTestId(tab).click({ timeout: 3000 });
            await drawer.locator('.ant-tabs-tab-active').getByTestId(tab).waitFor({ timeout: 3000 });
            await page.waitForTimeout(300);
            problems.add(`${record} ${tab}`, await sidewaysScroll(page, ['.record-drawer .ant-drawer-body', '.record-drawer .ant-tabs-tabpane-active']));
            problems.add(`${record} ${tab}`, await smallTargets(page, ['.record-drawer .ant-tabs-tabpane-active']));
          });
        }
        await shot(page, ctx, `${key}-record-tabs`);
        // The record offers only what the rep's role allows: read-only without update, no delete without it.
        await drawer.getByTestId('record-tab-fields').click();
        const readOnlyNote = await drawer.getByTestId('record-read-only').count();
        if (actions.includes('update') === (readOnlyNote > 0)) problems.add(record, [`update ${actions.includes('update') ? 'allowed' : 'refused'} but the read-only note is ${readOnlyNote ? 'shown' : 'missing'}`]);
        const deleteButton = await drawer.getByTestId('record-delete').count();
        if (actions.includes('delete') !== (deleteButton > 0)) problems.add(record, [`delete ${actions.includes('delete') ? 'allowed' : 'refused'} but the button is ${deleteButton ? 'shown' : 'missing'}`]);
        await drawer.locator('.ant-drawer-close').click();
        await drawer.waitFor({ state: 'detached' });

        // A new record: the empty form fits and its fields and buttons are big enough; closed unsaved.
        if (actions.includes('create')) {
          const create = `${key} new`;
          await page.getByTestId('record-new').click();
          await page.waitForURL(new RegExp(`/apps/crm/forms/${key}/records/new$`));
          await drawer.getByTestId('record-save').waitFor();
          await drawer.locator('.ant-form').waitFor();
          await settled(page, '.record-drawer');
          problems.add(create, await sidewaysScroll(page, ['.record-drawer .ant-drawer-body']));
          problems.add(create, await smallTargets(page, ['.record-drawer .ant-drawer-header', '.record-drawer .ant-form', '.record-drawer .record-editor__footer'], 4));
          await shot(page, ctx, `${key}-new`);
          await drawer.locator('.record-editor__footer button').filter({ hasText: /取\s*消/ }).click();
          await drawer.waitFor({ state: 'detached' });
          await page.waitForURL(new RegExp(`/apps/crm/forms/${key}$`));
        }
      }
    });
    assert.deepEqual(visited, forms.map((form) => form.key), 'every form of the menu was visited');
    problems.report(`${REP} on a phone`);
  },

  'the manager opens the approvals inbox from the header and decides a quote on a 375 px phone': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    // The rep submits a quote to the CRM's own quote flow; a discount of 90% or more goes to the rep's
    // direct manager (crm-flows.ts), who is manager_east for sales1.
    const repToken = await apiLogin(ctx.baseUrl, REP, DEMO_PASSWORD);
    const quotes = await api(ctx.baseUrl, repToken, 'POST', '/api/apps/crm/forms/quote/records/query', { limit: 100, fields: ['title', 'discount'] });
    const quote = quotes.body.items.find((item) => !item.flowStatus && typeof item.data.discount === 'number' && item.data.discount >= 90);
    assert.ok(quote, `${REP} has a quote of 90% or more without a flow`);
    const started = await api(ctx.baseUrl, repToken, 'POST', `/api/apps/crm/forms/quote/records/${quote.id}/flow`, { flowKey: 'quote_discount' });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const managerToken = await apiLogin(ctx.baseUrl, MANAGER, DEMO_PASSWORD);
    const todo = await api(ctx.baseUrl, managerToken, 'GET', '/api/tasks?box=todo&limit=500');
    assert.ok(todo.body.items.some((task) => JSON.stringify(task).includes(quote.id)), `${MANAGER} has the quote to decide`);

    const problems = problemList();
    await withPage(ctx, PHONE, async (page) => {
      await login(page, ctx.baseUrl, MANAGER);
      await page.getByTestId('app-card-crm').click();
      // The app opens its first form (a redirect, which also closes the phone menu): wait for it.
      await page.waitForURL(/\/apps\/crm\/forms\//);
      await page.getByTestId('record-row').first().waitFor();
      await page.getByTestId('nav-inbox').click();
      await page.getByTestId('inbox-page').waitFor();
      const row = page.getByTestId('inbox-row').filter({ hasText: quote.data.title });
      await row.waitFor();
      problems.add('inbox', await sidewaysScroll(page, ['.inbox-page', '.inbox-tabs .ant-tabs-nav-wrap']));
      problems.add('inbox', await smallTargets(page, ['.app-header', '.inbox-tabs .ant-tabs-nav', '.inbox-toolbar', '.inbox-list'], 8));
      await shot(page, ctx, 'inbox');

      await row.click();
      await page.getByTestId('approval-detail').waitFor();
      await settled(page, '.approval-drawer');
      await page.getByTestId('flow-timeline').waitFor();
      const approve = page.getByTestId('task-approve');
      await approve.waitFor();
      await page.getByTestId('task-reject').waitFor();
      for (const id of ['task-approve', 'task-reject']) {
        const box = await page.getByTestId(id).boundingBox();
        if (!box || box.height < MIN_TARGET || box.width < MIN_TARGET) problems.add('approval', [`${id} is ${box?.width}x${box?.height}`]);
        // Reachable: inside the screen without scrolling (the action bar stays at the bottom).
        if (box && (box.y < 0 || box.y + box.height > PHONE.height || box.x < 0 || box.x + box.width > PHONE.width)) {
          problems.add('approval', [`${id} lies outside the screen at ${Math.round(box.x)},${Math.round(box.y)}`]);
        }
      }
      problems.add('approval', await sidewaysScroll(page, ['.approval-drawer .ant-drawer-body', '.approval-drawer .ant-drawer-footer']));
      problems.add('approval', await smallTargets(page, ['.approval-drawer .ant-drawer-header', '.approval-drawer .ant-drawer-body', '.approval-drawer .ant-drawer-footer'], 4));
      await shot(page, ctx, 'approval');

      // The decision goes through: the task leaves the to-do list.
      await approve.click();
      await page.getByTestId('approval-drawer').waitFor({ state: 'detached' });
      await page.getByTestId('inbox-row').filter({ hasText: quote.data.title }).waitFor({ state: 'detached' });
    });
    const after = await api(ctx.baseUrl, repToken, 'GET', `/api/apps/crm/forms/quote/records/${quote.id}`);
    assert.equal(after.body.flowStatus, 'approved', 'the quote is approved');
    problems.report(`${MANAGER} on a phone`);
  },
};
