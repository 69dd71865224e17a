// Exports as people open them (issue 10 item 4, docs/IMPORT.md "Export"):
// every CSV download of the route table -- ?format=csv on every GET route,
// /thong-ke.csv, /xuat/{kind} for every kind -- is UTF-8 with a BOM, has a
// Vietnamese header row (no English column names such as cadre_code) and no
// ISO date (YYYY-MM-DD) in any cell; codes come out as their labels. The
// import format stays where docs/IMPORT.md promises it: /xuat/{kind}?raw=1
// (and `canbo export`) -- no BOM, English names, ISO dates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDb, startServer, Client } from './helpers.mjs';
import { parseCsv } from './csv_parse.mjs';

const ROUTES_C = join(dirname(fileURLToPath(import.meta.url)), '../../src/web/routes.c');
const routes = [...readFileSync(ROUTES_C, 'utf8').matchAll(/\{"(GET|POST|PUT|DELETE|PATCH)", "([^"]+)", (\w+), (PERM_\w+), ([^,]+),/g)]
  .map((m) => ({ method: m[1], pattern: m[2], handler: m[3], perm: m[4] }));
const KINDS = ['units', 'titles', 'cadres', 'positions', 'trainings', 'planning', 'rotations', 'appointments',
  'evaluations', 'disciplines', 'relatives'];
const Y = new Date().getFullYear();

let srv, demo, admin, cadre;

before(async () => {
  demo = demoDb();
  assert.ok(demo, 'canbo demo runs');
  srv = await startServer(demo.db, demo.dir);
  const a = demo.logins.find((l) => l.role === 'admin');
  admin = new Client(srv.base);
  assert.equal((await admin.login(a.username, a.password)).res.status, 200);
  const res = await admin.fetch('/api/v1/cadres?limit=1');
  const j = await res.json();
  cadre = (j.items || j.data || j)[0]?.code || 'MC0001';
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
  if (demo) rmSync(demo.dir, { recursive: true, force: true });
});

// Every CSV a GET route gives (the raw export left out): path and bytes.
async function everyCsv() {
  const paths = new Set(['/thong-ke.csv', `/thong-ke.csv?unit=MC`]);
  for (const r of routes.filter((x) => x.method === 'GET' && x.perm !== 'PERM_PUBLIC')) {
    if (/\{(id|vid|username|file)\}/.test(r.pattern)) continue;
    const kinds = r.pattern.includes('{kind}') ? KINDS : [null];
    for (const kind of kinds) {
      const p = r.pattern.replace('{code}', cadre).replace('{cadre}', cadre).replace('{kind}', kind);
      paths.add(`${p}?format=csv`);
      paths.add(`${p}?format=csv&unit=MC&year=${Y - 1}`);
    }
  }
  const out = [];
  for (const p of paths) {
    const res = await admin.fetch(p);
    const type = res.headers.get('content-type') || '';
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.ok(res.status < 500, `${p}: ${res.status}`);
    if (res.status === 200 && type.startsWith('text/csv')) out.push({ path: p, bytes });
  }
  return out;
}

const ISO = /(^|[^0-9])\d{4}-\d{2}-\d{2}([^0-9]|$)/;
const ENGLISH = /^[a-z][a-z0-9_]*$/;

test('every CSV download people get: BOM, Vietnamese header, labels, no ISO date', async () => {
  const csvs = await everyCsv();
  assert.ok(csvs.length >= 25, `only ${csvs.length} CSV downloads: ${csvs.map((c) => c.path).join(' ')}`);
  const bad = [];
  let dated = 0;
  for (const { path, bytes } of csvs) {
    if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) { bad.push(`${path}: no BOM`); continue; }
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    const head = rows[0] || [];
    const eng = head.filter((h) => ENGLISH.test(h));
    if (!head.length || eng.length) bad.push(`${path}: English header ${eng.join(',')}`);
    if (!head.some((h) => /[^\x00-\x7f]/.test(h))) bad.push(`${path}: header not Vietnamese: ${head.join(',')}`);
    for (const row of rows.slice(1)) {
      const iso = row.find((c) => ISO.test(c));
      if (iso) { bad.push(`${path}: ISO date ${JSON.stringify(iso)}`); break; }
      if (row.some((c) => /^\d{2}\/\d{2}\/\d{4}$/.test(c))) dated++;
    }
  }
  assert.deepEqual(bad, []);
  assert.ok(dated > 100, `only ${dated} rows carry a dd/mm/yyyy date`);
});

test('the cadres download: labels for codes, names beside unit codes', async () => {
  const res = await admin.fetch('/xuat/cadres');
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  const h = rows[0];
  for (const label of ['Mã cán bộ', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Mã đơn vị', 'Tên đơn vị'])
    assert.ok(h.includes(label), `${label} in ${h.join(',')}`);
  const g = h.indexOf('Giới tính'), u = h.indexOf('Tên đơn vị'), b = h.indexOf('Ngày sinh');
  assert.deepEqual(new Set(rows.slice(1).map((r) => r[g])), new Set(['Nam', 'Nữ']));
  assert.ok(rows.slice(1).every((r) => r[u] && r[u] !== r[u - 1]), 'every unit has its name');
  assert.ok(rows.slice(1).every((r) => /^(\d{2}\/)?(\d{2}\/)?\d{4}$/.test(r[b])), 'birth dates dd/mm/yyyy');
  const llct = h.indexOf('Lý luận chính trị');
  if (llct >= 0) assert.ok(rows.slice(1).some((r) => ['Sơ cấp', 'Trung cấp', 'Cao cấp', 'Cử nhân'].includes(r[llct])));
});

test('the raw export keeps the import format (no BOM, English names, ISO dates)', async () => {
  const res = await admin.fetch('/xuat/cadres?raw=1');
  const text = await res.text();
  assert.notEqual(text.charCodeAt(0), 0xfeff);
  assert.match(text, /^code,full_name,gender,birth_date,unit_code,/);
  assert.match(text, /,[MF],\d{4}(-\d{2}){0,2},/);
});
