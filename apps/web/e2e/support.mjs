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

/** Signs in through the login page and waits for the app list to show `appKey`. */
export async function login(page, baseUrl, username, password = DEMO_PASSWORD, appKey = 'crm') {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId(`app-card-${appKey}`).waitFor();
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
