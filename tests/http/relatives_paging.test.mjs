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
