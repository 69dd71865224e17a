// Empty results everywhere: every GET route of the route table, as an admin,
// on a database with nothing but one user, and on the fixture database with
// dates before anything happened (date=1800-01-01, year=1800). Lists, sorts
// and statistics over nothing must answer (no 5xx) -- in the sanitizer build
// a qsort or memcpy of a NULL array aborts the server (UBSan), which this
// test then sees as a refused connection.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

const ROUTES_C = join(dirname(fileURLToPath(import.meta.url)), '../../src/web/routes.c');
const routes = [...readFileSync(ROUTES_C, 'utf8').matchAll(/\{"(GET|POST|PUT|DELETE|PATCH)", "([^"]+)", (\w+), (PERM_\w+), ([^,]+),/g)]
  .map((m) => ({ method: m[1], pattern: m[2], perm: m[4] }));
const QUERIES = ['', '?date=1800-01-01', '?date=1800-01-01&year=1800&unit=TP&term=1800-1805&months=0',
  '?format=csv&date=1800-01-01&year=1800', '?format=xlsx&date=1800-01-01&year=1800', '?format=json&date=1800-01-01'];
const servers = [];
after(async () => {
  for (const s of servers) assert.equal((await s.stop()).code, 0, `server exit: ${s.stderr().slice(-2000)}`);
});

async function walk(db, dir, name) {
  const srv = await startServer(db, dir);
  servers.push(srv);
  const admin = new Client(srv.base);
  assert.equal((await admin.login('admin', USERS.admin.password)).res.status, 200);
  let n = 0;
  for (const r of routes.filter((x) => x.method === 'GET')) {
    const path = r.pattern.replace(/\{file\}/, 'app.css').replace(/\{kind\}/, 'cadres').replace(/\{\w+\}/g, 'C001');
    for (const q of QUERIES) {
      let res;
      try {
        res = await admin.fetch(path + q);
      } catch (e) {
        assert.fail(`${name}: GET ${path}${q}: ${e.cause?.code || e.message}; server: ${srv.stderr().slice(-3000)}`);
      }
      await res.arrayBuffer();
      assert.ok(res.status < 500, `${name}: GET ${path}${q}: ${res.status}`);
      n++;
    }
  }
  assert.ok(n > 100);
}

test('every GET route on an empty database', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canbo-http-empty-'));
  const db = join(dir, 'canbo.db');
  const r = spawnSync(CANBO, ['--db', db, 'user', 'add', 'admin', '--role', 'admin', '--password-stdin'],
    { input: USERS.admin.password + '\n', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  await walk(db, dir, 'empty');
});

test('every GET route at dates before anything happened', async () => {
  const f = fixtureDb();
  await walk(f.db, f.dir, 'fixture');
});
