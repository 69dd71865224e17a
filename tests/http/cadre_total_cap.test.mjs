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

// A filter that matches few of the 10,000 (ages: only fixture cadres are not born in 1980) is answered from its
// matches (domain/cadre.c, the rare-filter plan): the same rows, order, total and pages as the whole list filtered
// here, in each sort order.
test('rare filters: the same rows, order, total and pages as the whole list filtered', async () => {
  const all = [];
  for (let off = 0; off < 10000; off += 500) all.push(...(await admin.json(`/api/v1/cadres?limit=500&offset=${off}`)).body.items);
  assert.equal(all.length, 10000);
  const t = new Date(), pad = (n) => String(n).padStart(2, '0');
  const yearsAgo = (n) => `${t.getFullYear() - n}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
  const full = (b) => (b.length === 4 ? `${b}-01-01` : b.length === 7 ? `${b}-01` : b);
  const cases = [
    ['age_min=50', (c) => full(c.birth_date) <= yearsAgo(50)],
    ['age_max=35', (c) => full(c.birth_date) > yearsAgo(36)],
    ['age_min=47&gender=M', (c) => full(c.birth_date) <= yearsAgo(47) && c.gender === 'M'],
  ];
  const orders = {
    name: (v) => v,
    code: (v) => [...v].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code)),
    birth_date: (v) => [...v].sort((x, y) => (x.birth_date < y.birth_date ? -1 : x.birth_date > y.birth_date ? 1 : x.code < y.code ? -1 : 1)),
  };
  for (const [filter, keep] of cases) {
    const want = all.filter(keep);
    assert.ok(want.length > 0 && want.length < 12, `${filter}: ${want.length} fixture cadres`);
    for (const [sort, order] of Object.entries(orders)) {
      const j = (await admin.json(`/api/v1/cadres?${filter}&sort=${sort}&limit=100`)).body;
      assert.equal(j.total, want.length, `${filter} total`);
      assert.deepEqual(j.items.map((c) => c.code), order(want).map((c) => c.code), `${filter}, sort ${sort}`);
    }
    const page = (await admin.json(`/api/v1/cadres?${filter}&limit=2&offset=1`)).body;
    assert.deepEqual(page.items.map((c) => c.code), want.slice(1, 3).map((c) => c.code), `${filter}, a page`);
  }
});

// The list of everyone (no words, unit or filter: domain/cadre.c EVERYONE_SQL finds a page's ids first) in each
// sort order, page by page, deep pages included, is the whole list sorted: the same rows as a unit's list
// (the general statement) and no row twice or missing between pages.
test('everyone, page by page in each order, is the whole list sorted', async () => {
  const byName = [];
  for (let off = 0; off < 10000; off += 500) byName.push(...(await admin.json(`/api/v1/cadres?limit=500&offset=${off}`)).body.items);
  assert.equal(new Set(byName.map((c) => c.code)).size, 10000, 'each cadre once');
  const cmp = {
    code: (x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0),
    birth_date: (x, y) => (x.birth_date < y.birth_date ? -1 : x.birth_date > y.birth_date ? 1 : x.code < y.code ? -1 : 1),
  };
  for (const [sort, order] of Object.entries(cmp)) {
    const want = [...byName].sort(order).map((c) => c.code);
    const got = [];
    for (let off = 0; off < 10000; off += 300) {
      got.push(...(await admin.json(`/api/v1/cadres?sort=${sort}&limit=300&offset=${off}`)).body.items.map((c) => c.code));
    }
    assert.deepEqual(got, want, `sort ${sort}`);
  }
  // the subtree of KL holds the 9,988 imported cadres: its list (the general statement) is everyone's in the same
  // order, less the others
  const kl = [];
  for (let off = 0; off < 10000; off += 500) kl.push(...(await admin.json(`/api/v1/cadres?unit=KL&limit=500&offset=${off}`)).body.items);
  const inKl = new Set(kl.map((c) => c.code));
  assert.ok(kl.length >= 9988 && kl.length < 10000, `${kl.length} in KL's subtree`);
  assert.deepEqual(kl.map((c) => c.code), byName.filter((c) => inKl.has(c.code)).map((c) => c.code));
  // its total, summed from the per-unit counters (domain/cadre.c everyone_count), is the rows listed
  const t = (await admin.json('/api/v1/cadres?unit=KL&limit=1')).body;
  assert.deepEqual([t.total, t.total_capped], [kl.length, false]);
  // the viewer of KL sees the same rows and total, and another unit's list is not theirs
  const vkl = new Client(srv.base);
  assert.equal((await vkl.login('vkl', USERS.vkl.password)).res.status, 200);
  const v = (await vkl.json('/api/v1/cadres?limit=1')).body;
  assert.deepEqual([v.total, v.total_capped], [kl.length, false]);
  // the page after the last is empty; the HTML list's page 201 shows the 10,001st row onwards
  assert.deepEqual((await admin.json('/api/v1/cadres?limit=50&offset=10000')).body.items, []);
});
