// The records table as a user drives it, on a list of 260 records: coloured tags, row checkboxes
// (click and Space) feeding the bulk bar, Enter and a click opening the drawer, the checkbox column
// staying put when the table scrolls sideways, and jumps along the scrollbar always showing the rows
// in view. Screenshots at 1440 px go to ctx.artifacts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, apiLogin, login, withPage, ADMIN_PASSWORD, DESKTOP } from './support.mjs';

const APP = 'gridcheck';
const FORM = 'ticket';
const ROWS = 260;
const label = (zh, en) => ({ 'zh-CN': zh, 'en-US': en });

const TICKET_FORM = {
  key: FORM,
  name: label('工单', 'Tickets'),
  settings: { titleField: 'title' },
  fields: [
    { key: 'title', type: 'text', label: label('标题', 'Title'), required: true },
    { key: 'status', type: 'select', label: label('状态', 'Status'), options: { options: [
      { key: 'open', label: label('处理中', 'Open'), color: '#1677ff' },
      { key: 'done', label: label('已完成', 'Done') },
    ] } },
    { key: 'amount', type: 'money', label: label('金额', 'Amount') },
    { key: 'note', type: 'textarea', label: label('说明', 'Note') },
    { key: 'due', type: 'date', label: label('截止日期', 'Due') },
    { key: 'contact', type: 'email', label: label('联系邮箱', 'Email') },
    { key: 'site', type: 'url', label: label('网址', 'Site') },
    { key: 'urgent', type: 'switch', label: label('紧急', 'Urgent') },
  ],
};

async function setUp(baseUrl) {
  const token = await apiLogin(baseUrl, 'admin', ADMIN_PASSWORD);
  const app = await api(baseUrl, token, 'POST', '/api/apps', { key: APP, name: label('表格检查', 'Grid check') });
  assert.ok(app.status < 300, `app created (${app.status} ${JSON.stringify(app.body)})`);
  const form = await api(baseUrl, token, 'POST', `/api/apps/${APP}/forms`, TICKET_FORM);
  assert.ok(form.status < 300, `form created (${form.status} ${JSON.stringify(form.body)})`);
  for (let from = 1; from <= ROWS; from += 20) {
    await Promise.all(Array.from({ length: Math.min(20, ROWS - from + 1) }, async (_v, k) => {
      const n = from + k;
      const r = await api(baseUrl, token, 'POST', `/api/apps/${APP}/forms/${FORM}/records`, { data: {
        title: `工单 ${String(n).padStart(3, '0')}`, status: n % 2 ? 'open' : 'done', amount: n * 10.5, note: `第 ${n} 条`,
        due: '2026-05-01', contact: `c${n}@example.com`, site: `https://example.com/${n}`, urgent: n % 3 === 0,
      } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }));
  }
}

const rowBy = (page, title) => page.getByTestId('record-row').filter({ hasText: title }).first();

export const tests = {
  'the records table: tags, checkboxes, keyboard, the frozen checkbox column and jumps along 260 rows': async (ctx) => {
    const { baseUrl } = ctx;
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    await setUp(baseUrl);
    await withPage(ctx, DESKTOP, async (page) => {
      await login(page, baseUrl, 'admin', ADMIN_PASSWORD, APP);
      await page.goto(`${baseUrl}/apps/${APP}/forms/${FORM}`);
      const grid = page.getByTestId('records-grid');
      await rowBy(page, '工单 260').waitFor();

      // A coloured option shows antd's tag colours (text in the colour, a light tint behind); one without
      // a colour is neutral grey.
      const tagStyle = (title, text) => rowBy(page, title).locator('.cell-tag', { hasText: text }).evaluate((el) => {
        const s = getComputedStyle(el);
        return { color: s.color, background: s.backgroundColor, fontSize: s.fontSize, radius: s.borderRadius, height: el.getBoundingClientRect().height };
      });
      assert.deepEqual(await tagStyle('工单 259', '处理中'), { color: 'rgb(22, 119, 255)', background: 'rgb(229, 240, 255)', fontSize: '12px', radius: '4px', height: 22 });
      assert.deepEqual(await tagStyle('工单 260', '已完成'), { color: 'rgba(0, 0, 0, 0.88)', background: 'rgb(245, 245, 245)', fontSize: '12px', radius: '4px', height: 22 });
      assert.match(await rowBy(page, '工单 260').textContent(), /¥2,730\.00/);

      // A row's checkbox selects it (the bulk bar counts it) without opening it; Space on a focused row too.
      const box = rowBy(page, '工单 258').getByTestId('select-row');
      assert.equal(await box.getAttribute('type'), 'checkbox');
      await box.click();
      assert.equal(await box.isChecked(), true);
      assert.equal(await rowBy(page, '工单 258').getAttribute('aria-selected'), 'true');
      await page.getByTestId('bulk-count').filter({ hasText: '已选择 1 条' }).waitFor();
      assert.equal(await page.getByTestId('record-drawer').count(), 0, 'the checkbox does not open the record');
      await rowBy(page, '工单 257').focus();
      await page.keyboard.press('Space');
      await page.getByTestId('bulk-count').filter({ hasText: '已选择 2 条' }).waitFor();
      await page.keyboard.press('Space');
      await page.getByTestId('bulk-count').filter({ hasText: '已选择 1 条' }).waitFor();
      // The arrows move focus between rows (newest first: 257 is followed by 256); one row is in the tab order.
      const focusedTitle = () => page.evaluate(() => document.activeElement?.closest('[data-testid="record-row"]') === document.activeElement ? document.activeElement.textContent : null);
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => document.activeElement?.textContent?.includes('工单 256'));
      assert.equal(await rowBy(page, '工单 256').getAttribute('tabindex'), '0');
      assert.equal(await rowBy(page, '工单 257').getAttribute('tabindex'), '-1');
      await page.keyboard.press('ArrowUp');
      await page.waitForFunction(() => document.activeElement?.textContent?.includes('工单 257'));
      assert.match(await focusedTitle(), /工单 257/);
      await page.screenshot({ path: path.join(ctx.artifacts, 'records-grid-1440.png') });

      // Enter opens the focused row; so does a click on it.
      await page.keyboard.press('Enter');
      await page.getByTestId('record-drawer').waitFor();
      assert.match(page.url(), /\/records\/[0-9a-f-]+$/);
      await page.goBack();
      await page.getByTestId('record-drawer').waitFor({ state: 'detached' });
      await rowBy(page, '工单 256').locator('[role="gridcell"]').nth(1).click();
      await page.getByTestId('record-drawer').waitFor();
      await page.goBack();
      await page.getByTestId('record-drawer').waitFor({ state: 'detached' });

      // Two frozen columns: header and cells line up, and stay where they were when the table scrolls
      // sideways, as does the checkbox column (sticky only while it needs to be).
      await page.getByTestId('table-options-toggle').click();
      await page.locator('input[data-testid="frozen-columns"], [data-testid="frozen-columns"] input').first().fill('2');
      await page.keyboard.press('Escape');
      const titleHeader = page.getByTestId('column-title');
      const titleCell = rowBy(page, '工单 258').locator('[role="gridcell"]').nth(1);
      const statusCell = rowBy(page, '工单 258').locator('[role="gridcell"]').nth(2);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="records-grid"] .records-grid__header .records-grid__cell--frozen').length === 3);
      const xs = async () => [Math.round((await titleHeader.boundingBox()).x), Math.round((await titleCell.boundingBox()).x), Math.round((await statusCell.boundingBox()).x)];
      const [headerX, cellX, statusX] = await xs();
      assert.equal(headerX, cellX, 'the frozen header lines up with its cells');
      const boxCell = rowBy(page, '工单 258').locator('[role="gridcell"]').first();
      const position = () => boxCell.evaluate((el) => getComputedStyle(el).position);
      assert.equal(await position(), 'static');
      const before = await boxCell.boundingBox();
      const scrolled = await grid.evaluate((el) => { el.scrollLeft = 400; return el.scrollLeft; });
      assert.ok(scrolled > 100, `the table scrolls sideways at 1440 px (${scrolled} px)`);
      await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-testid="select-row"]').closest('[role="gridcell"]')).position === 'sticky');
      assert.equal(Math.round((await boxCell.boundingBox()).x), Math.round(before.x), 'the checkbox column stays in place');
      assert.deepEqual(await xs(), [headerX, cellX, statusX], 'the frozen columns stay in place');
      const amountX = Math.round((await rowBy(page, '工单 258').locator('[role="gridcell"]').nth(3).boundingBox()).x);
      assert.ok(amountX < statusX, `the next column slides under the frozen ones (${amountX} < ${statusX})`);
      const centre = (b) => Math.round(b.x + b.width / 2);
      assert.ok(Math.abs(centre(await page.getByTestId('select-all').boundingBox()) - centre(await box.boundingBox())) <= 1, 'with the header box above it');
      await page.screenshot({ path: path.join(ctx.artifacts, 'records-grid-sideways-1440.png') });
      await grid.evaluate((el) => { el.scrollLeft = 0; });
      await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-testid="select-row"]').closest('[role="gridcell"]')).position === 'static');

      // Load every page, then jump along the scrollbar: after each jump the rows in view are there.
      for (let i = 0; i < 20 && (await grid.getAttribute('aria-rowcount')) !== String(ROWS + 1); i++) {
        await grid.evaluate((el) => { el.scrollTop = el.scrollHeight; });
        await page.waitForTimeout(400);
      }
      assert.equal(await grid.getAttribute('aria-rowcount'), String(ROWS + 1), 'every record is loaded');
      for (const at of [0.9, 0.1, 0.55, 1, 0.33, 0]) {
        const shown = await grid.evaluate(async (el, fraction) => {
          el.scrollTop = Math.round(fraction * (el.scrollHeight - el.clientHeight));
          // A jump builds a few rows per frame, the rest showing as grey until built (lib/row-fill.ts; the
          // row group is aria-busy meanwhile): count the frames until all are built.
          let frames = 0;
          do {
            await new Promise((r) => requestAnimationFrame(r));
            frames += 1;
          } while (frames < 2 || (el.querySelector('[role="rowgroup"][aria-busy="true"]') && frames < 120));
          const box = el.getBoundingClientRect();
          const rows = [...el.querySelectorAll('[data-testid="record-row"]')];
          const inView = rows.filter((row) => { const r = row.getBoundingClientRect(); return r.bottom > box.top + 44 && r.top < box.bottom; });
          // The middle of the view is covered by a row, and the rows in view are consecutive.
          const y = (box.top + 44 + box.bottom) / 2;
          const middle = rows.some((row) => { const r = row.getBoundingClientRect(); return r.top <= y && r.bottom >= y; });
          const indexes = inView.map((row) => Number(row.getAttribute('aria-rowindex'))).sort((a, b) => a - b);
          return { frames, rendered: rows.length, inView: indexes.length, middle, consecutive: indexes.every((n, k) => k === 0 || n === indexes[k - 1] + 1) };
        }, at);
        assert.ok(shown.frames <= 12, `a jump's rows are all built within a few frames: ${JSON.stringify(shown)}`);
        assert.ok(shown.middle && shown.consecutive && shown.inView >= 10, `rows in view after a jump to ${at}: ${JSON.stringify(shown)}`);
        assert.ok(shown.rendered <= shown.inView + 10, `only the rows in view and a few more are in the page: ${JSON.stringify(shown)}`);
      }
    });
  },
};
