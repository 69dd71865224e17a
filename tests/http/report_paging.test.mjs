// The annual report page at a size where a section is long (issue 9: every list paged): on a 4,000-cadre demo
// the trainings of a recent year (the one of the last three with the most; the demo's story is dated from
// today) run past the 200 records a section shows on the report. The report shows the first 200
// and links to the section's own view; its pages, put end to end, are every record once, numbered 1..N, as many
// as the section's header counts and the API's training numbers add up to; a page past the end shows the last;
// a section that does not exist is a 400. The page reads only the window it shows (report_annual_page): the
// pages, in date order, hold every record once. The same for the year's list of trainings (/dao-tao, paged
// the same way, its total the report's).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CANBO, parseDemoLogins, startServer, Client } from './helpers.mjs';

const ROWS = 200; // REPORT_ROWS of src/web/pages_report.c
const TRAINING = 4; // RS_TRAINING: the fifth section
let dir, srv, admin;
let Y, total = -1; // the recent year with the most trainings, and how many

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'canbo-http-report-paging-'));
  const db = join(dir, 'canbo.db');
  const r = spawnSync(CANBO, ['--db', db, 'demo', '--cadres', '4000'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer(db, dir);
  admin = new Client(srv.base);
  const a = parseDemoLogins(r.stdout).find((l) => l.role === 'admin');
  assert.equal((await admin.login(a.username, a.password)).res.status, 200);
  for (let y = new Date().getFullYear() - 1; y >= new Date().getFullYear() - 3; y--) {
    const api = await admin.json(`/api/v1/reports/annual?unit=MC&year=${y}`);
    assert.equal(api.status, 200);
    const n = Object.values(api.body.training).reduce((s, v) => s + v, 0);
    if (n > total) [total, Y] = [n, y];
  }
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/* The rows of the section with id sN of a page: [STT, profile link, date, kind] each. */
function rows(html, n) {
  const sec = new RegExp(`<section class="card report-section" id="s${n}">([\\s\\S]*?)</section>`).exec(html);
  assert.ok(sec, `section s${n} on the page`);
  return [...sec[1].matchAll(/<tr><td class="num">([\d.]+)<\/td><td><a href="(\/can-bo\/[^"]+)">[^<]*<\/a><\/td><td class="nowrap">([^<]*)<\/td><td>([^<]*)<\/td>/g)]
    .map((m) => ({ no: Number(m[1].replace(/\./g, '')), key: `${m[2]} ${m[3]} ${m[4]}`, date: m[3] }));
}

/* dd/mm/yyyy -> yyyy-mm-dd, to compare. */
const iso = (d) => d.split('/').reverse().join('-');
/* Each record once (no window read twice or skipped), in date order (the windows walk the year by date). */
function onceInDateOrder(all, what) {
  assert.equal(new Set(all.map((r) => r.key)).size, all.length, `${what}: every record once`);
  for (let i = 1; i < all.length; i++)
    assert.ok(iso(all[i - 1].date) <= iso(all[i].date), `${what}: row ${i + 1} (${all[i].date}) after ${all[i - 1].date}`);
}

async function page(path) {
  const res = await admin.fetch(path);
  assert.equal(res.status, 200, path);
  return res.text();
}

test('a long section: the first 200 on the report, every record once across its own pages', async () => {
  assert.ok(total > ROWS * 1.5, `the demo has ${total} trainings in ${Y}: too few to need pages`);

  const report = await page(`/bao-cao/nam?unit=MC&year=${Y}`);
  const head = /id="s4"><h2 class="section-h">[^(]*\(([\d.]+) người, ([\d.]+) lượt\)/.exec(report);
  assert.ok(head, 'the training section and its counts');
  assert.equal(Number(head[2].replace(/\./g, '')), total, 'the header counts what the API counts');
  const first = rows(report, TRAINING);
  assert.equal(first.length, ROWS);
  assert.deepEqual(first.map((r) => r.no), Array.from({ length: ROWS }, (_, i) => i + 1));
  const fmt = (n) => n.toLocaleString('de-DE');
  assert.ok(report.includes(`Hiển thị ${ROWS}/${fmt(total)} lượt đầu.`), 'says how many are shown');
  assert.ok(report.includes(`href="/bao-cao/nam?unit=MC&amp;year=${Y}&amp;section=${TRAINING}"`), 'links the section');

  const pages = Math.ceil(total / ROWS);
  const all = [];
  for (let p = 1; p <= pages; p++) {
    const html = await page(`/bao-cao/nam?unit=MC&year=${Y}&section=${TRAINING}&page=${p}`);
    assert.ok(html.includes(`Trang ${p}/${pages} (${fmt(total)} dòng)`), `page ${p}: the paging line`);
    assert.ok(!html.includes('id="s0"'), 'the section alone');
    const r = rows(html, TRAINING);
    assert.equal(r.length, p < pages ? ROWS : total - ROWS * (pages - 1), `page ${p}: its rows`);
    all.push(...r);
  }
  assert.deepEqual(all.map((r) => r.no), Array.from({ length: total }, (_, i) => i + 1), 'numbered 1..N across pages');
  assert.deepEqual(all.slice(0, ROWS), first, 'page 1 is what the report shows');
  onceInDateOrder(all, 'the report\'s trainings');

  const past = await page(`/bao-cao/nam?unit=MC&year=${Y}&section=${TRAINING}&page=999`);
  assert.deepEqual(rows(past, TRAINING), all.slice(ROWS * (pages - 1)), 'a page past the end shows the last page');
});

test('a short section has no paging line; a section that does not exist is refused', async () => {
  const report = await page(`/bao-cao/nam?unit=MC&year=${Y}`);
  const sec = /id="s6">[\s\S]*?<\/section>/.exec(report)[0];
  assert.ok(!sec.includes('Hiển thị'), 'appointments fit on the report');
  for (const bad of ['7', '-1', 'abc', '1x', '99999999999']) {
    const res = await admin.fetch(`/bao-cao/nam?unit=MC&year=${Y}&section=${bad}`);
    assert.equal(res.status, 400, `section=${bad}`);
    assert.match(await res.text(), /Mục báo cáo không có/);
  }
});

/* The rows of /dao-tao: [STT, profile link, dates] each. */
function trainingRows(html) {
  const t = /<table class="list" id="trainings">([\s\S]*?)<\/table>/.exec(html);
  assert.ok(t, 'the list of trainings');
  return [...t[1].matchAll(/<tr><td class="num">([\d.]+)<\/td><td><a href="(\/can-bo\/[^"]+)">[\s\S]*?<td class="nowrap">([^<]*)<\/td><td class="nowrap">([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)]
    .map((m) => ({ no: Number(m[1].replace(/\./g, '')), key: `${m[0]}`, date: m[3], code: m[2].slice('/can-bo/'.length) }));
}

test('the year\'s trainings (/dao-tao): paged like the report, the same total, every record once', async () => {
  const fmt = (n) => n.toLocaleString('de-DE');
  const first = await page(`/dao-tao?unit=MC&year=${Y}`);
  assert.ok(first.includes(`<span id="trainings-total">${fmt(total)}</span>`), 'the total is the report\'s');
  const pages = Math.ceil(total / ROWS);
  const all = [];
  for (let p = 1; p <= pages; p++) {
    const html = p === 1 ? first : await page(`/dao-tao?unit=MC&year=${Y}&page=${p}`);
    assert.ok(html.includes(`Trang ${p}/${pages} (${fmt(total)} dòng)`), `page ${p}: the paging line`);
    const r = trainingRows(html);
    assert.equal(r.length, p < pages ? ROWS : total - ROWS * (pages - 1), `page ${p}: its rows`);
    all.push(...r);
  }
  assert.deepEqual(all.map((r) => r.no), Array.from({ length: total }, (_, i) => i + 1), 'numbered 1..N across pages');
  onceInDateOrder(all, '/dao-tao');
  const past = await page(`/dao-tao?unit=MC&year=${Y}&page=999`);
  assert.deepEqual(trainingRows(past), all.slice(ROWS * (pages - 1)), 'a page past the end shows the last page');
  // the download holds the whole list, in the same order
  const csv = await (await admin.fetch(`/dao-tao?unit=MC&year=${Y}&format=csv`)).text();
  assert.equal(csv.trim().split('\r\n').length - 1, total, 'the CSV has every training');
  // the files are written row by row from the list's statement, the pages read windows of it: the same rows, same
  // order, the JSON's total the pages' total
  const res = await admin.fetch(`/dao-tao?unit=MC&year=${Y}&format=json`);
  assert.equal(res.headers.get('content-disposition'), null, 'the JSON is the answer, not a file to save');
  const json = await res.json();
  assert.equal(json.total, total);
  const pageCodes = all.map((r) => r.code);
  assert.deepEqual(json.items.map((i) => i.code), pageCodes, 'the JSON lists what the pages list, in their order');
  const csvCodes = csv.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => l.split(',')[0]);
  assert.deepEqual(csvCodes, pageCodes, 'the CSV lists what the pages list, in their order');
});
