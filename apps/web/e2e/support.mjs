// Shared helpers of the browser tests (scripts/e2e.mjs runs only the *.e2e.mjs files).
import assert from 'node:assert/strict';
import { chromium as playwright } from 'playwright-core';

/** Debian's Chromium, headless, with nothing that would reach outside this machine. */
export const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const DEMO_PASSWORD = 'Demo@2026';
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'Admin@e2e1';
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 375, height: 812 };

/** Script errors and Content-Security-Policy violations (eval / new Function included) fail the test. */
function watchProblems(page, problems) {
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to|unsafe-eval/i.test(m.text())) problems.push(m.text());
  });
}

/** One browser, any number of pages (`open(viewport)`), each in its own context (its own login). */
export async function withBrowser(ctx, fn) {
  const browser = await playwright.launch({ executablePath: ctx.chromium, args: LAUNCH_ARGS });
  const problems = [];
  const open = async (viewport) => {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    watchProblems(page, problems);
    return page;
  };
  try {
    await fn(open);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
}

/** One browser with one page of the given size. */
export async function withPage(ctx, viewport, fn) {
  await withBrowser(ctx, async (open) => fn(await open(viewport)));
}

/**
 * Signs in through the login page and waits for the app list to show `appKey`; with `appKey` null (a
 * platform that has no app yet), only for the page to leave /login.
 */
export async function login(page, baseUrl, username, password = DEMO_PASSWORD, appKey = 'crm') {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  if (appKey === null) await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  else await page.getByTestId(`app-card-${appKey}`).waitFor();
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How an option's text is matched: all of it, its start (leading blanks aside), or any part (any case). */
const OPTION_TEXT = {
  whole: (text) => new RegExp(`^${escapeRegExp(text)}$`),
  start: (text) => new RegExp(`^\\s*${escapeRegExp(text)}`),
  part: (text) => text,
};

/**
 * Opens an antd select and clicks the first visible option whose text matches `option` (a RegExp, or a
 * string matched as `match` says). `search` is typed into the select's input instead of clicking it, so
 * a long list narrows to it; `keys` are typed after clicking it.
 */
export async function pick(page, select, option, { match = 'whole', search, keys } = {}) {
  if (search !== undefined) await select.locator('input').first().fill(search);
  else await select.click();
  if (keys !== undefined) await page.keyboard.type(keys);
  const hasText = option instanceof RegExp ? option : OPTION_TEXT[match](option);
  await page.locator('.ant-select-item-option:visible').filter({ hasText }).first().click();
}

/** True when the page does not scroll sideways (window width, a pixel of rounding allowed). */
export const noSideways = async (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

/** How far the page scrolls sideways past its client width (0 or less when it fits). */
export const horizontalOverflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** A field of the form designer's canvas, by key. */
export const canvasField = (page, key) => page.locator(`[data-testid="canvas-field"][data-field-key="${key}"]`);

/** Drags a palette item onto the end of the form, waits for the new field to be selected, and labels it. */
export async function dragFromPalette(page, type, key, label) {
  await page.getByTestId(`palette-${type}`).dragTo(page.locator('[data-testid="canvas-drop-end"][data-container="root"]'));
  await canvasField(page, key).waitFor();
  await page.locator(`[data-testid="field-panel"][data-field-key="${key}"]`).waitFor();
  if (label !== undefined) await page.getByTestId('prop-label-zh').fill(label);
}

/** A JSON call to the API with a bearer token. */
export async function api(baseUrl, token, method, url, body) {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function apiLogin(baseUrl, username, password) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(response.status, 200, `${username} logs in`);
  return (await response.json()).token;
}
