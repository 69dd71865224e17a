// Unit scope through EVERY GET route of the route table (src/web/routes.c),
// as three viewers scoped to a commune (HX), a department (PTCKH) and the
// People's Committee (UBND) of `canbo demo --cadres 1000`. The markers are the
// people whose current unit is outside the viewer's scope (docs/SECURITY.md,
// "Permissions and scope"): their codes, full names and birth dates
// (dd/mm/yyyy and ISO). Every body is decoded before it is searched: xlsx and
// docx unzipped (XML text), PDF through pdftotext, HTML tags stripped and
// entities decoded, CSV and JSON as text. A GET route with no entry in COVER
// (no parameters known for it) fails the test, so a new route cannot slip by.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startServer, Client, CANBO, parseDemoLogins } from './helpers.mjs';

const ROUTES_C = join(dirname(fileURLToPath(import.meta.url)), '../../src/web/routes.c');
const GETS = [...readFileSync(ROUTES_C, 'utf8').matchAll(/\{"GET", "([^"]+)", (\w+), (PERM_\w+),/g)]
  .map((m) => ({ pattern: m[1], handler: m[2], perm: m[3] }));
const VIEWERS = ['HX', 'PTCKH', 'UBND'];
const PASSWORD = 'scope-routes-viewer-1';

let dir, db, srv;
const ctx = {}; // per unit code: { client, path, outCodes, inCode, outUnit, markers }
let data; // ids and codes the routes need

function sql(q) {
  const r = spawnSync('sqlite3', ['-separator', '\t', db, q], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}
const dmy = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The markers of a scope: out-of-scope people's codes; their names and birth dates when nothing
// in scope (another person, a declared family member, any other date of the database) shares them.
function markersFor(path) {
  const people = sql('SELECT c.code, c.full_name, c.birth_date, u.path FROM cadres c JOIN units u ON u.id = c.unit_id');
  const inside = people.filter((p) => p[3].startsWith(path));
  const outside = people.filter((p) => !p[3].startsWith(path));
  const taken = new Set([...inside.map((p) => p[1]), ...sql('SELECT full_name FROM family_members').map((r) => r[0]),
    ]);
  const dates = new Set(inside.map((p) => p[2]));
  for (const [t] of sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit', 'record_history')"))
    for (const [c] of sql(`SELECT name FROM pragma_table_info('${t}') WHERE (name LIKE '%date%' OR name LIKE '%_from'
        OR name LIKE '%_to' OR name LIKE '%_since') AND NOT (name = 'birth_date' AND '${t}' = 'cadre_records')`))
      for (const [v] of sql(`SELECT DISTINCT "${c}" FROM "${t}" WHERE "${c}" IS NOT NULL`)) dates.add(v.slice(0, 10));
  const nameCount = new Map();
  for (const p of outside) nameCount.set(p[1], (nameCount.get(p[1]) || 0) + 1);
  const m = [];
  for (const [code, name, birth] of outside) {
    m.push({ code, what: 'code', re: new RegExp(`(^|[^A-Za-z0-9_-])${esc(code)}($|[^A-Za-z0-9_-])`) });
    if (!taken.has(name)) m.push({ code, what: `name ${name}`, re: new RegExp(`(^|[^\\p{L}])${esc(name)}($|[^\\p{L}])`, 'u') });
    if (birth && /^\d{4}-\d\d-\d\d$/.test(birth) && !dates.has(birth)) {
      m.push({ code, what: `birth ${birth}`, re: new RegExp(`(^|[^0-9])${birth}($|[^0-9])`) });
      m.push({ code, what: `birth ${dmy(birth)}`, re: new RegExp(`(^|[^0-9])${esc(dmy(birth))}($|[^0-9])`) });
    }
  }
  return { inside, outside, markers: m };
}

const tmp = mkdtempSync(join(tmpdir(), 'canbo-scope-routes-'));
let nfile = 0;
function unzipText(buf, entries) {
  const f = join(tmp, `b${nfile++}.zip`);
  writeFileSync(f, buf);
  const r = spawnSync('unzip', ['-p', f, ...entries], { encoding: 'utf8', maxBuffer: 256 << 20 });
  assert.equal(r.status, 0, `unzip: ${r.stderr}`);
  rmSync(f);
  return r.stdout;
}
function entities(s) {
  return s.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(+d))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
}
// The text a person reads from a response body.
function decode(res, buf) {
  const type = res.headers.get('content-type') || '';
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b) {
    const list = spawnSync('unzip', ['-Z1', '/dev/stdin'], { input: buf, encoding: 'utf8' });
    const xml = unzipText(buf, ['*.xml']);
    if (/wordprocessing/.test(type) || /word\//.test(list.stdout)) // docx: a run may split a name; paragraphs are lines
      return entities(xml.replace(/<\/w:p>/g, '\n').replace(/<w:tab\/>/g, '\t').replace(/<[^>]*>/g, ''));
    return entities(xml.replace(/<[^>]*>/g, ' '));
  }
  if (buf.slice(0, 5).toString() === '%PDF-') {
    const f = join(tmp, `p${nfile++}.pdf`);
    writeFileSync(f, buf);
    const r = spawnSync('pdftotext', ['-enc', 'UTF-8', f, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    rmSync(f);
    assert.equal(r.status, 0, `pdftotext: ${r.stderr}`);
    return r.stdout.replace(/\s+/g, ' ');
  }
  const text = buf.toString('utf8');
  if (/html/.test(type)) return entities(text.replace(/<[^>]*>/g, ' ')) + '\n' + entities(text);
  if (/json/.test(type)) {
    try {
      return JSON.stringify(JSON.parse(text), null, 1);
    } catch {
      return text;
    }
  }
  return text;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'canbo-http-scope-routes-'));
  db = join(dir, 'canbo.db');
  const r = spawnSync(CANBO, ['--db', db, 'demo', '--cadres', '1000', '--seed', '7'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  for (const u of VIEWERS) {
    const a = spawnSync(CANBO, ['--db', db, 'user', 'add', `xem.${u.toLowerCase()}`, '--role', 'viewer', '--unit', u,
      '--password-stdin'], { input: PASSWORD + '\n', encoding: 'utf8' });
    assert.equal(a.status, 0, a.stderr);
  }
  data = {
    proposals: sql('SELECT id FROM proposals ORDER BY id').map((x) => x[0]),
    congress: sql('SELECT id FROM congress_plans ORDER BY id').map((x) => x[0]),
    rules: sql('SELECT id FROM rule_versions ORDER BY id LIMIT 2').map((x) => x[0]),
    titles: sql('SELECT code FROM titles ORDER BY id LIMIT 2').map((x) => x[0]),
    terms: sql('SELECT DISTINCT term FROM planning ORDER BY term').map((x) => x[0]),
    users: sql('SELECT username FROM users ORDER BY id').map((x) => x[0]),
    admin: parseDemoLogins(r.stdout).find((l) => l.role === 'admin'),
  };
  // The markers first: many sqlite3 runs, and a kept-alive connection idle for 30 s is closed by the server.
  const markers = Object.fromEntries(VIEWERS.map((u) => [u, markersFor(sql(`SELECT path FROM units WHERE code = '${u}'`)[0][0])]));
  srv = await startServer(db, null);
  // The demo has no congress plans: the admin makes one per viewer unit, each variant with a member in the
  // unit and one from elsewhere (allowed to an unscoped admin), and chooses it, so every congress route has data.
  const admin = new Client(srv.base);
  assert.equal((await admin.login(data.admin.username, data.admin.password)).res.status, 200);
  const post = (path, body) => admin.json(path, { method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': admin.csrf } });
  for (const u of VIEWERS) {
    const path = sql(`SELECT path FROM units WHERE code = '${u}'`)[0][0];
    const inside = sql(`SELECT c.code FROM cadres c JOIN units u ON u.id = c.unit_id WHERE substr(u.path, 1, length('${path}')) = '${path}' ORDER BY c.code LIMIT 1`)[0][0];
    const outside = sql(`SELECT c.code FROM cadres c JOIN units u ON u.id = c.unit_id WHERE substr(u.path, 1, length('${path}')) <> '${path}' ORDER BY c.code LIMIT 1`)[0][0];
    const plan = await post('/api/v1/congress', { unit: u, term: '2025-2030' });
    assert.equal(plan.status, 201, JSON.stringify(plan.body));
    const vid = plan.body.variants[0].id;
    for (const [cadre, body] of [[inside, 'secretary'], [outside, 'committee']])
      assert.equal((await post(`/api/v1/congress/${plan.body.id}/variants/${vid}/members`, { cadre, body })).status, 200);
    assert.equal((await post(`/api/v1/congress/${plan.body.id}/variants/${vid}/choose`, {})).status, 200);
    // and a proposal for the person in the unit whose proposer and voter come from elsewhere
    const voter = sql(`SELECT c.code FROM cadres c JOIN units u ON u.id = c.unit_id
      WHERE substr(u.path, 1, length('${path}')) <> '${path}' ORDER BY c.code LIMIT 1 OFFSET 1`)[0][0];
    const prop = await post('/api/v1/proposals', { cadre: inside, unit: u, title: data.titles[0], date: '2025-01-10',
      participants: [outside, { code: voter, role: 'voter' }] });
    assert.equal(prop.status, 201, JSON.stringify(prop.body));
  }
  data.congress = sql('SELECT id FROM congress_plans ORDER BY id').map((x) => x[0]);
  data.proposals = sql('SELECT id FROM proposals ORDER BY id').map((x) => x[0]);
  for (const u of VIEWERS) {
    const path = sql(`SELECT path FROM units WHERE code = '${u}'`)[0][0];
    const m = markers[u];
    const c = new Client(srv.base);
    assert.equal((await c.login(`xem.${u.toLowerCase()}`, PASSWORD)).res.status, 200);
    const outUnit = sql(`SELECT code FROM units WHERE substr(path, 1, length('${path}')) <> '${path}' ORDER BY id DESC LIMIT 1`)[0][0];
    // an in-scope person with relatives, positions and trainings, when there is one
    const inCode = (sql(`SELECT c.code FROM cadres c JOIN units u ON u.id = c.unit_id JOIN relatives r ON r.cadre_id = c.id
      JOIN cadres k ON k.id = r.relative_id JOIN units ku ON ku.id = k.unit_id
      WHERE substr(u.path, 1, length('${path}')) = '${path}' AND substr(ku.path, 1, length('${path}')) <> '${path}' LIMIT 1`)[0]
      || [m.inside[0][0]])[0];
    ctx[u] = { client: c, unit: u, path, outUnit, inCode, outCode: m.outside[0][0], ...m };
  }
});
after(async () => {
  if (srv) await srv.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

// Every GET route: the paths (with query) to fetch as the viewer of scope c. A route missing here fails the test.
const FORMATS = ['', 'format=csv', 'format=xlsx', 'format=json'];
const withFormats = (p, extra = []) => [...extra, ''].flatMap((q) => FORMATS.map((f) => {
  const qs = [q, f].filter(Boolean).join('&');
  return qs ? `${p}?${qs}` : p;
}));
const EXPORT_KINDS = ['units', 'titles', 'cadres', 'positions', 'trainings', 'planning', 'evaluations', 'disciplines',
  'rotations', 'appointments', 'relatives'];
const COVER = {
  '/assets/{file}': () => ['/assets/app.css'],
  '/dang-nhap': () => ['/dang-nhap'],
  '/': (c) => ['/', `/?unit=${c.unit}`, `/?unit=${c.outUnit}`, '/?date=2019-12-31'],
  '/can-bo': (c) => ['/can-bo', `/can-bo?unit=${c.unit}`, `/can-bo?unit=${c.outUnit}`, '/can-bo?q=Nguy%E1%BB%85n'],
  '/can-bo/{code}': (c) => [`/can-bo/${c.inCode}`, `/can-bo/${c.outCode}`],
  '/can-bo/{code}/dieu-kien': (c) => [`/can-bo/${c.inCode}/dieu-kien`, `/can-bo/${c.outCode}/dieu-kien`],
  '/nhap-du-lieu': () => ['/nhap-du-lieu'],
  '/nhap-du-lieu/mau/{kind}': () => ['/nhap-du-lieu/mau/cadres'],
  '/xuat/{kind}': () => EXPORT_KINDS.flatMap((k) => ['csv', 'xlsx', 'json'].map((f) => `/xuat/${k}?format=${f}`)),
  '/api/v1/session': () => ['/api/v1/session'],
  '/api/v1/cadres': (c) => ['/api/v1/cadres?limit=500', `/api/v1/cadres?unit=${c.outUnit}`],
  '/api/v1/cadres/{code}': (c) => [`/api/v1/cadres/${c.inCode}`, `/api/v1/cadres/${c.outCode}`],
  '/api/v1/cadres/{code}/eligibility': (c) => [`/api/v1/cadres/${c.inCode}/eligibility`, `/api/v1/cadres/${c.outCode}/eligibility`],
  '/api/v1/units': () => ['/api/v1/units'],
  '/danh-gia': (c) => ['/danh-gia', '/danh-gia?year=2024', `/danh-gia?unit=${c.outUnit}`],
  '/can-bo/{code}/danh-gia': (c) => [`/can-bo/${c.inCode}/danh-gia`],
  '/ky-luat': (c) => ['/ky-luat', `/ky-luat?unit=${c.outUnit}`],
  '/can-bo/{code}/ky-luat': (c) => [`/can-bo/${c.inCode}/ky-luat`],
  '/quy-dinh': () => ['/quy-dinh'],
  '/quy-dinh/{id}': () => data.rules.map((id) => `/quy-dinh/${id}`),
  '/api/v1/rules': () => ['/api/v1/rules'],
  '/api/v1/rules/{id}': () => data.rules.map((id) => `/api/v1/rules/${id}`),
  '/bao-cao/nam': (c) => ['2019', '2024', '2025'].flatMap((y) => withFormats(`/bao-cao/nam`, [`year=${y}`, `year=${y}&unit=${c.unit}`])),
  '/bao-cao/nam.xlsx': () => ['/bao-cao/nam.xlsx?year=2019', '/bao-cao/nam.xlsx?year=2025'],
  '/dao-tao/nhu-cau': (c) => withFormats('/dao-tao/nhu-cau', [`unit=${c.unit}`, 'year=2026']),
  '/api/v1/reports/annual': (c) => ['2019', '2024', '2025'].flatMap((y) => [`/api/v1/reports/annual?year=${y}`,
    `/api/v1/reports/annual?year=${y}&unit=${c.unit}`]),
  '/quy-hoach': (c) => data.terms.flatMap((t) => withFormats('/quy-hoach', [`term=${t}`, `term=${t}&unit=${c.unit}`])),
  '/quy-hoach/ra-soat': (c) => data.terms.flatMap((t) => withFormats('/quy-hoach/ra-soat', [`term=${t}`, `term=${t}&unit=${c.unit}`])),
  '/chuc-danh': () => ['/chuc-danh'],
  '/chuc-danh/{code}': () => data.titles.map((t) => `/chuc-danh/${t}`),
  '/api/v1/titles': () => ['/api/v1/titles'],
  '/du-bao': (c) => withFormats('/du-bao', [`unit=${c.unit}`, 'months=120', `months=120&unit=${c.unit}`]),
  '/api/v1/planning': (c) => ['', ...data.terms.map((t) => `term=${t}`), ...data.terms.map((t) => `term=${t}&unit=${c.unit}`)]
    .map((q) => `/api/v1/planning${q ? '?' + q : ''}`),
  '/api/v1/planning/history': (c) => [`/api/v1/planning/history?cadre=${c.inCode}`, `/api/v1/planning/history?cadre=${c.outCode}`,
    ...data.terms.map((t) => `/api/v1/planning/history?term=${t}&unit=${c.unit}`)],
  '/api/v1/planning/review': (c) => data.terms.flatMap((t) => [`/api/v1/planning/review?term=${t}`,
    `/api/v1/planning/review?term=${t}&unit=${c.unit}`]),
  '/api/v1/forecast/retirements': (c) => ['/api/v1/forecast/retirements?months=120',
    `/api/v1/forecast/retirements?months=120&unit=${c.unit}`],
  '/bo-nhiem': (c) => ['/bo-nhiem', `/bo-nhiem?unit=${c.outUnit}`],
  '/bo-nhiem/moi': (c) => [`/bo-nhiem/moi?cadre=${c.inCode}`],
  '/bo-nhiem/den-han': (c) => ['/bo-nhiem/den-han', '/bo-nhiem/den-han?date=2027-12-31', `/bo-nhiem/den-han?unit=${c.unit}`],
  '/bo-nhiem/{id}': () => (data.proposals.length ? data.proposals : ['1']).map((id) => `/bo-nhiem/${id}`),
  '/luan-chuyen': (c) => ['/luan-chuyen', '/luan-chuyen?year=2019', '/luan-chuyen?year=2024', `/luan-chuyen?unit=${c.unit}`],
  '/quan-he-gia-dinh': (c) => ['/quan-he-gia-dinh', `/quan-he-gia-dinh?unit=${c.unit}`],
  '/api/v1/proposals': () => ['/api/v1/proposals'],
  '/api/v1/proposals/{id}': () => (data.proposals.length ? data.proposals : ['1']).map((id) => `/api/v1/proposals/${id}`),
  '/api/v1/appointments/due': (c) => ['/api/v1/appointments/due', '/api/v1/appointments/due?date=2027-12-31',
    `/api/v1/appointments/due?unit=${c.unit}`],
  '/api/v1/rotations': () => ['/api/v1/rotations', '/api/v1/rotations?year=2019', '/api/v1/rotations?ending=120'],
  '/api/v1/relatives/report': (c) => ['/api/v1/relatives/report', `/api/v1/relatives/report?unit=${c.unit}`],
  '/dai-hoi': () => ['/dai-hoi'],
  '/dai-hoi/{id}': () => (data.congress.length ? data.congress : ['1']).map((id) => `/dai-hoi/${id}`),
  '/dai-hoi/{id}/xlsx': () => (data.congress.length ? data.congress : ['1']).map((id) => `/dai-hoi/${id}/xlsx`),
  '/api/v1/congress': () => ['/api/v1/congress'],
  '/api/v1/congress/{id}': () => (data.congress.length ? data.congress : ['1']).map((id) => `/api/v1/congress/${id}`),
  '/thong-ke': (c) => ['/thong-ke', `/thong-ke?unit=${c.unit}`, '/thong-ke?date=2019-12-31'],
  '/thong-ke.csv': (c) => ['/thong-ke.csv', `/thong-ke.csv?unit=${c.unit}`],
  '/thong-ke.xlsx': (c) => ['/thong-ke.xlsx', `/thong-ke.xlsx?unit=${c.unit}`],
  '/api/v1/reports/structure': (c) => ['/api/v1/reports/structure', `/api/v1/reports/structure?unit=${c.unit}`],
  '/api/v1/reports/retirements': (c) => ['/api/v1/reports/retirements?months=120',
    `/api/v1/reports/retirements?months=120&unit=${c.unit}`],
  '/don-vi': () => ['/don-vi', '/don-vi?date=2019-12-31'],
  '/quy-hoach/danh-sach': (c) => data.terms.flatMap((t) => withFormats('/quy-hoach/danh-sach', [`term=${t}`, `term=${t}&unit=${c.unit}`])),
  '/bo-nhiem/den-han/danh-sach': (c) => withFormats('/bo-nhiem/den-han/danh-sach', ['date=2027-12-31', `unit=${c.unit}`]),
  '/dao-tao': (c) => ['2019', '2024', '2025', '2026'].flatMap((y) => withFormats('/dao-tao', [`year=${y}`, `year=${y}&unit=${c.unit}`])),
  '/api/v1/cadres/{code}/history': (c) => [`/api/v1/cadres/${c.inCode}/history`, `/api/v1/cadres/${c.outCode}/history`],
  '/api/v1/users': () => ['/api/v1/users'],
  '/nguoi-dung': () => ['/nguoi-dung'],
  '/nguoi-dung/{username}': () => data.users.slice(0, 2).map((u) => `/nguoi-dung/${u}`),
  '/doi-mat-khau': () => ['/doi-mat-khau'],
  '/them-can-bo': () => ['/them-can-bo'],
  '/can-bo/{code}/sua': (c) => [`/can-bo/${c.inCode}/sua`],
  '/can-bo/{code}/huy': (c) => [`/can-bo/${c.inCode}/huy`],
  '/can-bo/{code}/lich-su': (c) => [`/can-bo/${c.inCode}/lich-su`, `/can-bo/${c.outCode}/lich-su`],
  '/can-bo/{code}/them/{kind}': (c) => ['position', 'training', 'family'].map((k) => `/can-bo/${c.inCode}/them/${k}`),
  '/ban-ghi/{kind}/{id}': () => ['/ban-ghi/position/1', '/ban-ghi/family/1'],
  '/luan-chuyen/{id}/huy': () => ['/luan-chuyen/1/huy', '/luan-chuyen/2/huy'],
  '/van-ban/{kind}': (c) => [
    `/van-ban/mau-2c?cadre=${c.inCode}`, `/van-ban/mau-2c?cadre=${c.inCode}&format=docx`, `/van-ban/mau-2c?cadre=${c.inCode}&format=pdf`,
    `/van-ban/mau-2c?cadre=${c.outCode}&format=docx`,
    ...['planning', 'due', 'trainings', 'retirements'].flatMap((l) => data.terms.slice(-2).flatMap((t) =>
      ['', '&format=docx', '&format=pdf'].map((f) => `/van-ban/danh-sach?list=${l}&unit=${c.unit}&term=${t}&year=2025${f}`))),
    ...data.terms.slice(-2).flatMap((t) => ['', '&format=docx'].map((f) => `/van-ban/quyet-dinh?list=planning&unit=${c.unit}&term=${t}${f}`)),
    ...['', '&format=docx', '&format=pdf'].map((f) => `/van-ban/bao-cao?unit=${c.unit}&year=2019${f}`),
    ...(data.proposals.length ? data.proposals : ['1']).flatMap((id) => [`/van-ban/to-trinh?proposal=${id}`, `/van-ban/bien-ban?proposal=${id}`]),
  ],
};

test('every GET route of the route table has known parameters', () => {
  assert.ok(GETS.length >= 60, `found ${GETS.length} GET routes`);
  const missing = GETS.filter((r) => !COVER[r.pattern]).map((r) => r.pattern);
  assert.deepEqual(missing, [], 'GET routes without coverage in tests/http/scope_routes.test.mjs');
  const stale = Object.keys(COVER).filter((p) => !GETS.some((r) => r.pattern === p));
  assert.deepEqual(stale, [], 'coverage for routes no longer in the table');
});

test('the markers are many and the detector finds them (the admin sees out-of-scope people)', async () => {
  for (const u of VIEWERS) {
    const c = ctx[u];
    assert.ok(c.outside.length > 500 && c.inside.length > 0, `${u}: ${c.inside.length} in, ${c.outside.length} out`);
    assert.ok(c.markers.filter((m) => m.what !== 'code').length > 300, `${u}: few name/date markers`);
  }
  const admin = new Client(srv.base);
  assert.equal((await admin.login(data.admin.username, data.admin.password)).res.status, 200);
  const res = await admin.fetch('/xuat/cadres?format=xlsx');
  const text = decode(res, Buffer.from(await res.arrayBuffer()));
  const found = new Set(ctx.HX.markers.filter((m) => m.re.test(text)).map((m) => m.what.split(' ')[0]));
  assert.deepEqual([...found].sort(), ['birth', 'code', 'name']);
});

for (const u of VIEWERS) {
  test(`viewer scoped to ${u}: no GET route shows a person outside the scope`, async () => {
    const c = ctx[u];
    const leaks = [];
    let fetched = 0;
    for (const r of GETS) {
      const paths = (COVER[r.pattern] || (() => []))(c);
      for (const path of paths) {
        const res = await c.client.fetch(path);
        fetched++;
        const buf = Buffer.from(await res.arrayBuffer());
        if (res.status >= 500) {
          leaks.push(`${path}: status ${res.status}`);
          continue;
        }
        const text = decode(res, buf);
        const hits = c.markers.filter((m) => m.re.test(text));
        if (hits.length) {
          const who = [...new Set(hits.map((h) => h.code))];
          leaks.push(`${path} (${res.status}): ${who.length} out-of-scope people, e.g. ${hits.slice(0, 3).map((h) => `${h.code} ${h.what}`).join('; ')}`);
        }
      }
    }
    if (leaks.length) console.log(`# ${u}: ${leaks.length} leaking responses of ${fetched}\n# ${leaks.join('\n# ')}`);
    assert.deepEqual(leaks, [], `${u}: ${leaks.length} of ${fetched} responses show out-of-scope people`);
  });
}

test('pools of a unit in scope hide their members from outside and say how many (UBND)', async () => {
  const c = ctx.UBND;
  let hidden = 0;
  for (const t of data.terms) {
    const res = await c.client.json(`/api/v1/planning?term=${t}`);
    assert.equal(res.status, 200);
    for (const p of res.body.pools || res.body.items || []) hidden += p.hidden_outside_scope;
  }
  assert.ok(hidden > 0, 'the demo has pools of UBND with members from elsewhere');
  const pages = await Promise.all(data.terms.map(async (t) => (await c.client.fetch(`/quy-hoach?term=${t}`)).text()));
  assert.ok(pages.some((p) => /Ngoài ra \d+ người trong nguồn thuộc đơn vị ngoài phạm vi của bạn/.test(p)));
});
