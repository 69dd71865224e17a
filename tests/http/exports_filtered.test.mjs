// Each list page's export applies the page's search and filters (issue 10,
// item 4): on the demo, every page is opened with filters, its "Xuất CSV"
// link is taken from the page itself (so the link must carry the filters),
// the file is fetched, and its cadre codes must be exactly the cadres the
// page's table shows -- and the filtered file must be smaller than the
// unfiltered one (the filter is not vacuous).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { demoDb, startServer, Client } from './helpers.mjs';
import { parseCsv } from './csv_parse.mjs';

let srv, demo, admin;

before(async () => {
  demo = demoDb();
  assert.ok(demo, 'canbo demo runs');
  srv = await startServer(demo.db, demo.dir);
  const a = demo.logins.find((l) => l.role === 'admin');
  admin = new Client(srv.base);
  assert.equal((await admin.login(a.username, a.password)).res.status, 200);
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
  if (demo) rmSync(demo.dir, { recursive: true, force: true });
});

const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

// The href of the <a> with this id (or the first link whose text is "Xuất CSV").
function link(html, id) {
  const m = id ? new RegExp(`<a [^>]*id="${id}" href="([^"]+)"`).exec(html) || new RegExp(`<a [^>]*href="([^"]+)"[^>]*id="${id}"`).exec(html)
    : /<a [^>]*href="([^"]+)"[^>]*>Xuất CSV<\/a>/.exec(html);
  assert.ok(m, `export link ${id || 'Xuất CSV'} on the page`);
  return unescape(m[1]);
}

// Cadre codes linked inside the element that opens with `open` (a table or tbody id), in order.
function codesIn(html, idAttr) {
  const start = html.indexOf(`id="${idAttr}"`);
  assert.ok(start >= 0, `#${idAttr} on the page`);
  const end = html.indexOf('</table>', start);
  const part = html.slice(start, end);
  return [...part.matchAll(/href="\/can-bo\/([^"/?#]+)"/g)].map((m) => decodeURIComponent(m[1]));
}

async function csvRows(path) {
  const res = await admin.fetch(path);
  assert.equal(res.status, 200, path);
  assert.match(res.headers.get('content-type'), /^text\/csv/, path);
  const bytes = Buffer.from(await res.arrayBuffer());
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  return { head: rows[0], rows: rows.slice(1) };
}

const codesOf = ({ head, rows }) => {
  const c = head.indexOf('Mã cán bộ');
  assert.ok(c >= 0, `a "Mã cán bộ" column in ${head.join(',')}`);
  return rows.map((r) => r[c]);
};
const sorted = (a) => [...new Set(a)].sort();

const PAGES = [
  { name: 'cadre list (q, unit, gender, age, sort)', page: '/can-bo?q=nguyen&unit=MC&gender=F&age_min=30&age_max=60&sort=birth_date', all: '/can-bo?format=csv',
    id: 'export-csv', table: 'results', must: ['q=nguyen', 'gender=F', 'age_min=30', 'age_max=60', 'sort=birth_date'], ordered: true },
  { name: 'cadre list (llct)', page: '/can-bo?unit=HX&llct=trung_cap', all: '/can-bo?format=csv', id: 'export-csv', table: 'results', must: ['llct=trung_cap', 'unit=HX'], ordered: true },
  { name: 'rotations (unit, year)', page: '/luan-chuyen?unit=MC&year=2025', all: '/luan-chuyen?format=csv', id: 'export-csv', table: 'rotations', must: ['year=2025'] },
  { name: 'decisions (unit, year)', page: '/bo-nhiem?unit=MC&year=2024', all: '/bo-nhiem?format=csv', id: 'export-csv', table: 'decisions', must: ['year=2024'] },
  { name: 'evaluations (unit, year)', page: '/danh-gia?unit=HX&year=2023', all: '/danh-gia?format=csv&year=2023', id: 'eval-csv', table: 'eval-list', must: ['year=2023', 'unit=HX'] },
  { name: 'disciplines (unit, year)', page: '/ky-luat?unit=MC&year=2024', all: '/ky-luat?format=csv', id: 'disc-csv', table: 'disc-list', must: ['year=2024'] },
  { name: 'due for reappointment (unit, date)', page: '/bo-nhiem/den-han?unit=BN&date=2028-06-01', all: '/bo-nhiem/den-han?format=csv&date=2028-06-01', id: 'export-csv', table: 'due', must: ['unit=BN', 'date=2028-06-01'] },
];

for (const p of PAGES) {
  test(`the export of ${p.name} holds exactly the rows the page shows`, async () => {
    const res = await admin.fetch(p.page);
    assert.equal(res.status, 200, p.page);
    const html = await res.text();
    const href = link(html, p.id);
    for (const m of p.must) assert.ok(href.includes(m), `${href} carries ${m}`);
    const shown = codesIn(html, p.table);
    const file = await csvRows(href);
    const got = codesOf(file);
    assert.ok(got.length > 0, `${href}: some rows`);
    if (p.ordered) assert.deepEqual(got, shown, `${href}: the same people in the same order as ${p.page}`);
    else assert.deepEqual(sorted(got), sorted(shown), `${href}: the same people as ${p.page}`);
    const all = await csvRows(p.all);
    assert.ok(all.rows.length > file.rows.length, `the filter narrows ${p.all} (${all.rows.length}) to ${file.rows.length}`);
  });
}

test('the planning page exports its pools (term, unit): one row per person and title', async () => {
  const html = await (await admin.fetch('/quy-hoach?unit=HX&term=2025-2030')).text();
  const href = link(html, 'export-planning');
  assert.ok(href.includes('unit=HX') && href.includes('term=2025-2030'), href);
  const file = await csvRows(href);
  const got = codesOf(file);
  assert.ok(got.length > 0);
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  const pools = main.replace(/<details class="plan-history">[\s\S]*?<\/details>/g, '');
  const shown = [...pools.matchAll(/href="\/can-bo\/([^"/?#]+)"/g)].map((m) => decodeURIComponent(m[1]));
  assert.deepEqual(sorted(got), sorted(shown));
  const all = await csvRows('/quy-hoach/danh-sach?term=2025-2030&format=csv');
  assert.ok(all.rows.length > file.rows.length);
});
