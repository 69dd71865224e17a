// Planning over HTTP on the exact fixtures: permissions (viewer 403), the
// refusal of a too-old cadre (422 with PLAN-4 and its Vietnamese basis), a
// valid add (201), an override, remove, pools, the review JSON (shares and
// must-leave), forecasts, unit scope (404) and the planning page's refusal
// with the override form, then the override through the form (303).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

let srv, officer, viewer, scopedOfficer;
const T = '2025-2030';

before(async () => {
  const { dir, db } = fixtureDb();
  const r = spawnSync(CANBO, ['--db', db, 'user', 'add', 'okl', '--role', 'officer', '--unit', 'KL', '--password-stdin'],
    { input: 'officer-kl-password\n', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer(db, dir);
  officer = new Client(srv.base);
  viewer = new Client(srv.base);
  scopedOfficer = new Client(srv.base);
  assert.equal((await officer.login('officer', USERS.officer.password)).res.status, 200);
  assert.equal((await viewer.login('vkl', USERS.vkl.password)).res.status, 200);
  assert.equal((await scopedOfficer.login('okl', 'officer-kl-password')).res.status, 200);
});
after(async () => {
  const r = await srv.stop();
  assert.equal(r.code, 0, srv.stderr());
});

const post = (c, path, body) =>
  c.json(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
    body: JSON.stringify(body),
  });
const add = (c, cadre, extra = {}) =>
  post(c, '/api/v1/planning', { term: T, unit: 'KL', title: 'CT_UBND_X', cadre, date: '2025-03-01', decision_no: 'QĐ 5', ...extra });

test('a viewer cannot add (403) and nothing is written', async () => {
  const { status } = await add(viewer, 'C005');
  assert.equal(status, 403);
  const { body } = await officer.json(`/api/v1/planning?unit=KL&term=${T}`);
  const pool = body.pools.find((p) => p.title_code === 'CT_UBND_X');
  assert.ok(!pool || pool.count === 0);
});

test('a too-old cadre is refused: 422, verdict fail, PLAN-4 with its numbers and basis', async () => {
  const { status, body } = await add(officer, 'C010');
  assert.equal(status, 422);
  assert.equal(body.verdict, 'fail');
  assert.equal(body.error.code, 'rule');
  const p4 = body.findings.find((f) => f.rule === 'PLAN-4');
  assert.equal(p4.result, 'fail');
  assert.match(p4.message, /Còn \d+ tháng công tác tính từ 01\/01\/2025 \(< 60 tháng/);
  assert.match(p4.basis, /Quy định 50-QĐ\/TW/);
  assert.ok(body.findings.some((f) => f.rule === 'PLAN-1'), 'every rule is listed, passing ones too');
  const pools = (await officer.json(`/api/v1/planning?unit=KL&term=${T}`)).body.pools;
  assert.ok(pools.every((p) => p.members.every((m) => m.code !== 'C010')), 'nothing written');
});

test('a valid add answers 201 with its findings; the pool lists the member', async () => {
  const { status, body } = await add(officer, 'C005');
  assert.equal(status, 201, JSON.stringify(body));
  assert.ok(body.id > 0);
  assert.notEqual(body.verdict, 'fail');
  assert.equal(body.findings.find((f) => f.rule === 'PLAN-4').result, 'pass');
  const again = await add(officer, 'C005');
  assert.equal(again.status, 409);
  const { body: pools } = await officer.json(`/api/v1/planning?unit=KL&term=${T}&date=2025-04-01`);
  const pool = pools.pools.find((p) => p.title_code === 'CT_UBND_X' && p.unit_code === 'KL');
  assert.deepEqual(pool.members.map((m) => m.code), ['C005']);
});

test('an override records the too-old cadre with the reason; history keeps its failed findings', async () => {
  const { status, body } = await add(officer, 'C010', { override: 'Ban Thường vụ quyết định giữ nguồn' });
  assert.equal(status, 201);
  assert.equal(body.verdict, 'fail');
  const h = await officer.json('/api/v1/planning/history?cadre=C010');
  assert.equal(h.status, 200);
  assert.equal(h.body.acts.length, 1);
  assert.equal(h.body.acts[0].override, 'Ban Thường vụ quyết định giữ nguồn');
  assert.equal(h.body.acts[0].findings.find((f) => f.rule === 'PLAN-4').result, 'fail');
  const page = await (await officer.fetch(`/quy-hoach?term=${T}&unit=KL`)).text();
  assert.ok(page.includes('lý do vẫn đưa vào: Ban Thường vụ quyết định giữ nguồn</small>'), 'the reason in view, not only on hover');
});

test('the review JSON gives women and young shares and who must leave, with the reason', async () => {
  const { status, body } = await officer.json(`/api/v1/planning/review?unit=KL&term=${T}&date=2025-06-01`);
  assert.equal(status, 200);
  assert.equal(body.members, 2);
  assert.equal(body.women.count, 1);
  assert.equal(body.women.pct, 50);
  assert.equal(body.women.target_pct, 25);
  assert.equal(body.young.target_pct, 15);
  assert.equal(body.young.count, 0, 'C005 is 39 on 01/06/2025: not under 35 at commune level');
  assert.equal(body.must_leave.length, 1);
  assert.equal(body.must_leave[0].code, 'C010');
  assert.match(body.must_leave[0].reason, /^PLAN-4: Còn \d+ tháng/);
  const pool = body.pools.find((p) => p.title_code === 'CT_UBND_X');
  assert.equal(pool.young_under, 35);
  assert.equal(pool.must_leave[0].code, 'C010');
  const bad = await officer.json(`/api/v1/planning/review?unit=KL&term=2025-2031`);
  assert.equal(bad.status, 400);
});

test('remove: 201, then 400 for someone no longer in the pool', async () => {
  const body = { term: T, unit: 'KL', title: 'CT_UBND_X', cadre: 'C010', date: '2025-07-01', reason: 'Quá tuổi quy hoạch' };
  const r1 = await post(officer, '/api/v1/planning/remove', body);
  assert.equal(r1.status, 201);
  const r2 = await post(officer, '/api/v1/planning/remove', body);
  assert.equal(r2.status, 400);
  assert.match(r2.body.error.message, /không có trong nguồn quy hoạch/);
});

test('unit scope: out-of-scope units and cadres answer 404', async () => {
  assert.equal((await viewer.json(`/api/v1/planning/review?unit=HX&term=${T}`)).status, 404);
  assert.equal((await viewer.json(`/api/v1/planning?unit=TP&term=${T}`)).status, 404);
  assert.equal((await viewer.json('/api/v1/planning/history?cadre=C002')).status, 404);
  assert.equal((await viewer.json('/api/v1/forecast/retirements?unit=HX')).status, 404);
  const other = await post(scopedOfficer, '/api/v1/planning', { term: T, unit: 'HX', title: 'CT_UBND_X', cadre: 'C002', date: '2025-03-01' });
  assert.equal(other.status, 404);
  const outsider = await add(scopedOfficer, 'C002');
  assert.equal(outsider.status, 404);
  const own = await viewer.json(`/api/v1/planning/review?unit=KL&term=${T}&date=2025-06-01`);
  assert.equal(own.status, 200);
});

test('forecast JSON: retirements and key-title coverage', async () => {
  const { status, body } = await officer.json('/api/v1/forecast/retirements?unit=KL&months=24&date=2025-06-01');
  assert.equal(status, 200);
  assert.equal(body.months, 24);
  assert.equal(body.until, '2027-06-01');
  assert.equal(body.term, T);
  const ct = body.coverage.find((c) => c.title_code === 'CT_UBND_X' && c.unit_code === 'KL');
  assert.equal(ct.holders[0].cadre_code, 'C001');
  assert.equal(ct.retiring, false);
  assert.deepEqual(ct.candidates.map((c) => c.cadre_code), ['C005']);
  const old = await officer.json('/api/v1/forecast/retirements?unit=HX&months=24&date=2026-06-01');
  assert.ok(Array.isArray(old.body.retirements));
});

test('the planning page shows the refusal with every finding and the override field; the override goes through', async () => {
  const form = (fields) =>
    officer.fetch('/quy-hoach/them', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: officer.csrf, unit: 'KL', title: 'CT_UBND_X', term: T, cadre: 'C010', date: '2025-08-01', decision_no: 'QĐ 7', ...fields }),
    });
  const refused = await form({});
  assert.equal(refused.status, 422);
  const html = await refused.text();
  assert.match(html, /Lý do vẫn đưa vào quy hoạch/);
  assert.match(html, /PLAN-4/);
  assert.match(html, /Không đạt/);
  assert.match(html, /Quy định 50-QĐ\/TW/);
  assert.match(html, /value="C010"/, 'the form keeps the input');
  const ok = await form({ override: 'Giữ nguồn đến hết nhiệm kỳ' });
  assert.equal(ok.status, 303);
  assert.match(ok.headers.get('location'), /^\/quy-hoach\?term=2025-2030&unit=KL&ok=add&act=\d+$/);
  const page = await (await officer.fetch(ok.headers.get('location'))).text();
  assert.match(page, /Đã ghi quyết định bổ sung quy hoạch/);
  assert.match(page, /Ngô Xuân Khánh/);
  assert.match(page, /vẫn đưa vào/);
  const vpage = await viewer.fetch(`/quy-hoach?unit=KL&term=${T}`);
  assert.equal(vpage.status, 200);
  assert.doesNotMatch(await vpage.text(), /Bổ sung quy hoạch<\/h2>/, 'viewers get no add form');
  const review = await officer.fetch(`/quy-hoach/ra-soat?unit=KL&term=${T}&date=2025-06-01`);
  assert.equal(review.status, 200);
  const reviewHtml = await review.text();
  assert.match(reviewHtml, /Cán bộ phải đưa ra khỏi quy hoạch/);
  // each cadre who must leave comes with the form that takes them out (officers), its reason the review's;
  // sent, it comes back to the review on its date, and the cadre is no longer listed there
  const leave = reviewHtml.slice(reviewHtml.indexOf('id="must-leave"'), reviewHtml.indexOf('</section>', reviewHtml.indexOf('id="must-leave"')));
  const hidden = (name) => (leave.match(new RegExp(`name="${name}" value="([^"]*)"`)) || [])[1];
  assert.ok(hidden('cadre'), 'a remove form under the must-leave list');
  assert.equal(hidden('review'), '2025-06-01');
  const why = (leave.match(/name="reason"[^>]*value="([^"]*)"/) || leave.match(/value="([^"]*)"[^>]*name="reason"/) || [])[1];
  assert.ok(why && why.length > 5, 'the reason filled in');
  assert.doesNotMatch(await (await viewer.fetch(`/quy-hoach/ra-soat?unit=KL&term=${T}&date=2025-06-01`)).text(),
    /action="\/quy-hoach\/dua-ra"/, 'viewers get no remove form');
  // refused from the review (a reason of spaces, a day that does not exist): said on the review, nothing recorded
  for (const [fields, words] of [[{ reason: '   ' }, /Lý do: bắt buộc nhập/], [{ date: '31/02/2026' }, /không có ngày 31\/02\/2026/]]) {
    const bad = await officer.fetch('/quy-hoach/dua-ra', {
      method: 'POST', redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: officer.csrf, unit: hidden('unit'), title: hidden('title'), term: hidden('term'),
        cadre: hidden('cadre'), review: hidden('review'), date: '2025-06-02', reason: why, ...fields }),
    });
    assert.equal(bad.status, 400);
    const page = await bad.text();
    assert.match(page, /Rà soát quy hoạch cán bộ/, 'the review again, not the pool page');
    assert.match(page, /Chưa đưa ra khỏi quy hoạch: /);
    assert.match(page, words);
    // the refused form comes back open with what was typed; the PLAN-8 form (every pool) does not take it
    assert.match(page, /<details class="plan-remove" open>/);
    if (fields.date) assert.ok(page.includes('value="31/02/2026"'));
    const plan8 = page.slice(page.indexOf('id="political-form"'), page.indexOf('</form>', page.indexOf('id="political-form"')));
    assert.ok(!plan8.includes(fields.date || 'value="   "') && !plan8.includes(`>${why}<`), 'PLAN-8 form left empty');
  }
  const gone = await officer.fetch('/quy-hoach/dua-ra', {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: officer.csrf, unit: hidden('unit'), title: hidden('title'), term: hidden('term'),
      cadre: hidden('cadre'), review: hidden('review'), date: '2025-06-02', reason: why }),
  });
  assert.equal(gone.status, 303);
  assert.equal(gone.headers.get('location'), `/quy-hoach/ra-soat?term=${T}&date=2025-06-02&removed=${hidden('cadre')}&pool_unit=${hidden('unit')}&pool_title=${hidden('title')}#must-leave`);
  const after = await (await officer.fetch(gone.headers.get('location'))).text();
  assert.match(after, new RegExp(`Đã đưa [^<]+ \\(${hidden('cadre')}\\) ra khỏi nguồn quy hoạch [^<.]+\\.`), 'naming the pool');
  const afterLeave = after.slice(after.indexOf('id="must-leave"'), after.indexOf('</section>', after.indexOf('id="must-leave"')));
  const pairs = (html) => [...html.matchAll(/name="unit" value="([^"]*)"><input type="hidden" name="title" value="([^"]*)">.*?name="cadre" value="([^"]*)"/g)]
    .map((m) => m.slice(1).join('/'));
  const pair = `${hidden('unit')}/${hidden('title')}/${hidden('cadre')}`;
  assert.ok(pairs(leave).includes(pair));
  assert.ok(!pairs(afterLeave).includes(pair), 'no longer listed as to leave that pool');
  // the notice is said only when true: the same link on a day the cadre was still in the pool says nothing
  const fake = await (await officer.fetch(gone.headers.get('location').replace('date=2025-06-02', 'date=2025-06-01'))).text();
  assert.doesNotMatch(fake, /ra khỏi nguồn quy hoạch [^<.]+\./);
  // the review's own hidden date altered: refused, nothing written
  const tampered = await officer.fetch('/quy-hoach/dua-ra', { method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: officer.csrf, unit: hidden('unit'), title: hidden('title'), term: hidden('term'),
      cadre: hidden('cadre'), review: 'garbage', date: '2025-06-03', reason: why }) });
  assert.equal(tampered.status, 400);
  const csv = await officer.fetch(`/quy-hoach/ra-soat?unit=KL&term=${T}&date=2025-06-01&format=csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(await csv.text(), /Phải đưa ra khỏi quy hoạch vì/);
  const fc = await officer.fetch('/du-bao?unit=KL&months=12');
  assert.equal(fc.status, 200);
  assert.match(await fc.text(), /Nguồn thay thế các chức danh chủ chốt/);
});

test('a pool past PLAN-1\'s maximum (overrides) says so on the planning page, with the rule', async () => {
  const { body: rules } = await officer.json('/api/v1/rules?rule=PLAN-1');
  const today = new Date().toISOString().slice(0, 10);
  const max = rules.items.find((v) => v.effective_from <= today && (!v.effective_to || today <= v.effective_to)).params.max_per_title;
  const cadres = ['C001', 'C002', 'C003', 'C004', 'C006', 'C007', 'C008', 'C009', 'C011', 'C012'].slice(0, max + 1);
  for (const c of cadres) {
    const r = await post(officer, '/api/v1/planning', { term: T, unit: 'TP', title: 'CT_UBND_X', cadre: c, date: '2025-05-01',
      decision_no: 'QĐ 9', override: 'Ban Thường vụ quyết định' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const html = await (await officer.fetch(`/quy-hoach?term=${T}&unit=TP`)).text();
  assert.match(html, new RegExp(`Nguồn có ${max + 1} người, vượt mức tối đa ${max} người cho một chức danh \\(PLAN-1, `));
});
