// Issue 11 over HTTP, on the fixture database plus a commune committee title:
// PARTY-1 refuses a non-member for a committee pool, with the Party's Charter
// and QĐ 377 as its basis (an act of 2026); PLAN-8's political standard takes
// a cadre out of every pool with the reason; the titles page and API set a
// title's Party requirement and standard text (admin only, audited); a
// reappointment proposal shows and records its own steps (report, key-cadre
// confidence vote, collective vote) with APPT-RENEW's thresholds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

let srv, admin, officer, viewer, dbPath;

function canbo(args, input) {
  const r = spawnSync(CANBO, ['--db', dbPath, ...args], { encoding: 'utf8', input });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}
const sql = (q) => spawnSync('sqlite3', [dbPath, q], { encoding: 'utf8' }).stdout.trim();

before(async () => {
  const f = fixtureDb();
  dbPath = f.db;
  writeFileSync(join(f.dir, 't.csv'), 'code,name,level,category,rank,function\n' +
    'UV_BCH_X,Ủy viên Ban Chấp hành Đảng bộ xã,commune,committee,35,other\n');
  canbo(['import', 'titles', join(f.dir, 't.csv')]);
  srv = await startServer(f.db, f.dir);
  admin = new Client(srv.base);
  officer = new Client(srv.base);
  viewer = new Client(srv.base);
  await admin.login('admin', USERS.admin.password);
  await officer.login('officer', USERS.officer.password);
  await viewer.login('vkl', USERS.vkl.password);
});

after(async () => {
  await srv.stop();
});

const api = (c, path, body, method = 'POST') => c.json(path, {
  method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf }, body: JSON.stringify(body),
});
const form = (c, path, fields) => c.fetch(path, {
  method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ csrf: c.csrf, ...fields }).toString(),
});

test('PARTY-1: a non-member is refused for a committee pool, with the Charter and QĐ 377 as basis', async () => {
  const r = await api(officer, '/api/v1/planning', { term: '2025-2030', unit: 'KL', title: 'UV_BCH_X', cadre: 'C005',
                                                     date: '2026-03-01' });
  assert.equal(r.status, 422, JSON.stringify(r.body));
  const p = r.body.findings.find((x) => x.rule === 'PARTY-1');
  assert.equal(p.result, 'fail');
  assert.match(p.message, /Chưa là đảng viên vào ngày 01\/03\/2026/);
  assert.match(p.basis, /Điều lệ Đảng/);
  assert.match(p.basis, /Quy định 377-QĐ\/TW ngày 08\/10\/2025/);
  // an official member from 2010 passes that rule
  const patch = await api(officer, '/api/v1/cadres/C005', { set: { party_join_date: '01/02/2009', party_official_date: '01/02/2010' },
                                                            reason: 'Bổ sung ngày vào Đảng', effective_date: '2010-02-01' }, 'PATCH');
  assert.equal(patch.status, 200, JSON.stringify(patch.body));
  const ok = await api(officer, '/api/v1/planning', { term: '2025-2030', unit: 'KL', title: 'UV_BCH_X', cadre: 'C005',
                                                      date: '2026-03-01' });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
});

test('PLAN-8: the political standard takes the cadre out of every pool of the term, with the reason', async () => {
  const add = await api(officer, '/api/v1/planning', { term: '2025-2030', unit: 'KL', title: 'CT_UBND_X', cadre: 'C007',
                                                       date: '2026-01-10', override: 'kiểm thử' });
  assert.equal(add.status, 201, JSON.stringify(add.body));
  const page = await (await officer.fetch('/quy-hoach/ra-soat?term=2025-2030&date=2026-04-01')).text();
  assert.match(page, /id="political-form"/);
  assert.doesNotMatch(await (await viewer.fetch('/quy-hoach/ra-soat?term=2025-2030')).text(), /id="political-form"/);
  // no reason: refused next to its field, nothing written
  const n0 = Number(sql("SELECT count(*) FROM planning WHERE action = 'remove'"));
  let r = await form(officer, '/quy-hoach/ra-soat/chinh-tri', { term: '2025-2030', cadre: 'C007', decision_date: '01/04/2026' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Kết luận, lý do: cần nêu kết luận/);
  assert.equal(Number(sql("SELECT count(*) FROM planning WHERE action = 'remove'")), n0);
  r = await form(officer, '/quy-hoach/ra-soat/chinh-tri', { term: '2025-2030', cadre: 'C007', decision_date: '01/04/2026',
    decision_no: '15-QĐ/TU', reason: 'Có biểu hiện "tự diễn biến" theo kết luận kiểm tra' });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /political=1/);
  const h = await officer.json('/api/v1/planning/history?cadre=C007');
  const last = h.body.acts[h.body.acts.length - 1];
  assert.equal(last.action, 'remove');
  assert.equal(last.date, '2026-04-01');
  assert.match(last.reason, /^PLAN-8 — không bảo đảm tiêu chuẩn chính trị: Có biểu hiện/);
  assert.equal(sql("SELECT action FROM audit WHERE entity = 'planning' ORDER BY id DESC LIMIT 1"), 'planning_remove');
  // not in any pool any more: said so
  r = await form(officer, '/quy-hoach/ra-soat/chinh-tri', { term: '2025-2030', cadre: 'C007', decision_date: '02/04/2026',
    reason: 'lần hai' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /không có trong nguồn quy hoạch nào của nhiệm kỳ 2025-2030/);
});

test('titles: the Party requirement and the standard text, set by an admin, audited', async () => {
  const list = await (await viewer.fetch('/chuc-danh')).text();
  assert.match(list, /<tr id="t-UV_BCH_X">.*Đảng viên chính thức \(mặc định\)/);
  assert.match(list, /<tr id="t-CT_UBND_X">.*Không yêu cầu \(mặc định\)/);
  assert.doesNotMatch(list, /href="\/chuc-danh\/CT_UBND_X"/); // no edit link for a viewer
  assert.equal((await api(viewer, '/api/v1/titles/CT_UBND_X', { requires_party: 'member' }, 'PATCH')).status, 403);
  assert.equal((await api(admin, '/api/v1/titles/CT_UBND_X', { requires_party: 'all' }, 'PATCH')).status, 400);
  assert.equal((await api(admin, '/api/v1/titles/CT_UBND_X', { colour: 'red' }, 'PATCH')).status, 400);
  assert.equal((await api(admin, '/api/v1/titles/NOPE', { requires_party: 'member' }, 'PATCH')).status, 404);
  const p = await api(admin, '/api/v1/titles/CT_UBND_X', { requires_party: 'member',
    standard_basis: 'Quy định 12-QĐ/TU ngày 05/3/2021 của Ban Thường vụ Thành ủy' }, 'PATCH');
  assert.equal(p.status, 200, JSON.stringify(p.body));
  assert.equal(p.body.requires_party, 'member');
  assert.equal(sql("SELECT action || '|' || entity_key FROM audit WHERE entity = 'title' ORDER BY id DESC LIMIT 1"),
    'update|CT_UBND_X');
  const e = await viewer.json('/api/v1/cadres/C005/eligibility?for=planning&title=CT_UBND_X&unit=KL&date=2026-03-01');
  const std = e.body.findings.find((x) => x.rule === 'STD-1');
  assert.equal(std.basis, 'Quy định 12-QĐ/TU ngày 05/3/2021 của Ban Thường vụ Thành ủy');
  // the page form: back to the default
  const f = await form(admin, '/chuc-danh/CT_UBND_X', { requires_party: '', standard_basis: '' });
  assert.equal(f.status, 303);
  const t = (await viewer.json('/api/v1/titles')).body.items.find((x) => x.code === 'CT_UBND_X');
  assert.equal(t.requires_party, 'none');
  assert.equal(t.requires_party_set, null);
  assert.equal(t.standard_basis, null);
});

test('a reappointment shows and records its own steps: report, confidence vote, collective vote', async () => {
  const r = await api(officer, '/api/v1/proposals', { cadre: 'C001', kind: 'reappointment', unit: 'KL', title: 'CT_UBND_X',
                                                      date: '2025-07-01' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  const a2 = r.body.findings.find((x) => x.rule === 'APPT-2');
  assert.equal(a2.result, 'pass');
  assert.match(a2.message, /Đang giữ chức vụ Chủ tịch UBND/);
  let p = (await officer.json(`/api/v1/proposals/${id}`)).body;
  assert.equal(p.steps_required, 3);
  assert.equal(p.procedure_steps.length, 3);
  assert.match(p.procedure_steps[0], /báo cáo tự đánh giá/);
  assert.match(p.procedure_steps[1], /lấy phiếu tín nhiệm/);
  let html = await (await officer.fetch(`/bo-nhiem/${id}`)).text();
  assert.match(html, /id="procedure">bổ nhiệm lại: báo cáo tự đánh giá/);
  assert.match(html, /Ghi bước 1: Cán bộ làm báo cáo tự đánh giá/);
  assert.match(html, /<label for="f-date">Ngày báo cáo/);
  assert.doesNotMatch(html.split('id="step-form"')[1], /name="summoned"/); // a report has no meeting
  assert.doesNotMatch(html, /Hội nghị tập thể lãnh đạo mở rộng giới thiệu nhân sự/); // not the 5 steps of a new appointment
  let s = await api(officer, `/api/v1/proposals/${id}/steps`, { step: 1, date: '2025-07-05' });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  html = await (await officer.fetch(`/bo-nhiem/${id}`)).text();
  assert.match(html, /name="votes_for"/);
  assert.match(html, /Số phiếu tín nhiệm/);
  s = await api(officer, `/api/v1/proposals/${id}/steps`, { step: 2, date: '2025-07-10', summoned: 30, present: 24, votes_for: 12 });
  assert.equal(s.status, 201);
  assert.equal(s.body.passed, false); // 12/24 present = 50%: not above
  assert.equal(s.body.status, 'failed');
  assert.match(s.body.explain, /tín nhiệm 12\/24 người có mặt = 50% ≤ 50%/);
  p = (await officer.json(`/api/v1/proposals/${id}`)).body;
  assert.equal(p.steps[1].rule, 'APPT-RENEW');
  assert.match(p.steps[1].basis, /Nghị định 138\/2020\/NĐ-CP/);
});
