// Keeping the records through the API (docs/API.md "Keeping the records", "Users"):
// every route of the section -- success, 400 naming each bad field, 403 for a
// viewer, 404 outside the scope (also when the new unit of a move is outside),
// 409 for a stale version or an existing code, the history's contents,
// void/restore, structure statistics before and after an effective date, a
// completed course raising the level, users and passwords.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

let srv, admin, officer, viewer, klOfficer, dbPath;

const J = (body, method = 'POST') => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function call(client, path, body, method = 'POST') {
  const opts = J(body, method);
  opts.headers['X-CSRF-Token'] = client.csrf;
  return client.json(path, opts);
}

before(async () => {
  const { dir, db } = fixtureDb();
  dbPath = db;
  srv = await startServer(db, dir);
  admin = new Client(srv.base);
  officer = new Client(srv.base);
  viewer = new Client(srv.base);
  assert.equal((await admin.login('admin', USERS.admin.password)).res.status, 200);
  assert.equal((await officer.login('officer', USERS.officer.password)).res.status, 200);
  assert.equal((await viewer.login('vkl', USERS.vkl.password)).res.status, 200);
  // an officer limited to Ka Long, made through the users API
  const r = await call(admin, '/api/v1/users', { username: 'okl', role: 'officer', unit: 'KL', password: 'mat-khau-dai-du-12' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  klOfficer = new Client(srv.base);
  assert.equal((await klOfficer.login('okl', 'mat-khau-dai-du-12')).res.status, 200);
});

after(async () => srv && (await srv.stop()));


test('POST /api/v1/cadres: 201 with a generated code; found by a name without diacritics', async () => {
  const r = await call(officer, '/api/v1/cadres', {
    full_name: 'Vương Ngọc Ổn', gender: 'Nam', birth_date: '15/03/1982', unit_code: 'KL', llct_level: 'Sơ cấp',
    degree: 'dai_hoc', phone: '0203 3881 234', residence: 'Ka Long, Móng Cái',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.match(r.body.code, /^CB\d{6}$/);
  const s = await officer.json('/api/v1/cadres?q=vuong%20ngoc%20on');
  assert.equal(s.body.total, 1);
  assert.equal(s.body.items[0].code, r.body.code);
  const p = await officer.json(`/api/v1/cadres/${r.body.code}`);
  assert.equal(p.body.llct_level, 'so_cap');
  assert.equal(p.body.birth_date, '1982-03-15');
  assert.equal(p.body.residence, 'Ka Long, Móng Cái');
  assert.equal(p.body.version, 1);
  assert.deepEqual(p.body.relatives, []);
  assert.deepEqual(p.body.pools, []);
});

test('POST /api/v1/cadres: 400 names every bad field in Vietnamese; nothing written', async () => {
  const before = (await officer.json('/api/v1/cadres?limit=1')).body.total;
  const r = await call(officer, '/api/v1/cadres', {
    full_name: '<script>x</script>', gender: 'X', birth_date: '31/02/1990', unit_code: 'KL', phone: 'abc',
    id_number: '12', height_cm: '1000', party_join_date: '2099-01-01', notes: 'x'.repeat(10000), bogus: 'y', llct_level: 5,
  });
  assert.equal(r.status, 400);
  const f = r.body.error.fields;
  assert.match(f.full_name, /chỉ được gồm chữ cái/);
  assert.match(f.gender, /Nam hoặc Nữ/);
  assert.equal(f.birth_date, 'Ngày sinh: không có ngày 31/02/1990 (tháng 2/1990 có 28 ngày).');
  assert.match(f.phone, /không phải số điện thoại/);
  assert.match(f.id_number, /phải có 9 chữ số \(CMND\) hoặc 12 chữ số \(CCCD\)/);
  assert.match(f.height_cm, /nằm ngoài khoảng/);
  assert.match(f.party_join_date, /tương lai/);
  assert.match(f.notes, /tối đa 2000 ký tự/);
  assert.match(f.bogus, /Không có trường/);
  assert.match(f.llct_level, /không hợp lệ/);
  assert.equal((await officer.json('/api/v1/cadres?limit=1')).body.total, before);
  // an existing code: 409; a unit outside the officer's scope: 404
  assert.equal((await call(officer, '/api/v1/cadres', { code: 'C001', full_name: 'Lê Văn A', gender: 'M', birth_date: '1980', unit_code: 'KL' })).status, 409);
  assert.equal((await call(klOfficer, '/api/v1/cadres', { full_name: 'Lê Văn B', gender: 'M', birth_date: '1980', unit_code: 'HX' })).status, 404);
  assert.equal((await call(viewer, '/api/v1/cadres', { full_name: 'Lê Văn C', gender: 'M', birth_date: '1980', unit_code: 'KL' })).status, 403);
});

test('PATCH /api/v1/cadres/{code}: reason required, dated change with history, stale version 409', async () => {
  const p0 = (await officer.json('/api/v1/cadres/C004')).body;
  let r = await call(officer, '/api/v1/cadres/C004', { set: { llct_level: 'trung_cap' } }, 'PATCH');
  assert.equal(r.status, 400);
  assert.match(r.body.error.fields.reason, /bắt buộc/);
  r = await call(officer, '/api/v1/cadres/C004', { set: { code: 'C999' }, reason: 'x' }, 'PATCH');
  assert.equal(r.status, 400);
  assert.match(r.body.error.fields.code, /không sửa được/);
  r = await call(officer, '/api/v1/cadres/C004', { set: { llct_level: 'trung_cap' }, reason: 'x', effective_date: '31/02/2024' }, 'PATCH');
  assert.equal(r.status, 400);
  assert.match(r.body.error.fields.effective_date, /không có ngày 31\/02\/2024/);
  // the level held from 01/07/2024, with a version
  r = await call(officer, '/api/v1/cadres/C004', {
    set: { llct_level: 'trung_cap', phone: '0912345678' }, reason: 'Bằng tốt nghiệp Trung cấp LLCT số 12/2024',
    effective_date: '01/07/2024', version: p0.version,
  }, 'PATCH');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.llct_level, 'trung_cap');
  assert.equal(r.body.phone, '0912345678');
  assert.equal(r.body.version, p0.version + 1);
  // a second officer saving on the old version is refused with the current values
  r = await call(admin, '/api/v1/cadres/C004', { set: { phone: '0987654321' }, reason: 'sửa', version: p0.version }, 'PATCH');
  assert.equal(r.status, 409);
  assert.match(r.body.error.message, /người khác sửa/);
  assert.equal(r.body.error.current.phone, '0912345678');
  assert.equal(r.body.error.current.version, p0.version + 1);
  // the history, newest first, with stored values, effective date and reason
  const h = (await viewer.json('/api/v1/cadres/C004/history')).body.items;
  const llct = h.find((x) => x.field === 'llct_level');
  assert.equal(llct.old, null);
  assert.equal(llct.new, 'trung_cap');
  assert.equal(llct.effective_date, '2024-07-01');
  assert.equal(llct.reason, 'Bằng tốt nghiệp Trung cấp LLCT số 12/2024');
  assert.equal(llct.by, 'officer');
  const phone = h.find((x) => x.field === 'phone');
  assert.equal(phone.effective_date, null);
  assert.ok(h.some((x) => x.action === 'create'), 'the import that created the record is in the history');
  // viewers cannot write; out of scope is 404
  assert.equal((await call(viewer, '/api/v1/cadres/C004', { set: { phone: '0912000000' }, reason: 'x' }, 'PATCH')).status, 403);
  assert.equal((await call(klOfficer, '/api/v1/cadres/C002', { set: { phone: '0912000000' }, reason: 'x' }, 'PATCH')).status, 404);
  // moving a cadre to a unit outside one's scope is 404 and writes nothing
  r = await call(klOfficer, '/api/v1/cadres/C004', { set: { unit_code: 'HX' }, reason: 'x' }, 'PATCH');
  assert.equal(r.status, 404);
  assert.equal((await officer.json('/api/v1/cadres/C004')).body.unit_code, 'KL');
});

test('structure statistics before and after an effective date', async () => {
  const count = async (date, unit) => {
    const r = await officer.json(`/api/v1/reports/structure?unit=${unit}&date=${date}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const llct = (s, key) => s.dimensions.llct.buckets.find((b) => b.key === key)?.count ?? 0;
  const r = await call(officer, '/api/v1/cadres', { full_name: 'Lý Văn Mốc', gender: 'M', birth_date: '1985', unit_code: 'KL' });
  const code = r.body.code;
  const beforeJune = await count('2025-05-31', 'KL');
  const p = await call(officer, `/api/v1/cadres/${code}`, { set: { llct_level: 'cao_cap', unit_code: 'HX' }, reason: 'Quyết định 77', effective_date: '2025-06-01' }, 'PATCH');
  assert.equal(p.status, 200, JSON.stringify(p.body));
  const kl0 = await count('2025-05-31', 'KL'), kl1 = await count('2025-06-01', 'KL');
  const hx0 = await count('2025-05-31', 'HX'), hx1 = await count('2025-06-01', 'HX');
  assert.equal(kl0.total, beforeJune.total, 'before the date the cadre still counts in KL');
  assert.equal(kl1.total, kl0.total - 1, 'from the date the cadre has left KL');
  assert.equal(hx1.total, hx0.total + 1, 'and counts in HX');
  assert.equal(llct(hx1, 'cao_cap') - llct(hx0, 'cao_cap'), 1, 'with the new level from the date');
  // the history page names the units, not only their codes (UAT: "HT → HD")
  const hist = await (await officer.fetch(`/can-bo/${code}/lich-su`)).text();
  assert.match(hist, /<td>[^<]*\(KL\)<\/td><td>[^<]*\(HX\)<\/td>/);
});

test('void and restore: the record leaves lists and search; admin sees it marked and restores it', async () => {
  const r = await call(officer, '/api/v1/cadres', { full_name: 'Nguyeãn Vaên Huøng', gender: 'M', birth_date: '1970', unit_code: 'KL' });
  const code = r.body.code;
  const total0 = (await officer.json('/api/v1/cadres?limit=1')).body.total;
  assert.equal((await call(officer, `/api/v1/cadres/${code}/void`, {})).status, 400, 'a reason is required');
  assert.equal((await call(viewer, `/api/v1/cadres/${code}/void`, { reason: 'x' })).status, 403);
  const v = await call(officer, `/api/v1/cadres/${code}/void`, { reason: 'Tên bị lỗi phông VNI khi nhập' });
  assert.equal(v.status, 200);
  assert.equal((await officer.json('/api/v1/cadres?limit=1')).body.total, total0 - 1);
  assert.equal((await officer.json(`/api/v1/cadres/${code}`)).status, 404);
  const a = await admin.json(`/api/v1/cadres/${code}`);
  assert.equal(a.status, 200);
  assert.equal(a.body.voided.reason, 'Tên bị lỗi phông VNI khi nhập');
  assert.equal((await call(officer, `/api/v1/cadres/${code}/restore`, {})).status, 403);
  assert.equal((await call(admin, `/api/v1/cadres/${code}/restore`, {})).status, 200);
  assert.equal((await officer.json(`/api/v1/cadres/${code}`)).status, 200);
  const h = (await admin.json(`/api/v1/cadres/${code}/history`)).body.items;
  assert.deepEqual(h.slice(0, 2).map((x) => x.action), ['restore', 'void']);
});

test('the post form offers the titles grouped by level, each level once', async () => {
  const html = await (await officer.fetch('/can-bo/C002/them/chuc-vu')).text();
  const sel = html.match(/<select[^>]*name="title_code"[^>]*>([\s\S]*?)<\/select>/)[1];
  const groups = [...sel.matchAll(/<optgroup label="([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(groups, ['Cấp xã', 'Cơ sở']); // the fixture's titles' levels
  assert.equal(sel.split('<optgroup').length, sel.split('</optgroup>').length, 'every group closed');
  assert.match(sel, /<optgroup label="Cấp xã">(?:(?!<\/optgroup>)[\s\S])*value="CT_UBND_X"/, 'a commune title under Cấp xã');
});

test('posts: add (a current main post moves the cadre), correct, end, void', async () => {
  let r = await call(officer, '/api/v1/cadres/C002/positions', { unit_code: 'HX', title_code: 'NOPE', start_date: '31/13/2020' });
  assert.equal(r.status, 400);
  assert.match(r.body.error.fields.title_code, /không có chức danh/);
  assert.ok(r.body.error.fields.start_date);
  r = await call(klOfficer, '/api/v1/cadres/C001/positions', { unit_code: 'HX', title_code: 'CT_UBND_X', start_date: '2024-01-01' });
  assert.equal(r.status, 404, 'the new unit is outside the scope');
  r = await call(officer, '/api/v1/cadres/C001/positions', { unit_code: 'HX', title_code: 'CT_UBND_X', start_date: '2024-01-01', decision_no: '5/QĐ-UBND' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  let p = (await officer.json('/api/v1/cadres/C001')).body;
  assert.equal(p.unit_code, 'HX', 'the cadre follows the new main post');
  const old = p.positions.find((x) => x.decision_no === '123/QĐ-UBND');
  assert.equal(old.end_date, '2023-12-31', 'the old main post ended the day before');
  r = await call(officer, `/api/v1/positions/${id}`, { set: { decision_no: '6/QĐ-UBND' }, reason: 'sai số quyết định' }, 'PATCH');
  assert.equal(r.status, 200);
  assert.equal(r.body.decision_no, '6/QĐ-UBND');
  r = await call(officer, `/api/v1/positions/${id}`, { set: { end_date: '2023-01-01' }, reason: 'x' }, 'PATCH');
  assert.equal(r.status, 400);
  assert.match(r.body.error.fields.end_date, /trước ngày bắt đầu/);
  r = await call(officer, `/api/v1/positions/${id}`, { set: { decision_no: 'x' }, reason: 'x', version: 1 }, 'PATCH');
  assert.equal(r.status, 409, 'version 1 is stale after the correction');
  assert.equal((await call(viewer, `/api/v1/positions/${id}`, { set: { decision_no: 'y' }, reason: 'x' }, 'PATCH')).status, 403);
  r = await call(officer, `/api/v1/positions/${id}/void`, { reason: 'nhập nhầm người' });
  assert.equal(r.status, 200);
  p = (await officer.json('/api/v1/cadres/C001')).body;
  assert.ok(!p.positions.some((x) => x.id === id));
  const h = (await officer.json('/api/v1/cadres/C001/history')).body.items;
  const voided = h.find((x) => x.entity === 'position' && x.action === 'void' && x.reason === 'nhập nhầm người');
  assert.ok(voided);
  assert.match(voided.subject, /^Chủ tịch UBND .*, từ 01\/01\/2024$/, 'the history names the post it is about');
  const page = await (await officer.fetch('/can-bo/C001/lich-su')).text();
  assert.ok(page.includes(`<br><span class="muted">${voided.subject}</span>`), 'named on the page, as text in its markup');
  // the old main post ended, the new one voided: the file says no main post is held now, with the way to add one
  const file = await (await officer.fetch('/can-bo/C001')).text();
  assert.match(file, /id="no-main-post">Chưa có chức vụ chính hiện tại ở [^<]+<a href="\/can-bo\/C001\/them\/chuc-vu">/);
  assert.doesNotMatch(await (await viewer.fetch('/can-bo/C001')).text(), /no-main-post/, 'a viewer adds nothing');
});

test('trainings: a completed LLCT course raises the level from its end date, never lowers it', async () => {
  let r = await call(officer, '/api/v1/cadres/C003/trainings', { program: 'llct_trung_cap', start_date: '2023-09-01', status: 'completed' });
  assert.equal(r.status, 400);
  assert.match(r.body.error.fields.end_date, /cần ngày kết thúc/);
  r = await call(officer, '/api/v1/cadres/C003/trainings', { program: 'llct_trung_cap', start_date: '2023-09-01', end_date: '2024-06-30', status: 'studying', institution: 'Trường Chính trị tỉnh' });
  assert.equal(r.status, 201);
  const id = r.body.id;
  assert.equal((await officer.json('/api/v1/cadres/C003')).body.llct_level, null);
  r = await call(officer, `/api/v1/trainings/${id}`, { set: { status: 'completed' }, reason: 'Đã tốt nghiệp' }, 'PATCH');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await officer.json('/api/v1/cadres/C003')).body.llct_level, 'trung_cap');
  const h = (await officer.json('/api/v1/cadres/C003/history')).body.items;
  const raise = h.find((x) => x.field === 'llct_level');
  assert.equal(raise.effective_date, '2024-06-30');
  assert.match(raise.source, /^act:training:/);
  // a lower completed course does not lower it
  r = await call(officer, '/api/v1/cadres/C003/trainings', { program: 'llct_so_cap', start_date: '2024-07-01', end_date: '2024-08-01', status: 'completed' });
  assert.equal(r.status, 201);
  assert.equal((await officer.json('/api/v1/cadres/C003')).body.llct_level, 'trung_cap');
  assert.equal((await call(viewer, '/api/v1/cadres/C003/trainings', { program: 'other', start_date: '2024-01-01', status: 'registered' })).status, 403);
  // an entry error taken back takes its raise back: the course corrected to "studying", the level is the one the
  // other completed course (sơ cấp, from 01/08/2024) gives; voided, the same; completed again, trung cấp again
  const level = async () => (await officer.json('/api/v1/cadres/C003')).body.llct_level;
  r = await call(officer, `/api/v1/trainings/${id}`, { set: { status: 'studying' }, reason: 'Nhập nhầm: chưa tốt nghiệp' }, 'PATCH');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(await level(), 'so_cap');
  r = await call(officer, `/api/v1/trainings/${id}`, { set: { status: 'completed' }, reason: 'Đã tốt nghiệp' }, 'PATCH');
  assert.equal(await level(), 'trung_cap');
  r = await call(officer, `/api/v1/trainings/${id}/void`, { reason: 'Nhập nhầm người' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(await level(), 'so_cap');
  const undo = (await officer.json('/api/v1/cadres/C003/history')).body.items.find((x) => x.field === 'llct_level');
  assert.equal(undo.source, `undo:training:${id}`);
  assert.equal(undo.effective_date, '2024-06-30');
  // every day the course raised is taken back (30/06/2024 and 01/08/2024, where the sơ cấp row was raised too)
  const undone = (await officer.json('/api/v1/cadres/C003/history')).body.items.filter((x) => x.source === `undo:training:${id}`);
  assert.deepEqual(undone.map((x) => x.effective_date).sort(), ['2024-06-30', '2024-06-30', '2024-08-01']);
});

test('an entry error is corrected from the start: a rotation dated before today then moves the cadre', async () => {
  let r = await call(officer, '/api/v1/cadres', { full_name: 'Vũ Thị Nhầm', gender: 'F', birth_date: '1985-01-01', unit_code: 'HX' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const code = r.body.code;
  const form = await (await officer.fetch(`/can-bo/${code}/sua`)).text();
  assert.match(form, /name="entry_error"/);
  r = await call(officer, `/api/v1/cadres/${code}`, { set: { unit_code: 'KL' }, reason: 'gõ nhầm', entry_error: 'yes' }, 'PATCH');
  assert.equal(r.status, 400);
  r = await call(officer, `/api/v1/cadres/${code}`, { set: { unit_code: 'KL' }, reason: 'gõ nhầm', entry_error: true,
    effective_date: '2024-01-01' }, 'PATCH');
  assert.equal(r.status, 400);
  assert.match(r.body.error.fields.effective_date, /để trống khi sửa nhầm khi nhập/);
  r = await call(officer, `/api/v1/cadres/${code}`, { set: { unit_code: 'KL' }, reason: 'gõ nhầm', entry_error: true }, 'PATCH');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const h = (await officer.json(`/api/v1/cadres/${code}/history`)).body.items.find((x) => x.field === 'unit_code');
  assert.equal(h.effective_date, '0001-01-01');
  assert.match(await (await officer.fetch(`/can-bo/${code}/lich-su`)).text(), /từ đầu/);
});

test('a voided course, rating, discipline or family member is listed to an admin and restored', async () => {
  let r = await call(officer, '/api/v1/cadres/C001/disciplines', { form: 'reprimand', authority: 'party', decision_date: '2023-09-01',
    decision_no: '9/QĐ-UBKT', reason: 'Vi phạm quy chế' });
  assert.equal(r.status, 201);
  const id = r.body.id;
  assert.equal((await call(officer, `/api/v1/disciplines/${id}/void`, { reason: 'hủy nhầm' })).status, 200);
  const live = () => officer.json('/api/v1/cadres/C001').then((x) => x.body.disciplines.some((d) => d.id === id));
  assert.equal(await live(), false);
  // the officer cannot restore, nor see the list; the admin sees it on the file's history page
  assert.equal((await call(officer, `/api/v1/disciplines/${id}/restore`, {})).status, 403);
  assert.doesNotMatch(await (await officer.fetch('/can-bo/C001/lich-su')).text(), /id="ban-ghi-da-huy"/);
  const page = await (await admin.fetch('/can-bo/C001/lich-su')).text();
  assert.match(page, new RegExp(`<form method="post" action="/ban-ghi/ky-luat/${id}/khoi-phuc"`));
  assert.match(page, /Số quyết định: 9\/QĐ-UBKT/);
  assert.match(page, /hủy nhầm/);
  // the page's button restores it: back in the file, history and audit say so
  const f = await admin.fetch(`/ban-ghi/ky-luat/${id}/khoi-phuc`, { method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: admin.csrf }).toString() });
  assert.equal(f.status, 303);
  assert.match(f.headers.get('location'), /^\/can-bo\/C001\/lich-su\?da-khoi-phuc-ban-ghi=1$/);
  assert.equal(await live(), true);
  const h = (await officer.json('/api/v1/cadres/C001/history')).body.items;
  assert.ok(h.some((x) => x.entity === 'discipline' && x.entity_id === id && x.action === 'restore'));
  // once restored it is not voided: a second restore is 404; a rating of a year taken again meanwhile is a 409
  assert.equal((await call(admin, `/api/v1/disciplines/${id}/restore`, {})).status, 404);
  r = await call(officer, '/api/v1/cadres/C001/evaluations', { year: 2019, rating: 'good' });
  assert.equal(r.status, 201);
  const ev = r.body.id;
  assert.equal((await call(officer, `/api/v1/evaluations/${ev}/void`, { reason: 'sai năm' })).status, 200);
  assert.equal((await call(officer, '/api/v1/cadres/C001/evaluations', { year: 2019, rating: 'excellent' })).status, 201);
  assert.equal((await call(admin, `/api/v1/evaluations/${ev}/restore`, {})).status, 409);
  // a post too: listed, restored by the API, back in the file
  r = await call(officer, '/api/v1/cadres/C001/positions', { unit_code: 'KL', title_code: 'CT_UBND_X', start_date: '2010-01-01',
    end_date: '2012-12-31', decision_no: '77/QĐ' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const pos = r.body.id;
  assert.equal((await call(officer, `/api/v1/positions/${pos}/void`, { reason: 'nhập nhầm' })).status, 200);
  const posLive = () => officer.json('/api/v1/cadres/C001').then((x) => x.body.positions.some((p) => p.id === pos));
  assert.equal(await posLive(), false);
  assert.match(await (await admin.fetch('/can-bo/C001/lich-su')).text(),
    new RegExp(`<td>Chức vụ</td><td>[^<]*từ 01/01/2010[^<]*</td>[\\s\\S]*?action="/ban-ghi/chuc-vu/${pos}/khoi-phuc"`));
  assert.equal((await call(officer, `/api/v1/positions/${pos}/restore`, {})).status, 403);
  assert.equal((await call(admin, `/api/v1/positions/${pos}/restore`, {})).status, 200);
  assert.equal(await posLive(), true);
});

test('ratings, disciplines and family members: add, correct, void', async () => {
  let r = await call(officer, '/api/v1/cadres/C001/evaluations', { year: 2024, rating: 'good' });
  assert.equal(r.status, 201);
  const ev = r.body.id;
  r = await call(officer, '/api/v1/cadres/C001/evaluations', { year: 2024, rating: 'excellent' });
  assert.equal(r.status, 409, 'a second rating for a year: correct the first one');
  r = await call(officer, `/api/v1/evaluations/${ev}`, { set: { rating: 'excellent' }, reason: 'Theo kết quả họp xét lại' }, 'PATCH');
  assert.equal(r.status, 200);
  assert.equal(r.body.rating, 'excellent');
  r = await call(officer, '/api/v1/cadres/C001/disciplines', { form: 'reprimand', authority: 'party', decision_date: '2024-03-01' });
  assert.equal(r.status, 201);
  r = await call(officer, `/api/v1/disciplines/${r.body.id}/void`, { reason: 'Quyết định đã bị hủy' });
  assert.equal(r.status, 200);
  // A discipline has its own reason: the correction form's "Lý do sửa" is another field (edit_reason), kept apart.
  r = await call(officer, '/api/v1/cadres/C001/disciplines', { form: 'warning', authority: 'state', decision_date: '2024-05-02',
    decision_no: '55/QĐ-UBND', reason: 'Chậm trễ giải quyết hồ sơ' });
  assert.equal(r.status, 201);
  const disc = r.body.id;
  const page = await (await officer.fetch(`/ban-ghi/ky-luat/${disc}`)).text();
  assert.match(page, /name="edit_reason"/);
  assert.equal((page.match(/name="reason"/g) || []).length, 1, 'one field named reason: the discipline\'s own');
  const post = (fields) => officer.fetch(`/ban-ghi/ky-luat/${disc}`, { method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: officer.csrf, form: 'warning', authority: 'state', decision_date: '02/05/2024',
      decision_no: '55A/QĐ-UBND', reason: 'Chậm trễ giải quyết hồ sơ', ...fields }).toString() });
  let f = await post({ edit_reason: '' });
  assert.equal(f.status, 400);
  assert.match(await f.text(), /Lý do sửa[\s\S]*Lý do: bắt buộc nhập/);
  f = await post({ edit_reason: 'Sửa số quyết định theo bản gốc' });
  assert.equal(f.status, 303);
  const hist = (await officer.json('/api/v1/cadres/C001/history')).body.items;
  const fix = hist.find((h) => h.entity === 'discipline' && h.field === 'decision_no');
  assert.equal(fix.new, '55A/QĐ-UBND');
  assert.equal(fix.reason, 'Sửa số quyết định theo bản gốc', 'the reason typed as Lý do sửa, not the discipline\'s');
  assert.equal((await officer.json('/api/v1/cadres/C001')).body.disciplines.find((d) => d.id === disc).reason, 'Chậm trễ giải quyết hồ sơ');
  // a family member who is not a cadre, and one who is
  r = await call(officer, '/api/v1/cadres/C001/relatives', { relation: 'parent', full_name: 'Hoàng Văn Bố', birth_year: 1950, occupation: 'Hưu trí', workplace: '', residence: 'Ka Long' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  r = await call(officer, '/api/v1/cadres/C001/relatives', { relation: 'wife', full_name: 'X' });
  assert.equal(r.status, 400);
  assert.ok(r.body.error.fields.relation);
  r = await call(officer, '/api/v1/cadres/C001/relatives', { relation: 'spouse', relative_code: 'C003' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.ok(Array.isArray(r.body.findings), 'REL-1/REL-2 checked for a cadre relative');
  assert.equal((await call(officer, '/api/v1/cadres/C003/relatives', { relation: 'spouse', relative_code: 'C001' })).status, 409);
  const p1 = (await officer.json('/api/v1/cadres/C001')).body;
  assert.ok(p1.relatives.some((x) => x.full_name === 'Hoàng Văn Bố' && x.birth_year === '1950'));
  const p3 = (await officer.json('/api/v1/cadres/C003')).body;
  assert.ok(p3.relatives.some((x) => x.relative_code === 'C001' && x.implied), 'the reverse relation shows on the other file');
  const famHist = await (await officer.fetch('/can-bo/C001/lich-su')).text();
  const c3 = (await officer.json('/api/v1/cadres/C003')).body.full_name;
  assert.ok(famHist.includes(`Là cán bộ: ${c3}`), 'the linked cadre named, not an internal id');
  assert.equal((await call(klOfficer, '/api/v1/cadres/C001/relatives', { relation: 'child', relative_code: 'C002' })).status, 404,
    'a relative outside the scope');
});

test('users: add with the password policy, change scope and role, disable ends sessions, passwords', async () => {
  let r = await call(admin, '/api/v1/users', { username: 'nhanvien', role: 'viewer', password: 'short' });
  assert.equal(r.status, 400);
  assert.match(r.body.error.fields.password, /ít nhất 12 ký tự/);
  r = await call(admin, '/api/v1/users', { username: 'nhanvien', role: 'viewer', password: 'nhanvien-2026-abc' });
  assert.match(r.body.error.fields.password, /tên đăng nhập/);
  r = await call(admin, '/api/v1/users', { username: 'nhanvien', role: 'viewer', password: 'password1234' });
  assert.match(r.body.error.fields.password, /phổ biến/);
  r = await call(admin, '/api/v1/users', { username: 'nhanvien', role: 'viewer', unit: 'KL', password: 'hoa-sen-trong-dam-7' });
  assert.equal(r.status, 201);
  assert.equal((await call(admin, '/api/v1/users', { username: 'nhanvien', role: 'viewer', password: 'hoa-sen-trong-dam-7' })).status, 409);
  assert.equal((await call(officer, '/api/v1/users', { username: 'x', role: 'viewer', password: 'hoa-sen-trong-dam-7' })).status, 403);
  const list = (await admin.json('/api/v1/users')).body.items;
  assert.ok(list.some((u) => u.username === 'nhanvien' && u.unit === 'KL' && u.role === 'viewer'));
  const nv = new Client(srv.base);
  assert.equal((await nv.login('nhanvien', 'hoa-sen-trong-dam-7')).res.status, 200);
  assert.equal((await nv.json('/api/v1/cadres/C002')).status, 404, 'scoped to KL');
  r = await call(admin, '/api/v1/users/nhanvien', { unit: null }, 'PATCH');
  assert.equal(r.status, 200);
  assert.equal(r.body.unit, null);
  assert.equal((await nv.json('/api/v1/session')).status, 401, 'a change of scope ends the sessions');
  assert.equal((await nv.login('nhanvien', 'hoa-sen-trong-dam-7')).res.status, 200);
  assert.equal((await nv.json('/api/v1/cadres/C002')).status, 200);
  r = await call(admin, '/api/v1/users/nhanvien', { disabled: true }, 'PATCH');
  assert.equal(r.status, 200);
  assert.equal((await nv.json('/api/v1/session')).status, 401, 'a disabled user is logged out at once');
  const locked = await nv.login('nhanvien', 'hoa-sen-trong-dam-7');
  assert.equal(locked.res.status, 403, 'the right password of a disabled account: told it is locked');
  assert.match(locked.body.error.message, /đã bị khóa/);
  assert.equal((await nv.login('nhanvien', 'sai-mat-khau-1')).res.status, 401, 'a wrong password learns nothing more');
  assert.equal((await call(admin, '/api/v1/users/admin', { disabled: true }, 'PATCH')).status, 403, 'not oneself');
  const own = await call(admin, '/api/v1/users/admin', { unit: 'HX' }, 'PATCH'); // a unit would take away users and rules
  assert.equal(own.status, 403, 'nor a unit of ones own');
  assert.match(own.body.error.message, /đổi đơn vị \(phạm vi\) của chính mình/);
  assert.equal((await admin.json('/api/v1/users')).status, 200, 'the admin still manages users');
  assert.equal((await call(admin, '/api/v1/users/admin', { unit: null, role: 'admin' }, 'PATCH')).status, 200, 'unchanged is fine');
  await call(admin, '/api/v1/users/nhanvien', { disabled: false }, 'PATCH');
  r = await call(admin, '/api/v1/users/nhanvien/password', { password: 'bong-lua-vang-2026' }, 'PUT');
  assert.equal(r.status, 200);
  assert.equal((await nv.login('nhanvien', 'bong-lua-vang-2026')).res.status, 200);
  r = await call(nv, '/api/v1/session/password', { old: 'sai-mat-khau', new: 'song-hong-xanh-99' }, 'PUT');
  assert.equal(r.status, 400);
  assert.match(r.body.error.fields.old, /không đúng/);
  r = await call(nv, '/api/v1/session/password', { old: 'bong-lua-vang-2026', new: 'song-hong-xanh-99' }, 'PUT');
  assert.equal(r.status, 200);
  assert.equal((await nv.json('/api/v1/session')).status, 200, 'one\'s own change keeps the current session');
});

test('a planning add answers 201 with its warnings (PLAN-1 over 3 under HD 06 in 2021)', async () => {
  const codes = [];
  for (const n of ['Một', 'Hai', 'Ba', 'Bốn']) {
    const r = await call(officer, '/api/v1/cadres', { full_name: `Trần Văn ${n}`, gender: 'M', birth_date: '1985-01-01', unit_code: 'KL' });
    assert.equal(r.status, 201);
    codes.push(r.body.code);
  }
  let last;
  for (const code of codes) {
    last = await call(officer, '/api/v1/planning', { term: '2020-2025', unit: 'KL', title: 'CT_UBND_X', cadre: code, date: '2021-06-01' });
    assert.equal(last.status, 201, JSON.stringify(last.body));
  }
  assert.deepEqual(last.body.warnings.map((w) => w.rule), ['PLAN-1']);
  assert.match(last.body.warnings[0].message, /4/);
  assert.ok(last.body.warnings[0].basis.length > 0);
});

test('every change above left an intact audit chain', () => {
  const r = spawnSync(CANBO, ['--db', dbPath, 'audit', 'verify'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

// ---- two officers correcting the same cadre in the browser's form (UAT: a re-save undid the other's change) ----

const unescapeHtml = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&amp;/g, '&');

// The fields a browser would post from the correction form in `html`: inputs, selected options, textareas.
function formFields(html) {
  const form = html.slice(html.indexOf('<form method="post" action="/can-bo/'));
  const body = form.slice(0, form.indexOf('</form>'));
  const out = new Map();
  for (const m of body.matchAll(/<input\b[^>]*>/g)) {
    const name = /\sname="([^"]*)"/.exec(m[0]);
    if (!name || /type="(submit|button|checkbox)"/.test(m[0])) continue;
    const value = /\svalue="([^"]*)"/.exec(m[0]);
    out.set(unescapeHtml(name[1]), value ? unescapeHtml(value[1]) : '');
  }
  for (const m of body.matchAll(/<select\b[^>]*\sname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = /<option value="([^"]*)"[^>]*\sselected/.exec(m[2]);
    out.set(unescapeHtml(m[1]), sel ? unescapeHtml(sel[1]) : '');
  }
  for (const m of body.matchAll(/<textarea\b[^>]*\sname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g))
    out.set(unescapeHtml(m[1]), unescapeHtml(m[2]));
  return out;
}

async function loadForm(client, code) {
  const res = await client.fetch(`/can-bo/${code}/sua`);
  assert.equal(res.status, 200);
  return formFields(await res.text());
}

async function save(client, code, fields, changes) {
  const f = new Map(fields);
  for (const [k, v] of Object.entries(changes)) f.set(k, v);
  const res = await client.fetch(`/can-bo/${code}/sua`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([...f.entries()]).toString(),
  });
  return { status: res.status, html: await res.text() };
}

test('two officers on one form: changes to other fields merge; the same field is a 409 naming only it; re-saving keeps the other\'s change', async () => {
  const made = await call(officer, '/api/v1/cadres', { full_name: 'Hà Thị Song', gender: 'F', birth_date: '02/02/1983',
    unit_code: 'KL', hometown: 'Vạn Ninh, Móng Cái', phone: '0911 000 001', residence: 'Ka Long' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const code = made.body.code;
  const get = async () => (await officer.json(`/api/v1/cadres/${code}`)).body;

  // 1. different fields: B's save (form loaded before A's) merges; A's change stays
  let a = await loadForm(officer, code), b = await loadForm(klOfficer, code);
  assert.equal((await save(officer, code, a, { hometown: 'Hải Hà, Quảng Ninh', reason: 'A sửa quê quán' })).status, 303);
  assert.equal((await save(klOfficer, code, b, { residence: 'Trần Phú, Móng Cái', reason: 'B sửa nơi ở' })).status, 303);
  let now = await get();
  assert.equal(now.hometown, 'Hải Hà, Quảng Ninh');
  assert.equal(now.residence, 'Trần Phú, Móng Cái');

  // 2. the same field changed by both: 409, the table names only that field, other fields take A's values
  a = await loadForm(officer, code), b = await loadForm(klOfficer, code);
  assert.equal((await save(officer, code, a, { hometown: 'Thanh Hà, Hải Dương', phone: '0911 000 002', reason: 'A' })).status, 303);
  const r = await save(klOfficer, code, b, { phone: '0911 000 003', residence: 'Hòa Lạc, Móng Cái', reason: 'B' });
  assert.equal(r.status, 409);
  assert.match(r.html, /Hồ sơ đã được người khác sửa<\/strong> \(lần sửa gần nhất: officer, lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\)/);
  const table = r.html.slice(r.html.indexOf('<table class="grid">'), r.html.indexOf('</table>'));
  assert.match(table, /<th scope="row">Điện thoại<\/th><td>0911 000 002<\/td><td>0911 000 003<\/td>/);
  assert.doesNotMatch(table, /Quê quán|Nơi ở hiện nay/, 'only the field both changed is a conflict');
  const again = formFields(r.html);
  assert.equal(again.get('hometown'), 'Thanh Hà, Hải Dương', 'the field B left alone shows A\'s value');
  assert.equal(again.get('residence'), 'Hòa Lạc, Móng Cái', 'B\'s typing is kept');
  assert.equal(again.get('phone'), '0911 000 003');
  now = await get();
  assert.equal(now.residence, 'Trần Phú, Móng Cái', 'nothing of B was written with the conflict');

  // 3. B saves the re-shown form as it is: B's phone and residence, A's hometown kept
  assert.equal((await save(klOfficer, code, again, {})).status, 303);
  now = await get();
  assert.equal(now.hometown, 'Thanh Hà, Hải Dương');
  assert.equal(now.phone, '0911 000 003');
  assert.equal(now.residence, 'Hòa Lạc, Móng Cái');
  const hist = (await officer.json(`/api/v1/cadres/${code}/history`)).body;
  const hometownChanges = (hist.items || hist).filter((h) => h.field === 'hometown');
  assert.equal(hometownChanges.length, 2, 'hometown changed twice (by A), never reverted by B');
});

test('a course saved by another officer meanwhile: 409 with the fields that differ, theirs and yours', async () => {
  let r = await call(officer, '/api/v1/cadres/C005/trainings', { program: 'other', name: 'Tin học văn phòng', start_date: '2024-03-01', end_date: '2024-04-01', status: 'completed', institution: 'Trường A' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  const page = await (await officer.fetch(`/ban-ghi/dao-tao/${id}`)).text();
  const version = /name="version" value="(\d+)"/.exec(page)[1];
  // the other officer corrects the institution first
  r = await call(admin, `/api/v1/trainings/${id}`, { set: { institution: 'Trường B' }, reason: 'sửa tên trường' }, 'PATCH');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const res = await officer.fetch(`/ban-ghi/dao-tao/${id}`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: officer.csrf, version, program: 'other', name: 'Tin học văn phòng', start_date: '01/03/2024',
      end_date: '15/04/2024', status: 'completed', institution: 'Trường A', reason: 'sửa ngày kết thúc' }).toString(),
  });
  assert.equal(res.status, 409);
  const table = (await res.text()).split('id="conflict"')[1].split('</table>')[0];
  assert.match(table, /<th scope="row">Cơ sở đào tạo<\/th><td>Trường B<\/td><td>Trường A<\/td>/);
  assert.match(table, /<th scope="row">Đến ngày<\/th><td>01\/04\/2024<\/td><td>15\/04\/2024<\/td>/);
  assert.doesNotMatch(table, /Tên khóa học|Từ ngày/, 'the fields that agree are not listed');
});
