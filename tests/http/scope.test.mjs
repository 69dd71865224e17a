// Unit scope through EVERY route: the route table (src/web/routes.c) is read
// and each route is called by users limited to one commune (the demo's
// xem.haixuan viewer, and an officer limited to the same commune created
// here) with out-of-scope codes in every parameter. Nothing outside the scope
// may come back (no out-of-scope cadre code in any answer) and nothing may be
// written (every table's row count is unchanged, audit rows aside).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDb, startServer, Client, CANBO } from './helpers.mjs';

const ROUTES_C = join(dirname(fileURLToPath(import.meta.url)), '../../src/web/routes.c');
const routes = [...readFileSync(ROUTES_C, 'utf8').matchAll(/\{"(GET|POST|PUT|DELETE|PATCH)", "([^"]+)", (\w+), (PERM_\w+), ([^,]+),/g)]
  .map((m) => ({ method: m[1], pattern: m[2], handler: m[3], perm: m[4], flags: m[5] }));

let srv, demo, admin, viewer, officer, outCodes, inCodes, outUnit, viewerUnit;
const OFFICER_PW = 'scoped-officer-pw-1';

function sql(q) {
  const r = spawnSync('sqlite3', [demo.db, q], { encoding: 'utf8' });
  return r.stdout.trim();
}
// Row counts of every table but the ones a read or a refusal may touch (refusals are counted in denials).
function counts() {
  const tables = sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'cadre_fts%' ORDER BY name")
    .split('\n').filter((t) => !['audit', 'sessions', 'login_failures', 'denials', 'login_known'].includes(t));
  return Object.fromEntries(tables.map((t) => [t, sql(`SELECT count(*) FROM "${t}"`)]));
}

before(async () => {
  demo = demoDb();
  assert.ok(demo);
  const v = demo.logins.find((l) => l.role === 'viewer' && l.unit);
  viewerUnit = v.unit;
  const r = spawnSync(CANBO, ['--db', demo.db, 'user', 'add', 'scoped.officer', '--role', 'officer', '--unit', viewerUnit, '--password-stdin'],
    { input: OFFICER_PW + '\n', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer(demo.db, demo.dir);
  const a = demo.logins.find((l) => l.role === 'admin');
  admin = new Client(srv.base);
  viewer = new Client(srv.base);
  officer = new Client(srv.base);
  assert.equal((await admin.login(a.username, a.password)).res.status, 200);
  assert.equal((await viewer.login(v.username, v.password)).res.status, 200);
  assert.equal((await officer.login('scoped.officer', OFFICER_PW)).res.status, 200);
  const all = (await admin.json('/api/v1/cadres?limit=500')).body.items;
  const mine = new Set((await viewer.json('/api/v1/cadres?limit=500')).body.items.map((c) => c.code));
  assert.ok(mine.size > 0 && mine.size < all.length);
  inCodes = [...mine];
  outCodes = all.map((c) => c.code).filter((c) => !mine.has(c));
  const out = all.find((c) => !mine.has(c.code));
  outUnit = out.unit_code;
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
});

// A path for the pattern with every {param} replaced by an out-of-scope value.
function pathFor(pattern) {
  return pattern.replace(/\{(\w+)\}/g, (_, name) => {
    if (name === 'file') return 'app.css';
    if (name === 'kind') return 'cadres';
    if (name === 'id') return '1';
    return encodeURIComponent(outCodes[0]);
  });
}
const outQuery = () => {
  const q = new URLSearchParams({ unit: outUnit, cadre: outCodes[0], code: outCodes[0], cadre_code: outCodes[0],
    unit_code: outUnit, q: '', format: 'csv' });
  return q.toString();
};

function leaks(text) {
  return outCodes.filter((c) => new RegExp(`(^|[^A-Za-z0-9])${c}([^A-Za-z0-9]|$)`).test(text));
}

test('the route table was read', () => {
  assert.ok(routes.length >= 10, `found ${routes.length} routes`);
});

for (const who of ['viewer', 'officer']) {
  test(`${who} limited to one commune: no GET route shows an out-of-scope cadre`, async () => {
    const c = who === 'viewer' ? viewer : officer;
    for (const r of routes.filter((x) => x.method === 'GET' && x.perm !== 'PERM_PUBLIC')) {
      for (const path of [pathFor(r.pattern), `${pathFor(r.pattern)}?${outQuery()}`]) {
        const res = await c.fetch(path);
        assert.ok(res.status < 500, `${path}: ${res.status}`);
        const body = Buffer.from(await res.arrayBuffer()).toString('utf8');
        assert.deepEqual(leaks(body), [], `${who} GET ${path} (${res.status}) shows out-of-scope cadres`);
      }
    }
  });
}

test('every change route: the scoped viewer is refused, the scoped officer writes nothing outside', async () => {
  const before = counts();
  const fields = { cadre: outCodes[0], cadre_code: outCodes[0], code: outCodes[0], relative_code: outCodes[1],
    unit: outUnit, unit_code: outUnit, to_unit_code: outUnit, from_unit_code: outUnit, term: '2025-2030',
    date: '2026-01-15', decision_date: '2026-01-15', action: 'add', kind: 'rotation', reason: 'thử phạm vi',
    override: 'thử phạm vi' };
  for (const r of routes.filter((x) => x.method !== 'GET' && !x.flags.includes('R_NO_CSRF'))) {
    if (/logout|dang-xuat|session/.test(r.pattern + r.handler)) continue;
    const path = pathFor(r.pattern);
    const form = new URLSearchParams({ ...fields, csrf: viewer.csrf });
    const vres = await viewer.fetch(path, { method: r.method, body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-Token': viewer.csrf } });
    if (r.perm !== 'PERM_READ') assert.equal(vres.status, 403, `viewer ${r.method} ${path}`);
    for (const body of [JSON.stringify(fields), new URLSearchParams({ ...fields, csrf: officer.csrf }).toString()]) {
      const json = body.startsWith('{');
      const ores = await officer.fetch(path, { method: r.method, body,
        headers: { 'Content-Type': json ? 'application/json' : 'application/x-www-form-urlencoded', 'X-CSRF-Token': officer.csrf } });
      assert.ok(ores.status < 500, `officer ${r.method} ${path}: ${ores.status}`);
      const text = await ores.text();
      assert.deepEqual(leaks(text), [], `officer ${r.method} ${path} shows out-of-scope cadres`);
    }
  }
  assert.deepEqual(counts(), before, 'nothing was written');
});

test('the exports of a scoped user hold only in-scope cadres', async () => {
  const res = await viewer.fetch('/xuat/cadres?format=csv');
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.deepEqual(leaks(text), []);
  assert.ok(inCodes.some((c) => text.includes(c)));
});

test('the leak detector sees out-of-scope cadres where they belong (admin)', async () => {
  const res = await admin.fetch(`/can-bo/${encodeURIComponent(outCodes[0])}`);
  assert.equal(res.status, 200);
  assert.deepEqual(leaks(await res.text()), [outCodes[0]]);
});
