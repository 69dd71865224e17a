// Voiding a rotation recorded in error (docs/API.md POST /api/v1/rotations/{id}/void, the page /luan-chuyen/{id}/huy):
// what it did to the file is undone in the same transaction -- the post it started voided, the post it ended open
// again, the cadre's unit back -- it leaves the list and the report; a file that moved on since is refused (409);
// a reason is required; a viewer may not; the audit chain stays intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

let srv, officer, viewer, dbPath;

async function call(client, path, body, method = 'POST') {
  return client.json(path, {
    method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': client.csrf }, body: JSON.stringify(body),
  });
}
const form = (client, path, fields) => client.fetch(path, {
  method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ csrf: client.csrf, ...fields }).toString(),
});

before(async () => {
  const { dir, db } = fixtureDb();
  dbPath = db;
  srv = await startServer(db, dir);
  officer = new Client(srv.base);
  viewer = new Client(srv.base);
  assert.equal((await officer.login('officer', USERS.officer.password)).res.status, 200);
  assert.equal((await viewer.login('vkl', USERS.vkl.password)).res.status, 200);
});

after(async () => srv && (await srv.stop()));

const file = async () => (await officer.json('/api/v1/cadres/C001')).body;

test('a rotation voided: the new post voided, the old post open again, the unit back, out of the lists', async () => {
  const before = await file();
  assert.equal(before.unit_code, 'KL');
  let r = await call(officer, '/api/v1/rotations', { cadre: 'C001', kind: 'rotation', from_unit: 'KL', to_unit: 'HX', to_title: 'CT_UBND_X', date: '2024-05-01', decision_no: '77-QĐ/TU', override_reason: 'thử' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  let c = await file();
  assert.equal(c.unit_code, 'HX');
  // the profile lists it, with its planned end and the way to void it
  const prof = (await (await officer.fetch('/can-bo/C001')).text()).split('id="luan-chuyen"')[1].split('</ul>')[0];
  assert.match(prof, /Luân chuyển từ 01\/05\/2024: Phường Ka Long → Chủ tịch UBND[^(]*Hải Xuân/);
  assert.match(prof, /\(quyết định 77-QĐ\/TU\)/);
  assert.match(prof, new RegExp(`href="/luan-chuyen/${id}/huy">Hủy \\(nhập sai\\)</a>`));
  assert.equal(c.positions.find((p) => p.decision_no === '123/QĐ-UBND').end_date, '2024-04-30');
  // a reason is required; a viewer may not; the page offers it to the officer only
  assert.equal((await call(officer, `/api/v1/rotations/${id}/void`, {})).status, 400);
  assert.equal((await call(viewer, `/api/v1/rotations/${id}/void`, { reason: 'x' })).status, 403);
  assert.match(await (await officer.fetch('/luan-chuyen')).text(), new RegExp(`href="/luan-chuyen/${id}/huy">Hủy</a>`));
  assert.doesNotMatch(await (await viewer.fetch('/luan-chuyen')).text(), /\/huy">Hủy<\/a>/);
  let res = await form(officer, `/luan-chuyen/${id}/huy`, { void_reason: '   ' });
  assert.equal(res.status, 400);
  assert.match(await res.text(), /Lý do hủy: bắt buộc nhập/);
  res = await form(officer, `/luan-chuyen/${id}/huy`, { void_reason: 'Nhập nhầm người' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/can-bo/C001?da-huy-luan-chuyen=1');
  c = await file();
  assert.equal(c.unit_code, 'KL', 'the unit is back');
  assert.equal(c.positions.find((p) => p.decision_no === '123/QĐ-UBND').end_date, null, 'the old post goes on');
  assert.equal(c.positions.filter((p) => p.decision_no === '77-QĐ/TU').length, 0, 'the new post is voided');
  const h = (await officer.json('/api/v1/cadres/C001/history')).body.items.filter((x) => x.source === `undo:rotation:${id}`);
  assert.deepEqual(h.map((x) => x.action).sort(), ['update', 'update', 'void']);
  assert.equal((await officer.json('/api/v1/rotations?unit=HX')).body.total, 0, 'out of the list');
  assert.doesNotMatch(await (await officer.fetch('/can-bo/C001')).text(), /id="luan-chuyen"/, 'off the profile');
  assert.equal((await call(officer, `/api/v1/rotations/${id}/void`, { reason: 'lần nữa' })).status, 404);
  assert.equal((await officer.fetch(`/luan-chuyen/${id}/huy`)).status, 404);
});

test('a corrected new post goes with the void; one ended since is refused (409), nothing changed, and says what to do', async () => {
  let r = await call(officer, '/api/v1/rotations', { cadre: 'C001', kind: 'transfer', from_unit: 'KL', to_unit: 'HX', to_title: 'CT_UBND_X', date: '2024-06-01', decision_no: '78-QĐ/TU' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  let id = r.body.id;
  let post = (await file()).positions.find((p) => p.decision_no === '78-QĐ/TU');
  // its decision number corrected: not a reason to refuse (a board-user trial was stuck for good)
  r = await call(officer, `/api/v1/positions/${post.id}`, { set: { decision_no: '78b-QĐ/TU' }, reason: 'sửa số' }, 'PATCH');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  r = await call(officer, `/api/v1/rotations/${id}/void`, { reason: 'nhập sai' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await file()).unit_code, 'KL');
  // recorded again; its post ended since by hand: the void would overwrite that end
  r = await call(officer, '/api/v1/rotations', { cadre: 'C001', kind: 'transfer', from_unit: 'KL', to_unit: 'HX', to_title: 'CT_UBND_X', date: '2024-07-01', decision_no: '79-QĐ/TU' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  id = r.body.id;
  post = (await file()).positions.find((p) => p.decision_no === '79-QĐ/TU');
  r = await call(officer, `/api/v1/positions/${post.id}`, { set: { end_date: '2024-09-30' }, reason: 'thôi giữ chức' }, 'PATCH');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  r = await call(officer, `/api/v1/rotations/${id}/void`, { reason: 'nhập sai' });
  assert.equal(r.status, 409);
  assert.match(r.body.error.message, /chức vụ mới của lần này đã kết thúc ngày 30\/09\/2024 .*xóa ngày kết thúc của chức vụ/);
  assert.equal((await file()).unit_code, 'HX', 'nothing undone');
  assert.equal((await officer.json('/api/v1/rotations?unit=HX')).body.total, 1);
  // the end taken back, the void goes through
  r = await call(officer, `/api/v1/positions/${post.id}`, { set: { end_date: '' }, reason: 'nhập nhầm' }, 'PATCH');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  r = await call(officer, `/api/v1/rotations/${id}/void`, { reason: 'nhập sai' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await file()).unit_code, 'KL');
});

test('every void left an intact audit chain with its row', () => {
  const v = spawnSync(CANBO, ['--db', dbPath, 'audit', 'verify'], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
  const q = spawnSync('sqlite3', [dbPath, "SELECT count(*) FROM audit WHERE entity = 'rotation' AND action = 'void'"], { encoding: 'utf8' });
  assert.equal(q.stdout.trim(), '3');
});
