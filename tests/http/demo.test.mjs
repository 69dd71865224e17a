// The API on realistic data: `canbo demo --cadres 300 --seed 7`, logging in
// with the printed demo logins. Checks unit scope against the tree, paging
// over everything, and diacritic-free search for real names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, Client } from './helpers.mjs';

let srv, demo, admin, scoped, scopedLogin;

const fold = (s) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

before(async () => {
  demo = demoDb();
  assert.ok(demo, 'canbo demo --cadres 300 --seed 7 works');
  srv = await startServer(demo.db, demo.dir);
  const a = demo.logins.find((l) => l.role === 'admin' && !l.unit);
  scopedLogin = demo.logins.find((l) => l.unit);
  assert.ok(a && scopedLogin, 'the demo prints an admin and a scoped login');
  admin = new Client(srv.base);
  scoped = new Client(srv.base);
  assert.equal((await admin.login(a.username, a.password)).res.status, 200);
  assert.equal((await scoped.login(scopedLogin.username, scopedLogin.password)).res.status, 200);
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
});

function codes(tree, out = new Set()) {
  for (const u of tree) {
    out.add(u.code);
    codes(u.children, out);
  }
  return out;
}

test('demo: 300 cadres; paging in pages of 100 covers them all once', async () => {
  const seen = new Set();
  for (let off = 0; off < 300; off += 100) {
    const { status, body } = await admin.json(`/api/v1/cadres?sort=code&limit=100&offset=${off}`);
    assert.equal(status, 200);
    assert.equal(body.total, 300);
    assert.equal(body.items.length, 100);
    body.items.forEach((c) => seen.add(c.code));
  }
  assert.equal(seen.size, 300);
  const past = await admin.json('/api/v1/cadres?offset=300');
  assert.deepEqual(past.body.items, []);
  assert.equal((await admin.json('/api/v1/cadres')).body.items.length, 50, 'default limit 50');
});

test('demo: the scoped viewer sees its subtree of units and only cadres there', async () => {
  const all = codes((await admin.json('/api/v1/units')).body.units);
  const mine = codes((await scoped.json('/api/v1/units')).body.units);
  assert.ok(mine.has(scopedLogin.unit));
  assert.ok(mine.size < all.size);
  const { body } = await scoped.json('/api/v1/cadres?limit=500');
  assert.ok(body.total > 0);
  assert.ok(body.items.every((c) => mine.has(c.unit_code)), 'every listed cadre is in the subtree');
  const viaUnit = await admin.json(`/api/v1/cadres?limit=500&unit=${encodeURIComponent(scopedLogin.unit)}`);
  assert.equal(body.total, viaUnit.body.total);
  // a cadre outside: 404, the same answer as a code that does not exist
  const everyone = (await admin.json('/api/v1/cadres?limit=500')).body.items;
  const outside = everyone.find((c) => !mine.has(c.unit_code));
  const a = await scoped.fetch('/api/v1/cadres/' + encodeURIComponent(outside.code));
  const b = await scoped.fetch('/api/v1/cadres/NO-SUCH-CODE');
  assert.equal(a.status, 404);
  assert.equal(await a.text(), await b.text());
  await b.arrayBuffer().catch(() => {});
  const inside = body.items[0];
  assert.equal((await scoped.json('/api/v1/cadres/' + encodeURIComponent(inside.code))).status, 200);
});

test('demo: every name is found by its diacritic-free form', async () => {
  const everyone = (await admin.json('/api/v1/cadres?limit=500')).body.items;
  for (const c of everyone.slice(0, 40)) {
    const { status, body } = await admin.json('/api/v1/cadres?limit=500&q=' + encodeURIComponent(fold(c.full_name)));
    assert.equal(status, 200);
    assert.ok(body.items.some((x) => x.code === c.code), `${fold(c.full_name)} finds ${c.full_name}`);
  }
});
