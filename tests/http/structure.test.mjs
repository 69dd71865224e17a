// Structure statistics over HTTP on the demo (300 cadres): the page draws
// accessible SVG charts (role=img, <title>, no inline style attributes, no
// script), the JSON API agrees with the cadre list filters it links to, the
// downloads (CSV, xlsx), the retirement API, bad input (400) and unit scope
// (a viewer limited to one commune gets 404 for other units).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, Client } from './helpers.mjs';

let srv, admin, viewer, viewerUnit;

before(async () => {
  const demo = demoDb();
  assert.ok(demo, 'demo database');
  srv = await startServer(demo.db, demo.dir);
  const a = demo.logins.find((l) => l.role === 'admin');
  const v = demo.logins.find((l) => l.role === 'viewer' && l.unit);
  viewerUnit = v.unit;
  admin = new Client(srv.base);
  viewer = new Client(srv.base);
  assert.equal((await admin.login(a.username, a.password)).res.status, 200);
  assert.equal((await viewer.login(v.username, v.password)).res.status, 200);
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
});

const today = () => {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};
const count = (s, dim, key) => s.dimensions[dim].buckets.find((b) => b.key === key).count;

test('the page draws three accessible SVG charts without script or inline style', async () => {
  const res = await admin.fetch('/thong-ke');
  assert.equal(res.status, 200);
  const html = await res.text();
  const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) || [];
  assert.equal(svgs.length, 3);
  for (const svg of svgs) {
    // a picture is role img; the unit grid, whose tiles are links, is role group (its links stay in the tree)
    assert.match(svg, /^<svg[^>]*role="(img|group)"[^>]*aria-labelledby="(\w+)-t \2-d"/);
    assert.equal(/role="group"/.test(svg.slice(0, 300)), /<a href=/.test(svg));
    assert.match(svg, /<title id="\w+-t">[^<]{10,}<\/title><desc id="\w+-d">[^<]{10,}<\/desc>/);
    assert.doesNotMatch(svg, /\sstyle=|<script|on\w+=/);
  }
  assert.match(svgs[0], /Tháp tuổi/);
  assert.match(svgs[1], /Lý luận chính trị/);
  assert.match(svgs[2], /Phường Ka Long/);
  assert.doesNotMatch(html.replace(/<svg[\s\S]*?<\/svg>/g, ''), /\sstyle=/);
  assert.match(html, /<h1>Thống kê cơ cấu đội ngũ cán bộ<\/h1>/);
  assert.match(html, /id="f-date" name="date" required value="\d{2}\/\d{2}\/\d{4}"/); // dd/mm/yyyy (issue 14)
});

test('the API numbers add up and match the lists the page links to (today)', async () => {
  const { status, body: s } = await admin.json('/api/v1/reports/structure?unit=MC');
  assert.equal(status, 200);
  assert.equal(s.unit.code, 'MC');
  assert.equal(s.date, today());
  const all = (await admin.json('/api/v1/cadres?limit=1')).body.total;
  assert.equal(s.total, all);
  for (const dim of ['gender', 'age', 'age_cong', 'party', 'degree', 'llct', 'qlnn', 'category', 'ethnicity']) {
    const sum = s.dimensions[dim].buckets.reduce((n, b) => n + b.count, 0);
    assert.equal(sum, s.total, dim);
  }
  assert.equal(s.units[0].code, 'MC');
  assert.equal(s.units[0].total, s.total);
  const lists = {
    'gender=F': count(s, 'gender', 'F'),
    'age_max=39': count(s, 'age_cong', 'under_40'),
    'age_min=40&age_max=50': count(s, 'age_cong', '40_50'),
    'age_min=51': count(s, 'age_cong', 'over_50'),
    'age_min=30&age_max=39': count(s, 'age', '30_39'),
    'llct=cao_cap': count(s, 'llct', 'cao_cap'),
    'llct=none': count(s, 'llct', 'none'),
  };
  for (const [q, want] of Object.entries(lists)) {
    const got = (await admin.json(`/api/v1/cadres?unit=MC&${q}&limit=1`)).body.total;
    assert.equal(got, want, q);
  }
  // the page links the same counts to the same lists
  const html = await (await admin.fetch('/thong-ke?unit=MC')).text();
  assert.ok(html.includes(`href="/can-bo?unit=MC&amp;gender=F">${count(s, 'gender', 'F')}</a>`));
  const list = await (await admin.fetch('/can-bo?unit=MC&gender=F&age_max=39')).text();
  assert.match(list, /Đang lọc: Nữ; đến 39 tuổi;/);
});

test('a past date: no list links, other numbers; bad input is 400', async () => {
  const past = (await admin.json('/api/v1/reports/structure?unit=MC&date=2015-01-01')).body;
  const now = (await admin.json('/api/v1/reports/structure?unit=MC')).body;
  assert.equal(past.date, '2015-01-01');
  assert.ok(past.total <= now.total);
  const html = await (await admin.fetch('/thong-ke?unit=MC&date=2015-01-01')).text();
  assert.doesNotMatch(html, /href="\/can-bo\?unit=MC&amp;gender=/);
  for (const q of ['date=2025-02-30', 'date=2025-07', 'date=x']) {
    const r = await admin.json(`/api/v1/reports/structure?unit=MC&${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.body.error.code, 'bad_request');
  }
  assert.equal((await admin.fetch('/thong-ke?format=pdf')).status, 400);
  assert.equal((await admin.json('/api/v1/reports/retirements?unit=MC&months=-1')).status, 400);
});

test('downloads: CSV and the xlsx official list', async () => {
  const csv = await admin.fetch('/thong-ke.csv?unit=HX');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  // The people's form (issue 10): BOM, Vietnamese header and labels, CRLF.
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM');
  const text = bytes.subarray(3).toString('utf8');
  assert.equal(text.split('\r\n')[0], 'Tiêu chí,Nhóm,Số người,Trong đó nữ,Tỷ lệ (%)');
  assert.match(text, /^Đơn vị,Xã Hải Xuân,\d+,\d+,100\.0\r$/m);
  const x = await admin.fetch('/thong-ke?unit=HX&format=xlsx');
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-disposition'), /thong-ke-HX-\d{4}-\d{2}-\d{2}\.xlsx/);
  const buf = Buffer.from(await x.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString(), 'PK');
});

test('retirements API: shape and window', async () => {
  const r = await admin.json('/api/v1/reports/retirements?unit=MC&date=2026-01-01&months=600');
  assert.equal(r.status, 200);
  assert.equal(r.body.months, 600);
  assert.equal(r.body.total, r.body.items.length);
  assert.ok(r.body.total > 0);
  const it = r.body.items[0];
  assert.match(it.retirement_date, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(it.retirement_date >= '2026-01-01');
  const dates = r.body.items.map((i) => i.retirement_date);
  assert.deepEqual(dates, [...dates].sort());
  const none = await admin.json('/api/v1/reports/retirements?unit=MC&date=2026-01-01&months=0');
  assert.ok(none.body.total < r.body.total);
});

test('retirements API: pages of limit rows from offset make the whole list', async () => {
  const q = '/api/v1/reports/retirements?unit=MC&date=2026-01-01&months=600';
  const all = (await admin.json(`${q}&limit=1000`)).body;
  assert.equal(all.limit, 1000);
  assert.equal(all.offset, 0);
  assert.ok(all.total > 20 && all.total <= 1000, `total ${all.total}`);
  const pages = [];
  for (let off = 0; off < all.total; off += 7) {
    const p = (await admin.json(`${q}&limit=7&offset=${off}`)).body;
    assert.equal(p.total, all.total);
    assert.equal(p.items.length, Math.min(7, all.total - off));
    pages.push(...p.items);
  }
  assert.deepEqual(pages, all.items);
  const past = (await admin.json(`${q}&offset=${all.total}`)).body;
  assert.deepEqual([past.total, past.items.length], [all.total, 0]);
  assert.equal((await admin.json(`${q}&limit=5000`)).body.limit, 1000, 'capped');
  assert.equal((await admin.json(`${q.replace('months=600', 'months=0')}`)).body.limit, 500, 'default');
  for (const bad of ['limit=0', 'limit=x', 'offset=-1'])
    assert.equal((await admin.json(`${q}&${bad}`)).status, 400, bad);
  // an offset past INT_MAX is past the end like any large one: no items, not an error
  const far = await admin.json(`${q}&offset=99999999999`);
  assert.deepEqual([far.status, far.body.items.length], [200, 0]);
});

test('scope: a commune viewer sees its own unit by default and 404 elsewhere', async () => {
  const mine = await viewer.json('/api/v1/reports/structure');
  assert.equal(mine.status, 200);
  assert.equal(mine.body.unit.code, viewerUnit);
  const listed = (await viewer.json('/api/v1/cadres?limit=1')).body.total;
  assert.equal(mine.body.total, listed);
  assert.ok(mine.body.units.every((u) => u.code === viewerUnit));
  const other = await viewer.json('/api/v1/reports/structure?unit=MC');
  assert.equal(other.status, 404);
  assert.equal(other.body.error.code, 'not_found');
  assert.equal((await viewer.fetch('/thong-ke?unit=MC')).status, 404);
  assert.equal((await viewer.fetch('/thong-ke.xlsx?unit=KL')).status, 404);
  assert.equal((await viewer.json('/api/v1/reports/retirements?unit=MC')).status, 404);
  const html = await (await viewer.fetch('/thong-ke')).text();
  assert.doesNotMatch(html, /<option value="MC"/);
});
