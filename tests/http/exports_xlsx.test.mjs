// The xlsx lists carry the documents' header and signature block (issue 10,
// item 4; docs/DOCUMENTS.md "Lists in Excel"): on the demo, each list of a
// unit is downloaded and unzipped, and its first sheet must hold the issuing
// body's two lines, the motto, the number ("Số ... -DS/..."), the
// place-and-date line, the title, "Nơi nhận:" with the remembered
// recipients and the signer's block. The planning list groups people under
// one heading per title: within a heading a person is listed once, and a
// person in several pools appears once under each of their titles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { demoDb, startServer, Client, CANBO } from './helpers.mjs';

let srv, demo, admin, viewer;

before(async () => {
  demo = demoDb();
  assert.ok(demo, 'canbo demo runs');
  // the board generated a list once and entered its signer and recipients: the xlsx lists reuse them
  const doc = spawnSync(CANBO, ['--db', demo.db, 'doc', 'danh-sach', '--list', 'planning', '--unit', 'HX', '--out',
    join(demo.dir, 'ds.docx'), '--signer', 'Nguyễn Văn Ký', '--recipients', 'Ban Tổ chức Tỉnh ủy; Lưu hồ sơ cán bộ'], { encoding: 'utf8' });
  assert.equal(doc.status, 0, doc.stderr);
  srv = await startServer(demo.db, demo.dir);
  const v = demo.logins.find((l) => l.unit === 'HX');
  viewer = new Client(srv.base);
  assert.equal((await viewer.login(v.username, v.password)).res.status, 200);
  const a = demo.logins.find((l) => l.role === 'admin');
  admin = new Client(srv.base);
  assert.equal((await admin.login(a.username, a.password)).res.status, 200);
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
  if (demo) rmSync(demo.dir, { recursive: true, force: true });
});

const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

// The rows of sheet `n` as arrays of cell texts (inline or shared strings).
async function sheetRows(path, n = 1, who = admin) {
  const res = await who.fetch(path);
  assert.equal(res.status, 200, path);
  assert.match(res.headers.get('content-type'), /spreadsheetml/, path);
  const file = join(demo.dir, 'x.xlsx');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  assert.equal(spawnSync('unzip', ['-t', file]).status, 0, `${path}: a sound zip`);
  const xml = spawnSync('unzip', ['-p', file, `xl/worksheets/sheet${n}.xml`], { encoding: 'utf8' }).stdout;
  const shared = [...(spawnSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' }).stdout || '')
    .matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => decode([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  return [...xml.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((r) => [...r[1].matchAll(/<c [^>]*?(?:t="(\w+)")?[^>]*>([\s\S]*?)<\/c>/g)]
    .map((c) => {
      const t = /<t[^>]*>([\s\S]*?)<\/t>/.exec(c[2]);
      if (t) return decode(t[1]);
      const v = /<v>([\s\S]*?)<\/v>/.exec(c[2]);
      return v ? (c[1] === 's' ? shared[Number(v[1])] : v[1]) : '';
    }).filter((x) => x !== ''));
}

function assertDocBlock(rows, path, { body, title }) {
  const text = rows.map((r) => r.join(' | ')).join('\n');
  assert.match(text, /ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/, `${path}: the motto`);
  assert.match(text, body, `${path}: the issuing body`);
  assert.match(text, /^Số .*-DS\/\S+/m, `${path}: the number`);
  assert.match(text, /[^\n|]+, ngày \d{2} tháng \d{2} năm \d{4}/, `${path}: the place-and-date line`);
  assert.match(text, title, `${path}: the title`);
  assert.match(text, /^Nơi nhận:/m, `${path}: "Nơi nhận"`);
  assert.match(text, /^- Lưu /m, `${path}: the recipients`);
  assert.match(text, /BÍ THƯ|CHỦ TỊCH|TRƯỞNG BAN/, `${path}: the signer's post`);
  // the header block comes before the headings, the signature after the last row
  const iTitle = rows.findIndex((r) => r.some((c) => title.test(c)));
  const iNoi = rows.findIndex((r) => r[0] === 'Nơi nhận:');
  const iHead = rows.findIndex((r) => r.includes('STT'));
  assert.ok(iTitle > 0 && iTitle < iHead && iHead < iNoi, `${path}: title ${iTitle}, headings ${iHead}, Nơi nhận ${iNoi}`);
}

for (const [path, title] of [
  ['/quy-hoach/danh-sach?unit=HX&term=2025-2030', /DANH SÁCH QUY HOẠCH CÁN BỘ NHIỆM KỲ 2025-2030/],
  ['/bo-nhiem/den-han/danh-sach?unit=HX&date=2028-06-01', /DANH SÁCH/],
  ['/dao-tao?unit=HX&year=2024&format=xlsx', /DANH SÁCH/],
  ['/thong-ke.xlsx?unit=HX', /BÁO CÁO CƠ CẤU ĐỘI NGŨ CÁN BỘ/],
]) {
  test(`${path}: the documents' header, date line, signature block and "Nơi nhận"`, async () => {
    // the issuing body is the user's level, as for the documents: the Thành ủy for an admin
    // (with the signer and recipients it remembers), the commune's Đảng ủy for its own officer
    const rows = await sheetRows(path);
    assertDocBlock(rows, path, { body: /THÀNH ỦY MÓNG CÁI/, title });
    const text = rows.map((r) => r.join(' | ')).join('\n');
    assert.match(text, /^- Ban Tổ chức Tỉnh ủy,( \||$)/m, 'the remembered recipients');
    assert.match(text, /^- Lưu hồ sơ cán bộ\.( \||$)/m);
    assert.match(text, /Nguyễn Văn Ký/, 'the remembered signer');
    assertDocBlock(await sheetRows(path, 1, viewer), path, { body: /ĐẢNG ỦY XÃ HẢI XUÂN/, title });
  });
}

test('the planning list: one heading per title, each person once under it', async () => {
  const rows = await sheetRows('/quy-hoach/danh-sach?unit=HX&term=2025-2030');
  const iHead = rows.findIndex((r) => r.includes('STT'));
  const iNoi = rows.findIndex((r) => r[0] === 'Nơi nhận:');
  const body = rows.slice(iHead + 1, iNoi);
  assert.ok(!rows[iHead].includes('Chức danh quy hoạch'), 'the title is the heading, not a column');
  const groups = new Map();
  let cur = null;
  for (const r of body) {
    if (r.length === 1 && /^[IVXLC]+\. /.test(r[0])) { cur = r[0].replace(/^[IVXLC]+\. /, ''); groups.set(cur, []); continue; }
    assert.ok(cur, `a row before any heading: ${r.join(',')}`);
    groups.get(cur).push(r[1]); // r[0] = STT, r[1] = the name
  }
  assert.ok(groups.size >= 2, `${groups.size} headings`);
  for (const [t, names] of groups) assert.equal(new Set(names).size, names.length, `${t}: each person once`);
  assert.equal(new Set(groups.keys()).size, groups.size, 'each title heads one group');
  // someone in the pools of several titles is under each of them (the JSON gives one item per person and title)
  const j = await (await admin.fetch('/quy-hoach/danh-sach?unit=HX&term=2025-2030&format=json')).json();
  const byName = new Map();
  for (const it of j.items) byName.set(it.full_name, (byName.get(it.full_name) || 0) + 1);
  const multi = [...byName].filter(([, k]) => k > 1);
  assert.ok(multi.length > 0, 'the demo has a person in several pools');
  for (const [name, k] of multi) {
    const under = [...groups.values()].filter((names) => names.includes(name)).length;
    assert.equal(under, k, `${name} is under each of their ${k} titles`);
  }
});
