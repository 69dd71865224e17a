// Hostile requests against every non-GET route (API and forms) and weird
// query values on GET routes. Expect: never a 5xx, API refusals as 4xx with
// {"error":{"code","message"}} and a Vietnamese message (CONTRACT §2), and
// nothing written on refusal (every table's row count unchanged).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fixtureDb, startServer, Client, USERS } from './helpers.mjs';

let srv, db, admin, officer, viewer, proposalId, congressId, variantId;

// Row counts of every table (audit included: a refusal audited as `denied` is a
// write we allow only where the route says so, see `denied` below).
function counts(skipAudit = false) {
  const q = spawnSync('sqlite3', [db, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('sessions','login_failures','denials','login_known') ORDER BY name"], { encoding: 'utf8' });
  const names = q.stdout.trim().split('\n').filter((n) => n && !(skipAudit && n === 'audit'));
  const sql = 'SELECT ' + names.map((n) => `(SELECT count(*) FROM "${n}")`).join("||' '||");
  return spawnSync('sqlite3', [db, sql], { encoding: 'utf8' }).stdout.trim();
}

const VI = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

async function send(client, method, path, body, { form = false, raw = false } = {}) {
  const headers = {};
  if (client.csrf) headers['X-CSRF-Token'] = client.csrf;
  let payload = body;
  if (body !== undefined && !raw) {
    if (form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams({ csrf: client.csrf || '', ...body }).toString();
    } else {
      headers['Content-Type'] = 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
  } else if (raw) headers['Content-Type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
  const res = await client.fetch(path, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get('content-type') || '' };
}

// A refusal: 4xx, never 5xx; on API routes the JSON error shape with a Vietnamese message; nothing written.
async function refused(client, method, path, body, opts = {}) {
  const before = counts(true);
  const r = await send(client, method, path, body, opts);
  const what = `${method} ${path} ${typeof body === "string" ? body.slice(0, 80) : JSON.stringify(body)?.slice(0, 300)}`;
  assert.ok(r.status >= 400 && r.status < 500, `${what}: status ${r.status} ${r.text.slice(0, 200)}`);
  if (path.startsWith('/api/')) {
    assert.match(r.type, /application\/json/, `${what}: content type`);
    const j = JSON.parse(r.text);
    assert.equal(typeof j.error?.code, 'string', `${what}: error.code in ${r.text.slice(0, 200)}`);
    assert.match(j.error.message, VI, `${what}: Vietnamese message in ${r.text.slice(0, 200)}`);
  }
  assert.equal(counts(true), before, `${what}: something was written`);
  return r;
}

before(async () => {
  const f = fixtureDb();
  db = f.db;
  srv = await startServer(f.db, f.dir);
  admin = new Client(srv.base);
  officer = new Client(srv.base);
  viewer = new Client(srv.base);
  await admin.login('admin', USERS.admin.password);
  await officer.login('officer', USERS.officer.password);
  await viewer.login('vkl', USERS.vkl.password);
  const p = await send(officer, 'POST', '/api/v1/proposals', {
    cadre: 'C004', kind: 'appointment', unit: 'KL', title: 'CT_UBND_X', source: 'internal', date: '2025-01-10',
  });
  assert.equal(p.status, 201, p.text);
  proposalId = JSON.parse(p.text).id;
  const c = await send(officer, 'POST', '/api/v1/congress', {
    unit: 'KL', term: '2025-2030', reckoning_date: '2025-06-01', congress_date: '2025-06-01',
  });
  assert.equal(c.status, 201, c.text);
  const cj = JSON.parse(c.text);
  congressId = cj.id;
  variantId = cj.variants[0].id;
});

after(async () => {
  const r = await srv.stop();
  assert.equal(r.code, 0, `server exit ${JSON.stringify(r)}: ${srv.stderr().slice(-2000)}`);
});

// Bodies that are not what any route wants.
const MALFORMED = ['', '{', '{"a":', 'nul', '[]', 'null', '1', '"x"', 'true', '{"a":1}}', '\u0000', '{"x":"\ud800"}'];
const WRONG_TYPES = [
  {}, { cadre: 1 }, { cadre: ['C001'] }, { cadre: null }, { cadre: { code: 'C001' } },
];

const API_POSTS = () => [
  ['POST', '/api/v1/planning'],
  ['POST', '/api/v1/planning/remove'],
  ['POST', '/api/v1/proposals'],
  ['POST', `/api/v1/proposals/${proposalId}/steps`],
  ['POST', `/api/v1/proposals/${proposalId}/decision`],
  ['POST', '/api/v1/rotations'],
  ['POST', '/api/v1/congress'],
  ['POST', `/api/v1/congress/${congressId}/variants/${variantId}/members`],
  ['POST', '/api/v1/rules'],
  ['PUT', '/api/v1/rules/1'],
];

test('malformed JSON on every API write route: 400 JSON error, nothing written', async () => {
  for (const [m, p] of API_POSTS()) {
    for (const b of MALFORMED) await refused(admin, m, p, b);
    await refused(admin, m, p, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { raw: true });
  }
  for (const b of ['{', '[]', 'null', '{"username":1,"password":2}', '{"username":["admin"],"password":"x"}'])
    await refused(new Client(srv.base), 'POST', '/api/v1/session', b);
});

test('wrong types and missing fields on every API write route', async () => {
  for (const [m, p] of API_POSTS()) {
    if (m === 'PUT') continue; // every key optional there, checked below
    for (const b of WRONG_TYPES) await refused(admin, m, p, b);
  }
  // proposals: numbers as strings, arrays, nested objects, unknown codes, bad dates
  const good = { cadre: 'C004', kind: 'appointment', unit: 'KL', title: 'CT_UBND_X', source: 'internal', date: '2025-01-10' };
  for (const [k, v] of [['cadre', 'NOBODY'], ['unit', 'NOWHERE'], ['title', 'NO_TITLE'], ['kind', 'coronation'],
    ['source', 'outer'], ['date', '2025-13-45'], ['date', '31/04/2024'], ['date', 20250110], ['cadre', ['C004']],
    ['unit', { code: 'KL' }], ['date', true], ['source', 7], ['cadre', 'C001\u0000'], ['cadre', "C001' OR 1=1 --"]])
    await refused(officer, 'POST', '/api/v1/proposals', { ...good, [k]: v });
  // out of scope: the viewer cannot write at all; 403 JSON
  await refused(viewer, 'POST', '/api/v1/proposals', good);
  // rotations
  const rot = { cadre: 'C002', kind: 'rotation', to_unit: 'KL', from_unit: 'HX', date: '2025-01-10', planned_months: 36 };
  for (const [k, v] of [['cadre', 'NOBODY'], ['to_unit', 'NOWHERE'], ['kind', 'exile'], ['date', '2025-02-29'],
    ['planned_months', -1], ['planned_months', 0.5], ['planned_months', 9999999999], ['planned_months', 4294967332],
    ['to_unit', 'HX'], ['from_unit', 'NOWHERE']])
    await refused(officer, 'POST', '/api/v1/rotations', { ...rot, [k]: v });
  // planning
  const plan = { term: '2025-2030', unit: 'KL', title: 'CT_UBND_X', cadre: 'C004', date: '2025-01-10' };
  for (const [k, v] of [['term', '2030-2025'], ['term', '99999-100004'], ['term', 2025], ['unit', 'NOWHERE'],
    ['title', 'NO'], ['cadre', 'NOBODY'], ['date', '0000-01-01'], ['date', '2023-02-29']])
    await refused(officer, 'POST', '/api/v1/planning', { ...plan, [k]: v });
  await refused(officer, 'POST', '/api/v1/planning/remove', plan); // not in the pool
  // congress
  const cg = { unit: 'HX', term: '2025-2030', reckoning_date: '2025-06-01' };
  for (const [k, v] of [['unit', 'NOWHERE'], ['term', '2025'], ['term', '2030-2025'], ['reckoning_date', '2025-13-01'],
    ['prev_max_size', 'ten'], ['prev_max_size', -3], ['prev_max_size', 4294967296], ['prev_max_size', [1]]])
    await refused(officer, 'POST', '/api/v1/congress', { ...cg, [k]: v });
  await refused(officer, 'POST', '/api/v1/congress', { unit: 'KL', term: '2025-2030', reckoning_date: '2025-06-01' }); // exists
  const mem = `/api/v1/congress/${congressId}/variants/${variantId}/members`;
  for (const b of [{ cadre: 'NOBODY' }, { cadre: 'C001', body: 'emperor' }, { cadre: 'C001', reelected: 'yes' }])
    await refused(officer, 'POST', mem, b);
  await refused(officer, 'POST', `/api/v1/congress/${congressId}/variants/999999/members`, { cadre: 'C001' });
  await refused(officer, 'POST', `/api/v1/congress/999999/variants/${variantId}/members`, { cadre: 'C001' });
  await refused(officer, 'POST', `/api/v1/congress/${congressId}/variants`, { name: 7, copy_from: 'x' });
  await refused(officer, 'POST', `/api/v1/congress/${congressId}/variants/-1/choose`, {});
  await refused(officer, 'POST', `/api/v1/congress/${congressId}/variants/99999999999999999999/choose`, {});
  await refused(officer, 'DELETE', `/api/v1/congress/${congressId}/variants/${variantId}/members/NOBODY`);
  // rules
  for (const b of [{ params: [] }, { params: 'x' }, { effective_to: '2020-02-30' }, { enabled: 'yes' }, { note: 5 },
    { effective_to: '1900-01-01' }, { unknown: 1 }, { params: null, enabled: 1 }])
    await refused(admin, 'PUT', '/api/v1/rules/1', b);
  for (const id of ['0', '-1', '99999999', '1e3', '99999999999999999999999'])
    await refused(admin, 'PUT', `/api/v1/rules/${id}`, { note: 'x' });
  for (const b of [{ rule: 'NOPE-1', effective_from: '2030-01-01', params: {} },
    { rule: 'PLAN-1', effective_from: '2030-02-30', params: {} }, { rule: 'PLAN-1', effective_from: '2030-01-01', params: [] },
    { rule: 'PLAN-1', effective_from: '2030-01-01', params: {}, confidence: 'X' }, { rule: ['PLAN-1'] }])
    await refused(admin, 'POST', '/api/v1/rules', b);
  await refused(officer, 'PUT', '/api/v1/rules/1', { note: 'x' }); // officer: 403
});

test('proposal steps: counts that cannot be, huge integers, strings for numbers', async () => {
  const p = `/api/v1/proposals/${proposalId}/steps`;
  const first = await send(officer, 'POST', p, { step: 1, date: '2025-01-11', summoned: 9, present: 9 });
  assert.equal(first.status, 201, first.text);
  // step 2 of an internal proposal has a vote
  const ok = { step: 2, date: '2025-01-12', summoned: 9, present: 9, votes_for: 9 };
  for (const [k, v] of [['summoned', 0], ['summoned', -5], ['present', 10], ['present', -1], ['votes_for', 10],
    ['votes_for', -2], ['votes_for', '9'], ['summoned', '9'], ['present', '9'], ['step', 0], ['step', 99], ['step', '2'],
    ['votes_for', 4294967298] /* 2^32 + 2 */, ['present', -4294967295],
    ['summoned', 4294967305] /* 2^32 + 9 */, ['present', 4294967305], ['summoned', 1e300], ['summoned', 9.5],
    ['summoned', 99999999999999999999999], ['date', '2025-02-30'], ['date', 'hôm qua'], ['date', null]])
    await refused(officer, 'POST', p, { ...ok, [k]: v });
  await refused(officer, 'POST', '/api/v1/proposals/999999/steps', ok);
  await refused(officer, 'POST', '/api/v1/proposals/abc/steps', ok);
  await refused(officer, 'POST', `/api/v1/proposals/${proposalId}/decision`, { date: '2025-13-01' });
  await refused(officer, 'POST', `/api/v1/proposals/${proposalId}/decision`, { date: 20250301 });
  // the valid step 2 is recorded once; the same step again is refused
  const s2 = await send(officer, 'POST', p, ok);
  assert.equal(s2.status, 201, s2.text);
  await refused(officer, 'POST', p, ok);
});

test('bodies just under and over 1 MiB', async () => {
  const pad = 'a'.repeat(1024 * 1024 - 200);
  await refused(officer, 'POST', '/api/v1/rotations', JSON.stringify({ cadre: pad }));
  await refused(officer, 'POST', '/api/v1/proposals', JSON.stringify({ cadre: 'C004', note: pad, kind: 'x' }));
  const r = await refused(officer, 'POST', '/api/v1/rotations', JSON.stringify({ cadre: pad + 'a'.repeat(1000) }));
  assert.equal(r.status, 413);
  // deep nesting
  await refused(officer, 'POST', '/api/v1/rotations', '['.repeat(100000) + ']'.repeat(100000));
  await refused(officer, 'POST', '/api/v1/rotations', '{"a":'.repeat(50000) + '1' + '}'.repeat(50000));
});

test('repeated requests: a decision, a rule version, a relation are not recorded twice', async () => {
  const rv = { rule: 'PLAN-1', effective_from: '2031-01-01', params: { max_per_title: 4, warn_above: 3 } };
  const a = await send(admin, 'POST', '/api/v1/rules', rv);
  assert.equal(a.status, 201, a.text);
  const b = await refused(admin, 'POST', '/api/v1/rules', rv);
  assert.equal(b.status, 409);
  const c1 = await send(officer, 'POST', '/api/v1/congress', { unit: 'HX', term: '2030-2035', reckoning_date: '2030-06-01' });
  assert.equal(c1.status, 201, c1.text);
  const c2 = await refused(officer, 'POST', '/api/v1/congress', { unit: 'HX', term: '2030-2035', reckoning_date: '2030-06-01' });
  assert.equal(c2.status, 409);
  const rel = { cadre: 'C004', relative: 'C005', relation: 'spouse' };
  const f1 = await send(officer, 'POST', '/quan-he-gia-dinh', rel, { form: true });
  assert.ok(f1.status < 500, f1.text.slice(0, 200));
  const before = counts(true);
  const f2 = await send(officer, 'POST', '/quan-he-gia-dinh', rel, { form: true });
  assert.ok(f2.status < 500);
  assert.equal(counts(true), before, 'a second identical relation was written');
});

const FORM_POSTS = () => [
  '/dang-xuat-x', // unknown: 404
  '/nhap-du-lieu', '/can-bo/C001/danh-gia', '/can-bo/C001/ky-luat', '/quy-dinh/1', '/quy-dinh/1/phien-ban-moi',
  '/quy-hoach/them', '/quy-hoach/dua-ra', '/bo-nhiem/moi', '/bo-nhiem/quyet-dinh', `/bo-nhiem/${proposalId}/buoc`,
  `/bo-nhiem/${proposalId}/quyet-dinh`, '/luan-chuyen', '/quan-he-gia-dinh', '/dai-hoi', `/dai-hoi/${congressId}/phuong-an`,
  `/dai-hoi/${congressId}/phuong-an/${variantId}/thanh-vien`, `/dai-hoi/${congressId}/phuong-an/${variantId}/xoa/NOBODY`,
  `/dai-hoi/${congressId}/phuong-an/999999/chon`, '/don-vi/sap-nhap',
];

test('form routes: empty, garbage, wrong values, bad UTF-8: never 5xx, nothing written', async () => {
  const bodies = [{}, { x: 'y' }, { cadre: 'NOBODY', unit: 'NOWHERE', title: 'NO', date: '2025-13-45', year: '99999',
    rating: 'great', form: 'x', authority: 'x', summoned: '-1', present: '99', votes_for: '1e99', step: '__proto__',
    kind: 'x', relative: 'NOBODY', relation: 'x', term: '2030-2025', params: '{', effective_to: '2020-02-30' }];
  for (const p of FORM_POSTS()) {
    for (const b of bodies) {
      const before = counts(true);
      const r = await send(admin, 'POST', p, b, { form: true });
      assert.ok(r.status < 500, `POST ${p} ${JSON.stringify(b).slice(0, 60)}: ${r.status} ${r.text.slice(0, 200)}`);
      // a variant without a name is added as "Phương án N" (by design)
      if (p.endsWith('/phuong-an')) continue;
      assert.equal(counts(true), before, `POST ${p} ${JSON.stringify(b).slice(0, 60)} wrote something`);
    }
    const r = await send(admin, 'POST', p, `csrf=${admin.csrf}&cadre=%FF%FE&date=%00`, { form: true, raw: true });
    assert.ok(r.status < 500, `POST ${p} bad UTF-8: ${r.status}`);
  }
  // a NUL byte in a form field would cut the value the handler reads: 400, nothing written (a new cadre named
  // "Nguyễn Văn F" from "Nguyễn Văn F%00orm" before)
  const n0 = counts(true);
  const nul = await send(admin, 'POST', '/them-can-bo', `csrf=${admin.csrf}&full_name=Nguy%E1%BB%85n+V%C4%83n+F%00orm&gender=M` +
    '&birth_date=01%2F01%2F1980&unit_code=HX', { form: true, raw: true });
  assert.equal(nul.status, 400, nul.text.slice(0, 200));
  assert.match(nul.text, /Trường biểu mẫu &#39;full_name&#39; chứa ký tự NUL \(%00\)/);
  assert.equal(counts(true), n0);
  // no CSRF: 403, not written
  const before = counts(true);
  const r = await officer.fetch('/luan-chuyen', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'cadre=C002' });
  assert.equal(r.status, 403);
  assert.equal(counts(true), before);
});

test('GET routes with weird query values: 400 or 404 or 200, never 5xx; API errors in JSON', async () => {
  const weird = ['limit=-1', 'limit=0', 'limit=1e99', 'offset=1e99', 'offset=-5', 'offset=99999999999999999999',
    'sort=__proto__', 'sort=constructor', 'unit=%00', 'unit=%FF', 'unit=..%2F..', 'date=2025-13-45', 'date=0000-00-00',
    'year=99999', 'year=-1', 'year=1e3', 'q=%25%27%22%3B--', 'q=' + 'a'.repeat(5000), 'months=-1', 'months=99999999999',
    'for=__proto__', 'title=NO&unit=NOWHERE&for=planning&date=2025-01-01', 'page=-1', 'page=1e99', 'format=exe',
    'status=%00', 'term=2030-2025', 'rule=%FF', 'age_min=-1', 'age_max=1e99', 'gender=X', 'llct=x', 'kind=x'];
  const paths = ['/api/v1/cadres', '/api/v1/cadres/C001/eligibility', '/api/v1/units', '/api/v1/reports/annual',
    '/api/v1/reports/structure', '/api/v1/reports/retirements', '/api/v1/rules', '/api/v1/planning',
    '/api/v1/planning/history', '/api/v1/planning/review', '/api/v1/forecast/retirements', '/api/v1/proposals',
    '/api/v1/appointments/due', '/api/v1/rotations', '/api/v1/relatives/report', '/api/v1/congress',
    '/', '/can-bo', '/can-bo/C001', '/can-bo/C001/dieu-kien', '/danh-gia', '/ky-luat', '/quy-dinh', '/bao-cao/nam',
    '/dao-tao/nhu-cau', '/quy-hoach', '/quy-hoach/ra-soat', '/du-bao', '/bo-nhiem', '/bo-nhiem/den-han', '/luan-chuyen',
    '/quan-he-gia-dinh', '/dai-hoi', '/thong-ke', '/don-vi', '/xuat/cadres', '/can-bo/C001/danh-gia'];
  const bad = [];
  for (const p of paths) {
    for (const w of weird) {
      const r = await admin.fetch(`${p}?${w}`);
      const text = await r.text();
      if (r.status >= 500) bad.push(`GET ${p}?${w.slice(0, 40)}: ${r.status} ${text.slice(0, 200)}`);
      else if (p.startsWith('/api/') && r.status >= 400 && !VI.test(JSON.parse(text).error?.message || ''))
        bad.push(`GET ${p}?${w.slice(0, 40)}: ${text.slice(0, 200)}`);
    }
  }
  assert.deepEqual(bad, []);
  // a count past INT_MAX is the most there is: capped like any large one, not "không nhỏ hơn 1"
  const huge = await admin.json('/api/v1/rotations?limit=99999999999999999999&offset=2147483648');
  assert.equal(huge.status, 200, JSON.stringify(huge.body));
  assert.equal(huge.body.limit, 1000);
  assert.deepEqual(huge.body.items, []);
  // documented 400s
  for (const w of ['limit=-1', 'limit=abc', 'offset=-5', 'sort=__proto__', 'gender=X'])
    assert.equal((await admin.fetch(`/api/v1/cadres?${w}`)).status, 400, w);
  assert.equal((await admin.fetch('/api/v1/reports/structure?date=2025-13-45')).status, 400);
  assert.equal((await admin.fetch('/api/v1/reports/annual?unit=TP&year=99999')).status, 400);
  // weird paths
  for (const p of ['/can-bo/%00', '/can-bo/%FF', '/api/v1/cadres/%00', '/api/v1/cadres/' + 'A'.repeat(8000),
    '/api/v1/rules/1e3', '/api/v1/rules/-1', '/api/v1/proposals/0', '/api/v1/congress/99999999999999999999',
    '/xuat/..%2F..%2Fetc', '/assets/..%2F..%2FCMakeLists.txt', '/bo-nhiem/-1', '/dai-hoi/abc']) {
    const r = await admin.fetch(p);
    assert.ok(r.status >= 400 && r.status < 500, `GET ${p.slice(0, 60)}: ${r.status}`);
  }
});
