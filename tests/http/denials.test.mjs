// Refusals do not grow the audit log (docs/SECURITY.md): a viewer sending 300
// refused requests with 8 KB paths to officer-only routes used to add 300
// audit rows holding the paths (9.6 MB in 2.8 s in the attack run). They are
// counted per minute, actor, address, route and reason instead: every one is
// in the denials table, the audit log gains a few small rows, and
// `canbo audit verify` still passes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

let srv, db, viewer;
before(async () => {
  const f = fixtureDb();
  db = f.db;
  srv = await startServer(f.db, f.dir);
  viewer = new Client(srv.base);
  assert.equal((await viewer.login('vkl', USERS.vkl.password)).res.status, 200);
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
});

const sql = (q) => spawnSync('sqlite3', [db, q], { encoding: 'utf8' }).stdout.trim();

test('300 refused requests with long paths: counted, the audit log grows by a few small rows', async () => {
  const bytes = () => Number(sql("SELECT ifnull(sum(length(entity_key) + length(ifnull(after, ''))), 0) FROM audit"));
  const rows = () => Number(sql('SELECT count(*) FROM audit'));
  const b0 = bytes(), r0 = rows();
  const long = 'x'.repeat(8000);
  const t0 = Date.now();
  for (let i = 0; i < 300; i++) {
    const path = i % 3 === 0 ? `/can-bo/C${i}${long}/danh-gia` : i % 3 === 1 ? `/can-bo/C${i}${long}/sua` : '/nhap-du-lieu';
    const res = await viewer.fetch(path);
    await res.arrayBuffer();
    assert.equal(res.status, 403, path.slice(0, 40));
  }
  const grew = bytes() - b0, added = rows() - r0;
  assert.ok(added <= 17, `${added} audit rows added`);
  assert.ok(grew < 4000, `the audit log grew by ${grew} bytes`);
  assert.equal(Number(sql('SELECT sum(count) FROM denials')), 300);
  assert.match(sql("SELECT group_concat(DISTINCT route) FROM denials"), /GET \/can-bo\/\{code\}\/danh-gia/);
  const v = spawnSync(CANBO, ['--db', db, 'audit', 'verify'], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
  console.log(`# 300 refusals in ${Date.now() - t0} ms: ${added} audit rows, ${grew} bytes`);
});
