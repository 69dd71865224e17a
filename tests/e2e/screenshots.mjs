// Screenshots for the docs (run by hand, not by make check):
//   CANBO=build/canbo node tests/e2e/screenshots.mjs [--cadres 1500] [--out docs/screenshots]
// Builds a demo database in a temp folder (`canbo demo`), merges Xã Hải Xuân,
// Xã Hải Đông and Xã Hải Tiến into one commune on 01/07/2025 (`canbo unit
// merge`), serves it on a free port in 19000-19999, logs in as the officer
// "canbo" and writes, at 1280 px wide:
//   foundation: login.png, home.png, list.png, profile.png (full page),
//     import.png (the error list of a bad CSV);
//   issue 3: eligibility.png (a check with findings), review.png
//     (/quy-hoach/ra-soat), due.png (/bo-nhiem/den-han), forecast.png
//     (/du-bao), annual-report.png (/bao-cao/nam?unit=MC&year=2019);
//   issue 4: structure.png (/thong-ke), congress.png (a plan with two
//     variants made through the API), units.png (/don-vi?date=2025-07-01,
//     after the merge) and, last, dashboard.png (the home page);
//   issue 14 (docs/screenshots/issue14/, each at 1366x768 and at 390 px wide):
//     the pages whose pieces became widgets and whose defects were fixed --
//     planning (add form on top, paged pools), a refused planning form (error
//     summary, message next to the field), the date calendar open, the cadre
//     picker's suggestions, rotations (paged, the year filter empty), decisions
//     (paged), forecast (those already retired in their own group), congress
//     (an empty variant, the picker), units (the count labelled), home.
//   `--only issue14` writes just those.
//   issue 7 (docs/screenshots/records/, each at 1366x768 and 390 px wide): the
//     new cadre form and a refused one, the correction form (reason, effective
//     date), a save refused because another officer changed the record (the
//     current values beside the entered ones), the profile (the Mẫu 2C with its
//     buttons) and its history, the forms of a post, a course and a family
//     member, the void form, and as admin the users page and one user.
//   `--only records` writes just those.
// Uses Debian's /usr/bin/chromium. For an existing database instead (no
// merge, no congress plan): CANBO_DB=path CANBO_USER=name CANBO_PASSWORD=pw.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const top = resolve(here, '../..');
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
};
const CANBO = process.env.CANBO || join(top, 'build', 'canbo');
const OUT = resolve(arg('--out', join(top, 'docs', 'screenshots')));
const CADRES = arg('--cadres', '1500');

async function freePort() {
  for (;;) {
    const port = 19000 + Math.floor(Math.random() * 1000);
    const ok = await new Promise((res) => {
      const s = net.createServer();
      s.once('error', () => res(false));
      s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
    });
    if (ok) return port;
  }
}

function serve(db, port) {
  return new Promise((res, rej) => {
    const p = spawn(CANBO, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const on = (d) => { out += d; if (out.includes('listening')) res(p); };
    p.stdout.on('data', on);
    p.stderr.on('data', on);
    p.once('exit', (c) => rej(new Error(`server exited ${c}: ${out}`)));
  });
}


/** Go to `path` (200 expected) and wait for the page's fonts. */
async function visit(page, path) {
  const res = await page.goto(base + path);
  if (res.status() !== 200) throw new Error(`${path}: HTTP ${res.status()}`);
  await page.evaluate(() => document.fonts.ready);
}

/** Issue 3: eligibility, planning review, due list, forecasts, annual report. */
async function issue3(page, shot) {
  // The oldest cadre of Phường Trần Phú, checked for the pool "Chủ tịch UBND xã, phường" of 2025-2030.
  const list = await (await page.request.get(base + '/api/v1/cadres?unit=TP&sort=birth_date&limit=1')).json();
  const old = list.items[0];
  await visit(page, '/can-bo/' + encodeURIComponent(old.code));
  const form = page.locator('#elig-form');
  await form.getByLabel('Mục đích').selectOption('planning');
  await form.getByLabel('Chức danh').selectOption('CT_UBND_XA');
  await form.getByLabel('Đơn vị').selectOption('TP');
  await Promise.all([page.waitForURL(/\/dieu-kien\?/), form.getByRole('button', { name: 'Kiểm tra' }).click()]);
  await page.locator('#verdict').waitFor();
  await shot('eligibility.png', true);

  await visit(page, '/quy-hoach/ra-soat?unit=TP&term=2025-2030');
  await shot('review.png', 1500);
  await visit(page, '/bo-nhiem/den-han');
  await shot('due.png', 1100);
  await visit(page, '/du-bao');
  await shot('forecast.png', 1400);
  await visit(page, '/bao-cao/nam?unit=MC&year=2019');
  await shot('annual-report.png', 1500);
}

/**
 * Issue 14: each changed page at 1366x768 and at 390 px wide (issue14/NAME-1366.png, NAME-390.png), the top of
 * the page (1366: the viewport; 390: up to 2,400 px of it).
 */
async function issue14(browser, login) {
  const dirOut = join(OUT, 'issue14');
  mkdirSync(dirOut, { recursive: true });
  for (const [w, h] of [[1366, 768], [390, 844]]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, locale: 'vi-VN' });
    const page = await ctx.newPage();
    await login(page);
    // the viewport; at 390 px a page shown from its top is shot down to 2,400 px (scrolled ones: the viewport)
    const shot = async (name, scrolled = false) => {
      const file = join(dirOut, `${name}-${w}.png`);
      if (w > 500 || scrolled) await page.screenshot({ path: file });
      else {
        const full = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: w, height: Math.min(full, 2400) } });
      }
      console.log('wrote', file);
    };
    const at = async (path) => { await page.goto(base + path); await page.evaluate(() => document.fonts.ready); };

    await at('/quy-hoach');
    await shot('planning');
    // a refused add: no cadre, 31/02 -> the summary and the messages next to the fields
    const add = page.locator('#add-form');
    await add.getByLabel('Ngày quyết định').fill('31/02/2026');
    await add.evaluate((f) => f.noValidate = true);
    await Promise.all([page.waitForLoadState('load'), add.getByRole('button', { name: 'Bổ sung quy hoạch' }).click()]);
    await page.locator('#error-summary').waitFor();
    await page.locator('#error-summary').evaluate((e) => e.scrollIntoView());
    await shot('planning-refused', true);
    // the calendar of a date field, and the cadre picker's suggestions
    await at('/quy-hoach');
    await page.locator('#add-form .date-btn').click();
    await page.getByRole('dialog').waitFor();
    await page.getByRole('dialog').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot('date-calendar', true);
    await page.keyboard.press('Escape');
    await page.locator('#add-form').getByRole('combobox', { name: 'Cán bộ' }).pressSequentially('nguyen van', { delay: 30 });
    await page.locator('#f-cadre-list [role="option"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.locator('#f-cadre-list').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot('cadre-picker', true);

    await at('/luan-chuyen');
    await shot('rotations');
    await at('/luan-chuyen?page=2');
    await page.locator('.pager').evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await shot('rotations-pager', true);
    await at('/bo-nhiem');
    await page.locator('#decisions-h').evaluate((e) => e.scrollIntoView());
    await shot('decisions', true);
    await at('/du-bao');
    await shot('forecast');
    const session = await (await ctx.request.get(base + '/api/v1/session')).json();
    const plans = (await (await ctx.request.get(base + '/api/v1/congress')).json()).items;
    let plan = plans.find((p) => p.unit.code === 'KL' && p.term === '2025-2030');
    if (!plan) plan = await (await ctx.request.post(base + '/api/v1/congress', {
      data: { unit: 'KL', term: '2025-2030' }, headers: { 'X-CSRF-Token': session.csrf } })).json();
    // an empty variant to show "Chưa có thành viên" beside the checked ones
    const detail = await (await ctx.request.get(base + `/api/v1/congress/${plan.id}`)).json();
    if (!detail.variants.some((v) => v.members.length === 0))
      await ctx.request.post(base + `/api/v1/congress/${plan.id}/variants`, {
        data: { name: 'Phương án trống' }, headers: { 'X-CSRF-Token': session.csrf } });
    await at(`/dai-hoi/${plan.id}`);
    await page.locator('.congress-variant').last().evaluate((e) => e.scrollIntoView());
    await shot('congress', true);
    await at('/don-vi');
    await shot('units');
    await at('/');
    await page.locator('.dash-report').evaluate((e) => e.scrollIntoView());
    await shot('home', true);
    await ctx.close();
  }
}

/** Issue 4: structure charts, a congress plan with two variants, the unit tree after the merge, the dashboard. */
/** Issue 7's forms (see the header), at 1366x768 and 390 px, into OUT/records. */
async function records(browser, login, loginAdmin) {
  const dirOut = join(OUT, 'records');
  mkdirSync(dirOut, { recursive: true });
  for (const [w, h] of [[1366, 768], [390, 844]]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, locale: 'vi-VN' });
    const page = await ctx.newPage();
    await login(page);
    const shot = async (name, full = false) => {
      const file = join(dirOut, `${name}-${w}.png`);
      if (!full) await page.screenshot({ path: file });
      else {
        const hh = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: w, height: Math.min(hh, 3000) } });
      }
      console.log('wrote', file);
    };
    const at = async (path) => { await page.goto(base + path); await page.evaluate(() => document.fonts.ready); };
    const submit = (form) => Promise.all([page.waitForLoadState('load'), page.click(`${form} button[type=submit]`)]);
    await at('/them-can-bo');
    await shot('new', true);
    await page.fill('#f-full_name', 'Hà Thị <b>Thu</b>');
    await page.fill('#f-birth_date', '31/02/1990');
    await submit('form.record-form');
    await shot('new-refused');
    await page.fill('#f-full_name', 'Hà Thị Thu Trang');
    await page.fill('#f-birth_date', '12/03/1990');
    await page.selectOption('#f-gender', 'F');
    await page.selectOption('#f-unit_code', 'KL');
    await page.selectOption('#f-llct_level', 'so_cap');
    await submit('form.record-form');
    const code = /\/can-bo\/([^/?#]+)/.exec(page.url())[1];
    await at(`/can-bo/${code}/sua`);
    await page.selectOption('#f-llct_level', 'trung_cap');
    await page.fill('#f-effective_date', '01/09/2025');
    await page.fill('#f-reason', 'Bằng tốt nghiệp Trung cấp LLCT số 301/2025');
    await page.locator('#f-reason').scrollIntoViewIfNeeded();
    await shot('edit');
    // another officer saves first: this save is refused and shows the current values
    const other = await ctx.newPage();
    await other.goto(base + `/can-bo/${code}/sua`);
    await other.evaluate(() => document.querySelectorAll('details.form-section').forEach((d) => { d.open = true; }));
    await other.fill('#f-phone', '0203 3881 555');
    await other.fill('#f-reason', 'Bổ sung số điện thoại');
    await Promise.all([other.waitForLoadState('load'), other.click('form.record-form button[type=submit]')]);
    await other.close();
    await page.evaluate(() => document.querySelectorAll('details.form-section').forEach((d) => { d.open = true; }));
    await page.fill('#f-phone', '0912 000 111');
    await submit('form.record-form');
    await shot('edit-conflict');
    await at(`/can-bo/${code}`);
    await shot('profile', true);
    await at(`/can-bo/${code}/lich-su`);
    await shot('history');
    await at(`/can-bo/${code}/them/chuc-vu`);
    await shot('post');
    await at(`/can-bo/${code}/them/dao-tao`);
    await shot('course');
    await at(`/can-bo/${code}/them/gia-dinh`);
    await shot('family');
    await at(`/can-bo/${code}/huy`);
    await shot('void');
    await ctx.close();
    if (loginAdmin) {
      const actx = await browser.newContext({ viewport: { width: w, height: h }, locale: 'vi-VN' });
      const ap = await actx.newPage();
      await loginAdmin(ap);
      await ap.goto(base + '/nguoi-dung');
      await ap.screenshot({ path: join(dirOut, `users-${w}.png`), fullPage: w < 500 });
      await ap.goto(base + '/nguoi-dung/xem.haixuan');
      await ap.screenshot({ path: join(dirOut, `user-${w}.png`) });
      console.log('wrote users and user', w);
      await actx.close();
    }
  }
}

async function issue4(page, ctx, shot) {
  await visit(page, '/thong-ke');
  // Down to the end of the last chart's card (the tables below are long).
  const chartsEnd = await page.locator('main svg[role="img"]').last()
    .evaluate((e) => (e.closest('section') || e.parentElement).getBoundingClientRect().bottom + window.scrollY + 24);
  await shot('structure.png', chartsEnd);

  const session = await (await ctx.request.get(base + '/api/v1/session')).json();
  const post = async (path, data) => {
    const r = await ctx.request.post(base + path, { data, headers: { 'X-CSRF-Token': session.csrf } });
    if (r.status() >= 300) throw new Error(`${path}: ${r.status()} ${await r.text()}`);
    return r.json();
  };
  const existing = (await (await ctx.request.get(base + '/api/v1/congress')).json()).items;
  let plan = existing.find((p) => p.unit.code === 'KL' && p.term === '2025-2030');
  if (!plan) {
    plan = await post('/api/v1/congress', { unit: 'KL', term: '2025-2030' });
    // The outgoing committee's members (re-elected), then a second variant with two first-time women.
    const v1 = plan.variants[0].id;
    const bodies = ['secretary', 'standing', 'standing', 'standing'];
    const out = plan.outgoing.slice(0, 9);
    for (let i = 0; i < out.length; i++)
      await post(`/api/v1/congress/${plan.id}/variants/${v1}/members`, { cadre: out[i].code, body: bodies[i] || 'committee' });
    const two = await post(`/api/v1/congress/${plan.id}/variants`, { name: 'Phương án 2: tăng cán bộ nữ, trẻ', copy_from: v1 });
    const v2 = two.variants[1].id;
    const inPlan = new Set(out.map((m) => m.code));
    const women = (await (await ctx.request.get(base + '/api/v1/cadres?unit=KL&gender=F&age_max=40&limit=20')).json())
      .items.filter((c) => !inPlan.has(c.code)).slice(0, 2);
    for (const w of women) await post(`/api/v1/congress/${plan.id}/variants/${v2}/members`, { cadre: w.code, body: 'committee' });
  }
  await visit(page, `/dai-hoi/${plan.id}`);
  await shot('congress.png', true);

  await visit(page, '/don-vi?date=2025-07-01');
  await shot('units.png', true);

  await visit(page, '/');
  await shot('dashboard.png', true);
}

const dir = mkdtempSync(join(tmpdir(), 'canbo-shots-'));
let db = process.env.CANBO_DB, user = process.env.CANBO_USER, password = process.env.CANBO_PASSWORD, adminPassword = null;
if (!db) {
  db = join(dir, 'demo.db');
  const out = execFileSync(CANBO, ['--db', db, 'demo', '--cadres', CADRES, '--seed', '7'], { encoding: 'utf8' });
  const m = /^  canbo\s+(\S+)\s+officer/m.exec(out);
  if (!m) throw new Error('no officer login "canbo" in the demo output:\n' + out);
  user = 'canbo';
  password = m[1];
  adminPassword = (/^  admin\s+(\S+)\s+admin/m.exec(out) || [])[1] || null;
  const merged = execFileSync(CANBO, ['--db', db, 'unit', 'merge', '--into', 'HXM', '--name', 'Xã Hải Xuân mới',
    '--level', 'commune', '--parent', 'MC', '--locality', 'Hải Xuân', '--date', '2025-07-01', '--decision', '1234-QĐ/TU',
    '--note', 'Sáp nhập Xã Hải Xuân, Xã Hải Đông và Xã Hải Tiến', 'HX', 'HD', 'HT'], { encoding: 'utf8' });
  console.log(merged.trim());
}
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = await serve(db, port);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const ONLY = arg('--only', null);
const login = async (page) => {
  await page.goto(base + '/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(password);
  await Promise.all([page.waitForURL(base + '/'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
};
try {
  mkdirSync(OUT, { recursive: true });
  const loginAdmin = adminPassword && (async (page) => {
    await page.goto(base + '/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill(adminPassword);
    await Promise.all([page.waitForURL(base + '/'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
  });
  if (ONLY === 'issue14') {
    await issue14(browser, login);
    throw 'done';
  }
  if (ONLY === 'records') {
    await records(browser, login, loginAdmin);
    throw 'done';
  }
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  // full: false = the 1280x800 viewport, true = the whole page, a number = the page's top that many pixels high.
  const shot = async (name, full = false) => {
    if (typeof full === 'number') {
      const h = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.screenshot({ path: join(OUT, name), fullPage: true,
        clip: { x: 0, y: 0, width: 1280, height: Math.min(h, Math.ceil(full)) } });
    } else await page.screenshot({ path: join(OUT, name), fullPage: full });
    console.log('wrote', join(OUT, name));
  };

  await page.goto(base + '/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(user);
  await shot('login.png');
  await page.getByLabel('Mật khẩu').fill(password);
  await Promise.all([page.waitForURL(base + '/'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
  await shot('home.png');

  await page.goto(base + '/can-bo');
  await page.getByLabel('Tìm cán bộ').pressSequentially('nguyen thi', { delay: 20 });
  await page.waitForFunction(() => /q=nguyen/.test(location.search));
  await page.waitForTimeout(300);
  await shot('list.png');

  await page.goto(base + '/can-bo?q=hoang+hai+long');
  await Promise.all([page.waitForURL(/\/can-bo\/[^/?]+$/), page.locator('#results a').first().click()]);
  await shot('profile.png', true);

  const bad = join(dir, 'can-bo-loi.csv');
  writeFileSync(bad, 'code,full_name,gender,birth_date,unit_code\n' +
    'X001,Nguyễn Văn Mới,M,1985-02-30,HX\n' +
    'X002,,F,1990-01-01,HX\n' +
    'X003,Trần Thị Hoa,Nu,1991-05-05,KHONG_CO\n');
  await page.goto(base + '/nhap-du-lieu');
  await page.getByLabel('Loại dữ liệu').selectOption('cadres');
  await page.setInputFiles('#file', bad);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Nhập dữ liệu' }).click()]);
  await page.waitForSelector('table.errors');
  await shot('import.png');

  await issue3(page, shot);
  await issue4(page, ctx, shot);
  await ctx.close();
  await issue14(browser, login);
  await records(browser, login, loginAdmin);
} catch (e) {
  if (e !== 'done') throw e;
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
