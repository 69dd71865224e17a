// The annual report over HTTP on a 1,000-cadre demo: the API's §6 object
// (exact 2019 numbers, key order), unit scope (404 outside), defaults and bad
// input, the page's Vietnamese sentences and lists, the xlsx/csv downloads,
// and the training-needs page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CANBO, parseDemoLogins, startServer, Client } from './helpers.mjs';

const PUBLISHED =
  '{"unit":"MC","year":2019,"planning":{"committee":{"added":2,"removed":4},"key":{"added":4,"removed":10}},' +
  '"training":{"llct_cao_cap":15,"llct_trung_cap":3,"llct_so_cap":0,"qlnn_cvcc":0,"qlnn_cvc":0,"qlnn_cv":9,' +
  '"leadership_skills":84,"overseas_165":2,"degree":0,"other":0},"rotations":20,"appointments":17}';

let srv, admin, viewer, anon;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canbo-http-report-'));
  const db = join(dir, 'canbo.db');
  const r = spawnSync(CANBO, ['--db', db, 'demo', '--cadres', '1000'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const logins = parseDemoLogins(r.stdout);
  srv = await startServer(db, dir);
  admin = new Client(srv.base);
  viewer = new Client(srv.base);
  anon = new Client(srv.base);
  const a = logins.find((l) => l.role === 'admin');
  const v = logins.find((l) => l.unit === 'HX');
  assert.equal((await admin.login(a.username, a.password)).res.status, 200);
  assert.equal((await viewer.login(v.username, v.password)).res.status, 200);
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
});

test('report API: the published 2019 numbers of the city, in the contract key order', async () => {
  const res = await admin.fetch('/api/v1/reports/annual?unit=MC&year=2019');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /application\/json/);
  const text = await res.text();
  assert.equal(JSON.stringify(JSON.parse(text)), PUBLISHED);
});

test('report API: a commune counts its own subtree only; an out-of-scope unit is 404', async () => {
  const hx = await viewer.json('/api/v1/reports/annual?unit=HX&year=2019');
  assert.equal(hx.status, 200);
  assert.equal(hx.body.unit, 'HX');
  const mc = JSON.parse(PUBLISHED);
  assert.ok(hx.body.rotations <= mc.rotations && hx.body.training.leadership_skills < 84);
  const out = await viewer.json('/api/v1/reports/annual?unit=MC&year=2019');
  assert.equal(out.status, 404);
  assert.equal(out.body.error.code, 'not_found');
  const other = await viewer.json('/api/v1/reports/annual?unit=KL&year=2019');
  assert.equal(other.status, 404, 'a sibling commune is outside the viewer scope too');
  const unknown = await admin.json('/api/v1/reports/annual?unit=NOPE&year=2019');
  assert.equal(unknown.status, 404);
});

test('report API: defaults (scope unit or root, last year), bad year 400, no session 401', async () => {
  const v = await viewer.json('/api/v1/reports/annual?year=2019');
  assert.equal(v.status, 200);
  assert.equal(v.body.unit, 'HX');
  const a = await admin.json('/api/v1/reports/annual');
  assert.equal(a.status, 200);
  assert.equal(a.body.unit, 'MC');
  assert.equal(a.body.year, new Date().getFullYear() - 1);
  for (const y of ['20x9', '219', '1800', '99999']) {
    const bad = await admin.json(`/api/v1/reports/annual?unit=MC&year=${y}`);
    assert.equal(bad.status, 400, `year ${y}`);
    assert.equal(bad.body.error.code, 'bad_year');
  }
  const no = await anon.json('/api/v1/reports/annual?unit=MC&year=2019');
  assert.equal(no.status, 401);
});

test('report page: reads like the board summary, with sections linking to profiles', async () => {
  const res = await admin.fetch('/bao-cao/nam?unit=MC&year=2019');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<h1>Báo cáo công tác cán bộ năm 2019<\/h1>/);
  // Each act is credited to the body that decided it (the issuer of its number: -QĐ/ĐU the communes' Đảng ủy,
  // -QĐ/TU the Ban Thường vụ Thành ủy); people and acts are both given (issue 11).
  assert.ok(html.includes('Năm 2019, về quy hoạch Ban Chấp hành, Đảng ủy các xã, phường đã đưa ra khỏi quy hoạch ' +
    '4 đồng chí và bổ sung 2 đồng chí.'));
  // The demo's 2019 key-pool removals are all in commune pools, decided by the communes' Đảng ủy (-QĐ/ĐU):
  // one body, so the sentence names it instead of splitting by body.
  assert.ok(html.includes('Về quy hoạch các chức danh chủ chốt, Đảng ủy các xã, phường đã đưa ra khỏi quy hoạch ' +
    '10 đồng chí (25 lượt) và bổ sung 4 đồng chí.'));
  assert.ok(!html.includes('Ban Thường vụ Thành ủy đã đưa ra khỏi quy hoạch 4 đồng chí'), 'commune pools are not the city\'s');
  assert.ok(html.includes('Cử 15 đồng chí đi học cao cấp lý luận chính trị, 3 đồng chí học trung cấp lý luận chính trị, ' +
    '9 đồng chí bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên, 84 đồng chí bồi dưỡng kỹ năng lãnh đạo, quản lý, ' +
    '2 đồng chí đăng ký đào tạo ở nước ngoài theo Đề án 165'));
  // Every 2019 rotation is numbered "…/QĐ-UBND": the body that number names is the unit coded UBND, the city's People's
  // Committee, which issues their documents -- not the communes a cadre was moved to (was "UBND các xã, phường").
  assert.match(html, /Luân chuyển, điều động 20 đồng chí, do UBND thành phố quyết định; bổ nhiệm, bổ nhiệm lại, đề bạt 17 đồng chí \([^)]*Ban Thường vụ Thành ủy \d+ lượt/);
  const s5 = /<section class="card report-section" id="s5">[\s\S]*?<\/section>/.exec(html)[0];
  assert.equal((s5.match(/<td>UBND thành phố<\/td><\/tr>/g) || []).length, 20, 'each rotation credited to the UBND thành phố');
  assert.ok(!/<td>UBND (xã|phường) /.test(html), 'no act of a "/QĐ-UBND" number credited to a commune\'s UBND');
  for (const id of ['s0', 's1', 's2', 's3', 's4', 's5', 's6']) assert.ok(html.includes(`id="${id}"`), id);
  assert.match(html, /Bổ nhiệm, bổ nhiệm lại, đề bạt \(17 người, 17 lượt\)/);
  assert.match(html, /Luân chuyển, điều động \(20 người, 20 lượt\)/);
  assert.match(html, /Đưa ra khỏi quy hoạch chức danh chủ chốt \(10 người, 25 lượt\)/);
  assert.match(html, /<th scope="col" class="num">Số người<\/th><th scope="col" class="num">Số lượt<\/th>/);
  assert.match(html, /<td>Ban Thường vụ Thành ủy<\/td>/);
  assert.match(html, /<td>Đảng ủy (xã|phường) [^<]+<\/td>/);
  const links = html.match(/href="\/can-bo\/MC\d+"/g) || [];
  assert.ok(links.length >= 15 + 3 + 9 + 84 + 2 + 20 + 17, `links to profiles: ${links.length}`);
  assert.ok(html.includes('<option value="HX">'), 'the unit picker lists the units');
  assert.ok(html.includes('href="/bao-cao/nam.xlsx?unit=MC&amp;year=2019"'), 'Xuất Excel link');
  const commune = await (await viewer.fetch('/bao-cao/nam?year=2019')).text();
  assert.ok(commune.includes('Về quy hoạch các chức danh chủ chốt, Đảng ủy xã Hải Xuân đã'), 'a commune names its own Đảng ủy');
  assert.ok(!commune.includes('Ban Thường vụ Thành ủy đã đưa'));
  // A city office without committee or key titles gets no sentence about those pools.
  const office = await (await admin.fetch('/bao-cao/nam?unit=PNV&year=2019')).text();
  assert.ok(!office.includes('quy hoạch Ban Chấp hành'), 'no committee sentence for Phòng Nội vụ');
  assert.ok(!office.includes('id="s0"') && !office.includes('id="s3"'));
  assert.equal((await viewer.fetch('/bao-cao/nam?unit=MC&year=2019')).status, 404);
  assert.equal((await admin.fetch('/bao-cao/nam?unit=MC&year=abcd')).status, 400);
  const noSession = await anon.fetch('/bao-cao/nam?unit=MC&year=2019');
  assert.equal(noSession.status, 303, 'a page without a session redirects to the login');
});

test('report downloads: xlsx (zip) and csv, in scope only', async () => {
  const x = await admin.fetch('/bao-cao/nam.xlsx?unit=MC&year=2019');
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  assert.match(x.headers.get('content-disposition'), /bao-cao-MC-2019\.xlsx/);
  const bytes = Buffer.from(await x.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  const x2 = await admin.fetch('/bao-cao/nam?unit=MC&year=2019&format=xlsx');
  assert.equal(x2.status, 200);
  const c = await admin.fetch('/bao-cao/nam?unit=MC&year=2019&format=csv');
  assert.equal(c.status, 200);
  const csv = await c.text();
  assert.equal(csv.split('\r\n')[0], 'Nội dung,Chi tiết,Số lượng'); // the people's form (issue 10)
  assert.ok(csv.includes('\r\n"Cử đi đào tạo, bồi dưỡng","Bồi dưỡng kỹ năng lãnh đạo, quản lý",84\r\n'), csv);
  assert.equal((await viewer.fetch('/bao-cao/nam.xlsx?unit=MC&year=2019')).status, 404);
  assert.equal((await admin.fetch('/bao-cao/nam?unit=MC&year=2019&format=pdf')).status, 400);
});

test('training needs: planned cadres short of their titles standards, grouped by course, csv', async () => {
  const res = await admin.fetch('/dao-tao/nhu-cau?unit=MC&date=2025-06-30');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<h1>Cán bộ cần cử đi đào tạo năm tới<\/h1>/);
  assert.match(html, /id="need-[a-z_0-9]+"/, 'at least one course group');
  const csv = await (await admin.fetch('/dao-tao/nhu-cau?unit=MC&date=2025-06-30&format=csv')).text();
  const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(lines[0], 'Khóa học cần cử đi,Mã,Họ và tên,Đơn vị,Chức danh quy hoạch,Chưa đạt chuẩn');
  assert.ok(lines.length > 1);
  assert.equal((await viewer.fetch('/dao-tao/nhu-cau?unit=MC')).status, 404);
  assert.equal((await viewer.fetch('/dao-tao/nhu-cau')).status, 200, 'defaults to the viewer unit');
  assert.equal((await admin.fetch('/dao-tao/nhu-cau?unit=MC&date=2025-13-40')).status, 400);
});

test('a viewer\'s report: the acts of cadres now outside their unit are counted and said so, not credited to a body', async () => {
  const year = new Date().getFullYear();
  const date = `${year}-01-02`;
  const hx = (await admin.json('/api/v1/cadres?unit=HX&limit=1')).body.items[0];
  const post = (c, path, body) => c.json(path, { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf }, body: JSON.stringify(body) });
  const r = await post(admin, '/api/v1/rotations', { cadre: hx.code, kind: 'rotation', to_unit: 'KL', date,
    decision_no: '12-QĐ/TU', override_reason: 'thử nghiệm' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const total = (await viewer.json(`/api/v1/reports/annual?unit=HX&year=${year}`)).body.rotations;
  const html = await (await viewer.fetch(`/bao-cao/nam?unit=HX&year=${year}`)).text();
  const s5 = /<section class="card report-section" id="s5">[\s\S]*?<\/section>/.exec(html)[0];
  assert.ok(s5.includes(`(${total} lượt)`) || new RegExp(`, ${total} lượt\\)`).test(s5), 'the heading gives the section\'s figures');
  const listed = (s5.match(/href="\/can-bo\//g) || []).length;
  assert.ok(total > listed, `${total} counted, ${listed} listed: the rotated cadre is now in KL`);
  assert.ok(!html.includes(`>${hx.full_name}<`), 'the cadre now outside the scope is not named');
  assert.ok(html.includes(`${total - listed} lượt của cán bộ nay công tác ngoài phạm vi của bạn: được tính trong số liệu`));
  assert.match(html, new RegExp(`${total - listed} lượt của cán bộ nay công tác ngoài phạm vi của bạn\\)`));
  const all = await (await admin.fetch(`/bao-cao/nam?unit=HX&year=${year}`)).text();
  assert.ok(!all.includes('ngoài phạm vi của bạn'), 'the admin sees every act: nothing is left out');
});

test('"Cơ quan quyết định" names the body the act\'s document names; a body that cannot be told is said so', async () => {
  const year = new Date().getFullYear();
  const post = (c, path, body) => c.json(path, { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf }, body: JSON.stringify(body) });
  const gd = (await admin.json('/api/v1/cadres?unit=PGDDT&limit=1')).body.items[0];
  const hd = (await admin.json('/api/v1/cadres?unit=HD&limit=1')).body.items[0];
  let r = await post(admin, '/api/v1/rotations', { cadre: gd.code, kind: 'transfer', to_unit: 'HL', date: `${year}-01-03`,
    decision_no: '4046/QĐ-UBND', override_reason: 'thử nghiệm' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const doc = r.body.id;
  r = await post(admin, '/api/v1/rotations', { cadre: hd.code, kind: 'rotation', to_unit: 'HS', date: `${year}-01-04`,
    decision_no: '77/QĐ-KHONGCO', override_reason: 'thử nghiệm' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const html = await (await admin.fetch(`/bao-cao/nam?unit=MC&year=${year}&section=5`)).text();
  const row = (name) => new RegExp(`>${name}</a>.*?</tr>`).exec(html)?.[0] || '';
  // Phòng Giáo dục và Đào tạo -> Phường Hòa Lạc by 4046/QĐ-UBND: the UBND thành phố, as its decision's heading says
  assert.match(row(gd.full_name), /<td>4046\/QĐ-UBND<\/td><td>UBND thành phố<\/td><\/tr>$/);
  const res = await admin.fetch(`/van-ban/quyet-dinh?rotation=${doc}`);
  assert.match(await res.text(), /Đơn vị ban hành: Ủy ban nhân dân thành phố;/);
  // a symbol no unit carries: not guessed from the unit the cadre went to
  assert.match(row(hd.full_name), /<td>chưa xác định được \(không đơn vị nào mang ký hiệu «KHONGCO»\)<\/td><\/tr>$/);
});
