// Appointments, rotations and relatives over HTTP against a real server on
// the fixture database: a proposal through its 3 external steps (validity and
// votes explained), the decision creating the appointment and its term, the
// due list, rotations, the relatives report; permissions (viewer 403), scope
// (404 outside the viewer's unit), CSRF, bad input 400, the HTML pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureDb, startServer, Client, USERS } from './helpers.mjs';

let srv, officer, viewer;
before(async () => {
  const { dir, db } = fixtureDb();
  srv = await startServer(db, dir);
  officer = new Client(srv.base);
  await officer.login('officer', USERS.officer.password);
  viewer = new Client(srv.base);
  await viewer.login('vkl', USERS.vkl.password);
});
after(async () => srv && (await srv.stop()));

const post = (c, path, body) =>
  c.json(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf }, body: JSON.stringify(body) });

let pid;
test('a proposal goes through 3 external steps and is decided with its term', async () => {
  let r = await post(officer, '/api/v1/proposals', { cadre: 'C002', unit: 'HX', title: 'CT_UBND_X', source: 'external', date: '2020-01-10' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  pid = r.body.id;
  assert.ok(Array.isArray(r.body.findings) && r.body.findings.length > 0);
  r = await post(officer, `/api/v1/proposals/${pid}/steps`, { step: 2, date: '2020-01-11', summoned: 9, present: 9 });
  assert.equal(r.status, 400);
  assert.match(r.body.error.message, /Bước tiếp theo là bước 1/);
  r = await post(officer, `/api/v1/proposals/${pid}/steps`, { step: 1, date: '2020-01-11', summoned: 9, present: 6 });
  assert.equal(r.status, 201);
  assert.equal(r.body.valid, true); // exactly 2/3
  r = await post(officer, `/api/v1/proposals/${pid}/steps`, { step: 2, date: '2020-01-12', summoned: 9, present: 9 });
  assert.equal(r.status, 201);
  r = await post(officer, `/api/v1/proposals/${pid}/steps`, { step: 3, date: '2020-01-13', summoned: 20, present: 14, votes_for: 11 });
  assert.equal(r.status, 201);
  assert.equal(r.body.explain, 'Có mặt 14/20 (≥ 2/3: hợp lệ); đồng ý 11/20 = 55% > 50%: đạt');
  // without a reason, a failed check refuses the decision and the message names the failed rules
  r = await post(officer, `/api/v1/proposals/${pid}/decision`, { date: '2020-03-01', decision_no: '7/QĐ' });
  assert.equal(r.status, 422, JSON.stringify(r.body));
  const failed = [...new Set(r.body.findings.filter((f) => f.result === 'fail').map((f) => f.rule))];
  assert.ok(failed.length > 0);
  assert.ok(r.body.error.message.includes(`${failed.join(', ')} «Không đạt»`), r.body.error.message);
  r = await post(officer, `/api/v1/proposals/${pid}/decision`, { date: '2020-03-01', decision_no: '7/QĐ', override: 'kiểm thử HTTP' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.term_end, '2025-02-28');
  r = await officer.json(`/api/v1/proposals/${pid}`);
  assert.equal(r.body.status, 'decided');
  assert.equal(r.body.steps.length, 3);
  assert.equal(r.body.decision.term_end, '2025-02-28');
  r = await officer.json('/api/v1/appointments/due?date=2024-11-30');
  assert.equal(r.body.notice_days, 90);
  assert.deepEqual(r.body.items.map((x) => x.cadre_code), ['C002']);
  r = await officer.json('/api/v1/appointments/due?date=2024-11-29');
  assert.equal(r.body.items.length, 0);
});

test('a failed vote closes the proposal; bad input is 400', async () => {
  let r = await post(officer, '/api/v1/proposals', { cadre: 'C005', unit: 'KL', title: 'CT_UBND_X', source: 'external', date: '2021-01-10' });
  const id = r.body.id;
  await post(officer, `/api/v1/proposals/${id}/steps`, { step: 1, date: '2021-01-11', summoned: 9, present: 9 });
  await post(officer, `/api/v1/proposals/${id}/steps`, { step: 2, date: '2021-01-12', summoned: 9, present: 9 });
  r = await post(officer, `/api/v1/proposals/${id}/steps`, { step: 3, date: '2021-01-13', summoned: 20, present: 20, votes_for: 10 });
  assert.equal(r.body.passed, false);
  assert.equal(r.body.status, 'failed');
  // its page offers no tờ trình (none is made for a failed proposal) and says why
  const page = await (await officer.fetch(`/bo-nhiem/${id}`)).text();
  assert.match(page, /id="no-request">Không lập tờ trình: bước 3 «[^»]+» không đạt/);
  assert.doesNotMatch(page, /van-ban\/to-trinh\?proposal=/);
  assert.match(await (await officer.fetch(`/bo-nhiem/${pid}`)).text(), /van-ban\/to-trinh\?proposal=/, 'a passed one does');
  r = await post(officer, `/api/v1/proposals/${id}/decision`, { date: '2021-02-01' });
  assert.equal(r.status, 400);
  r = await post(officer, '/api/v1/proposals', { cadre: 'C005', unit: 'KL', title: 'CT_UBND_X', source: 'nowhere' });
  assert.equal(r.status, 400);
  r = await post(officer, '/api/v1/proposals', { cadre: 'NOPE', unit: 'KL', title: 'CT_UBND_X' });
  assert.equal(r.status, 404);
});

test('viewers read within their scope only and cannot write; CSRF is required', async () => {
  let r = await viewer.json(`/api/v1/proposals/${pid}`); // HX is outside KL
  assert.equal(r.status, 404);
  r = await viewer.json('/api/v1/proposals');
  assert.equal(r.status, 200);
  assert.ok(r.body.items.every((x) => x.unit_code.startsWith('KL')));
  r = await post(viewer, '/api/v1/rotations', { cadre: 'C001', kind: 'rotation', to_unit: 'KL', date: '2022-01-01' });
  assert.equal(r.status, 403);
  const res = await officer.fetch('/api/v1/rotations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(res.status, 403);
});

test('rotations: ROT-2 warns under 36 months; the list and ending soon', async () => {
  let r = await post(officer, '/api/v1/rotations', { cadre: 'C004', kind: 'rotation', from_unit: 'KL', to_unit: 'HX', date: '2024-01-15', planned_months: 24 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const rot2 = r.body.findings.find((f) => f.rule === 'ROT-2');
  assert.equal(rot2.result, 'warn');
  assert.match(rot2.message, /24 tháng < 36 tháng/);
  r = await officer.json('/api/v1/rotations?unit=HX');
  assert.equal(r.body.total, 1);
  assert.equal(r.body.items[0].end_date, '2026-01-15');
  r = await officer.json('/api/v1/rotations?ending=6&date=2025-08-01');
  assert.equal(r.body.total, 1);
  r = await officer.json('/api/v1/rotations?ending=3&date=2025-08-01');
  assert.equal(r.body.total, 0);
  r = await post(officer, '/api/v1/rotations', { cadre: 'C004', kind: 'promotion', to_unit: 'HX', date: '2024-01-15' });
  assert.equal(r.status, 400);
  // a transfer (điều động) is not judged by the rotation's ten years left (ROT-1) nor its duration (ROT-2)
  r = await post(officer, '/api/v1/rotations', { cadre: 'C010', kind: 'transfer', from_unit: 'HX', to_unit: 'KL', to_title: 'CT_UBND_X', date: '2024-03-01' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const rot1 = r.body.findings.find((f) => f.rule === 'ROT-1');
  assert.equal(rot1.result, 'n/a');
  assert.match(rot1.message, /^Điều động, không phải luân chuyển: điều kiện còn ít nhất 10 năm công tác/);
  assert.equal(r.body.findings.find((f) => f.rule === 'ROT-2'), undefined);
  // a move without the title it leads to is said to leave the file without a current main post
  r = await post(officer, '/api/v1/rotations', { cadre: 'C010', kind: 'transfer', from_unit: 'KL', to_unit: 'HX', date: '2024-06-01' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const none = r.body.findings.find((f) => f.rule === 'ROT-1');
  assert.equal(none.result, 'warn');
  assert.match(none.message, /hồ sơ không có chức vụ chính hiện tại/);
});

test('the relatives report over HTTP and the pages render', async () => {
  let r = await officer.json('/api/v1/relatives/report?unit=TP');
  assert.equal(r.status, 200);
  assert.equal(r.body.total, 0);
  r = await officer.json('/api/v1/relatives/report?date=2024-13-01');
  assert.equal(r.status, 400);
  for (const path of ['/bo-nhiem', '/bo-nhiem/moi', `/bo-nhiem/${pid}`, '/bo-nhiem/den-han?date=2024-12-01', '/luan-chuyen', '/quan-he-gia-dinh']) {
    const res = await officer.fetch(path);
    assert.equal(res.status, 200, path);
    const html = await res.text();
    assert.match(html, /<html lang="vi">/);
  }
  const page = await (await officer.fetch(`/bo-nhiem/${pid}`)).text();
  assert.match(page, /Có mặt 14\/20 \(≥ 2\/3: hợp lệ\); đồng ý 11\/20 = 55% &gt; 50%: đạt/);
  const due = await (await officer.fetch('/bo-nhiem/den-han?date=2024-12-01&format=csv')).text();
  assert.match(due, /C002/);
  // The relation form: POST with the csrf field, 303 to the report that shows the pair.
  const body = new URLSearchParams({ csrf: officer.csrf, cadre: 'C001', relative: 'C005', relation: 'spouse' });
  const res = await officer.fetch('/quan-he-gia-dinh', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  assert.equal(res.status, 303);
  r = await officer.json('/api/v1/relatives/report');
  assert.equal(r.body.total, 1);
  assert.equal(r.body.items[0].relation_label, 'vợ');
  assert.equal((await viewer.fetch('/bo-nhiem/moi')).status, 403);
});

// The proposals and the decisions are read a page at a time (issue 9): with more than a page of proposals,
// /bo-nhiem shows the newest fifty and a pager of its own (proposals_page) that keeps the decisions' page;
// the API pages by limit/offset and counts the whole list.
test('more than a page of proposals: their own pager, the API paged', async () => {
  const before = (await officer.json('/api/v1/proposals?limit=1')).body.total;
  for (let i = 0; i < 52; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const r = await post(officer, '/api/v1/proposals', { cadre: 'C003', unit: 'HX', title: 'CT_UBND_X', source: 'external', date: `2019-0${1 + (i % 9)}-${day}` });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const total = before + 52;
  let r = await officer.json('/api/v1/proposals?limit=50');
  assert.equal(r.body.total, total);
  assert.equal(r.body.items.length, 50);
  const rest = await officer.json(`/api/v1/proposals?limit=50&offset=50`);
  assert.equal(rest.body.items.length, total - 50);
  const ids = new Set([...r.body.items, ...rest.body.items].map((x) => x.id));
  assert.equal(ids.size, total); // the pages neither overlap nor skip
  assert.equal((await officer.json('/api/v1/proposals?limit=0')).status, 400);
  assert.equal((await officer.json('/api/v1/proposals?offset=-1')).status, 400);
  let html = await (await officer.fetch('/bo-nhiem?page=2')).text(); // one decision: its page 2 is its page 1
  const shown = (h) => (h.match(/<table class="list" id="proposals">[\s\S]*?<\/table>/)[0].match(/<tr><td><a href="\/bo-nhiem\/\d+"/g) || []).length;
  assert.equal(shown(html), 50);
  assert.match(html, new RegExp(`Trang 1/2 \\(${total} dòng\\)`));
  assert.match(html, /href="\/bo-nhiem\?unit=&amp;status=&amp;year=0&amp;page=1&amp;proposals_page=2" rel="next"/);
  html = await (await officer.fetch('/bo-nhiem?proposals_page=2')).text();
  assert.equal(shown(html), total - 50);
  html = await (await officer.fetch('/bo-nhiem?proposals_page=99')).text(); // past the end: the last page
  assert.equal(shown(html), total - 50);
});

test('a proposal to a post someone else holds says who, before the decision (it does not end their post)', async () => {
  // C001 holds "Chủ tịch UBND cấp xã" in Phường Ka Long
  const r = await post(officer, '/api/v1/proposals', { cadre: 'C003', unit: 'KL', title: 'CT_UBND_X', source: 'external',
    date: '5/1/2024' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal((await officer.json(`/api/v1/proposals/${r.body.id}`)).body.date, '2024-01-05', 'stored as ISO however typed');
  const html = await (await officer.fetch(`/bo-nhiem/${r.body.id}`)).text();
  assert.match(html, /id="other-holders">Chức danh này đang có người giữ: Hoàng Hải Long \(C001\), từ \d\d\/\d\d\/\d{4}\. Quyết định này không tự kết thúc/);
});

test('deciding with end_holders ends the other holder\'s post the day before, with a history row', async () => {
  // C001 holds "Chủ tịch UBND cấp xã" in Phường Ka Long; C006 is proposed to it, decided with end_holders
  let r = await post(officer, '/api/v1/proposals', { cadre: 'C006', unit: 'KL', title: 'CT_UBND_X', source: 'external', date: '2026-01-05' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  for (const s of [{ step: 1, date: '2026-01-06', summoned: 9, present: 9 }, { step: 2, date: '2026-01-07', summoned: 9, present: 9 },
    { step: 3, date: '2026-01-08', summoned: 20, present: 18, votes_for: 15 }])
    assert.equal((await post(officer, `/api/v1/proposals/${id}/steps`, s)).status, 201);
  const form = await (await officer.fetch(`/bo-nhiem/${id}`)).text(); // the decision form, after the last step
  assert.match(form, /name="end_holders" value="1" checked> Kết thúc chức vụ của người đang giữ chức danh này[^<]*Hoàng Hải Long \(C001\)/);
  assert.equal((await post(officer, `/api/v1/proposals/${id}/decision`, { date: '2026-02-01', decision_no: '20-QĐ/TU',
    override: 'kiểm thử', end_holders: 'yes' })).status, 400, 'true or false');
  r = await post(officer, `/api/v1/proposals/${id}/decision`, { date: '2026-02-01', decision_no: '20-QĐ/TU', override: 'kiểm thử', end_holders: true });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const c001 = (await officer.json('/api/v1/cadres/C001')).body;
  const held = c001.positions.find((p) => p.title_code === 'CT_UBND_X' && p.unit_code === 'KL');
  assert.equal(held.end_date, '2026-01-31');
  const h = (await officer.json('/api/v1/cadres/C001/history')).body.items;
  assert.ok(h.some((x) => x.field === 'end_date' && x.new === '2026-01-31' && /Thôi giữ chức vụ: bổ nhiệm đồng chí .* theo quyết định 20-QĐ\/TU/.test(x.reason)));
});
