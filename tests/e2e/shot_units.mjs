// One screenshot for the docs (run by hand): the unit page after a merge.
//   CANBO_DB=db-with-a-merge CANBO_USER=admin CANBO_PASSWORD=pw PORT=18150 node tests/e2e/shot_units.mjs OUT.png DATE
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const [out, date] = process.argv.slice(2);
const port = process.env.PORT || '18150', base = `http://127.0.0.1:${port}`;
const server = spawn(process.env.CANBO, ['--db', process.env.CANBO_DB, 'serve', '--listen', `127.0.0.1:${port}`]);
await new Promise((res) => server.stdout.on('data', (d) => String(d).includes('listening') && res()));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'] });
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' })).newPage();
  await page.goto(base + '/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(process.env.CANBO_USER);
  await page.getByLabel('Mật khẩu').fill(process.env.CANBO_PASSWORD);
  await Promise.all([page.waitForURL(base + '/'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
  await page.goto(`${base}/don-vi?date=${date}`);
  await page.screenshot({ path: out, fullPage: true });
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
