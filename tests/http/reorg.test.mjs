// Unit reorganization over HTTP on the reorg fixtures (tests/cli/fixtures/reorg):
// /don-vi?date= before and after a merge made through the admin form,
// /api/v1/units?date=, the home tree's date picker, the merge form only for
// admins (an officer gets 403 and nothing is written), a refused merge shows
// its Vietnamese reason with 400, a scoped viewer sees only its subtree.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, Client, CANBO } from './helpers.mjs';

const FIX = join(dirname(fileURLToPath(import.meta.url)), '../cli/fixtures/reorg');
let srv, admin, officer, scoped;

function run(db, args, input) {
  const r = spawnSync(CANBO, ['--db', db, ...args], { input, encoding: 'utf8' });
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canbo-http-reorg-'));
  const db = join(dir, 'canbo.db');
  for (const k of ['units', 'titles', 'cadres', 'positions', 'planning']) run(db, ['import', k, join(FIX, `${k}.csv`)]);
  run(db, ['user', 'add', 'admin', '--role', 'admin', '--password-stdin'], 'admin-password-1\n');
  run(db, ['user', 'add', 'officer', '--role', 'officer', '--password-stdin'], 'officer-password-1\n');
  run(db, ['user', 'add', 'vha', '--role', 'viewer', '--unit', 'HA', '--password-stdin'], 'viewer-password-1\n');
  srv = await startServer(db, dir);
  admin = new Client(srv.base);
  officer = new Client(srv.base);
  scoped = new Client(srv.base);
  assert.equal((await admin.login('admin', 'admin-password-1')).res.status, 200);
  assert.equal((await officer.login('officer', 'officer-password-1')).res.status, 200);
  assert.equal((await scoped.login('vha', 'viewer-password-1')).res.status, 200);
});
after(async () => {
  const r = await srv.stop();
  assert.equal(r.code, 0, srv.stderr());
});

const page = async (c, path) => {
  const res = await c.fetch(path);
  return { status: res.status, html: await res.text() };
};
const codes = (units, out = []) => {
  for (const u of units) {
    out.push(u.code);
    codes(u.children, out);
  }
  return out;
};
const form = (c, fields) => {
  const body = new URLSearchParams();
  for (const [k, v] of fields) body.append(k, v);
  body.append('csrf', c.csrf);
  return c.fetch('/don-vi/sap-nhap', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
};
const MERGE = [['source', 'HA'], ['source', 'HD'], ['source', 'HT'], ['into', ''], ['new_code', 'HAM'],
  ['new_name', 'Đảng bộ xã Hải An mới'], ['new_level', 'commune'], ['new_parent', 'MC'], ['date', '2025-07-01'],
  ['decision', '1234-QĐ/TU']];

test('before the merge: the page, the API at a date, no form for an officer', async () => {
  const p = await page(admin, '/don-vi?date=2025-06-30');
  assert.equal(p.status, 200);
  assert.match(p.html, /Cơ cấu đơn vị ngày 30\/06\/2025/);
  for (const u of ['HA', 'HD', 'HT']) assert.match(p.html, new RegExp(`data-unit="${u}"`));
  assert.match(p.html, /Chưa có lần sáp nhập, chia tách nào/);
  assert.match(p.html, /action="\/don-vi\/sap-nhap"/);
  const o = await page(officer, '/don-vi');
  assert.equal(o.status, 200);
  assert.doesNotMatch(o.html, /sap-nhap/);
  // VN starts on 2025-08-01: not in the tree before that day
  const api = await admin.json('/api/v1/units?date=2025-07-15');
  assert.equal(api.status, 200);
  assert.deepEqual(codes(api.body.units), ['QN', 'MC', 'HA', 'CB_HA1', 'CB_HA1A', 'HD', 'HT']);
  const all = await admin.json('/api/v1/units');
  assert.ok(codes(all.body.units).includes('CB_HD_OLD'));
  assert.equal((await admin.json('/api/v1/units?date=2025-02-30')).status, 400);
  assert.equal((await admin.json('/api/v1/units?date=30/06/2025')).status, 400);
});

test('officer may not merge: 403, nothing written', async () => {
  const res = await form(officer, MERGE);
  assert.equal(res.status, 403);
  const api = await admin.json('/api/v1/units?date=2025-07-01');
  assert.ok(!codes(api.body.units).includes('HAM'));
});

test('a refused merge says why (400), nothing written', async () => {
  const res = await form(admin, [['source', 'HA'], ['source', 'HD'], ['into', 'HA'], ['date', '2025-07-01']]);
  assert.equal(res.status, 400);
  assert.match(await res.text(), /Không thể sáp nhập đơn vị HA vào chính nó/);
  const early = await form(admin, [['source', 'HA'], ['into', 'HD'], ['date', '1999-06-01']]);
  assert.equal(early.status, 400);
  assert.match(await early.text(), /chỉ bắt đầu từ 01\/01\/2000/);
  const acts = await page(admin, '/don-vi');
  assert.match(acts.html, /Chưa có lần sáp nhập, chia tách nào/);
});

test('admin merges three communes; the tree before and after the date', async () => {
  const res = await form(admin, MERGE);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/don-vi?ok=1&date=2025-07-01');
  const after = await page(admin, '/don-vi?ok=1&date=2025-07-01');
  assert.match(after.html, /Đã ghi việc sáp nhập đơn vị/);
  assert.match(after.html, /<tr data-unit="HAM">.*?<td class="num">6<\/td><\/tr>/s);
  assert.doesNotMatch(after.html, /<tr data-unit="HA">/);
  assert.match(after.html, /<tr data-unit="HA" class="ended">.*?Đã kết thúc 30\/06\/2025/s);
  assert.match(after.html, /Sáp nhập<\/td><td>Đảng bộ xã Hải An \(HA\), Đảng bộ xã Hải Đông \(HD\), Đảng bộ xã Hải Tiến \(HT\)<\/td><td>Đảng bộ xã Hải An mới \(HAM\)<\/td><td>1234-QĐ\/TU/);
  const before = await page(admin, '/don-vi?date=2025-06-30');
  assert.match(before.html, /<tr data-unit="HA">.*?kết thúc 30\/06\/2025.*?<td class="num">2<\/td>/s);
  assert.doesNotMatch(before.html, /data-unit="HAM"/);
  const a0630 = await admin.json('/api/v1/units?date=2025-06-30');
  assert.deepEqual(codes(a0630.body.units), ['QN', 'MC', 'HA', 'CB_HA1', 'CB_HA1A', 'HD', 'HT']);
  const a0701 = await admin.json('/api/v1/units?date=2025-07-01');
  assert.deepEqual(codes(a0701.body.units), ['QN', 'MC', 'HAM', 'CB_HA1', 'CB_HA1A']);
  // home tree with the date picker
  const home = await page(admin, '/?date=2025-06-30');
  assert.equal(home.status, 200);
  assert.match(home.html, /name="date" value="30\/06\/2025"/);
  assert.match(home.html, /unit=HA">Đảng bộ xã Hải An<\/a>/);
  assert.doesNotMatch(home.html, /unit=HAM"/);
  const home2 = await page(admin, '/?date=2025-07-01');
  assert.match(home2.html, /unit=HAM">Đảng bộ xã Hải An mới<\/a> <span class="count" title="Số cán bộ, kể cả các đơn vị trực thuộc">7<\/span>/); // subtree: 6 + N1 below
});

test('the viewer scoped to HA now sees the merged unit (scope moved to the target)', async () => {
  // a fresh login: the session cache may hold the old scope for up to 30 s
  const c = new Client(srv.base);
  assert.equal((await c.login('vha', 'viewer-password-1')).res.status, 200);
  const api = await c.json('/api/v1/units?date=2025-07-01');
  assert.deepEqual(codes(api.body.units), ['HAM', 'CB_HA1', 'CB_HA1A']);
  const p = await page(c, '/don-vi?date=2025-07-01');
  assert.doesNotMatch(p.html, /action="\/don-vi\/sap-nhap"/);
  assert.doesNotMatch(p.html, /data-unit="MC"/);
});
