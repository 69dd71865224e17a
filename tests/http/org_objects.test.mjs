// Organisation-wide objects need an administrator without a unit scope
// (docs/SECURITY.md): a commune officer cannot import titles (the web import
// answers 403 and writes nothing), a commune-scoped admin cannot change or add
// rule versions (API and pages), nor manage users, and is not shown the edit
// links; the unscoped admin can.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

let srv, db, admin, scopedAdmin, scopedOfficer;
const sql = (q) => spawnSync('sqlite3', [db, q], { encoding: 'utf8' }).stdout.trim();

before(async () => {
  const f = fixtureDb();
  db = f.db;
  for (const [name, role] of [['admin.kl', 'admin'], ['officer.kl', 'officer']]) {
    const r = spawnSync(CANBO, ['--db', db, 'user', 'add', name, '--role', role, '--unit', 'KL', '--password-stdin'],
      { input: `${name}-password-1\n`, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  srv = await startServer(f.db, f.dir);
  admin = new Client(srv.base);
  scopedAdmin = new Client(srv.base);
  scopedOfficer = new Client(srv.base);
  assert.equal((await admin.login('admin', USERS.admin.password)).res.status, 200);
  assert.equal((await scopedAdmin.login('admin.kl', 'admin.kl-password-1')).res.status, 200);
  assert.equal((await scopedOfficer.login('officer.kl', 'officer.kl-password-1')).res.status, 200);
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
});

async function importTitles(c) {
  const form = new FormData();
  form.append('csrf', c.csrf);
  form.append('kind', 'titles');
  form.append('file', new Blob(['code,name,level,category,rank\nPCT_X,Phó Chủ tịch UBND xã,commune,key,40\n'], { type: 'text/csv' }), 't.csv');
  const res = await c.fetch('/nhap-du-lieu', { method: 'POST', body: form });
  return { status: res.status, html: await res.text() };
}

test('a commune officer or admin cannot import titles; the organisation admin can', async () => {
  for (const c of [scopedOfficer, scopedAdmin]) {
    const r = await importTitles(c);
    assert.equal(r.status, 403);
    assert.match(r.html, /chỉ quản trị viên toàn hệ thống/);
    assert.equal(sql("SELECT count(*) FROM titles WHERE code = 'PCT_X'"), '0');
  }
  assert.equal((await importTitles(admin)).status, 200);
  assert.equal(sql("SELECT count(*) FROM titles WHERE code = 'PCT_X'"), '1');
});

test('a commune-scoped admin cannot edit rule versions or manage users', async () => {
  const id = (await admin.json('/api/v1/rules')).body.items[0].id;
  const h = (c) => ({ 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf });
  const put = (c) => c.fetch(`/api/v1/rules/${id}`, { method: 'PUT', headers: h(c), body: JSON.stringify({ note: 'thử' }) });
  const before = sql(`SELECT ifnull(note, '') FROM rule_versions WHERE id = ${id}`);
  let res = await put(scopedAdmin);
  assert.equal(res.status, 403, await res.text());
  res = await scopedAdmin.fetch('/api/v1/rules', { method: 'POST', headers: h(scopedAdmin),
    body: JSON.stringify({ rule: 'RET-1', effective_from: '2030-01-01', params: {} }) });
  assert.equal(res.status, 403);
  res = await scopedAdmin.fetch(`/quy-dinh/${id}`);
  assert.equal(res.status, 403);
  res = await scopedAdmin.fetch(`/quy-dinh/${id}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: scopedAdmin.csrf, note: 'thử' }).toString() });
  assert.equal(res.status, 403);
  assert.equal(sql(`SELECT ifnull(note, '') FROM rule_versions WHERE id = ${id}`), before);
  assert.equal((await scopedAdmin.fetch('/api/v1/users')).status, 403);
  assert.equal((await scopedAdmin.fetch('/nguoi-dung')).status, 403);
  const page = await (await scopedAdmin.fetch('/quy-dinh')).text();
  assert.doesNotMatch(page, new RegExp(`href="/quy-dinh/${id}"`));
  assert.doesNotMatch(page, /href="\/nguoi-dung"/);
  // the organisation admin can
  res = await put(admin);
  assert.equal(res.status, 200, await res.text());
  assert.match(await (await admin.fetch('/quy-dinh')).text(), new RegExp(`href="/quy-dinh/${id}"`));
});
