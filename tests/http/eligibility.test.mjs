// Eligibility over HTTP on the exact CSV fixtures: the CONTRACT §5 API
// (shape, numbers, basis), unit scope (404 for a cadre or unit outside it),
// 400 for missing or bad arguments, and the panel: the form on the profile
// and the findings page /can-bo/{code}/dieu-kien with Vietnamese text, its
// CSV download and its errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureDb, startServer, Client, USERS } from './helpers.mjs';

let srv, admin, viewer;

before(async () => {
  const { dir, db } = fixtureDb();
  srv = await startServer(db, dir);
  admin = new Client(srv.base);
  viewer = new Client(srv.base);
  assert.equal((await admin.login('admin', USERS.admin.password)).res.status, 200);
  assert.equal((await viewer.login('vkl', USERS.vkl.password)).res.status, 200);
});
after(async () => {
  const r = await srv.stop();
  assert.equal(r.code, 0, srv.stderr());
});

const q = (o) => new URLSearchParams(o).toString();
const APPT = { for: 'appointment', title: 'CT_UBND_X', unit: 'KL', date: '2026-03-01' };

test('GET eligibility: the §5 object with every finding, its numbers and basis', async () => {
  const r = await admin.json(`/api/v1/cadres/C004/eligibility?${q(APPT)}`);
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.body), ['cadre', 'for', 'title', 'unit', 'date', 'verdict', 'findings']);
  assert.equal(r.body.cadre, 'C004');
  assert.equal(r.body.for, 'appointment');
  assert.equal(r.body.date, '2026-03-01');
  assert.equal(r.body.verdict, 'fail');
  const rules = r.body.findings.map((f) => f.rule);
  for (const rule of ['APPT-1', 'APPT-2', 'APPT-3', 'APPT-4', 'APPT-5', 'APPT-6', 'APPT-10', 'DISC-1', 'DISC-2', 'DISC-3'])
    assert.ok(rules.includes(rule), rule);
  for (const f of r.body.findings) {
    assert.deepEqual(Object.keys(f), ['rule', 'result', 'message', 'basis', 'convention']);
    assert.ok(f.convention === null || typeof f.convention === 'string');
    assert.doesNotMatch(f.basis, /canbo|ví dụ/); // a basis names real texts; conventions are apart
    assert.ok(['pass', 'warn', 'fail', 'n/a'].includes(f.result));
  }
  const a3 = r.body.findings.find((f) => f.rule === 'APPT-3');
  assert.equal(a3.result, 'fail');
  assert.match(a3.message, /Còn 47 tháng công tác tính từ 01\/03\/2026 \(< 60 tháng/);
  assert.match(a3.basis, /Quy định 377-QĐ\/TW ngày 08\/10\/2025/); // 2026: QĐ 377 replaced QĐ 80
  const old = await admin.json(`/api/v1/cadres/C004/eligibility?${q({ ...APPT, date: '2023-03-01' })}`);
  assert.match(old.body.findings.find((f) => f.rule === 'APPT-3').basis, /Quy định 80-QĐ\/TW ngày 18\/8\/2022/);
  const older = await admin.json(`/api/v1/cadres/C004/eligibility?${q({ ...APPT, date: '2019-03-01' })}`);
  for (const f of older.body.findings) assert.doesNotMatch(f.basis, /80-QĐ\/TW|377-QĐ\/TW|2022|2023|2025/, f.rule);
  assert.match(older.body.findings.find((f) => f.rule === 'APPT-3').basis, /Quy định 105-QĐ\/TW ngày 19\/12\/2017/);
  // the same person for planning counts from the term start, 01/01/2025
  const p = await admin.json(`/api/v1/cadres/C004/eligibility?${q({ ...APPT, for: 'planning' })}`);
  assert.equal(p.status, 200);
  assert.match(p.body.findings.find((f) => f.rule === 'PLAN-4').message, /Còn 61 tháng công tác tính từ 01\/01\/2025/);
  // a dd/mm/yyyy date is accepted and answered in ISO
  const d = await admin.json(`/api/v1/cadres/C001/eligibility?${q({ ...APPT, for: 'rotation', date: '01/03/2026' })}`);
  assert.equal(d.status, 200);
  assert.equal(d.body.date, '2026-03-01');
});

test('scope: a cadre or unit outside the viewer\'s unit is 404, inside is 200', async () => {
  assert.equal((await viewer.json(`/api/v1/cadres/C004/eligibility?${q(APPT)}`)).status, 200);
  const out = await viewer.json(`/api/v1/cadres/C002/eligibility?${q({ ...APPT, unit: 'KL' })}`);
  assert.equal(out.status, 404);
  assert.equal(out.body.error.code, 'not_found');
  assert.equal((await viewer.json(`/api/v1/cadres/C004/eligibility?${q({ ...APPT, unit: 'HX' })}`)).status, 404);
  assert.equal((await admin.json(`/api/v1/cadres/C004/eligibility?${q({ ...APPT, unit: 'HX' })}`)).status, 200);
  assert.equal((await admin.json(`/api/v1/cadres/NOPE/eligibility?${q(APPT)}`)).status, 404);
  assert.equal((await admin.json(`/api/v1/cadres/C004/eligibility?${q({ ...APPT, title: 'NOPE' })}`)).status, 404);
  assert.equal((await new Client(srv.base).json(`/api/v1/cadres/C004/eligibility?${q(APPT)}`)).status, 401);
});

test('missing or bad arguments: 400 with a Vietnamese message', async () => {
  const bad = [
    { title: 'CT_UBND_X', unit: 'KL', date: '2026-03-01' },
    { ...APPT, for: 'promotion' },
    { ...APPT, date: '2026-02-30' },
    { for: 'planning', title: 'CT_UBND_X', unit: 'KL' },
    { ...APPT, kind: 'hire' },
    { ...APPT, source: 'abroad' },
    { ...APPT, for: 'planning', term: '2025' },
  ];
  for (const args of bad) {
    const r = await admin.json(`/api/v1/cadres/C004/eligibility?${q(args)}`);
    assert.equal(r.status, 400, JSON.stringify(args));
    assert.equal(r.body.error.code, 'bad_request');
    assert.match(r.body.error.message, /^(Tham số|Ngày|Cần đủ|Nhiệm kỳ)/);
  }
});

test('the profile has the "Kiểm tra điều kiện" form; units offered are those in scope', async () => {
  const res = await viewer.fetch('/can-bo/C004');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<h2 id="dk-h"[^>]*>Kiểm tra điều kiện<\/h2>/);
  assert.match(html, /<form method="get" action="\/can-bo\/C004\/dieu-kien"/);
  assert.match(html, /<option value="CT_UBND_X">Chủ tịch UBND cấp xã<\/option>/);
  assert.match(html, /<option value="KL" selected>/);
  assert.ok(!html.includes('<option value="HX"'), 'a unit outside the scope is offered');
  assert.match(html, /id="el-date" name="date" required value="\d\d\/\d\d\/\d{4}"/); // typed and shown dd/mm/yyyy (issue 14)
});

test('the findings page renders every finding with badge, message and basis, and exports CSV', async () => {
  const res = await viewer.fetch(`/can-bo/C004/dieu-kien?${q(APPT)}`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /Kết luận: <span class="badge badge-fail">Không đạt<\/span>/);
  assert.match(html, /<td class="nowrap"><strong>APPT-3<\/strong><\/td><td><span class="badge badge-fail">Không đạt<\/span><\/td><td>Còn 47 tháng công tác tính từ 01\/03\/2026/);
  assert.match(html, /<span class="badge badge-na">Không áp dụng<\/span><\/td><td>Không áp dụng \(tắt\)/);
  assert.match(html, /Quy định 377-QĐ\/TW/);
  assert.match(html, /<option value="appointment" selected>Bổ nhiệm, giới thiệu ứng cử<\/option>/);
  assert.match(html, /<option value="CT_UBND_X" selected>/);
  assert.match(html, /href="\/api\/v1\/cadres\/C004\/eligibility\?for=appointment&amp;title=CT_UBND_X&amp;unit=KL&amp;date=2026-03-01"/);
  const csv = await viewer.fetch(`/can-bo/C004/dieu-kien?${q({ ...APPT, format: 'csv' })}`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const text = await csv.text();
  assert.match(text, /^cadre,for,title,unit,date,rule,result,message,basis\r\n/);
  assert.match(text, /"C004","appointment","CT_UBND_X","KL","2026-03-01","APPT-3","fail","Còn 47 tháng/);
});

test('the findings page: bad input is a 400 page with the form, out of scope is 404', async () => {
  const res = await viewer.fetch(`/can-bo/C004/dieu-kien?${q({ ...APPT, date: '2026-13-01' })}`);
  assert.equal(res.status, 400);
  const html = await res.text();
  assert.match(html, /class="notice notice-error" role="alert">Ngày &#39;2026-13-01&#39; không hợp lệ|class="notice notice-error" role="alert">Ngày '2026-13-01' không hợp lệ/);
  assert.match(html, /id="elig-form"/);
  assert.equal((await viewer.fetch('/can-bo/C004/dieu-kien')).status, 200);
  assert.equal((await viewer.fetch(`/can-bo/C002/dieu-kien?${q(APPT)}`)).status, 404);
  assert.equal((await viewer.fetch(`/can-bo/C004/dieu-kien?${q({ ...APPT, unit: 'HX' })}`)).status, 404);
});
