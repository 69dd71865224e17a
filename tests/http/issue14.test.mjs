// Issue 14 (what a board specialist met on the pages), one test per defect,
// each failing on the binary before the fix: markup escaped twice on a
// proposal (1); dates typed and shown DD/MM/YYYY everywhere, 31/02 refused
// next to its field (2); the congress plan takes a cadre by name and does not
// call an empty variant "Đạt" (3); the rotation filter starts empty, the long
// lists are paged and the planning add form is on top (4); those already
// retired are a group of their own, "đã nghỉ hưu từ" (5); counts say what
// they count, the report card says which year and why, numbers are grouped
// the Vietnamese way (6); wording: "nghỉ hưu từ", the young ages, posts as
// people read them (7); codes with & # ? / are percent-encoded in every link
// and redirect (9). Fixture database plus the 1,500-cadre demo for sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureDb, startServer, parseDemoLogins, Client, USERS, CANBO } from './helpers.mjs';

const ODD_UNIT = 'KL&#?/2'; // a unit code with every character that breaks an unencoded link
const ODD_CADRE = 'X&Y#3?'; // a cadre code, in a path segment
const SLASH_CADRE = 'HS/12'; // a cadre code holding "/": sent as %2F, one path segment
const enc = encodeURIComponent;

let fx, demo, officer, admin, odd, demoAdmin, demoDir;

function canbo(db, args, input) {
  const r = spawnSync(CANBO, ['--db', db, ...args], { encoding: 'utf8', input });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

before(async () => {
  const f = fixtureDb();
  writeFileSync(join(f.dir, 'u.csv'), `code,name,level,parent_code,locality\n"${ODD_UNIT}",Phường Thử,commune,TP,Thử\n`);
  writeFileSync(join(f.dir, 'c.csv'), `code,full_name,gender,birth_date,unit_code\n"${ODD_CADRE}",Đinh Văn Thử,M,1981-02-03,"${ODD_UNIT}"\n` +
    `${SLASH_CADRE},Lò Thị Gạch,F,1984-05-06,"${ODD_UNIT}"\n`);
  canbo(f.db, ['import', 'units', join(f.dir, 'u.csv')]);
  canbo(f.db, ['import', 'cadres', join(f.dir, 'c.csv')]);
  canbo(f.db, ['user', 'add', 'odd', '--role', 'officer', '--unit', ODD_UNIT, '--password-stdin'], 'odd-password-1\n');
  fx = await startServer(f.db, f.dir);
  officer = new Client(fx.base);
  admin = new Client(fx.base);
  odd = new Client(fx.base);
  assert.equal((await officer.login('officer', USERS.officer.password)).res.status, 200);
  assert.equal((await admin.login('admin', USERS.admin.password)).res.status, 200);
  assert.equal((await odd.login('odd', 'odd-password-1')).res.status, 200);

  demoDir = mkdtempSync(join(tmpdir(), 'canbo-http-i14-'));
  const db = join(demoDir, 'demo.db');
  const logins = parseDemoLogins(canbo(db, ['demo', '--cadres', '1500']));
  demo = await startServer(db, demoDir);
  demoAdmin = new Client(demo.base);
  const a = logins.find((l) => l.role === 'admin');
  assert.equal((await demoAdmin.login(a.username, a.password)).res.status, 200);
});

after(async () => {
  if (fx) await fx.stop();
  if (demo) await demo.stop();
});

const page = async (c, path, status = 200) => {
  const res = await c.fetch(path);
  const html = await res.text();
  assert.equal(res.status, status, `${path}: ${html.slice(0, 300)}`);
  return html;
};
const api = (c, path, body) =>
  c.json(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf }, body: JSON.stringify(body) });
const form = (c, path, fields) =>
  c.fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                  body: new URLSearchParams({ csrf: c.csrf, ...fields }) });
/** Rows of the <tbody> of the table with id `id`. */
const rows = (html, id) => {
  const m = new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html);
  assert.ok(m, `table #${id}`);
  return (m[1].match(/<tr/g) || []).length;
};

test('1: the participants of a proposal are a paragraph, not escaped markup', async () => {
  const r = await api(officer, '/api/v1/proposals', { cadre: 'C004', unit: 'KL', title: 'CT_UBND_X', source: 'external',
                                                       date: '2024-01-10', participants: ['C005', 'C007'] });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const html = await page(officer, `/bo-nhiem/${r.body.id}`);
  assert.doesNotMatch(html, /&lt;p&gt;/);
  assert.match(html, /<p[^>]*>Người đề xuất, biểu quyết: Lê Thị Bình \(C005[^<]*; Vũ Đức Dũng \(C007/);
});

test('1b: a participant name that fits several cadres names them in the message (the field has no choice list)', async () => {
  const res = await form(officer, '/bo-nhiem/moi', { cadre: 'C004', cadre_q: 'C004', kind: 'appointment', unit: 'KL',
    title: 'CT_UBND_X', source: 'internal', date: '10/01/2024', participants: 'Hải' });
  const html = await res.text();
  assert.equal(res.status, 400);
  // in the list's name order (given name first): Đỗ Quang Hải, then Hoàng Hải Long
  assert.match(html, /«Hải» khớp với 2 cán bộ: C009 \(Đỗ Quang Hải, sinh 28\/02\/1983, Xã Hải Xuân\); C001 \(Hoàng Hải Long, sinh 02\/03\/1975, Phường Ka Long\)\. Ghi mã cán bộ/);
  assert.doesNotMatch(html, /chọn một người dưới đây/);
});

test('2: every date field reads and shows DD/MM/YYYY, whatever the browser; 31/02 is refused next to its field', async () => {
  const pages = ['/', '/don-vi', '/thong-ke', '/quy-hoach', '/quy-hoach/ra-soat', '/du-bao', '/bo-nhiem', '/bo-nhiem/moi',
    '/bo-nhiem/den-han', '/luan-chuyen', '/quan-he-gia-dinh', '/dai-hoi', '/dao-tao/nhu-cau', '/can-bo/C004',
    '/can-bo/C004/dieu-kien', '/can-bo/C004/ky-luat', '/quy-dinh/1'];
  for (const p of pages) {
    const html = await page(admin, p);
    assert.doesNotMatch(html, /type="date"/, `${p} has a browser date input`);
    assert.match(html, /placeholder="dd\/mm\/yyyy"/, `${p} has a dd/mm/yyyy field`);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(ids.filter((x, i) => ids.indexOf(x) !== i), [], `${p}: every id once (a label finds its field)`);
  }
  // typed DD/MM/YYYY in a filter, shown back the same way
  const review = await page(officer, '/quy-hoach/ra-soat?unit=KL&date=04/12/2026');
  assert.match(review, /ngày rà soát 04\/12\/2026/);
  assert.match(review, /name="date" value="04\/12\/2026"/);
  // a day that does not exist: the form comes back (400) with the reason next to the field, nothing written
  const before = (await officer.json('/api/v1/rotations')).body.total;
  let res = await form(officer, '/luan-chuyen', { cadre: 'C004', kind: 'rotation', to_unit: 'HX', date: '31/02/2026' });
  assert.equal(res.status, 400);
  let html = await res.text();
  assert.match(html, /<p class="field-err" id="f-date-err">Ngày quyết định: không có ngày 31\/02\/2026 \(tháng 2\/2026 có 28 ngày\)<\/p>/);
  assert.match(html, /id="f-date" name="date" required aria-invalid="true" aria-describedby="f-date-err" value="31\/02\/2026"/);
  assert.equal((await officer.json('/api/v1/rotations')).body.total, before);
  res = await form(officer, '/can-bo/C004/ky-luat', { authority: 'party', form: 'reprimand', decision_date: '30/2/2025' });
  assert.equal(res.status, 400);
  assert.match(await res.text(), /id="f-decision_date-err">Ngày quyết định: không có ngày 30\/02\/2025/);
  // and a good one is taken
  res = await form(officer, '/luan-chuyen', { cadre: 'C004', kind: 'rotation', to_unit: 'HX', date: '5/3/2026' });
  assert.equal(res.status, 303);
  const last = (await officer.json('/api/v1/rotations')).body.items.find((x) => x.cadre_code === 'C004');
  assert.equal(last.date, '2026-03-05');
});

let plan; // the congress plan of test 3: {id, vid}

test('3a: congress: an empty variant is not labelled "Đạt"', async () => {
  const r = await api(officer, '/api/v1/congress', { unit: 'KL', term: '2025-2030' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  plan = { id: r.body.id, vid: r.body.variants[0].id };
  const html = await page(officer, `/dai-hoi/${plan.id}`);
  const head = new RegExp(`<section[^>]*id="variant-${plan.vid}"[\\s\\S]*?</h2>`).exec(html)[0];
  assert.doesNotMatch(head, /badge-pass/, 'an empty variant is labelled Đạt');
  assert.match(head, /Chưa có thành viên/);
});

test('3b: congress: "Thêm cán bộ" takes a name, and says so next to the field when nobody has it', async () => {
  const { id, vid } = plan;
  let html = await page(officer, `/dai-hoi/${id}`);
  // the text box of the member form, as the page names it
  const add = new RegExp(`<form[^>]*action="/dai-hoi/${id}/phuong-an/${vid}/thanh-vien"[\\s\\S]*?</form>`).exec(html)[0];
  const box = /<input type="text"[^>]*name="([^"]+)"/.exec(add) || /<input[^>]*name="([^"]+)"[^>]*list=/.exec(add);
  assert.ok(box, 'a text box in the member form');
  const res = await form(officer, `/dai-hoi/${id}/phuong-an/${vid}/thanh-vien`, { [box[1]]: 'Hoàng Hải Long', body: 'committee' });
  assert.equal(res.status, 303, (await res.text()).slice(0, 200));
  const r = await officer.json(`/api/v1/congress/${id}`);
  assert.deepEqual(r.body.variants[0].members.map((m) => m.code), ['C001']);
  const none = await form(officer, `/dai-hoi/${id}/phuong-an/${vid}/thanh-vien`, { [box[1]]: 'Không Ai Tên Này', body: 'committee' });
  assert.equal(none.status, 400);
  html = await none.text();
  assert.match(html, new RegExp(`id="cadre-${vid}-err">Không tìm thấy cán bộ nào có tên hoặc mã «Không Ai Tên Này»`));
});

test('4: the rotation filter starts empty; decisions, rotations and the planning pools are paged; the add form is on top', async () => {
  let html = await page(demoAdmin, '/luan-chuyen');
  assert.doesNotMatch(html, /name="year"[^>]*value="0"/);
  assert.ok(rows(html, 'rotations') <= 50);
  assert.match(html, /Trang 1\/4 \(197 dòng\)/);
  html = await page(demoAdmin, '/luan-chuyen?page=4');
  assert.equal(rows(html, 'rotations'), 47);
  html = await page(demoAdmin, '/bo-nhiem');
  assert.equal(rows(html, 'decisions'), 50);
  assert.match(html, /<nav class="pager"[\s\S]*?page=2/);
  html = await page(demoAdmin, '/quy-hoach');
  const addAt = html.indexOf('id="add-form"'), poolAt = html.indexOf('class="card pool"');
  assert.ok(addAt > 0 && addAt < poolAt, 'the add form comes before the pools');
  assert.ok((html.match(/class="card pool"/g) || []).length <= 20);
  assert.match(html, /<nav class="pager"[\s\S]*?Trang 1\//);
  assert.ok(html.length < 400000, `the planning page is ${html.length} bytes`);
});

test('5: someone past retirement yet in post is in a group of their own, "đã nghỉ hưu từ"', async () => {
  // C001, born 02/03/1975, Chủ tịch UBND of Phường Ka Long: retired from 01/04/2037 (RET-1)
  const html = await page(officer, '/du-bao?date=01/01/2040&months=12');
  assert.doesNotMatch(html, /đã quá \d+ tháng/);
  const group = /<section[^>]*id="already-retired"[\s\S]*?<\/section>/.exec(html);
  assert.ok(group, 'a group of those already retired');
  assert.match(group[0], /Hoàng Hải Long[\s\S]*đã nghỉ hưu từ 01\/04\/2037/);
  assert.doesNotMatch(/<section[^>]*id="retirements"[\s\S]*?<\/section>/.exec(html)[0], /Hoàng Hải Long/);
  const j = await officer.json('/api/v1/forecast/retirements?date=2040-01-01');
  assert.deepEqual(j.body.already_retired.map((h) => [h.cadre_code, h.retired_from]), [['C001', '2037-04-01']]);
});

test('6: counts say what they count, the report card says which year and why, numbers use Vietnamese grouping', async () => {
  const units = await page(officer, '/don-vi');
  assert.match(units, /<th scope="col" class="num">Cán bộ trực thuộc trực tiếp<\/th>/);
  assert.match(units, /chỉ đếm cán bộ của chính đơn vị, không gồm các đơn vị cấp dưới/);
  const home = await page(officer, '/');
  assert.match(home, /Số bên cạnh mỗi đơn vị: cán bộ của đơn vị đó và của các đơn vị trực thuộc/);
  const year = new Date().getFullYear();
  assert.match(home, new RegExp(`Báo cáo công tác cán bộ năm ${year - 1}</h2><p[^>]*>[^<]*năm ${year - 1} là năm gần nhất đã kết thúc; `
    + `số liệu năm ${year} đến nay: <a href="/bao-cao/nam\\?unit=TP&amp;year=${year}">`));
  const evals = await page(demoAdmin, '/danh-gia?year=2024&page=10'); // paged by 100 (issue 9): row 1.000 is on page 10 (the demo rates 2019-2024)
  assert.match(evals, /<td class="num">1\.000<\/td>/);
  assert.match(evals, /Kết quả xếp loại \(1\.\d{3} cán bộ\)/);
  assert.doesNotMatch(evals, /<td class="num">1000<\/td>/);
  const structure = await page(demoAdmin, '/thong-ke');
  assert.match(structure, /Đảng viên \d\.\d{3} \(/);
  assert.doesNotMatch(structure, /Đảng viên \d{4} \(/);
});

test('7: wording: "nghỉ hưu từ", the young ages by level, posts as people read them', async () => {
  const q = 'for=appointment&title=CT_UBND_X&unit=KL&date=2026-03-01&kind=appointment&source=external';
  const elig = await page(officer, `/can-bo/C004/dieu-kien?${q}`);
  assert.match(elig, /nghỉ hưu từ 01\/02\/2030/);
  assert.doesNotMatch(elig, /nghỉ hưu sau ngày/);
  const home = await page(officer, '/');
  assert.match(home, /dưới 40 tuổi ở cấp tỉnh, cấp huyện; dưới 35 tuổi ở cấp xã, cơ sở/);
  assert.doesNotMatch(home, /\(tỉnh\), \d+ \(huyện\)/);
  // C001 holds "Chủ tịch UBND cấp xã" in "Phường Ka Long": not appointed to it again (a trial's «Đề bạt» to the post
  // held, all «Đạt»), but reappointed
  const again = await api(officer, '/api/v1/proposals', { cadre: 'C001', unit: 'KL', title: 'CT_UBND_X', source: 'external' });
  assert.equal(again.status, 409);
  assert.match(again.body.error.message, /đang giữ chức danh này tại đơn vị này/);
  assert.equal((await api(officer, '/api/v1/proposals', { cadre: 'C001', unit: 'KL', title: 'CT_UBND_X', source: 'external',
    kind: 'reappointment' })).status, 201);
  const list = await page(officer, '/bo-nhiem');
  assert.match(list, /<td>Chủ tịch UBND phường Ka Long<\/td>/);
  const forecast = await page(officer, '/du-bao?date=01/01/2040');
  assert.match(forecast, /<td>Chủ tịch UBND phường Ka Long<\/td><td><a href="\/can-bo\/C001">Hoàng Hải Long/);
});

test('9: codes with & # ? / are percent-encoded in every link and redirect', async () => {
  const u = enc(ODD_UNIT), c = enc(ODD_CADRE);
  const home = await page(odd, '/');
  assert.match(home, new RegExp(`href="/bao-cao/nam\\?unit=${u}&amp;year=\\d{4}"`));
  const st = await page(admin, `/thong-ke?unit=${u}`);
  assert.match(st, new RegExp(`href="/can-bo\\?unit=${u}"`)); // the headline card
  assert.match(st, new RegExp(`href="/can-bo\\?unit=${u}&amp;gender=F"`)); // a bucket
  assert.doesNotMatch(st, /unit=KL&amp;#/);
  const tp = await page(admin, '/thong-ke?unit=TP');
  assert.match(tp, new RegExp(`/thong-ke\\?unit=${u}&amp;date=`)); // a tile of the unit grid
  let res = await form(admin, `/can-bo/${c}/ky-luat`, { authority: 'party', form: 'reprimand', decision_date: '01/02/2025' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/can-bo/${c}?da-luu=1#danh-gia-ky-luat`);
  res = await form(admin, `/can-bo/${c}/danh-gia`, { year: '2024', rating: 'good' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/can-bo/${c}?da-luu=1#danh-gia-ky-luat`);
});

test('9b: a code holding "/" (HS/12, sent as %2F) opens its profile, its forms and its API; %00 is a 400', async () => {
  const c = enc(SLASH_CADRE);
  assert.equal(c, 'HS%2F12');
  const prof = await page(admin, `/can-bo/${c}`);
  assert.match(prof, /Lò Thị Gạch/);
  assert.match(prof, /href="\/can-bo\/HS%2F12\/sua"/);
  assert.match(await page(admin, `/can-bo/${c}/sua`), /Lò Thị Gạch/);
  const api = await admin.json(`/api/v1/cadres/${c}`);
  assert.equal(api.status, 200);
  assert.equal(api.body.code, SLASH_CADRE);
  const hist = await admin.json(`/api/v1/cadres/${c}/history`);
  assert.equal(hist.status, 200);
  const res = await form(admin, `/can-bo/${c}/danh-gia`, { year: '2024', rating: 'good' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/can-bo/${c}?da-luu=1#danh-gia-ky-luat`);
  // a real "/" is a separator: that path names no page
  assert.equal((await admin.fetch('/can-bo/HS/12')).status, 404);
  assert.equal((await admin.fetch('/can-bo/HS%0012')).status, 400);
  assert.equal((await admin.fetch('/can-bo?q=a%00b')).status, 400);
});
