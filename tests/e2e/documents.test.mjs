// The document form (GET /van-ban/{kind}, docs/DOCUMENTS.md) in Debian's Chromium
// through playwright-core, on `canbo demo --cadres 300 --seed 7` with a proposal
// made through the API: the tờ trình form is labelled in Vietnamese and pre-filled,
// the user types a number and a dd/mm/yyyy date and clicks "Tải PDF", the browser
// receives a PDF whose text (pdftotext) carries that number, date and signer; the
// Mẫu 2C form of a profile downloads a DOCX; the next form remembers the signer.
// Both forms are reached from where the work happens: the proposal page's "Tờ trình"
// button and the profile's "Mẫu 2C" button. No console, CSP or HTTP errors.
// Screenshot: $CANBO_TOP/build/e2e/documents-form.png.
// Env: CANBO = path of the binary (required), CANBO_TOP = source top (optional).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CANBO, LAUNCH, freePort, startServer, SHOTS } from './lib.mjs';

let dir, server, browser, base, ctx, page, errors, pid, cadre;

before(async () => {
  assert.ok(CANBO, 'set CANBO to the canbo binary');
  dir = mkdtempSync(join(tmpdir(), 'canbo-e2e-docs-'));
  const db = join(dir, 'demo.db');
  const out = execFileSync(CANBO, ['--db', db, 'demo', '--cadres', '300', '--seed', '7'], { encoding: 'utf8' });
  const password = /^ {2}canbo\s+(\S+)\s+officer\s/m.exec(out)[1];
  const q = (sql) => execFileSync('sqlite3', [db, sql], { encoding: 'utf8' }).trim();
  [cadre] = q("SELECT c.code FROM cadres c JOIN positions p ON p.cadre_id = c.id JOIN units u ON u.id = p.unit_id " +
    "WHERE u.code = 'HX' AND p.end_date IS NULL ORDER BY c.code LIMIT 1").split('\n');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startServer(db, port);
  browser = await chromium.launch(LAUNCH);
  mkdirSync(SHOTS, { recursive: true });
  ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
  page = await ctx.newPage();
  page.setDefaultTimeout(10000);
  errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') errors.push(msg.text()); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(base + '/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('canbo');
  await page.getByLabel('Mật khẩu').fill(password);
  await Promise.all([page.waitForURL(base + '/'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
  // a proposal through the API, with the page's session
  const csrf = await page.evaluate(async () => (await (await fetch('/api/v1/session')).json()).csrf);
  const post = (path, body) => page.evaluate(async ([p, b, t]) => {
    const r = await fetch(p, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': t }, body: JSON.stringify(b) });
    return { status: r.status, body: await r.json() };
  }, [path, body, csrf]);
  const r = await post('/api/v1/proposals', { cadre, unit: 'HX', title: 'PCT_UBND_XA', source: 'internal', date: '2025-03-01' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  pid = r.body.id;
  for (let s = 1; s <= 2; s++) {
    const st = await post(`/api/v1/proposals/${pid}/steps`, { step: s, date: `2025-03-0${s + 1}`, summoned: 20, present: 18, ...(s > 1 ? { votes_for: 15 } : {}) });
    assert.equal(st.status, 201, JSON.stringify(st.body));
  }
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const pdftext = (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

test('the tờ trình form downloads a PDF with the number, date and signer typed', async () => {
  await page.goto(`${base}/bo-nhiem/${pid}`);
  await Promise.all([page.waitForURL(/\/van-ban\/to-trinh\?/), page.locator('#documents').getByRole('link', { name: /Tờ trình/ }).click()]);
  await assert.doesNotReject(page.getByRole('heading', { name: 'Tờ trình' }).waitFor());
  assert.equal(await page.getByLabel('Địa danh').inputValue(), 'Móng Cái');
  assert.equal(await page.getByLabel('Chức vụ người ký').inputValue(), 'TRƯỞNG BAN');
  await page.getByLabel('Số văn bản', { exact: true }).fill('45');
  await page.getByLabel('Ngày ban hành (dd/mm/yyyy)').fill('07/03/2025');
  await page.getByLabel('Họ và tên người ký').fill('Phạm Thị Hương');
  await page.screenshot({ path: join(SHOTS, 'documents-form.png'), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải PDF' }).click()]);
  assert.match(download.suggestedFilename(), new RegExp(`^to-trinh-${pid}\\.pdf$`));
  const file = join(dir, 'tt.pdf');
  await download.saveAs(file);
  assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-');
  const t = pdftext(file);
  assert.match(t, /Số 45-TTr\/BTCTU/);
  assert.match(t, /Móng Cái, ngày 07 tháng 3 năm 2025/);
  assert.match(t, /Phạm Thị Hương/);
  assert.match(t, /TỜ TRÌNH/);
});

test('the Mẫu 2C form downloads a DOCX; the signer is remembered', async () => {
  await page.goto(`${base}/can-bo/${cadre}`);
  await Promise.all([page.waitForURL(/\/van-ban\/mau-2c\?/), page.getByRole('link', { name: /Mẫu 2C/ }).click()]);
  await page.getByLabel('Họ và tên người ký').fill('Vũ Văn Tổ');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải Word (.docx)' }).click()]);
  assert.equal(download.suggestedFilename(), `mau-2c-${cadre}.docx`);
  const file = join(dir, 'm.docx');
  await download.saveAs(file);
  assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK');
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
  assert.match(xml, /SƠ YẾU LÝ LỊCH CÁN BỘ/);
  assert.match(xml, /Vũ Văn Tổ/);
  await page.goto(`${base}/van-ban/mau-2c?cadre=${cadre}`);
  assert.equal(await page.getByLabel('Họ và tên người ký').inputValue(), 'Vũ Văn Tổ');
  assert.deepEqual(errors, []);
});
