// The HTML pages against a real `canbo serve` on the exact CSV fixtures:
// form login (401, safe `next`, cookie), logout with CSRF, home counts and
// unit tree, the list searched on the server, the Mẫu 2C profile, unit scope
// (404), import (error table, all or nothing, success), export download,
// escaping of stored text, and pages free of inline script/style (CSP).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureDb, startServer, USERS } from './helpers.mjs';

const FIX = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
let srv;

before(async () => {
  const { dir, db } = fixtureDb();
  srv = await startServer(db, dir);
});
after(async () => {
  const r = await srv.stop();
  assert.equal(r.code, 0, srv.stderr());
});

/** POST the login form; returns the response (redirect not followed). */
function formLogin(username, password, next) {
  const body = new URLSearchParams({ username, password });
  if (next !== undefined) body.set('next', next);
  return fetch(srv.base + '/dang-nhap', { method: 'POST', body, redirect: 'manual' });
}

/** A logged-in page client: cookie from the form login, CSRF from a rendered form. */
async function pageClient(name) {
  const res = await formLogin(name, USERS[name].password);
  assert.equal(res.status, 303);
  const cookie = /canbo_session=([0-9a-f]+)/.exec(res.headers.get('set-cookie'))[1];
  const get = (path, opts = {}) =>
    fetch(srv.base + path, { redirect: 'manual', ...opts, headers: { Cookie: `canbo_session=${cookie}`, ...(opts.headers || {}) } });
  const home = await (await get('/')).text();
  const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(home)[1];
  return { cookie, csrf, get };
}

function assertNoInline(html) {
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline <script>');
  assert.doesNotMatch(html, /\sstyle=|<style/i, 'no inline style');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
}

const cadres = readFileSync(join(FIX, 'cadres.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));

test('pages need a session: redirect to the login page with next', async () => {
  const res = await fetch(srv.base + '/can-bo?q=a', { redirect: 'manual' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/dang-nhap?next=%2Fcan-bo%3Fq%3Da');
  const login = await fetch(srv.base + '/dang-nhap?next=%2Fcan-bo');
  const html = await login.text();
  assert.equal(login.status, 200);
  assert.match(html, /<html lang="vi">/);
  assert.match(html, /<label for="username">Tên đăng nhập<\/label>/);
  assert.match(html, /<label for="password">Mật khẩu<\/label>/);
  assert.match(html, /name="next" value="\/can-bo"/);
  assertNoInline(html);
});

test('form login: wrong password 401 in Vietnamese; success sets a strict cookie and goes to a local next only', async () => {
  const bad = await formLogin('officer', 'wrong-password', '/can-bo');
  assert.equal(bad.status, 401);
  assert.match(await bad.text(), /Tên đăng nhập hoặc mật khẩu không đúng\./);
  const ok = await formLogin('officer', USERS.officer.password, '/can-bo?q=hoa');
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/can-bo?q=hoa');
  const sc = ok.headers.get('set-cookie');
  for (const attr of ['HttpOnly', 'SameSite=Strict', 'Path=/']) assert.ok(sc.includes(attr), sc);
  for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
    const r = await formLogin('officer', USERS.officer.password, evil);
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/', `next=${evil} must not leave the site`);
  }
});

test('home: headline counts and the unit tree in scope', async () => {
  const c = await pageClient('admin');
  const res = await c.get('/');
  const html = await res.text();
  assert.equal(res.status, 200);
  assertNoInline(html);
  const women = cadres.filter((r) => r[2] === 'F').length;
  const value = (label) => new RegExp(`<span class="stat-label">${label}</span><span class="stat-value">([\\d.]+)</span>`).exec(html)?.[1];
  assert.equal(value('Tổng số cán bộ'), String(cadres.length));
  assert.equal(value('Nữ'), String(women));
  // Under 40 today, counting a partial birth date as the 1st.
  const now = new Date();
  const cutoff = `${now.getFullYear() - 40}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const full = (b) => (b.length === 4 ? b + '-01-01' : b.length === 7 ? b + '-01' : b);
  assert.equal(value('Dưới 40 tuổi'), String(cadres.filter((r) => full(r[3]) > cutoff).length));
  assert.match(html, /<a href="\/can-bo\?unit=KL">Phường Ka Long<\/a> <span class="count"[^>]*>\d+<\/span>/);
  // the link beside its "N đơn vị trực thuộc" toggle, not inside it (axe nested-interactive, issue 12)
  assert.match(html, /<li class="branch"><a href="\/can-bo\?unit=TP">Thành phố Móng Cái<\/a> <span class="count"[^>]*>12<\/span><details open><summary>2 đơn vị trực thuộc<\/summary>/);
  const viewer = await pageClient('vkl');
  const vh = await (await viewer.get('/')).text();
  assert.doesNotMatch(vh, /unit=HX/, 'a viewer scoped to KL does not see HX');
  assert.doesNotMatch(vh, /href="\/nhap-du-lieu"/, 'viewers get no import link');
});

test('list: server-side search without JavaScript, links by code, unit scope', async () => {
  const c = await pageClient('admin');
  const res = await c.get('/can-bo?q=dang+dat');
  const html = await res.text();
  assert.equal(res.status, 200);
  assertNoInline(html);
  assert.match(html, /<label for="q">Tìm cán bộ<\/label>/);
  assert.match(html, /Tìm thấy <strong>1<\/strong> cán bộ/);
  assert.match(html, /<a href="\/can-bo\/C002">Đặng Văn Đạt<\/a>/);
  assert.match(html, /<td>Nam<\/td><td>1980<\/td>/);
  const byUnit = await (await c.get('/can-bo?unit=KL1&sort=birth_date')).text();
  const n = cadres.filter((r) => r[4] === 'KL1').length;
  assert.match(byUnit, new RegExp(`Tìm thấy <strong>${n}</strong> cán bộ`));
  assert.match(byUnit, /<option value="KL1" selected>/);
  assert.match(byUnit, /id="export-xlsx" href="\/can-bo\?unit=KL1&amp;sort=birth_date&amp;format=xlsx"/); // the list as found (issue 10)
  const v = await pageClient('vkl');
  assert.equal((await v.get('/can-bo?unit=HX')).status, 404);
  const vl = await (await v.get('/can-bo')).text();
  assert.doesNotMatch(vl, /Đặng Văn Đạt/);
  assert.doesNotMatch(vl, /<option value="HX"/);
  // a page past the last (an old link) says so and links to the last one, not "no cadre matches"
  const past = await (await c.get('/can-bo?q=dang+dat&page=5')).text();
  assert.match(past, /Trang 5 không có cán bộ nào: danh sách chỉ có 1 trang\. <a href="\/can-bo\?q=dang%20dat">Về trang cuối<\/a>/);
  assert.doesNotMatch(past, /Không có cán bộ nào phù hợp/);
});

test('profile: Mẫu 2C layout, dd/mm/yyyy dates, 404 outside scope or unknown', async () => {
  const c = await pageClient('admin');
  const res = await c.get('/can-bo/C001');
  const html = await res.text();
  assert.equal(res.status, 200);
  assertNoInline(html);
  for (const s of ['SƠ YẾU LÝ LỊCH CÁN BỘ', 'HOÀNG HẢI LONG', 'Số hiệu cán bộ: <strong>C001</strong>', '02/03/1975',
    'Đào tạo, bồi dưỡng', 'Tóm tắt quá trình công tác', 'Thời gian công tác còn lại', 'In hồ sơ'])
    assert.ok(html.includes(s), `profile contains ${s}`);
  assert.match(html, /<span class="k">Tôn giáo:<\/span> <span class="v">—<\/span>/, 'empty fields show a dash');
  assert.equal((await c.get('/can-bo/NOPE')).status, 404);
  const v = await pageClient('vkl');
  const out = await v.get('/can-bo/C002');
  assert.equal(out.status, 404, 'HX cadre is outside the KL scope');
  const page404 = await out.text();
  assertNoInline(page404);
  assert.match(page404, /<header class="topbar">[\s\S]*Đăng xuất[\s\S]*<h1>Không tìm thấy \(404\)<\/h1>/,
    'a signed-in user\'s error page keeps the menu');
  assert.doesNotMatch(page404, /Đặng Văn Đạt/, 'and names nothing of the record');
  assert.equal((await v.get('/can-bo/C003')).status, 200, 'KL1 lies below KL');
});

test('import: viewer 403; CSRF needed; errors listed and nothing written; then a good file', async () => {
  const v = await pageClient('vkl');
  const denied = await v.get('/nhap-du-lieu');
  assert.equal(denied.status, 403);
  assert.match(await denied.text(), /<header class="topbar">[\s\S]*<h1>[^<]*\(403\)<\/h1>/);
  const c = await pageClient('officer');
  const page = await (await c.get('/nhap-du-lieu')).text();
  assert.match(page, /enctype="multipart\/form-data"/);
  assert.match(page, /<option value="positions">Chức vụ \(quá trình công tác\)<\/option>/);
  const post = (csv, csrf) => {
    const fd = new FormData();
    if (csrf) fd.set('csrf', csrf);
    fd.set('kind', 'cadres');
    fd.set('file', new Blob([csv], { type: 'text/csv' }), 'x.csv');
    return c.get('/nhap-du-lieu', { method: 'POST', body: fd });
  };
  const good = 'code,full_name,gender,birth_date,unit_code,notes\nW001,Mai Thị Tuyết,F,1992-04-01,KL,<script>alert(1)</script>\n';
  assert.equal((await post(good, null)).status, 403, 'no csrf field');
  const bad = await post('code,full_name,gender,birth_date,unit_code\nW001,Mai Thị Tuyết,F,1992-02-30,KL\nW002,,M,1990,KL\n', c.csrf);
  const bh = await bad.text();
  assert.equal(bad.status, 400);
  assert.match(bh, /Không có dữ liệu nào được ghi/);
  // the column's number with the file's header text; the file named
  assert.match(bh, /<tr><td class="num">2<\/td><td>4 \(birth_date\)<\/td><td>/, 'line 2, column 4 (birth_date)');
  assert.match(bh, /<tr><td class="num">3<\/td><td>2 \(full_name\)<\/td><td>/, 'line 3, column 2 (full_name)');
  assert.match(bh, /Tệp «x\.csv» \(csv\)/);
  assert.equal((await c.get('/can-bo/W001')).status, 404, 'nothing written');
  const ok = await post(good, c.csrf);
  assert.equal(ok.status, 200);
  assert.match(await ok.text(), /Đã nhập 1 dòng \(Cán bộ\)\./);
  const prof = await (await c.get('/can-bo/W001')).text();
  assert.ok(prof.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'stored markup comes out escaped');
  assert.ok(!prof.includes('<script>alert(1)'));
});

test('export: CSV and XLSX downloads limited to the scope', async () => {
  const v = await pageClient('vkl');
  const csv = await v.get('/xuat/cadres?format=csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="cadres\.csv"/);
  const text = await csv.text(); // the people's form (issue 10): labels; ?raw=1 is the import format
  assert.match(text, /^Mã cán bộ,Họ và tên,/);
  assert.ok(text.includes('C001,Hoàng Hải Long'));
  assert.ok(!text.includes('C002,'), 'HX is outside the viewer scope');
  const raw = await (await v.get('/xuat/cadres?format=csv&raw=1')).text();
  assert.match(raw, /^code,full_name,/);
  assert.ok(raw.includes('C001,Hoàng Hải Long') && !raw.includes('C002,'));
  const x = await v.get('/xuat/cadres?format=xlsx&unit=KL1');
  assert.equal(x.status, 200);
  const bytes = Buffer.from(await x.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an xlsx is a zip');
  assert.equal((await v.get('/xuat/cadres?unit=HX')).status, 404);
  assert.equal((await v.get('/xuat/cadres?format=exe')).status, 400);
});

test('logout: needs the CSRF field, then clears the cookie and the session', async () => {
  const c = await pageClient('admin');
  assert.equal((await c.get('/dang-xuat', { method: 'POST', body: new URLSearchParams({}) })).status, 403);
  const res = await c.get('/dang-xuat', { method: 'POST', body: new URLSearchParams({ csrf: c.csrf }) });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/dang-nhap');
  assert.match(res.headers.get('set-cookie'), /canbo_session=;.*Max-Age=0/);
  assert.equal((await c.get('/')).status, 303, 'the old token no longer works');
});
