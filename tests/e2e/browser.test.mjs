// Browser test: a real `canbo serve` on a demo database, driven in Debian's
// Chromium through playwright-core (never a downloaded browser). Logs in
// through the form, uses the instant search, opens a profile, checks the
// Vietnamese text and saves a screenshot to $CANBO_TOP/build/e2e/profile.png;
// then checks that the list still searches with JavaScript disabled.
// Env: CANBO = path of the binary (required), CANBO_TOP = source top (optional).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CANBO, LAUNCH, freePort, startServer, TOP } from './lib.mjs';


let dir, server, browser, base, logins;

/** Parse the demo's login lines: two spaces, username, password, role, unit code or "-". */
function parseLogins(out) {
  const users = {};
  for (const line of out.split('\n')) {
    const m = /^  (\S+)\s+(\S+)\s+(admin|officer|viewer)\s+(\S+)\s*$/.exec(line);
    if (m) users[m[1]] = { username: m[1], password: m[2], role: m[3], unit: m[4] };
  }
  return users;
}

async function login(page, user) {
  await page.goto(base + '/');
  assert.match(page.url(), /\/dang-nhap/);
  await page.getByLabel('Tên đăng nhập').fill(user.username);
  await page.getByLabel('Mật khẩu').fill(user.password);
  await Promise.all([page.waitForURL(base + '/'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
}

before(async () => {
  assert.ok(CANBO, 'set CANBO to the canbo binary');
  dir = mkdtempSync(join(tmpdir(), 'canbo-e2e-'));
  const db = join(dir, 'demo.db');
  const out = execFileSync(CANBO, ['--db', db, 'demo', '--cadres', '300', '--seed', '7'], { encoding: 'utf8' });
  logins = parseLogins(out);
  assert.ok(logins.canbo, 'demo prints the officer login "canbo":\n' + out);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startServer(db, port);
  browser = await chromium.launch(LAUNCH);
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    server.kill('SIGTERM');
    await new Promise((res) => { if (server.exitCode !== null) res(); else server.once('exit', res); });
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('log in, instant search, profile in Vietnamese, screenshot', { timeout: 30000 }, async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await login(page, logins.canbo);
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  await page.getByText('Tổng số cán bộ').waitFor();

  await page.goto(base + '/can-bo');
  const initial = await page.locator('#count').textContent();
  assert.match(initial, /Tìm thấy [\d.]+ cán bộ/);
  // Instant search: typing (no submit) re-renders the table from the API and updates the URL.
  const apiAnswer = page.waitForResponse((r) => r.url().includes('/api/v1/cadres') && r.url().includes('long'));
  await page.getByLabel('Tìm cán bộ').pressSequentially('hoang hai long', { delay: 10 });
  assert.equal((await apiAnswer).status(), 200);
  const link = page.locator('#results a', { hasText: 'Hoàng Hải Long' }).first();
  await link.waitFor();
  await page.waitForFunction(() => /q=hoang/.test(location.search));
  assert.notEqual(await page.locator('#count').textContent(), initial);

  await Promise.all([page.waitForURL(/\/can-bo\/[^/?]+$/), link.click()]);
  const body = await page.locator('main').innerText();
  for (const text of ['SƠ YẾU LÝ LỊCH CÁN BỘ', 'HOÀNG HẢI LONG', 'Đào tạo, bồi dưỡng', 'Tóm tắt quá trình công tác',
    'Thời gian công tác còn lại', 'Quảng Ninh']) {
    assert.ok(body.toLowerCase().includes(text.toLowerCase()), `profile shows "${text}"`);
  }
  assert.ok(await page.getByRole('button', { name: 'In hồ sơ' }).isVisible());
  const shot = join(TOP, 'build', 'e2e', 'profile.png');
  mkdirSync(dirname(shot), { recursive: true });
  await page.screenshot({ path: shot, fullPage: true });
  assert.deepEqual(errors, [], 'no script errors (CSP violations included)');
  await ctx.close();
});

test('the list searches through the form without JavaScript', { timeout: 30000 }, async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await login(page, logins.canbo);
  await page.goto(base + '/can-bo');
  await page.getByLabel('Tìm cán bộ').fill('dang dat');
  await Promise.all([page.waitForURL(/[?&]q=dang(\+|%20)dat/), page.getByLabel('Tìm cán bộ').press('Enter')]);
  assert.ok(await page.locator('#results a', { hasText: 'Đặng Văn Đạt' }).count() >= 1);
  assert.match(await page.locator('#count').textContent(), /Tìm thấy [\d.]+ cán bộ/);
  // The unit filter lists units, indented, and submitting it keeps the query.
  assert.ok((await page.locator('#unit option').count()) > 5);
  await ctx.close();
});
