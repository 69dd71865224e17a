// Browser walk of issue 3 (cadre work) in Debian's Chromium through
// playwright-core: on `canbo demo --cadres 1000 --seed 7`, the officer "canbo"
// logs in, opens the planning pools of Phường Trần Phú (TP), tries to add
// Nguyễn Minh Sáng (MC00689, born 04/01/1967: 49 months of service left from
// 01/01/2025, PLAN-4 fails and no other rule does) to the pool "Bí thư Đảng ủy
// xã, phường" of 2025-2030 (two men in it), sees the refusal with the numbers
// and the legal basis, adds Đặng Thu Trâm (MC00124, born 1986, Phó Chủ tịch
// UBND: every rule passes, the 3rd of at most 3), then opens the yearly review and the city's
// annual report for 2019 (the published numbers of REGULATIONS.md).
// One screenshot per step in $CANBO_TOP/build/e2e/cadre-work-*.png.
// Not for: the rules themselves (unit tests) or the API (tests/http).
// Env: CANBO = path of the binary (required), CANBO_TOP = source top (optional).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CANBO, LAUNCH, freePort, startServer, SHOTS } from './lib.mjs';

const TERM = '2025-2030';
const TOO_OLD = { code: 'MC00689', name: 'Nguyễn Minh Sáng', ascii: 'nguyen minh sang' };
const VALID = { code: 'MC00124', name: 'Đặng Thu Trâm', ascii: 'dang thu tram' };

let dir, server, browser, base, password;

before(async () => {
  assert.ok(CANBO, 'set CANBO to the canbo binary');
  dir = mkdtempSync(join(tmpdir(), 'canbo-e2e-work-'));
  const db = join(dir, 'demo.db');
  const out = execFileSync(CANBO, ['--db', db, 'demo', '--cadres', '1000', '--seed', '7'], { encoding: 'utf8' });
  const m = /^ {2}canbo\s+(\S+)\s+officer\s/m.exec(out);
  assert.ok(m, 'demo prints the officer login "canbo":\n' + out);
  password = m[1];
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startServer(db, port);
  browser = await chromium.launch(LAUNCH);
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    server.kill('SIGTERM');
    await new Promise((res) => { if (server.exitCode !== null) res(); else server.once('exit', res); });
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The text of the table row of `table` whose first cell is `rule`. */
async function findingRow(table, rule) {
  const row = table.locator('tbody tr').filter({ has: table.page().locator('td:first-child', { hasText: new RegExp(`^${rule}$`) }) });
  assert.equal(await row.count(), 1, `one row for ${rule}`);
  return row.innerText();
}

/**
 * Fill the add form (#add-form) for the TP pool "Bí thư Đảng ủy xã, phường" and submit it. The cadre is
 * chosen by typing part of the name without diacritics and picking the suggestion (issue 14: the UI never
 * asks for a code); the date is typed dd/mm/yyyy.
 */
async function submitAdd(page, cadre, status) {
  const form = page.locator('#add-form');
  await form.getByLabel('Đơn vị').selectOption('TP');
  await form.getByLabel('Chức danh quy hoạch').selectOption('BT_DU');
  await form.getByLabel('Nhiệm kỳ').selectOption(TERM);
  const picker = form.getByRole('combobox', { name: 'Cán bộ' });
  await picker.fill(cadre.ascii);
  await form.getByRole('option', { name: new RegExp(`^${cadre.name}`) }).click();
  assert.equal(await form.locator('input[type="hidden"][name="cadre"]').inputValue(), cadre.code);
  await form.getByLabel('Ngày quyết định').fill('16/03/2026');
  await form.getByLabel('Số quyết định').fill('112-QĐ/ĐU');
  await form.getByLabel('Lý do, ghi chú').fill('Rà soát, bổ sung quy hoạch hằng năm');
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/quy-hoach/them') && r.request().method() === 'POST'),
    form.getByRole('button', { name: 'Bổ sung quy hoạch' }).click(),
  ]);
  assert.equal(res.status(), status, `POST /quy-hoach/them for ${cadre.code}`);
  await page.waitForLoadState('load');
}

test('officer: refused too-old cadre with PLAN-4 numbers and basis, valid add, review, annual report 2019',
  { timeout: 60000 }, async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error' && !/status of 422/.test(m.text())) errors.push(m.text()); });
    page.on('response', (r) => {
      if (r.status() >= 400 && !(r.status() === 422 && r.url().endsWith('/quy-hoach/them'))) errors.push(`${r.status()} ${r.url()}`);
    });
    const shot = (n, name) => page.screenshot({ path: join(SHOTS, `cadre-work-${n}-${name}.png`), fullPage: true });

    // 1. Log in as the officer.
    await page.goto(base + '/');
    assert.match(page.url(), /\/dang-nhap/);
    await page.getByLabel('Tên đăng nhập').fill('canbo');
    await page.getByLabel('Mật khẩu').fill(password);
    await Promise.all([page.waitForURL(base + '/'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    assert.match(await page.locator('.who').innerText(), /canbo\s+Cán bộ nghiệp vụ|canbo/);
    await shot(1, 'home');

    // 2. The planning page, filtered to Phường Trần Phú and the 2025-2030 term through its form.
    await page.goto(base + '/quy-hoach');
    const filter = page.locator('form[role="search"]');
    await filter.getByLabel('Đơn vị').selectOption('TP');
    await filter.getByLabel('Nhiệm kỳ').selectOption(TERM);
    await Promise.all([page.waitForURL(/\/quy-hoach\?.*unit=TP/), filter.getByRole('button', { name: 'Xem' }).click()]);
    const pool = page.locator('#pool-TP-BT_DU');
    await pool.waitFor();
    assert.match(await pool.locator('.pool-stats').innerText(), /^2 người trong nguồn/);
    assert.equal(await pool.getByText(TOO_OLD.name).count(), 0);
    await shot(2, 'planning');

    // 3. The too-old cadre is refused (422) with PLAN-4's numbers and legal basis; nothing is written.
    await submitAdd(page, TOO_OLD, 422);
    assert.match(await page.locator('.notice, [role="alert"]').first().innerText(), /Không bổ sung được/);
    const refusal = page.locator('#refusal table.findings');
    await refusal.waitFor();
    const p4 = await findingRow(refusal, 'PLAN-4');
    assert.match(p4, /Không đạt/);
    assert.match(p4, /Còn 49 tháng công tác tính từ 01\/01\/2025 \(< 60 tháng cần cho một nhiệm kỳ\)/);
    assert.match(p4, /nghỉ hưu từ 01\/02\/2029/);
    assert.match(p4, /Quy định 377-QĐ\/TW/); // an act of 2026: QĐ 377 (08/10/2025)
    assert.match(await findingRow(refusal, 'PLAN-1'), /Đạt[\s\S]*thêm người thứ 3, trong mức tối đa 3/);
    assert.equal(await refusal.locator('tr.finding-fail').count(), 1, 'only PLAN-4 fails');
    assert.ok(await page.getByLabel('Lý do vẫn đưa vào quy hoạch').isVisible(), 'the override field is offered');
    assert.ok(await page.getByRole('button', { name: 'Vẫn bổ sung quy hoạch' }).isVisible());
    assert.match(await pool.locator('.pool-stats').innerText(), /^2 người trong nguồn/, 'nothing written');
    await page.locator('#refusal').scrollIntoViewIfNeeded();
    await shot(3, 'refusal');

    // 4. A valid cadre: back to the pools (a fresh form), add, redirected with the notice; the pool lists her.
    await page.goto(`${base}/quy-hoach?unit=TP&term=${TERM}`);
    await submitAdd(page, VALID, 303);
    await page.waitForURL(/\/quy-hoach\?term=2025-2030&unit=TP&ok=add/);
    await page.getByText('Đã ghi quyết định bổ sung quy hoạch.').waitFor();
    assert.match(await pool.locator('.pool-stats').innerText(), /^3 người trong nguồn · nữ 33,3/);
    assert.equal(await pool.locator('table.list tbody a', { hasText: VALID.name }).count(), 1);
    const hist = pool.locator('details.plan-history');
    await hist.locator('summary').click();
    assert.match(await hist.innerText(), /16\/03\/2026\s+Bổ sung\s+Đặng Thu Trâm\s+112-QĐ\/ĐU/);
    await pool.scrollIntoViewIfNeeded();
    await shot(4, 'added');

    // 5. The yearly review of the unit and term, reached through the page's link.
    await Promise.all([page.waitForURL(/\/quy-hoach\/ra-soat\?/), page.locator('#to-review').click()]);
    const review = await page.locator('main').innerText();
    assert.match(review, /Rà soát quy hoạch cán bộ/);
    assert.match(review, /Phường Trần Phú · nhiệm kỳ 2025-2030/);
    assert.match(review, /Tỷ lệ nữ \(PLAN-6\)/);
    assert.match(review, /Tỷ lệ cán bộ trẻ \(PLAN-5\)/);
    assert.match(review, /Cán bộ phải đưa ra khỏi quy hoạch/);
    const section = page.locator('section').filter({
      has: page.getByRole('heading', { name: 'Bí thư Đảng ủy phường Trần Phú', exact: true }) });
    assert.equal(await section.count(), 1);
    assert.match(await section.innerText(), /3 người · nữ 33,3/);
    assert.equal(await section.getByText(VALID.name).count(), 1);
    await shot(5, 'review');

    // 6. The annual report of the city for 2019: the published numbers, in sentences and in the table.
    await page.goto(base + '/bao-cao/nam?unit=MC&year=2019');
    const report = await page.locator('main').innerText();
    for (const s of [
      'Năm 2019, về quy hoạch Ban Chấp hành',
      'Đảng ủy các xã, phường đã đưa ra khỏi quy hoạch',
      'Cử 15 đồng chí đi học cao cấp lý luận chính trị, 3 đồng chí học trung cấp lý luận chính trị, '
        + '9 đồng chí bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên, 84 đồng chí bồi dưỡng kỹ năng lãnh đạo, '
        + 'quản lý, 2 đồng chí đăng ký đào tạo ở nước ngoài theo Đề án 165',
      'Luân chuyển, điều động 20 đồng chí, do UBND thành phố quyết định', // their /QĐ-UBND numbers name the city's
      'bổ nhiệm, bổ nhiệm lại, đề bạt 17 đồng chí (',
    ]) assert.ok(report.includes(s), `annual report says "${s}"`);
    // the published numbers, each act credited to the body that decided it (issue 11)
    assert.match(report, /quy hoạch Ban Chấp hành[:,] [^.]*đưa ra khỏi quy hoạch 4 đồng chí[^.]*bổ sung 2 đồng chí/);
    // one deciding body is named in the sentence; several are listed after "trong đó"
    assert.match(report, /chức danh chủ chốt[:,] [^.]*đã đưa ra khỏi quy hoạch 10 đồng chí \(\d+ lượt\) và bổ sung 4 đồng chí[.;]/);
    const numbers = page.locator('table', { has: page.locator('caption', { hasText: 'Số liệu tổng hợp' }) });
    const cell = async (label) => numbers.locator('tbody tr')
      .filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${label}$`) }) })
      .locator('td.num').first().innerText(); // people; the acts are the next column
    assert.equal(await cell('Đưa ra khỏi quy hoạch chức danh chủ chốt'), '10');
    assert.equal(await cell('Luân chuyển, điều động'), '20');
    assert.equal(await cell('Bổ nhiệm, bổ nhiệm lại, đề bạt'), '17');
    assert.ok(await page.locator('main a[href^="/can-bo/MC"]').count() >= 17, 'links to the cadres behind the numbers');
    await shot(6, 'annual-report');

    assert.deepEqual(errors, [], 'no script, CSP or HTTP errors besides the refusal');
    await ctx.close();
  });
