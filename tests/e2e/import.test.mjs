// The web import in Debian's Chromium (issue 8): an officer uploads the board's
// TCVN3 workbook made by LibreOffice (title rows, STT, Vietnamese headers and
// values, units by name) and it is imported at once, saying the encoding found;
// then a CSV with a column canbo does not know leads to the mapping step, the
// column is left out, the dry run lists nothing wrong and writes nothing, and the
// import writes. No console, CSP or HTTP errors except the expected 4xx.
// Screenshots: $CANBO_TOP/build/e2e/import-*.png.
// Env: CANBO = path of the binary (required), CANBO_TOP = source top (optional).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CANBO, LAUNCH, TOP, freePort, startServer, SHOTS } from './lib.mjs';

let dir, server, browser, base, page, errors;
const PASSWORD = 'officer-password-1';

before(async () => {
  assert.ok(CANBO, 'set CANBO to the canbo binary');
  dir = mkdtempSync(join(tmpdir(), 'canbo-e2e-import-'));
  const db = join(dir, 'canbo.db');
  execFileSync(CANBO, ['--db', db, 'init']);
  for (const k of ['units', 'titles']) execFileSync(CANBO, ['--db', db, 'import', k, join(TOP, 'docs/examples', `${k}.csv`)], { stdio: 'ignore' });
  execFileSync(CANBO, ['--db', db, 'user', 'add', 'officer', '--role', 'officer', '--password-stdin'], { input: PASSWORD + '\n' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startServer(db, port);
  browser = await chromium.launch(LAUNCH);
  mkdirSync(SHOTS, { recursive: true });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  page = await ctx.newPage();
  page.setDefaultTimeout(8000);
  errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await page.goto(base + '/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('officer');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await Promise.all([page.waitForURL(base + '/'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    server.kill('SIGTERM');
    await new Promise((res) => { if (server.exitCode !== null) res(); else server.once('exit', res); });
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a TCVN3 workbook is imported at once, the encoding said', async () => {
  await page.goto(base + '/nhap-du-lieu');
  await page.getByLabel('Loại dữ liệu').selectOption('cadres');
  await page.setInputFiles('#file', join(TOP, 'tests/cli/fixtures/workbooks/legacy_tcvn3_moji.xlsx'));
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Nhập dữ liệu' }).click()]);
  await page.waitForSelector('text=Đã nhập 4 dòng (Cán bộ).');
  assert.match(await page.textContent('#import-found'), /bảng mã: TCVN3 \(ABC, phông \.VnTime\) đã bị lưu lại thành UTF-8/);
  await page.screenshot({ path: join(SHOTS, 'import-done.png'), fullPage: false });
  await page.goto(base + '/can-bo?q=vuong%20ngoc%20on');
  assert.match(await page.textContent('main'), /Vương Ngọc Ổn/);
  assert.deepEqual(errors, []);
});

test('an unknown column: mapping step, dry run, import', async () => {
  const csv = join(dir, 'co-cot-la.csv');
  writeFileSync(csv, 'STT,Họ và tên,Giới tính,Ngày sinh,Đơn vị,Chức vụ hiện nay\n1,Mai Văn Một,Nam,1990,UBND phường Hải Xuân,Chuyên viên\n');
  await page.goto(base + '/nhap-du-lieu');
  await page.setInputFiles('#file', csv);
  await Promise.all([page.waitForLoadState('load'), page.locator('#import-form').getByRole('button', { name: 'Nhập dữ liệu' }).click()]);
  await page.waitForSelector('#mapping-form');
  await page.screenshot({ path: join(SHOTS, 'import-mapping.png'), fullPage: true });
  await page.getByLabel('Chức vụ hiện nay').selectOption('');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Kiểm tra (không ghi)' }).click()]);
  await page.waitForSelector('text=Kiểm tra xong: 1 dòng hợp lệ, chưa ghi gì.');
  await Promise.all([page.waitForLoadState('load'), page.locator('#mapping-form').getByRole('button', { name: 'Nhập dữ liệu' }).click()]);
  await page.waitForSelector('text=Đã nhập 1 dòng (Cán bộ).');
  assert.deepEqual(errors, []);
});
