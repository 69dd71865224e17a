// The relatives report page is paged (issue 9: every list is paged): 100 pairs a page, failures and warnings
// first; the pager reaches every pair once and the CSV holds them all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

const PAIRS = 130;
let srv, admin;

before(async () => {
  const { dir, db } = fixtureDb();
  const cadres = ['code,full_name,gender,birth_date,unit_code'];
  for (let i = 0; i <= PAIRS; i++) cadres.push(`R${String(i).padStart(3, '0')},Lê Văn Thân,${i % 2 ? 'F' : 'M'},1980-01-01,KL`);
  const pairs = ['cadre_code,relative_code,relation'];
  for (let i = 0; i < PAIRS; i++) pairs.push(`R${String(i).padStart(3, '0')},R${String(i + 1).padStart(3, '0')},sibling`);
  for (const [kind, rows] of [['cadres', cadres], ['relatives', pairs]]) {
    const f = join(dir, `${kind}.csv`);
    writeFileSync(f, rows.join('\n') + '\n');
    const r = spawnSync(CANBO, ['--db', db, 'import', kind, f], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  srv = await startServer(db, dir);
  admin = new Client(srv.base);
  assert.equal((await admin.login('admin', USERS.admin.password)).res.status, 200);
});
after(async () => srv && (await srv.stop()));

const rowsOf = (html) => [...html.matchAll(/<tr class="finding-(\w+)"><td><a href="\/can-bo\/([^"]+)">/g)].map((m) => [m[1], m[2]]);

test('100 pairs a page, every pair once over the pages, the CSV with all', async () => {
  const csv = await (await admin.fetch('/quan-he-gia-dinh?format=csv')).text();
  const total = csv.trim().split('\n').length - 1;
  assert.ok(total >= PAIRS, `${total} pairs in the CSV`);
  const p1 = await (await admin.fetch('/quan-he-gia-dinh')).text();
  assert.match(p1, new RegExp(`<strong>${total.toLocaleString('vi-VN')}</strong> cặp người thân`));
  assert.match(p1, new RegExp(`Trang 1/${Math.ceil(total / 100)}`));
  const rows = rowsOf(p1);
  assert.equal(rows.length, 100);
  const rank = { fail: 0, warn: 1, pass: 2, na: 3 };
  for (let i = 1; i < rows.length; i++) assert.ok(rank[rows[i - 1][0]] <= rank[rows[i][0]], 'failures and warnings first');
  const p2 = rowsOf(await (await admin.fetch('/quan-he-gia-dinh?page=2')).text());
  assert.equal(p2.length, total - 100);
  const all = [...rows, ...p2].map((r) => r[1]);
  const inCsv = csv.trim().split('\n').slice(1).map((l) => l.split(',')[0]);
  assert.deepEqual(all.sort(), inCsv.sort());
  // a page past the last shows the last
  assert.deepEqual(rowsOf(await (await admin.fetch('/quan-he-gia-dinh?page=99')).text()), p2);
});

test('the JSON report a page at a time: limit and offset, the total of all, the same order as the page', async () => {
  const whole = await admin.json('/api/v1/relatives/report?limit=1000');
  assert.equal(whole.status, 200);
  const total = whole.body.total;
  assert.ok(total >= PAIRS);
  assert.equal(whole.body.items.length, total);
  const first = await admin.json('/api/v1/relatives/report?limit=60');
  assert.deepEqual([first.body.total, first.body.offset, first.body.limit, first.body.items.length], [total, 0, 60, 60]);
  const rest = await admin.json('/api/v1/relatives/report?limit=60&offset=60');
  const last = await admin.json('/api/v1/relatives/report?limit=60&offset=120');
  assert.equal(last.body.items.length, total - 120);
  const key = (p) => `${p.a_code}/${p.b_code}`;
  assert.deepEqual([...first.body.items, ...rest.body.items, ...last.body.items].map(key), whole.body.items.map(key));
  assert.equal((await admin.json(`/api/v1/relatives/report?offset=${total}`)).body.items.length, 0, 'past the end');
  const byDefault = await admin.json('/api/v1/relatives/report');
  assert.deepEqual([byDefault.body.limit, byDefault.body.items.length], [500, total], 'default 500');
  assert.equal((await admin.json('/api/v1/relatives/report?limit=5000')).body.limit, 1000, 'capped');
  for (const bad of ['limit=0', 'limit=x', 'offset=-1']) assert.equal((await admin.json(`/api/v1/relatives/report?${bad}`)).status, 400, bad);
});
