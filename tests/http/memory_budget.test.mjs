// A request's memory budget (issue 9, docs/PERFORMANCE.md): with CANBO_REQ_MEM_MB set low, a page or an API
// answer that would need more memory is refused with a clear 503 (Vietnamese page, JSON for the API) instead
// of growing; what it held is released, so the same server keeps answering small requests and writing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { demoDb, startServer, Client, CANBO } from './helpers.mjs';

let srv, admin, demo;

before(async () => {
  demo = demoDb();
  assert.ok(demo);
  process.env.CANBO_REQ_MEM_MB = '0.2';
  srv = await startServer(demo.db, demo.dir);
  delete process.env.CANBO_REQ_MEM_MB;
  admin = new Client(srv.base);
  const a = demo.logins.find((l) => l.role === 'admin' && !l.unit);
  assert.equal((await admin.login(a.username, a.password)).res.status, 200);
});
after(async () => srv && (await srv.stop()));

test('over the budget: 503 with the reason; the server goes on serving and writing', async () => {
  for (let round = 0; round < 3; round++) {
    const res = await admin.fetch('/thong-ke');
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '60');
    const html = await res.text();
    assert.match(html, /nhiều bộ nhớ hơn mức cho phép của máy chủ \(0\.2 MB\)/);
    const j = await admin.json('/api/v1/reports/retirements?months=600');
    assert.equal(j.status, 503);
    assert.equal(j.body.error.code, 'over_budget');
  }
  // small requests still answer on the same connections
  const small = await admin.json('/api/v1/cadres?limit=5');
  assert.equal(small.status, 200);
  assert.equal(small.body.items.length, 5);
  // and a write goes through: the cut-short requests left no open transaction behind
  const r = await admin.json('/api/v1/cadres', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': admin.csrf },
    body: JSON.stringify({ full_name: 'Lê Thị Nhớ', gender: 'F', birth_date: '1990', unit_code: demo.logins.find((l) => l.unit).unit }),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.match(srv.stderr(), /GET \/thong-ke: over the request memory budget \(0\.2 MB\): 503/);
  const v = spawnSync(CANBO, ['--db', demo.db, 'audit', 'verify'], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
});
