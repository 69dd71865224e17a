// Issue 13 (several servers, one database): two `canbo serve` processes on the same database -- the SQLite
// file here, the same PostgreSQL database in the PostgreSQL lane (CANBO_TEST_PG, docs/TESTING.md). Nothing
// that matters may live in one process only: a login on one is a login on the other, a write on one is read
// and found by search on the other at once, and a logout or a disabled user on one ends the session on the
// other at once (the session cache of a process is checked against the data version, not a 30 s timer); a
// server killed during writes loses no write it acknowledged, and the audit chain stays whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

let a, b, db, dir;

before(async () => {
  ({ dir, db } = fixtureDb());
  a = await startServer(db, dir);
  b = await startServer(db, dir);
});
after(async () => {
  if (a) await a.stop();
  if (b) await b.stop();
});

// A client of server `srv` carrying the session of `from`.
function sameSession(srv, from) {
  const c = new Client(srv.base);
  c.cookie = from.cookie;
  c.csrf = from.csrf;
  return c;
}

test('a login on one server is a login on the other', async () => {
  const onA = new Client(a.base);
  assert.equal((await onA.login('admin', USERS.admin.password)).res.status, 200);
  const onB = sameSession(b, onA);
  const r = await onB.json('/api/v1/cadres?limit=1');
  assert.equal(r.status, 200);
  assert.ok(r.body.total > 0);
});

test('a cadre added on one server is read and found by search on the other', async () => {
  const onA = new Client(a.base);
  await onA.login('admin', USERS.admin.password);
  const onB = sameSession(b, onA);
  const before = (await onB.json('/api/v1/cadres?q=Hai%20Dang%20Tho&limit=5')).body;
  assert.equal(before.total, 0);
  const r = await onA.json('/api/v1/cadres', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': onA.csrf },
    body: JSON.stringify({ full_name: 'Đặng Thọ Hải', gender: 'M', birth_date: '1984-05-02', unit_code: 'KL' }),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const code = r.body.code;
  // search ignores diacritics (đ = d) and word order; prefixes match
  const found = (await onB.json('/api/v1/cadres?q=hai%20dang%20tho&limit=5')).body;
  assert.equal(found.total, 1);
  assert.equal(found.items[0].full_name, 'Đặng Thọ Hải');
  const prof = await onB.json(`/api/v1/cadres/${encodeURIComponent(code)}`);
  assert.equal(prof.status, 200);
  assert.equal(prof.body.birth_date, '1984-05-02');
});

test('a logout on one server ends the session on the other at once', async () => {
  const onA = new Client(a.base);
  await onA.login('admin', USERS.admin.password);
  const onB = sameSession(b, onA);
  for (let i = 0; i < 4; i++) assert.equal((await onB.json('/api/v1/units')).status, 200); // cached in B's threads
  const out = await onA.fetch('/api/v1/session', { method: 'DELETE', headers: { 'X-CSRF-Token': onA.csrf } });
  assert.ok(out.status < 300, `logout: ${out.status}`);
  for (let i = 0; i < 4; i++) assert.equal((await onB.json('/api/v1/units')).status, 401, 'the session ended on A');
});

test('a user disabled on one server is refused on the other at once', async () => {
  const onA = new Client(a.base);
  assert.equal((await onA.login('vkl', USERS.vkl.password)).res.status, 200);
  const onB = sameSession(b, onA);
  for (let i = 0; i < 4; i++) assert.equal((await onB.json('/api/v1/units')).status, 200);
  const admin = new Client(a.base);
  await admin.login('admin', USERS.admin.password);
  const r = await admin.json('/api/v1/users/vkl', {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': admin.csrf },
    body: JSON.stringify({ disabled: true }),
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  for (let i = 0; i < 4; i++) assert.equal((await onB.json('/api/v1/units')).status, 401);
  for (let i = 0; i < 4; i++) assert.equal((await onA.json('/api/v1/units')).status, 401);
});

test('one of two servers killed (-9) during writes: no acknowledged write is lost, the audit chain holds', async () => {
  const c = await startServer(db); // a third server, to be killed; a and b go on
  const onC = new Client(c.base);
  assert.equal((await onC.login('admin', USERS.admin.password)).res.status, 200);
  const onA = sameSession(a, onC);
  const acked = [], statuses = {};
  const name = (i) => String.fromCharCode(65 + (i % 26)) + String.fromCharCode(97 + Math.floor(i / 26) % 26) + 'nh'; // no digits in a name
  const write = async (client, i) => {
    try {
      const r = await client.json('/api/v1/cadres', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': client.csrf },
        body: JSON.stringify({ full_name: `Vũ Văn ${name(i)}`, gender: 'M', birth_date: '1980-01-01', unit_code: 'KL' }),
      });
      statuses[r.status] = (statuses[r.status] || 0) + 1;
      if (r.status === 201) acked.push(r.body.code);
    } catch {
      statuses.cut = (statuses.cut || 0) + 1; // the killed server's connections fail: not acknowledged
    }
  };
  // two writers at once, one on each server; the one on c is killed after its 10th write has gone out
  const stream = async (client, from, killAfter) => {
    for (let i = from; i < from + 25; i++) {
      const w = write(client, i);
      if (i === from + killAfter) c.proc.kill('SIGKILL');
      await w;
    }
  };
  await Promise.all([stream(onA, 0, -1), stream(onC, 100, 10)]);
  await c.exited;
  assert.ok(acked.length >= 30, `acknowledged ${acked.length}: ${JSON.stringify(statuses)}`);
  assert.ok(statuses.cut > 0, 'the server was killed while writes went to it');
  const onB = sameSession(b, onC);
  for (const code of acked) assert.equal((await onB.json(`/api/v1/cadres/${encodeURIComponent(code)}`)).status, 200, code);
  const v = spawnSync(CANBO, ['--db', db, 'audit', 'verify'], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stdout + v.stderr);
});
