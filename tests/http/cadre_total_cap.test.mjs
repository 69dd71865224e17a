// The cadre list's total stops counting above 10,000 (issue 9: a count at a province's size would read every
// match): exactly 10,000 cadres show "10.000", one more shows "hơn 10.000" and the API says total_capped;
// a narrower filter under the cap is exact again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

let srv, admin, db, dir;
let FIXTURE_WOMEN = 0;

before(async () => {
  ({ dir, db } = fixtureDb()); // 12 cadres
  FIXTURE_WOMEN = Number(spawnSync('sqlite3', [db, "SELECT count(*) FROM cadres WHERE gender = 'F'"], { encoding: 'utf8' }).stdout.trim());
  const rows = ['code,full_name,gender,birth_date,unit_code'];
  for (let i = 0; i < 9988; i++) rows.push(`T${String(i).padStart(5, '0')},Phạm Văn Tổng,${i % 3 ? 'M' : 'F'},1980-01-01,KL`);
  const f = join(dir, 'many.csv');
  writeFileSync(f, rows.join('\n') + '\n');
  const r = spawnSync(CANBO, ['--db', db, 'import', 'cadres', f], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer(db, dir);
  admin = new Client(srv.base);
  assert.equal((await admin.login('admin', USERS.admin.password)).res.status, 200);
});
after(async () => srv && (await srv.stop()));

async function call(path, body) {
  return admin.json(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': admin.csrf }, body: JSON.stringify(body) });
}

test('10,000 cadres: the exact total; 10,001: "hơn 10.000" and total_capped', async () => {
  let j = (await admin.json('/api/v1/cadres?limit=1')).body;
  assert.equal(j.total, 10000);
  assert.equal(j.total_capped, false);
  let html = await (await admin.fetch('/can-bo')).text();
  assert.match(html, /Tìm thấy <strong>10\.000<\/strong> cán bộ/);

  const r = await call('/api/v1/cadres', { full_name: 'Phạm Văn Thêm', gender: 'M', birth_date: '1985', unit_code: 'KL' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  j = (await admin.json('/api/v1/cadres?limit=1')).body;
  assert.equal(j.total, 10000);
  assert.equal(j.total_capped, true);
  html = await (await admin.fetch('/can-bo')).text();
  assert.match(html, /Tìm thấy <strong>hơn 10\.000<\/strong> cán bộ/);
  // the same with a search and with a filter that keep more than 10,000
  j = (await admin.json('/api/v1/cadres?q=pham%20van&limit=1')).body;
  assert.equal(j.total_capped, false, 'Phạm Văn: 9,989 matches, under the cap');
  assert.equal(j.total, 9989);
  j = (await admin.json('/api/v1/cadres?age_min=30&limit=1')).body;
  assert.equal(j.total_capped, true, 'a filter keeping everyone');
  // a filter under the cap is exact
  j = (await admin.json('/api/v1/cadres?gender=F&limit=1')).body;
  assert.equal(j.total_capped, false);
  assert.equal(j.total, 3330 + FIXTURE_WOMEN); // every third imported row and the fixture's women

  // voiding one brings the total back to exactly 10,000
  const v = await call(`/api/v1/cadres/${r.body.code}/void`, { reason: 'nhập thử' });
  assert.equal(v.status, 200, JSON.stringify(v.body));
  j = (await admin.json('/api/v1/cadres?limit=1')).body;
  assert.deepEqual([j.total, j.total_capped], [10000, false]);
});
