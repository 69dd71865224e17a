// The dashboard (home page), the navigation and the official list downloads on the demo (300 cadres):
// every card's number equals the total of the API list it links to; the menu shows "Nhập dữ liệu" only to
// officers and admins and marks the current page; a viewer scoped to one commune counts only its subtree;
// the planning list, the due list and the trainings of a year agree with the pools, the due API and the
// annual report, come as xlsx (zip) and stay inside the scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, Client } from './helpers.mjs';

let srv, admin, officer, viewer, viewerUnit;

before(async () => {
  const demo = demoDb();
  assert.ok(demo, 'demo database');
  srv = await startServer(demo.db, demo.dir);
  const login = async (pred) => {
    const l = demo.logins.find(pred);
    const c = new Client(srv.base);
    assert.equal((await c.login(l.username, l.password)).res.status, 200);
    return [c, l];
  };
  [admin] = await login((l) => l.role === 'admin');
  [officer] = await login((l) => l.role === 'officer');
  let v;
  [viewer, v] = await login((l) => l.role === 'viewer' && l.unit);
  viewerUnit = v.unit;
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
});

// label -> {href, value (digits only), raw} of every linked card on the home page.
async function cards(client) {
  const res = await client.fetch('/');
  assert.equal(res.status, 200);
  const html = await res.text();
  const out = {};
  const re = /<li class="stat"><a class="stat-link" href="([^"]*)"><span class="stat-label">([^<]*)<\/span><span class="stat-value">([^<]*)<\/span>/g;
  for (const m of html.matchAll(re)) out[m[2]] = { href: m[1].replaceAll('&amp;', '&'), raw: m[3], value: Number(m[3].replaceAll('.', '')) };
  return { html, cards: out };
}

const total = async (client, path) => {
  const { status, body } = await client.json(path);
  assert.equal(status, 200, path);
  return body;
};

test('each dashboard card equals the total of the list it links to', async () => {
  const { cards: c } = await cards(admin);
  assert.equal(c['Tổng số cán bộ'].href, '/can-bo');
  assert.equal(c['Tổng số cán bộ'].value, (await total(admin, '/api/v1/cadres?limit=1')).total);
  assert.equal(c['Nữ'].href, '/can-bo?gender=F');
  const women = (await total(admin, '/api/v1/cadres?gender=F&limit=1')).total;
  assert.ok(women > 0);
  assert.equal(c['Nữ'].value, women);

  const s = await total(admin, '/api/v1/reports/structure');
  assert.equal(c['Cán bộ trẻ'].href, '/thong-ke');
  assert.equal(c['Cán bộ trẻ'].value, s.dimensions.young.buckets.find((b) => b.key === 'young').count);

  const key = c['Chức danh chủ chốt có nguồn quy hoạch'];
  const term = /term=(\d{4}-\d{4})/.exec(key.href)[1];
  const pools = (await total(admin, `/api/v1/planning?term=${term}`)).pools.filter((p) => p.title_category === 'key');
  assert.ok(pools.length > 0);
  assert.equal(key.raw, `${pools.filter((p) => p.count > 0).length}/${pools.length}`);

  assert.equal(c['Nghỉ hưu trong 12 tháng tới'].href, '/du-bao?months=12');
  const f = await total(admin, '/api/v1/forecast/retirements?months=12');
  assert.equal(c['Nghỉ hưu trong 12 tháng tới'].value, f.retirements.length);

  assert.equal(c['Đến hạn bổ nhiệm lại'].href, '/bo-nhiem/den-han');
  assert.equal(c['Đến hạn bổ nhiệm lại'].value, (await total(admin, '/api/v1/appointments/due')).items.length);
  assert.equal(c['Đề nghị bổ nhiệm đang xem xét'].value, (await total(admin, '/api/v1/proposals?status=open')).total);

  // Last year's report: numbers of the CONTRACT §6 report of the root unit.
  const year = new Date().getFullYear() - 1;
  const rep = await total(admin, `/api/v1/reports/annual?year=${year}`);
  const trainings = Object.values(rep.training).reduce((a, b) => a + b, 0);
  assert.equal(c['Lượt cử đi đào tạo, bồi dưỡng'].href, `/bao-cao/nam?unit=${rep.unit}&year=${year}`);
  assert.equal(c['Lượt cử đi đào tạo, bồi dưỡng'].value, trainings);
  assert.equal(c['Luân chuyển, điều động'].value, rep.rotations);
  assert.equal(c['Bổ nhiệm, bổ nhiệm lại, đề bạt'].value, rep.appointments);
  assert.equal(c['Bổ sung quy hoạch'].value, rep.planning.committee.added + rep.planning.key.added);
});

test('a scoped viewer counts only its subtree', async () => {
  const { cards: a } = await cards(admin);
  const { html, cards: v } = await cards(viewer);
  const mine = (await total(viewer, '/api/v1/cadres?limit=1')).total;
  assert.ok(mine > 0 && mine < a['Tổng số cán bộ'].value, `${mine} < ${a['Tổng số cán bộ'].value}`);
  assert.equal(v['Tổng số cán bộ'].value, mine);
  assert.equal(v['Nữ'].value, (await total(viewer, '/api/v1/cadres?gender=F&limit=1')).total);
  const s = await total(viewer, '/api/v1/reports/structure');
  assert.equal(s.unit.code, viewerUnit);
  assert.equal(v['Cán bộ trẻ'].value, s.dimensions.young.buckets.find((b) => b.key === 'young').count);
  assert.equal(v['Đến hạn bổ nhiệm lại'].value, (await total(viewer, '/api/v1/appointments/due')).items.length);
  const year = new Date().getFullYear() - 1;
  assert.match(html, new RegExp(`href="/bao-cao/nam\\?unit=${viewerUnit}&amp;year=${year}"`));
});

test('navigation: every area, Nhập dữ liệu only for officers and admins, current page marked', async () => {
  const nav = async (client, path) => {
    const html = await (await client.fetch(path)).text();
    return /<nav class="mainnav"[\s\S]*?<\/nav>/.exec(html)[0];
  };
  const v = await nav(viewer, '/');
  for (const href of ['/', '/can-bo', '/quy-hoach', '/quy-hoach/ra-soat', '/du-bao', '/dao-tao', '/dao-tao/nhu-cau',
    '/bo-nhiem', '/bo-nhiem/den-han', '/luan-chuyen', '/quan-he-gia-dinh', '/danh-gia', '/ky-luat', '/dai-hoi',
    '/bao-cao/nam', '/thong-ke', '/don-vi', '/quy-dinh'])
    assert.match(v, new RegExp(`<a href="${href.replaceAll('/', '\\/')}"`), href);
  for (const group of ['Quy hoạch', 'Đào tạo', 'Điều động – Bổ nhiệm', 'Đánh giá – Kỷ luật', 'Báo cáo'])
    assert.match(v, new RegExp(`<details><summary>${group}</summary>`), group);
  assert.doesNotMatch(v, /nhap-du-lieu/, 'viewers get no import link');
  assert.match(await nav(officer, '/'), /<a href="\/nhap-du-lieu">Nhập dữ liệu<\/a>/);
  assert.match(await nav(admin, '/'), /<a href="\/nhap-du-lieu">Nhập dữ liệu<\/a>/);
  assert.match(v, /<a href="\/" aria-current="page">Trang chủ<\/a>/);
  const review = await nav(viewer, '/quy-hoach/ra-soat');
  assert.match(review, /<li class="nav-group nav-current"><details><summary>Quy hoạch<\/summary>/);
  assert.match(review, /<a href="\/quy-hoach\/ra-soat" aria-current="page">/);
  assert.equal((review.match(/aria-current/g) || []).length, 1);
  // A page below a link (a profile) marks that link, not as the page itself.
  const code = (await total(viewer, '/api/v1/cadres?limit=1')).items[0].code;
  assert.match(await nav(viewer, `/can-bo/${code}`), /<a href="\/can-bo" aria-current="true">Cán bộ<\/a>/);
  // The menu button for narrow screens is a <details> summary, no script needed.
  const home = await (await viewer.fetch('/')).text();
  assert.match(home, /<details class="navmenu"><summary class="navmenu-btn">/);
});

test('official lists agree with the pools, the due list and the annual report', async () => {
  const pl = await total(admin, '/quy-hoach/danh-sach?format=json');
  const pools = (await total(admin, `/api/v1/planning?term=${pl.term}`)).pools;
  assert.ok(pl.total > 0);
  assert.equal(pl.total, pools.reduce((a, p) => a + p.count, 0));
  assert.equal(pl.items.length, pl.total);
  for (const k of ['full_name', 'birth_date', 'gender', 'ethnicity', 'current_title', 'degree', 'llct_level', 'qlnn_level', 'planned_title'])
    assert.ok(k in pl.items[0], k);
  const one = pools.find((p) => p.count > 0);
  const byTitle = await total(admin, `/quy-hoach/danh-sach?format=json&title=${one.title_code}`);
  assert.equal(byTitle.total, pools.filter((p) => p.title_code === one.title_code).reduce((a, p) => a + p.count, 0));

  const due = await total(admin, '/bo-nhiem/den-han/danh-sach?format=json');
  assert.equal(due.total, (await total(admin, '/api/v1/appointments/due')).items.length);

  const year = new Date().getFullYear() - 1;
  const tr = await total(admin, `/dao-tao?year=${year}&format=json`);
  const rep = await total(admin, `/api/v1/reports/annual?year=${year}`);
  assert.equal(tr.total, Object.values(rep.training).reduce((a, b) => a + b, 0));
  const page = await (await admin.fetch(`/dao-tao?year=${year}`)).text();
  assert.match(page, /<h1>Cán bộ được cử đi đào tạo, bồi dưỡng năm \d{4}<\/h1>/);
  assert.equal((page.match(/<tr><td class="num">/g) || []).length, tr.total);
});

test('official list files: xlsx by default, csv, scope and bad input', async () => {
  for (const path of ['/quy-hoach/danh-sach', '/bo-nhiem/den-han/danh-sach', '/dao-tao?format=xlsx']) {
    const res = await viewer.fetch(path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type'), /spreadsheetml/);
    assert.match(res.headers.get('content-disposition'), /attachment; filename="[^"]+\.xlsx"/);
    const buf = Buffer.from(await res.arrayBuffer());
    assert.equal(buf.subarray(0, 2).toString(), 'PK', 'a zip file');
  }
  const csv = await viewer.fetch('/quy-hoach/danh-sach?format=csv');
  assert.equal(csv.status, 200);
  const lines = (await csv.text()).trimEnd().split('\r\n');
  // the people's form (issue 10): the xlsx headings, dd/mm/yyyy, Nam/Nữ
  assert.match(lines[0], /^Mã cán bộ,Họ và tên,Ngày sinh,Nam\/Nữ,Dân tộc,Chức vụ hiện tại,Trình độ chuyên môn,LLCT,QLNN,Chức danh quy hoạch/);
  assert.ok(lines.slice(1).every((l) => /^[^,]*,[^,]*,(\d{2}\/)?(\d{2}\/)?\d{4},(Nam|Nữ),/.test(l)), lines[1]);
  const vj = await total(viewer, '/quy-hoach/danh-sach?format=json');
  assert.equal(vj.unit.code, viewerUnit);
  assert.equal(lines.length - 1, vj.total);
  const aj = await total(admin, '/quy-hoach/danh-sach?format=json');
  assert.ok(vj.total < aj.total);
  // Outside the scope: 404 like an unknown unit; malformed: 400.
  assert.equal((await viewer.fetch(`/quy-hoach/danh-sach?unit=${aj.unit.code}`)).status, 404);
  assert.equal((await viewer.fetch(`/dao-tao?unit=${aj.unit.code}`)).status, 404);
  assert.equal((await admin.fetch('/quy-hoach/danh-sach?term=2020-2024')).status, 400);
  assert.equal((await admin.fetch('/quy-hoach/danh-sach?title=NO_SUCH')).status, 404);
  assert.equal((await admin.fetch('/dao-tao?year=20x5')).status, 400);
  assert.equal((await admin.fetch('/bo-nhiem/den-han/danh-sach?date=2025-02-30')).status, 400);
  assert.equal((await admin.fetch('/dao-tao?format=pdf')).status, 400);
  // The pages link to the files.
  assert.match(await (await admin.fetch('/quy-hoach')).text(), /id="export-planning-list" href="\/quy-hoach\/danh-sach\?term=/);
  assert.match(await (await admin.fetch('/bo-nhiem/den-han')).text(), /href="\/bo-nhiem\/den-han\/danh-sach\?unit=/);
  assert.match(await (await admin.fetch('/dao-tao/nhu-cau')).text(), /id="to-trainings" href="\/dao-tao"/);
});
