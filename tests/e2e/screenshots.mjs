// Screenshots for the docs (run by hand, not by make check):
//   CANBO=build/canbo node tests/e2e/screenshots.mjs [--cadres 1500] [--out docs/screenshots]
// Builds a demo database in a temp folder (`canbo demo`), serves it on a free
// port in 19000-19999, logs in as the officer "canbo" and writes login.png,
// home.png, list.png, profile.png (full page) and import.png (the error list
// of a bad CSV) at 1280x800. Uses Debian's /usr/bin/chromium.
// For an existing database instead: CANBO_DB=path CANBO_USER=name CANBO_PASSWORD=pw.
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

const dir = mkdtempSync(join(tmpdir(), 'canbo-shots-'));
let db = process.env.CANBO_DB, user = process.env.CANBO_USER, password = process.env.CANBO_PASSWORD;
if (!db) {
  db = join(dir, 'demo.db');
  const out = execFileSync(CANBO, ['--db', db, 'demo', '--cadres', CADRES, '--seed', '7'], { encoding: 'utf8' });
  const m = /^  canbo\s+(\S+)\s+officer/m.exec(out);
  if (!m) throw new Error('no officer login "canbo" in the demo output:\n' + out);
  user = 'canbo';
  password = m[1];
}
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = await serve(db, port);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  mkdirSync(OUT, { recursive: true });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  const shot = async (name, full = false) => {
    await page.screenshot({ path: join(OUT, name), fullPage: full });
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
  await ctx.close();
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
