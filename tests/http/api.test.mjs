// The JSON API and the router's checks against a real `canbo serve` on the
// exact CSV fixtures (tests/http/fixtures): login, 401/403/404/405/413,
// CSRF, unit scope, search folding, SQL metacharacters, paging, sorting,
// security headers.
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

test('login answers the user, the CSRF token and a strict HttpOnly cookie', async () => {
  const c = new Client(srv.base);
  const { res, body } = await c.login('vkl', USERS.vkl.password);
  assert.equal(res.status, 200);
  assert.deepEqual(body.user, { username: 'vkl', role: 'viewer', unit: 'KL' });
  assert.match(body.csrf, /^[0-9a-f]{64}$/);
  const sc = res.headers.get('set-cookie');
  assert.match(sc, /^canbo_session=[0-9a-f]{64};/);
  for (const attr of ['HttpOnly', 'SameSite=Strict', 'Path=/']) assert.ok(sc.includes(attr), sc);
  const me = await c.json('/api/v1/session');
  assert.equal(me.status, 200);
  assert.equal(me.body.user.username, 'vkl');
  assert.equal(me.body.csrf, body.csrf);
});

test('wrong password and unknown user: 401 with the same body; malformed JSON: 400', async () => {
  const c = new Client(srv.base);
  const a = await c.login('admin', 'not-the-password');
  const b = await c.login('nobody-here', 'whatever-it-is');
  assert.equal(a.res.status, 401);
  assert.equal(b.res.status, 401);
  assert.deepEqual(a.body, b.body);
  assert.equal(a.body.error.code, 'invalid_credentials');
  assert.equal(c.cookie, null);
  for (const body of ['{"username":', '[]', '{"username":"admin"}', '{"username":1,"password":2}', '']) {
    const res = await c.fetch('/api/v1/session', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    assert.equal(res.status, 400, body);
    assert.equal((await res.json()).error.code, 'bad_request');
  }
});

test('API without a session: 401 JSON; a page without a session: 303 to the login page', async () => {
  const anon = new Client(srv.base);
  for (const p of ['/api/v1/cadres', '/api/v1/cadres/C001', '/api/v1/units', '/api/v1/session']) {
    const r = await anon.json(p);
    assert.equal(r.status, 401, p);
    assert.equal(r.body.error.code, 'unauthorized');
  }
  const res = await anon.fetch('/can-bo?q=hoa');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/dang-nhap?next=%2Fcan-bo%3Fq%3Dhoa');
  const bogus = new Client(srv.base);
  bogus.cookie = 'f'.repeat(64);
  assert.equal((await bogus.fetch('/api/v1/units')).status, 401);
});

test('non-GET without the CSRF token: 403; with it the request runs', async () => {
  const c = new Client(srv.base);
  await c.login('officer', USERS.officer.password);
  let res = await c.fetch('/api/v1/session', { method: 'DELETE' });
  assert.equal(res.status, 403);
  assert.equal((await res.json()).error.code, 'csrf');
  res = await c.fetch('/api/v1/session', { method: 'DELETE', headers: { 'X-CSRF-Token': 'a'.repeat(64) } });
  assert.equal(res.status, 403);
  res = await c.fetch('/dang-xuat', { method: 'POST' });
  assert.equal(res.status, 403);
  // the form field works too (HTML forms): wrong value refused
  res = await c.fetch('/dang-xuat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'csrf=' + 'b'.repeat(64),
  });
  assert.equal(res.status, 403);
  assert.equal((await c.fetch('/api/v1/session')).status, 200, 'still logged in after refused logouts');
  res = await c.fetch('/api/v1/session', { method: 'DELETE', headers: { 'X-CSRF-Token': c.csrf } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('set-cookie'), /Max-Age=0/);
  assert.equal((await c.fetch('/api/v1/session')).status, 401, 'the session is gone');
});

test('a viewer may not use an officer route (403)', async () => {
  const res = await viewer.fetch('/nhap-du-lieu');
  assert.equal(res.status, 403);
  assert.match(res.headers.get('content-type'), /text\/html/);
});

test('scoped viewer: a cadre outside the unit is 404 exactly like a missing code', async () => {
  const outside = await viewer.fetch('/api/v1/cadres/C002');
  const missing = await viewer.fetch('/api/v1/cadres/C999');
  assert.equal(outside.status, 404);
  assert.equal(missing.status, 404);
  assert.equal(await outside.text(), await missing.text());
  assert.equal((await admin.fetch('/api/v1/cadres/C002')).status, 200);
  const inside = await viewer.json('/api/v1/cadres/C003');
  assert.equal(inside.status, 200);
  assert.equal(inside.body.full_name, 'Nguyễn Thị Hoa');
});

test('profile: every field, positions and trainings', async () => {
  const { status, body } = await admin.json('/api/v1/cadres/C001');
  assert.equal(status, 200);
  assert.equal(body.code, 'C001');
  assert.equal(body.full_name, 'Hoàng Hải Long');
  assert.equal(body.given_name, 'Long');
  assert.equal(body.unit_code, 'KL');
  assert.equal(body.hometown, 'Quảng Ninh');
  assert.ok('party_join_date' in body && 'llct_level' in body);
  assert.equal(body.positions.length, 1);
  assert.equal(body.positions[0].title_code, 'CT_UBND_X');
  assert.equal(body.positions[0].decision_no, '123/QĐ-UBND');
  assert.equal(body.trainings.length, 1);
  assert.equal(body.trainings[0].program, 'llct_cao_cap');
});

test('scoped viewer: the list holds only in-scope cadres and the units only the subtree', async () => {
  const all = await admin.json('/api/v1/cadres?limit=500');
  assert.equal(all.body.total, 12);
  const mine = await viewer.json('/api/v1/cadres?limit=500');
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.body.items.map((c) => c.code).sort(), ['C001', 'C003', 'C004', 'C005', 'C006', 'C007', 'C008']);
  assert.equal(mine.body.total, 7);
  assert.ok(mine.body.items.every((c) => ['KL', 'KL1'].includes(c.unit_code)));
  // searching for an outside name finds nothing
  assert.equal((await viewer.json('/api/v1/cadres?q=dat')).body.total, 0);
  // a unit outside the scope is 404, like an unknown one
  const hx = await viewer.json('/api/v1/cadres?unit=HX');
  const nope = await viewer.json('/api/v1/cadres?unit=NOPE');
  assert.equal(hx.status, 404);
  assert.deepEqual(hx.body, nope.body);
  const units = await viewer.json('/api/v1/units');
  assert.equal(units.status, 200);
  assert.equal(units.body.units.length, 1);
  assert.equal(units.body.units[0].code, 'KL');
  assert.deepEqual(units.body.units[0].children.map((u) => u.code), ['KL1']);
  const whole = await admin.json('/api/v1/units');
  assert.equal(whole.body.units[0].code, 'TP');
  assert.deepEqual(whole.body.units[0].children.map((u) => u.code).sort(), ['HX', 'KL']);
});

test('search ignores case and diacritics, đ = d, every word a prefix', async () => {
  const q = async (s) => (await admin.json('/api/v1/cadres?q=' + encodeURIComponent(s))).body;
  assert.deepEqual((await q('hoang hai long')).items.map((c) => c.full_name), ['Hoàng Hải Long']);
  assert.deepEqual((await q('dang van dat')).items.map((c) => c.full_name), ['Đặng Văn Đạt']);
  assert.deepEqual((await q('dang dat')).items.map((c) => c.code), ['C002']);
  assert.deepEqual((await q('ĐẶNG')).items.map((c) => c.code), ['C002']);
  assert.equal((await q('c00')).total, 9);
  assert.deepEqual((await q('C01')).items.map((c) => c.code).sort(), ['C010', 'C011', 'C012']);
  const item = (await q('hoang hai long')).items[0];
  assert.deepEqual(Object.keys(item).sort(), ['birth_date', 'code', 'full_name', 'gender', 'title', 'title_display', 'unit_code', 'unit_name']);
  assert.equal(item.title, 'Chủ tịch UBND cấp xã');
  assert.equal(item.title_display, `Chủ tịch UBND ${item.unit_name.replace(/^(Xã|Phường) /, (m) => m.toLowerCase())}`,
    'the post as the list shows it, its place filled in');
});

test('SQL and FTS metacharacters in q are harmless', async () => {
  const metas = ["' OR 1=1 --", '"', '*', 'NEAR(', 'a" OR "b', ')', "'; DROP TABLE cadres; --", '^', 'AND', '-', '%', '_'];
  for (const s of metas) {
    const r = await admin.json('/api/v1/cadres?q=' + encodeURIComponent(s));
    assert.equal(r.status, 200, s);
    // a q without any word is no filter (all 12); with words, only real name/code prefixes match
    if (!/[a-z0-9]/i.test(s)) assert.equal(r.body.total, 12, s);
    else assert.ok(r.body.total <= 1, `${s} matched ${r.body.total} rows`);
    const v = await viewer.json('/api/v1/cadres?limit=500&q=' + encodeURIComponent(s));
    assert.equal(v.status, 200, s);
    assert.ok(v.body.items.every((c) => ['KL', 'KL1'].includes(c.unit_code)), `${s} leaked outside the scope`);
    assert.ok(v.body.total <= 7, s);
  }
  // a trailing * is no wildcard syntax of ours: the same as the plain prefix
  const star = (await admin.json('/api/v1/cadres?q=hoa*&sort=code')).body.items.map((c) => c.code);
  assert.deepEqual(star, ['C001', 'C003']);
  assert.equal((await admin.json('/api/v1/cadres')).body.total, 12, 'table still there');
});

test('invalid UTF-8 in the query or body: 400 saying where', async () => {
  let r = await admin.json('/api/v1/cadres?q=%C3%28');
  assert.equal(r.status, 400);
  assert.match(r.body.error.message, /'q'/);
  const res = await admin.fetch('/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
  });
  assert.equal(res.status, 400);
  assert.match((await res.json()).error.message, /body/);
  r = await admin.fetch('/can-bo/%FF');
  assert.equal(r.status, 400);
});

test('paging and sorting', async () => {
  const p1 = (await admin.json('/api/v1/cadres?sort=code&limit=5&offset=0')).body;
  const p2 = (await admin.json('/api/v1/cadres?sort=code&limit=5&offset=5')).body;
  const p3 = (await admin.json('/api/v1/cadres?sort=code&limit=5&offset=10')).body;
  assert.equal(p1.total, 12);
  assert.deepEqual(p1.items.map((c) => c.code), ['C001', 'C002', 'C003', 'C004', 'C005']);
  assert.deepEqual(p2.items.map((c) => c.code), ['C006', 'C007', 'C008', 'C009', 'C010']);
  assert.deepEqual(p3.items.map((c) => c.code), ['C011', 'C012']);
  const births = (await admin.json('/api/v1/cadres?sort=birth_date')).body.items.map((c) => c.birth_date);
  assert.deepEqual(births, [...births].sort());
  assert.equal(births[0], '1966-12-01');
  // by given name in Vietnamese order: An, Bình, Châu, Dũng, Đạt, Giang, Hải, Hoa, Khánh, Lan, Long, Minh
  const names = (await admin.json('/api/v1/cadres?sort=name')).body.items.map((c) => c.full_name.split(' ').pop());
  assert.deepEqual(names, ['An', 'Bình', 'Châu', 'Dũng', 'Đạt', 'Giang', 'Hải', 'Hoa', 'Khánh', 'Lan', 'Long', 'Minh']);
  const dflt = (await admin.json('/api/v1/cadres')).body.items.map((c) => c.full_name.split(' ').pop());
  assert.deepEqual(dflt, names);
  for (const bad of ['sort=age', 'limit=abc', 'limit=0', 'offset=-1', 'limit=1e3']) {
    const r = await admin.json('/api/v1/cadres?' + bad);
    assert.equal(r.status, 400, bad);
    assert.equal(r.body.error.code, 'bad_request');
  }
  const big = await admin.json('/api/v1/cadres?limit=100000');
  assert.equal(big.status, 200);
  assert.equal(big.body.items.length, 12);
  const sub = await admin.json('/api/v1/cadres?unit=KL&sort=code');
  assert.deepEqual(sub.body.items.map((c) => c.code), ['C001', 'C003', 'C004', 'C005', 'C006', 'C007', 'C008']);
});

test('a body over 1 MiB: 413 (also for pages); exactly 1 MiB is read', async () => {
  const big = Buffer.alloc(1024 * 1024 + 1, 0x61);
  let res = await fetch(srv.base + '/api/v1/session', { method: 'POST', body: big, headers: { 'Content-Type': 'application/json' } });
  assert.equal(res.status, 413);
  assert.equal((await res.json()).error.code, 'payload_too_large');
  res = await fetch(srv.base + '/dang-nhap', { method: 'POST', body: big });
  assert.equal(res.status, 413);
  assert.match(await res.text(), /1 MiB/);
  // at the limit the body is accepted and parsed (here: not JSON -> 400)
  res = await fetch(srv.base + '/api/v1/session', { method: 'POST', body: Buffer.alloc(1024 * 1024, 0x61) });
  assert.equal(res.status, 400);
});

test('404 and 405 answer JSON on the API, HTML elsewhere', async () => {
  let res = await admin.fetch('/api/v1/nothing');
  assert.equal(res.status, 404);
  assert.equal((await res.json()).error.code, 'not_found');
  res = await admin.fetch('/khong-co-trang-nay');
  assert.equal(res.status, 404);
  assert.match(await res.text(), /<html lang="vi">/);
  res = await admin.fetch('/api/v1/cadres', { method: 'PUT', headers: { 'X-CSRF-Token': admin.csrf } });
  assert.equal(res.status, 405);
  assert.match(res.headers.get('allow'), /GET/);
  assert.equal((await res.json()).error.code, 'method_not_allowed');
});

test('security headers on every response; assets are cached, dynamic answers are not', async () => {
  const check = (res) => {
    assert.equal(
      res.headers.get('content-security-policy'),
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('referrer-policy'), 'same-origin');
  };
  for (const p of ['/api/v1/cadres', '/api/v1/nothing', '/dang-nhap', '/can-bo']) {
    const res = await admin.fetch(p);
    check(res);
    assert.equal(res.headers.get('cache-control'), 'no-store', p);
    await res.arrayBuffer();
  }
  const css = await fetch(srv.base + '/assets/app.css');
  check(css);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /^text\/css/);
  assert.match(css.headers.get('cache-control'), /max-age=\d+/);
  assert.ok((await css.text()).length > 100);
  assert.equal((await fetch(srv.base + '/assets/nope.css')).status, 404);
  const head = await fetch(srv.base + '/assets/app.css', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});
