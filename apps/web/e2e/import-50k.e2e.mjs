// Importing a 50,000-row XLSX through the records page's wizard: the progress bar moves while the job
// runs, the summary counts every row, and the list then holds them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ADMIN_PASSWORD, DESKTOP, PHONE, api, apiLogin, login, withBrowser } from './support.mjs';

const ROWS = 50_000;
const APP = 'bulk_import';
const FORM = 'shipment';
const STAGES = [['packed', '已打包', 'Packed'], ['sent', '已发出', 'Sent'], ['arrived', '已送达', 'Arrived']];

/** A form of a few plain fields, made over the API. */
async function createForm(baseUrl, token) {
  const app = await api(baseUrl, token, 'POST', '/api/apps', { key: APP, name: { 'zh-CN': '批量导入', 'en-US': 'Bulk import' } });
  assert.equal(app.status, 201, JSON.stringify(app.body));
  const form = await api(baseUrl, token, 'POST', `/api/apps/${APP}/forms`, {
    key: FORM,
    name: { 'zh-CN': '发货单', 'en-US': 'Shipments' },
    fields: [
      { key: 'code', type: 'text', label: { 'zh-CN': '单号', 'en-US': 'Code' }, required: true },
      { key: 'customer', type: 'text', label: { 'zh-CN': '客户', 'en-US': 'Customer' } },
      { key: 'qty', type: 'number', label: { 'zh-CN': '数量', 'en-US': 'Quantity' } },
      { key: 'ship_on', type: 'date', label: { 'zh-CN': '发货日期', 'en-US': 'Ship date' } },
      { key: 'stage', type: 'select', label: { 'zh-CN': '状态', 'en-US': 'Status' }, options: { options: STAGES.map(([key, zh, en]) => ({ key, label: { 'zh-CN': zh, 'en-US': en } })) } },
    ],
  });
  assert.equal(form.status, 201, JSON.stringify(form.body));
}

/** The workbook, written row by row (exceljs' streaming writer) into a temporary directory. */
async function writeWorkbook(file) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('发货单');
  sheet.addRow(['单号', '客户', '数量', '发货日期', '状态']).commit();
  for (let i = 0; i < ROWS; i++) {
    const row = sheet.addRow([`S-${String(i).padStart(6, '0')}`, `客户 ${i % 997}`, (i * 7) % 1000, new Date(Date.UTC(2026, 0, 1 + (i % 365))), STAGES[i % 3][1]]);
    row.getCell(4).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  await workbook.commit();
}

export const tests = {
  'an administrator imports a 50,000-row XLSX, watches the progress bar move and finds every row in the list': async (ctx) => {
    fs.mkdirSync(ctx.artifacts, { recursive: true });
    const token = await apiLogin(ctx.baseUrl, 'admin', ADMIN_PASSWORD);
    await createForm(ctx.baseUrl, token);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-50k-'));
    const file = path.join(dir, 'shipments.xlsx');
    try {
      const written = Date.now();
      await writeWorkbook(file);
      console.log(`    ${ROWS.toLocaleString('en-US')}-row workbook (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) written in ${((Date.now() - written) / 1000).toFixed(1)} s`);
      await withBrowser(ctx, async (open) => {
        const page = await open(DESKTOP);
        await login(page, ctx.baseUrl, 'admin', ADMIN_PASSWORD, APP);
        await page.goto(`${ctx.baseUrl}/apps/${APP}/forms/${FORM}`);
        await page.getByTestId('records-import').click();
        // The preview reads the whole file (it counts the rows): give it time on a busy machine.
        const chosen = Date.now();
        await page.locator('.ant-modal input[type=file]').setInputFiles(file);
        await page.getByTestId('import-start').waitFor({ timeout: 120_000 });
        console.log(`    preview shown ${((Date.now() - chosen) / 1000).toFixed(1)} s after choosing the file`);
        assert.match(await page.locator('.ant-modal').textContent(), /50,?000/);

        // Every distinct value the bar shows, read in the page every 100 ms from the moment the job starts.
        await page.evaluate(() => {
          const seen = [];
          window.__importProgress = seen;
          window.__importProgressTimer = setInterval(() => {
            const bar = document.querySelector('[data-testid="import-progress"]');
            const value = bar?.getAttribute('aria-valuenow') ?? bar?.querySelector('[aria-valuenow]')?.getAttribute('aria-valuenow');
            if (value !== null && value !== undefined && seen[seen.length - 1] !== Number(value)) seen.push(Number(value));
          }, 100);
        });
        const started = Date.now();
        const answer = page.waitForResponse((response) => response.url().endsWith(`/forms/${FORM}/records/import`) && response.request().method() === 'POST', { timeout: 120_000 });
        await page.getByTestId('import-start').click();
        const { jobId } = await (await answer).json();
        console.log(`    job started ${((Date.now() - started) / 1000).toFixed(1)} s after the start button (the file is sent and read again)`);
        await page.getByTestId('import-progress').waitFor({ timeout: 120_000 });
        // A screenshot of the wizard while rows are being saved.
        let shot = false;
        const until = Date.now() + 600_000;
        while (Date.now() < until) {
          const seen = await page.evaluate(() => window.__importProgress);
          if (!shot && seen.some((value) => value > 0 && value < 100)) {
            await page.screenshot({ path: path.join(ctx.artifacts, 'import-50k-progress-1440.png'), timeout: 60_000 });
            shot = true;
          }
          if (await page.locator('.import-wizard__done').count()) break;
          await page.waitForTimeout(200);
        }
        await page.locator('.import-wizard__done').waitFor({ timeout: 1000 });
        const seconds = (Date.now() - started) / 1000;
        const seen = await page.evaluate(() => {
          clearInterval(window.__importProgressTimer);
          return window.__importProgress;
        });
        const intermediate = seen.filter((value) => value > 0 && value < 100);
        const job = (await api(ctx.baseUrl, token, 'GET', `/api/jobs/${jobId}`)).body;
        console.log(`    import of ${ROWS.toLocaleString('en-US')} rows: ${seconds.toFixed(1)} s from the start button to the summary, ` +
          `the job ${(job.result.durationMs / 1000).toFixed(1)} s (${job.result.rowsPerSecond} rows/s); the bar showed ${seen.join(', ')}`);
        assert.ok(intermediate.length >= 2, `the bar moved through at least two values between 0 and 100, saw ${seen.join(', ')}`);
        assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'the bar never goes back');
        assert.deepEqual([job.status, job.result.created, job.result.failed], ['done', ROWS, 0]);

        // The summary: 50,000 created, none failed.
        const statistics = await page.locator('.import-wizard__done .ant-statistic').allTextContents();
        assert.equal(statistics.length, 3);
        assert.match(statistics[0], /新增\s*50,000/);
        assert.match(statistics[2], /失败\s*0/);
        await page.setViewportSize(PHONE);
        await page.locator('.import-wizard__done').waitFor();
        await page.screenshot({ path: path.join(ctx.artifacts, 'import-50k-summary-375.png'), timeout: 60_000 });
        await page.setViewportSize(DESKTOP);

        // The list behind the wizard reloaded: above 10,000 rows it shows the planner's estimate of the
        // total (API.md), so the exact count is asked for beside it.
        await page.locator('.ant-modal-footer button').first().click();
        await page.getByTestId('record-row').first().waitFor();
        const exact = await page.evaluate(async ([app, form]) => {
          const response = await fetch(`/api/apps/${app}/forms/${form}/records/query`, {
            method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ limit: 1, exactTotal: true }),
          });
          return (await response.json()).total;
        }, [APP, FORM]);
        assert.equal(exact, ROWS);
        const shown = Number(((await page.getByTestId('records-total').textContent()) ?? '').replace(/[^\d]/g, ''));
        assert.ok(Math.abs(shown - ROWS) <= ROWS * 0.05, `the list shows about ${ROWS} records, shows ${shown}`);
        // The newest first: the file's last row.
        await page.getByTestId('record-row').first().filter({ hasText: `S-${String(ROWS - 1).padStart(6, '0')}` }).waitFor();
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
