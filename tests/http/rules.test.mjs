// Rules admin (API and page) and the evaluation / discipline pages against a
// real `canbo serve` on the CSV fixtures: viewers read, only admins change
// (403 otherwise), every change is audited, bad JSON is 400 with nothing
// changed, a new version closes the previous one; /danh-gia shows the EVAL-2
// numbers, /ky-luat the barred period, the officer's forms write and redirect.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

let srv, admin, officer, viewer, dbPath;

function canbo(...args) {
  const r = spawnSync(CANBO, ['--db', dbPath, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

// Audit rows of rule versions, newest first, through `canbo` itself is not possible: read with sqlite3.
function auditRows() {
  const r = spawnSync('sqlite3', ['-json', dbPath, "SELECT actor, action, entity_key, before, after FROM audit WHERE entity = 'rule_version' ORDER BY id DESC"], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}

before(async () => {
  const { dir, db } = fixtureDb();
  dbPath = db;
  writeFileSync(join(dir, 'ev.csv'), 'cadre_code,year,rating,score\nC003,2024,excellent,\nC006,2024,good,\nC008,2024,good,\nC006,2023,failed,\nC008,2023,failed,\nC008,2022,failed,\n');
  writeFileSync(join(dir, 'di.csv'), 'cadre_code,form,authority,decision_date,decision_no,reason\nC004,warning,party,15/03/2023,12-QĐ/UBKT,Vi phạm quy chế\n');
  canbo('import', 'evaluations', join(dir, 'ev.csv'));
  canbo('import', 'disciplines', join(dir, 'di.csv'));
  srv = await startServer(db, dir);
  [admin, officer, viewer] = [new Client(srv.base), new Client(srv.base), new Client(srv.base)];
  assert.equal((await admin.login('admin', USERS.admin.password)).res.status, 200);
  assert.equal((await officer.login('officer', USERS.officer.password)).res.status, 200);
  assert.equal((await viewer.login('vkl', USERS.vkl.password)).res.status, 200);
});
after(async () => {
  const r = await srv.stop();
  assert.equal(r.code, 0, srv.stderr());
});

async function put(c, id, body) {
  return c.json(`/api/v1/rules/${id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function ruleId(c, rule, date) {
  const { body } = await c.json(`/api/v1/rules?rule=${rule}`);
  const v = body.items.find((x) => x.effective_from <= date && (!x.effective_to || date <= x.effective_to));
  return v.id;
}

test('a viewer reads every rule version with params, basis, dates and confidence', async () => {
  const { status, body } = await viewer.json('/api/v1/rules');
  assert.equal(status, 200);
  assert.ok(body.items.length >= 40, String(body.items.length));
  const plan1 = body.items.filter((x) => x.rule === 'PLAN-1');
  assert.equal(plan1.length, 3); // NQ 42/HD 15/HD 06, QĐ 50 (27/12/2021), QĐ 377 (08/10/2025)
  assert.deepEqual(plan1.map((x) => x.effective_from).sort(), ['2017-01-01', '2021-12-27', '2025-10-08']);
  const old = plan1.find((x) => x.effective_to === '2021-12-26');
  assert.equal(old.confidence, 'U');
  assert.ok(old.note.length > 0);
  assert.deepEqual(old.params, { max_per_title: 4, warn_above: 3 });
  const one = await viewer.json(`/api/v1/rules/${old.id}`);
  assert.equal(one.status, 200);
  assert.equal(one.body.rule, 'PLAN-1');
  assert.match(one.body.basis, /06-HD\/BTCTW/);
  assert.equal((await viewer.json('/api/v1/rules/999999')).status, 404);
  assert.equal((await viewer.json('/api/v1/rules/abc')).status, 404);
  const page = await viewer.fetch('/quy-dinh?group=PLAN');
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /PLAN-1/);
  assert.match(html, /badge-u/);
  assert.match(html, /chưa đối chiếu văn bản gốc của HD 15 và HD 06/); // the U note is visible
  assert.doesNotMatch(html, /EVAL-2/);
  assert.doesNotMatch(html, /\/quy-dinh\/\d+"/); // no edit links for a viewer
  const csv = await viewer.fetch('/quy-dinh?format=csv&group=EVAL');
  assert.equal(csv.status, 200);
  assert.match(await csv.text(), /EVAL-2,.*max_excellent_pct_of_good/);
});

test('viewers and officers cannot change rules (403) and nothing changes', async () => {
  const id = await ruleId(viewer, 'EVAL-2', '2024-06-01');
  const before = auditRows().length;
  for (const c of [viewer, officer]) {
    const r = await put(c, id, { params: { max_excellent_pct_of_good: 50 } });
    assert.equal(r.status, 403);
    const p = await c.json('/api/v1/rules', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
      body: JSON.stringify({ rule: 'EVAL-2', effective_from: '2030-01-01', params: {} }),
    });
    assert.equal(p.status, 403);
    const form = await c.fetch(`/quy-dinh/${id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `csrf=${c.csrf}&params=%7B%7D&enabled=1`,
    });
    assert.equal(form.status, 403);
    assert.equal((await c.fetch(`/quy-dinh/${id}`)).status, 403);
  }
  assert.equal(auditRows().length, before);
  assert.deepEqual((await viewer.json(`/api/v1/rules/${id}`)).body.params, { max_excellent_pct_of_good: 20 });
});

test('an admin edits a version: the change is applied and audited with before and after', async () => {
  const id = await ruleId(admin, 'EVAL-3', '2024-06-01');
  const n0 = auditRows().length;
  const r = await put(admin, id, { params: { years: 3 }, note: 'Thử: ba năm', enabled: true });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.params, { years: 3 });
  assert.equal(r.body.note, 'Thử: ba năm');
  const rows = auditRows();
  assert.equal(rows.length, n0 + 1);
  assert.equal(rows[0].actor, 'admin');
  assert.equal(rows[0].action, 'update');
  assert.equal(rows[0].entity_key, String(id));
  assert.deepEqual(JSON.parse(rows[0].before).params, { years: 2 });
  assert.deepEqual(JSON.parse(rows[0].after).params, { years: 3 });
  // The page now flags by three years (C008 failed 2022-2023 only: not flagged).
  let html = await (await viewer.fetch('/danh-gia?year=2023')).text();
  assert.match(html, /3 năm liên tiếp đến năm 2023/);
  assert.doesNotMatch(html.split('eval-flagged')[1].split('</ul>')[0], /C008/);
  // Back to two years through the admin page form: 303 to the list, audited.
  const f = await admin.fetch(`/quy-dinh/${id}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: admin.csrf, 'p.years': '2', effective_to: '', enabled: '1', note: '',
      basis: 'Quy định 124-QĐ/TW ngày 04/10/2023', confidence: 'V' }).toString(),
  });
  assert.equal(f.status, 303);
  assert.match(f.headers.get('location'), /^\/quy-dinh\?ok=1#rv-\d+$/);
  assert.equal(auditRows().length, n0 + 2);
  // the rule's page lists both changes, newest first, by who and what in words (the audit rows)
  const hist = (await (await admin.fetch(`/quy-dinh/${id}`)).text()).split('id="lich-su"')[1];
  const items = [...hist.matchAll(/<tr><td class="nowrap">[^<]+<\/td><td>admin<\/td>[\s\S]*?<\/tr>/g)].map((m) => m[0]);
  assert.equal(items.length, 2, hist);
  assert.match(items[0], /<li>Số năm: 3 → 2<\/li>/);
  assert.match(items[0], /<li>Ghi chú: «Thử: ba năm» → —<\/li>/);
  assert.match(items[1], /<li>Số năm: 2 → 3<\/li>/);
  html = await (await viewer.fetch('/danh-gia?year=2023')).text();
  assert.match(html.split('eval-flagged')[1].split('</ul>')[0], /Bùi Thu Giang/); // C008
});

test('bad JSON or bad values: 400 and nothing changed', async () => {
  const id = await ruleId(admin, 'PLAN-2', '2024-06-01');
  const n0 = auditRows().length;
  const bad = ['{"params":', '[]', '{"params":[1,2]}', '{"params":"{}"}', '{"enabled":"yes"}', '{"effective_to":"2024-02-30"}',
    '{"effective_to":"2000-01-01"}', '{"colour":"red"}', '{"note":5}'];
  for (const body of bad) {
    const r = await put(admin, id, body);
    assert.equal(r.status, 400, body);
    assert.equal(r.body.error.code, 'bad_request', body);
  }
  const form = await admin.fetch(`/quy-dinh/${id}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: admin.csrf, 'p.max_titles': '3,5', enabled: '1' }).toString(),
  });
  assert.equal(form.status, 400);
  assert.match(await form.text(), /Số chức danh tối đa cho một người: cần một số nguyên/);
  // Params must keep the rule's keys and types, numbers within +-100000: a huge one overflowed the checks' months.
  const unfit = [[{ max_titles: 4611686018427387904 }, /"max_titles" phải nằm trong khoảng -100000 đến 100000/],
    [{ max_titles: '3' }, /"max_titles" phải là một số nguyên/], [{ max_title: 3 }, /"max_title" không có trong quy định này/]];
  for (const [params, why] of unfit) {
    const r = await put(admin, id, { params });
    assert.equal(r.status, 400, JSON.stringify(params));
    assert.equal(r.body.error.code, 'bad_params');
    assert.match(r.body.error.message, why);
  }
  const huge = await admin.fetch(`/quy-dinh/${id}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: admin.csrf, 'p.max_titles': '4611686018427387904', enabled: '1' }).toString(),
  });
  assert.equal(huge.status, 400);
  assert.match(await huge.text(), /Số chức danh tối đa cho một người: cần một số từ -100000 đến 100000/);
  assert.equal(auditRows().length, n0);
  assert.deepEqual((await admin.json(`/api/v1/rules/${id}`)).body.params, { max_titles: 3 });
});

test('the rule editor: labelled inputs, a basis field, the convention apart; API PUT of basis and convention', async () => {
  const id = await ruleId(admin, 'PLAN-1', '2024-06-01');
  const page = await (await admin.fetch(`/quy-dinh/${id}`)).text();
  assert.match(page, /<label for="f-p\.max_per_title">Số người tối đa cho một chức danh<\/label>/);
  assert.match(page, /name="p\.max_per_title"[^>]*value="3"/);
  assert.doesNotMatch(page, /textarea[^>]*name="params"/); // no raw JSON
  assert.match(page, /<textarea[^>]*name="basis"[^>]*>Quy định 50-QĐ\/TW ngày 27\/12\/2021/);
  assert.match(page, /name="convention"/);
  const n0 = auditRows().length;
  const post = await admin.fetch(`/quy-dinh/${id}`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: admin.csrf, 'p.max_per_title': '3', enabled: '1', note: '', confidence: 'V',
      basis: 'Quy định 50-QĐ/TW ngày 27/12/2021, Điều 5; Hướng dẫn 16-HD/BTCTW ngày 15/02/2022',
      convention: 'Thử quy ước', effective_to: '07/10/2025' }).toString(),
  });
  assert.equal(post.status, 303);
  const v = (await admin.json(`/api/v1/rules/${id}`)).body;
  assert.match(v.basis, /Điều 5/);
  assert.equal(v.convention, 'Thử quy ước');
  assert.deepEqual(v.params, { max_per_title: 3 });
  assert.equal(auditRows().length, n0 + 1);
  const list = await (await viewer.fetch('/quy-dinh?group=PLAN')).text();
  assert.match(list, /Quy ước của hệ thống:<\/strong> Thử quy ước/);
  assert.match(list, /Số người tối đa cho một chức danh: 3/);
  const r = await put(admin, id, { convention: null, basis: 'Quy định 50-QĐ/TW ngày 27/12/2021' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.convention, null);
  assert.equal((await put(admin, id, { confidence: 'X' })).status, 400);
  // a finding of that version cites the edited basis; the convention member is in every finding
  const e = await viewer.json('/api/v1/cadres/C004/eligibility?for=planning&title=CT_UBND_X&unit=KL&date=2024-06-01');
  const p1 = e.body.findings.find((f) => f.rule === 'PLAN-1');
  assert.equal(p1.basis, 'Quy định 50-QĐ/TW ngày 27/12/2021');
  assert.ok('convention' in p1);
  // A new version through the page: its own parameters and basis; without a basis it is refused.
  const open = await ruleId(admin, 'PLAN-1', '2031-06-01');
  const nv = (fields) => admin.fetch(`/quy-dinh/${open}/phien-ban-moi`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: admin.csrf, ...fields }).toString(),
  });
  const missing = await nv({ effective_from: '01/01/2032', 'n.max_per_title': '2' });
  assert.equal(missing.status, 400);
  assert.match(await missing.text(), /Căn cứ của phiên bản mới: cần số, ngày của văn bản/);
  const made = await nv({ effective_from: '01/01/2032', 'n.max_per_title': '2', basis: 'Quy định 999-QĐ/TW ngày 01/12/2031',
    confidence: 'U', note: 'thử' });
  assert.equal(made.status, 303);
  const latest = (await viewer.json('/api/v1/rules?rule=PLAN-1')).body.items.find((x) => x.effective_from === '2032-01-01');
  assert.deepEqual(latest.params, { max_per_title: 2 });
  assert.equal(latest.basis, 'Quy định 999-QĐ/TW ngày 01/12/2031');
  assert.equal(latest.confidence, 'U');
});

test('an admin adds a version from a date: the previous one closes the day before; same date again is 409', async () => {
  const old = await ruleId(admin, 'PLAN-6', '2029-12-31');
  const body = { rule: 'PLAN-6', effective_from: '2030-01-01', params: { min_women_pct: 30 }, note: 'Giả định' };
  const r = await admin.json('/api/v1/rules', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': admin.csrf }, body: JSON.stringify(body),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.effective_from, '2030-01-01');
  assert.deepEqual(r.body.params, { min_women_pct: 30 });
  assert.equal((await admin.json(`/api/v1/rules/${old}`)).body.effective_to, '2029-12-31');
  assert.equal(auditRows()[0].action, 'create');
  const again = await admin.json('/api/v1/rules', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': admin.csrf }, body: JSON.stringify(body),
  });
  assert.equal(again.status, 409);
  const unknown = await admin.json('/api/v1/rules', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': admin.csrf },
    body: JSON.stringify({ ...body, rule: 'NOPE-9' }),
  });
  assert.equal(unknown.status, 400);
});

test('/danh-gia: counts, EVAL-2 per grassroots organization with its numbers, CSV; scope and unknown unit 404', async () => {
  const res = await officer.fetch('/danh-gia?year=2024');
  assert.equal(res.status, 200);
  const html = await res.text();
  // KL1 (Chi bộ khu 1): C003 excellent, C006 and C008 good -> 1 / 2 = 50% > 20%.
  assert.match(html, /Chi bộ khu 1, năm 2024: 1 hoàn thành xuất sắc \/ 2 hoàn thành tốt = 50% \(&gt; 20% số hoàn thành tốt\)/);
  assert.match(html, /badge-fail/);
  assert.match(html, /Quy định 124-QĐ\/TW ngày 04\/10\/2023/); // 2024: QĐ 124 replaced QĐ 132 (08/3/2018)
  const csv = await officer.fetch('/danh-gia?year=2024&unit=KL1&format=csv');
  assert.equal(csv.status, 200);
  const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'Mã cán bộ,Họ và tên,Mã đơn vị,Đơn vị,Năm,Xếp loại,Điểm'); // the people's form (issue 10)
  assert.ok(lines.slice(1).every((l) => /,2024,Hoàn thành (xuất sắc|tốt)/.test(l)), lines.join('\n'));
  assert.equal(lines.length, 4);
  assert.equal((await viewer.fetch('/danh-gia?unit=HX')).status, 404); // outside the viewer's scope
  assert.equal((await officer.fetch('/danh-gia?unit=NOPE')).status, 404);
});

test('/ky-luat shows the barred period; an officer records a rating and a discipline from the profile', async () => {
  let html = await (await viewer.fetch('/ky-luat')).text();
  assert.match(html, /Cảnh cáo/);
  assert.match(html, /14\/09\/2025 <span class="muted nowrap">\(30 tháng, DISC-1\)/);
  const prof = await (await officer.fetch('/can-bo/C005')).text();
  assert.match(prof, /Đánh giá, xếp loại và kỷ luật/);
  assert.match(prof, /href="\/can-bo\/C005\/them\/danh-gia"/);
  assert.doesNotMatch(await (await viewer.fetch('/can-bo/C005')).text(), /href="\/can-bo\/C005\/them\/danh-gia"/);
  const post = (path, fields) => officer.fetch(path, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: officer.csrf, ...fields }).toString(),
  });
  let r = await post('/can-bo/C005/danh-gia', { year: '2025', rating: 'good', score: '95' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/can-bo/C005?da-luu=1#danh-gia-ky-luat');
  r = await post('/can-bo/C005/danh-gia', { year: '2025', rating: 'good', score: '' });
  assert.equal(r.status, 400);
  html = await r.text();
  assert.match(html, /đã có kết quả của năm này; hãy sửa kết quả đó/);
  // the refusal links to the rating that holds the year, whose form shows it
  const held = html.match(/<a href="(\/ban-ghi\/danh-gia\/\d+)">Mở bản ghi đã có để sửa/);
  assert.ok(held, 'a link to the rating of 2025');
  assert.match(await (await officer.fetch(held[1])).text(), /value="2025"/);
  r = await post('/can-bo/C005/danh-gia', { year: '2025', rating: 'good', score: '101' });
  assert.equal(r.status, 400);
  r = await post('/can-bo/C005/ky-luat', { authority: 'state', form: 'demotion', decision_date: '2024-01-10', decision_no: '5/QĐ', reason: '' });
  assert.equal(r.status, 303);
  r = await post('/can-bo/C005/ky-luat', { authority: 'state', form: 'demotion', decision_date: '31/02/2024' });
  assert.equal(r.status, 400);
  r = await post('/can-bo/C005/danh-gia', { year: '2026', rating: 'excellent', score: '60' });
  assert.equal(r.status, 303);
  html = await (await officer.fetch('/can-bo/C005')).text();
  assert.match(html, /95 điểm ứng với mức Hoàn thành xuất sắc nhiệm vụ/); // EVAL-4 mismatch shown
  // each rating's row shows its own findings (read for all the ratings at once)
  const rowOf = (year) => new RegExp(`<tr><td>${year}</td>[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
  assert.match(rowOf(2025), /EVAL-4<\/span>: 95 điểm/);
  assert.doesNotMatch(rowOf(2025), /60 điểm/);
  assert.match(rowOf(2026), /EVAL-4<\/span>: 60 điểm/);
  assert.doesNotMatch(rowOf(2026), /95 điểm/);
  assert.match(html, /09\/01\/2026/); // demotion: 24 months (DISC-2)
  const vr = await viewer.fetch('/can-bo/C005/danh-gia', {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: viewer.csrf, year: '2020', rating: 'good' }).toString(),
  });
  assert.equal(vr.status, 403);
  const out = await post('/can-bo/C002/danh-gia', { year: '2020', rating: 'good' });
  assert.equal(out.status, 303); // officer is unscoped: HX is visible
});

test('the rules list shows parameters in words, not the codes behind them (a board-user trial read "head_decides")', async () => {
  const html = await (await viewer.fetch('/quy-dinh')).text();
  const params = [...html.matchAll(/<td class="params">([^<]*)<\/td>/g)].map((m) => m[1]).join(' | ');
  assert.ok(params.length > 0);
  for (const code of ['head_decides', '"province"', 'spouse', 'party_secretary', '{"'])
    assert.ok(!params.includes(code), `${code} in ${params.slice(0, 300)}`);
  assert.match(params, /người đứng đầu quyết định/);
  assert.match(params, /Tỷ lệ có mặt: 2\/3/, 'a quorum reads as a fraction');
  assert.doesNotMatch(params, /mẫu số/);
});

test('the rule editor offers a text parameter\'s values in words (a select), and saves the one chosen', async () => {
  const id = await ruleId(admin, 'APPT-RENEW', '2024-06-01');
  const html = await (await admin.fetch(`/quy-dinh/${id}`)).text();
  assert.doesNotMatch(html, /\((pass|warn|head_decides|present)[,)]/, 'no codes in the labels');
  const tie = html.match(/<select[^>]*name="p\.tie"[^>]*>([\s\S]*?)<\/select>/);
  assert.ok(tie, 'tie is a select');
  assert.match(tie[1], /<option value="head_decides" selected>Người đứng đầu quyết định<\/option>/);
  assert.match(html, /<select[^>]*name="p\.confidence_of"[^>]*>[\s\S]*?Số được triệu tập/);
  const { body: before } = await admin.json(`/api/v1/rules/${id}`);
  const fields = { csrf: admin.csrf, effective_to: before.effective_to || '', enabled: '1', note: before.note || '',
    basis: before.basis, confidence: before.confidence };
  for (const [k, v] of Object.entries(before.params)) fields[`p.${k}`] = String(v);
  // values no rule can take are refused by their label, nothing saved: a quorum of 5/3, a share of 150 %, no choice
  for (const [k, v, words] of [['p.quorum_num', '5', /Tỷ lệ có mặt: tử số: không được lớn hơn mẫu số/],
    ['p.confidence_pct', '150', /Phiếu tín nhiệm phải vượt \(%\): phải từ 0 đến 100</], ['p.tie', '', /Khi đúng bằng tỷ lệ: chọn một giá trị/]]) {
    const bad = await admin.fetch(`/quy-dinh/${id}`, { method: 'POST', redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, [k]: v }).toString() });
    assert.equal(bad.status, 400, k);
    assert.match(await bad.text(), words);
  }
  assert.deepEqual((await admin.json(`/api/v1/rules/${id}`)).body.params, before.params);
  const api = await put(admin, id, { params: { ...before.params, quorum_num: 5, quorum_den: 3 } });
  assert.equal(api.status, 400, JSON.stringify(api.body));
  assert.match(JSON.stringify(api.body), /quorum_num/);
  // a quorum's half alone, or params given twice (the second would have been read), refused too
  assert.equal((await put(admin, id, { params: { quorum_num: 2 } })).status, 400);
  const twice = await put(admin, id, `{"params": ${JSON.stringify(before.params)}, "params": {"quorum_num": 9}}`);
  assert.equal(twice.status, 400, JSON.stringify(twice.body));
  assert.deepEqual((await admin.json(`/api/v1/rules/${id}`)).body.params, before.params);
  fields['p.tie'] = 'fail';
  const f = await admin.fetch(`/quy-dinh/${id}`, { method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  assert.equal(f.status, 303);
  assert.equal((await admin.json(`/api/v1/rules/${id}`)).body.params.tie, 'fail');
});

test('/danh-gia says who has no rating of the year, per unit and by name, and the link records one and comes back', async () => {
  const total = (await officer.json('/api/v1/cadres?limit=1')).body.total;
  const count = (html) => Number(html.match(/Chưa có kết quả xếp loại năm 2021 \(([\d.]+) người\)/)[1].replace(/\./g, ''));
  let html = await (await officer.fetch('/danh-gia?year=2021')).text();
  assert.equal(count(html), total, 'nobody rated for 2021: everyone listed');
  const list = html.match(/href="(\/danh-gia\?year=2021&amp;unit=([^&"]+)&amp;chua=1#chua-xep-loai)"/);
  assert.ok(list, 'a unit links to its list');
  html = await (await officer.fetch(list[1].replace(/&amp;/g, '&'))).text();
  const rows = html.split('id="unrated-list"')[1].split('</table>')[0];
  const link = rows.match(/href="(\/can-bo\/([^/]+)\/danh-gia\?year=2021&amp;back=[^"]+)"/);
  assert.ok(link, 'each person with a link to record the rating');
  const code = link[2];
  const form = await (await officer.fetch(link[1].replace(/&amp;/g, '&'))).text();
  assert.match(form, /name="year"[^>]*value="2021"|value="2021"[^>]*name="year"/, 'the year filled in');
  const back = form.match(/name="back" value="([^"]+)"/)[1].replace(/&amp;/g, '&');
  assert.ok(form.includes(`class="btn btn-ghost" href="${back.replace(/&/g, '&amp;')}">Hủy bỏ</a>`), 'cancel goes back to the list');
  const saved = await officer.fetch(`/can-bo/${code}/danh-gia`, {
    method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: officer.csrf, year: '2021', rating: 'good', back }).toString(),
  });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), `/danh-gia?year=2021&unit=${list[2]}&chua=1&da-luu=${code}#chua-xep-loai`);
  html = await (await officer.fetch(saved.headers.get('location'))).text();
  assert.equal(count(html), total - 1);
  assert.match(html, new RegExp(`Đã lưu kết quả năm 2021 của [^<]+ \\(${code}\\)`));
  // what the rules notice about the rating saved is said with it (EVAL-4: a score that does not fit the rating)
  const odd = await officer.fetch(`/can-bo/${code}/danh-gia`, {
    method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: officer.csrf, year: '2025', rating: 'excellent', score: '40',
      back: `/danh-gia?year=2025&unit=${list[2]}&chua=1#chua-xep-loai` }).toString(),
  });
  assert.equal(odd.status, 303);
  assert.match(await (await officer.fetch(odd.headers.get('location'))).text(), /Đã lưu kết quả năm 2025 của [^<]+ Lưu ý EVAL-4: /);
  assert.ok(!html.split('id="unrated-list"')[1].split('</table>')[0].includes(`/can-bo/${code}"`), 'no longer listed');
  // a back to anywhere else is ignored: the profile, as before
  const other = await officer.fetch(`/can-bo/${code}/danh-gia`, {
    method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: officer.csrf, year: '2019', rating: 'good', back: '//evil.example/danh-gia?' }).toString(),
  });
  assert.equal(other.status, 303);
  assert.match(other.headers.get('location'), new RegExp(`^/can-bo/${code}\\?da-luu=1`));
  // the viewer of KL counts only KL's people, and gets no recording links
  const v = await (await viewer.fetch('/danh-gia?year=2021&unit=KL&chua=1')).text();
  assert.ok(count(v) < total);
  assert.doesNotMatch(v, /Ghi kết quả<\/a>/);
});
