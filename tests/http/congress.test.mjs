// Congress personnel plans over HTTP against a real `canbo serve` (ports
// 18900-18999): create a plan (CT 45 reckoning month by level), variants,
// members, the CONG checks in JSON, unit scope, permissions, CSRF, the HTML
// page, and the xlsx export (a valid zip whose sheet holds the members).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDb, Client, USERS, CANBO } from './helpers.mjs';

let srv, officer, viewer, dir, planId;

function canbo(db, args) {
  const r = spawnSync(CANBO, ['--db', db, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

async function start(db) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const port = 18900 + Math.floor(Math.random() * 100);
    const proc = spawn(CANBO, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d));
    const ok = await new Promise((resolve) => {
      let out = '';
      const timer = setTimeout(() => resolve(false), 15000);
      proc.stdout.on('data', (d) => {
        out += d;
        if (out.includes(`listening on http://127.0.0.1:${port}/`)) clearTimeout(timer), resolve(true);
      });
      proc.on('exit', () => (clearTimeout(timer), resolve(false)));
    });
    if (ok) {
      const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
      return { base: `http://127.0.0.1:${port}`, stderr: () => stderr, stop: async () => (proc.kill('SIGTERM'), exited) };
    }
    if (proc.exitCode === null) proc.kill('SIGKILL');
    if (!/cannot listen/.test(stderr)) throw new Error(`server did not start: ${stderr}`);
  }
  throw new Error('no free port in 18900-18999');
}

before(async () => {
  const f = fixtureDb();
  dir = f.dir;
  writeFileSync(join(dir, 't.csv'), 'code,name,level,category,rank,function\n' +
    'BT_X,Bí thư Đảng ủy xã,commune,key,90,party_secretary\nUV_X,Đảng ủy viên xã,commune,committee,40,other\n');
  writeFileSync(join(dir, 'p.csv'), 'cadre_code,unit_code,title_code,start_date\nC004,KL,UV_X,2020-10-01\nC007,KL,BT_X,2020-10-01\n');
  canbo(f.db, ['import', 'titles', join(dir, 't.csv')]);
  canbo(f.db, ['import', 'positions', join(dir, 'p.csv')]);
  srv = await start(f.db);
  officer = new Client(srv.base);
  viewer = new Client(srv.base);
  assert.equal((await officer.login('officer', USERS.officer.password)).res.status, 200);
  assert.equal((await viewer.login('vkl', USERS.vkl.password)).res.status, 200);
});

after(async () => {
  const code = await srv.stop();
  rmSync(dir, { recursive: true, force: true });
  assert.equal(code, 0, srv.stderr());
});

const post = (c, path, body, method = 'POST') =>
  c.json(path, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf }, body: JSON.stringify(body) });

test('create a 2025-2030 commune plan: CT 45, reckoning 01/07/2025, outgoing committee, one empty variant', async () => {
  const r = await post(officer, '/api/v1/congress', { unit: 'KL', term: '2025-2030' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  planId = r.body.id;
  assert.equal(r.body.directive, 'Chỉ thị 45-CT/TW');
  assert.equal(r.body.reckoning_date, '2025-07-01');
  assert.deepEqual(r.body.outgoing.map((m) => [m.code, m.body]), [['C007', 'secretary'], ['C004', 'committee']]);
  assert.equal(r.body.variants.length, 1);
  assert.equal(r.body.variants[0].name, 'Phương án 1');
  assert.equal((await post(officer, '/api/v1/congress', { unit: 'KL', term: '2025-2030' })).status, 409);
  assert.equal((await post(officer, '/api/v1/congress', { unit: 'KL', term: '2025-2031' })).status, 400);
  assert.equal((await post(officer, '/api/v1/congress', { unit: 'KL', term: '2020-2025' })).status, 400); // CT 35: date needed
  assert.equal((await post(officer, '/api/v1/congress', { unit: 'NOPE', term: '2025-2030' })).status, 404);
});

test('members and checks: sizes, women, re-elected derived, local secretary, per-member months', async () => {
  const vid = (await officer.json(`/api/v1/congress/${planId}`)).body.variants[0].id;
  const base = `/api/v1/congress/${planId}/variants/${vid}/members`;
  assert.equal((await post(officer, base, { cadre: 'C001', body: 'secretary' })).status, 200);
  assert.equal((await post(officer, base, { cadre: 'C004', body: 'standing' })).status, 200);
  const r = await post(officer, base, { cadre: 'C005', body: 'committee', reelected: true });
  assert.equal(r.status, 200);
  const v = r.body.variants[0];
  assert.equal(v.verdict, 'fail');
  assert.deepEqual(v.members.map((m) => [m.code, m.body, m.reelected, m.reelected_override]),
    [['C001', 'secretary', false, false], ['C004', 'standing', true, false], ['C005', 'committee', true, true]]);
  const c004 = v.members[1];
  assert.equal(c004.age, 57); // born 15/01/1968, at 01/07/2025
  assert.equal(c004.in_outgoing, true);
  assert.equal(typeof c004.months_left, 'number');
  assert.equal(v.members[0].local, false); // hometown Quảng Ninh, locality Ka Long
  assert.equal(v.counts.committee, 3);
  assert.equal(v.counts.standing, 2);
  assert.equal(v.counts.women, 1);
  assert.equal(v.counts.outgoing, 2);
  // ethnic-minority members counted (reported, no floor): as their files record them
  let minority = 0;
  for (const m of v.members) {
    const e = (await officer.json(`/api/v1/cadres/${m.code}`)).body.ethnicity;
    if (e && e !== 'Kinh') minority++;
  }
  assert.equal(v.counts.minority, minority);
  const f = (rule) => v.findings.filter((x) => x.rule === rule);
  assert.equal(f('CONG-5')[0].result, 'fail');
  assert.match(f('CONG-5')[0].message, /3 \(ngoài khoảng 27–33\)/);
  assert.match(f('CONG-5')[0].basis, /Chỉ thị 45-CT\/TW/);
  assert.equal(f('CONG-1')[0].result, 'pass'); // 1/3 women
  assert.equal(f('CONG-8')[0].result, 'pass');
  assert.equal(f('CONG-2')[0].result, 'n/a');
  assert.equal(f('CONG-12')[0].result, 'pass');
  // C004 (man, 01/1968) has 49 months left at 01/07/2025: re-election needs 48.
  assert.equal(f('CONG-10')[0].result, 'pass', JSON.stringify(f('CONG-10')));
  // bad input
  assert.equal((await post(officer, base, { cadre: 'C002', body: 'boss' })).status, 400);
  assert.equal((await post(officer, base, { cadre: 'C002', body: 'secretary' })).status, 400); // second secretary
  assert.equal((await post(officer, base, { cadre: 'NOPE' })).status, 404);
  assert.equal((await post(officer, `/api/v1/congress/${planId}/variants/99999/members`, { cadre: 'C002' })).status, 404);
});

test('variants: copy, remove a member, choose; compared side by side', async () => {
  const v1 = (await officer.json(`/api/v1/congress/${planId}`)).body.variants[0].id;
  const r = await post(officer, `/api/v1/congress/${planId}/variants`, { name: 'Phương án rút gọn', copy_from: v1 });
  assert.equal(r.status, 201);
  const v2 = r.body.variants[1];
  assert.equal(v2.members.length, 3);
  assert.equal((await post(officer, `/api/v1/congress/${planId}/variants`, { name: 'Phương án rút gọn' })).status, 409);
  const d = await officer.json(`/api/v1/congress/${planId}/variants/${v2.id}/members/C005`, {
    method: 'DELETE', headers: { 'X-CSRF-Token': officer.csrf } });
  assert.equal(d.status, 200);
  assert.equal(d.body.variants[1].members.length, 2);
  assert.equal(d.body.variants[0].members.length, 3);
  const gone = await officer.json(`/api/v1/congress/${planId}/variants/${v2.id}/members/C005`, {
    method: 'DELETE', headers: { 'X-CSRF-Token': officer.csrf } });
  assert.equal(gone.status, 404);
  const ch = await post(officer, `/api/v1/congress/${planId}/variants/${v2.id}/choose`, {});
  assert.equal(ch.status, 200);
  assert.deepEqual(ch.body.variants.map((v) => v.chosen), [false, true]);
  const page = await officer.fetch(`/dai-hoi/${planId}`);
  assert.equal(page.status, 200);
  const html = await page.text();
  for (const s of ['Phương án 1', 'Phương án rút gọn', 'CONG-5', 'Không đạt', 'congress-compare', 'Chọn phương án này',
    'dân tộc thiểu số'])
    assert.ok(html.includes(s), s);
  // every rule a variant was checked against is compared, not only CONG-1..12 (a trial's non-member unseen)
  const rules = new Set(ch.body.variants.flatMap((v) => v.findings.map((f) => f.rule)));
  assert.ok(rules.has('PARTY-1'));
  for (const rule of rules) assert.ok(html.includes(`<th scope="row">${rule}</th>`), rule);
});

test('scope and permissions: a KL viewer reads KL plans, not HX ones, and writes nothing', async () => {
  const hx = await post(officer, '/api/v1/congress', { unit: 'HX', term: '2025-2030' });
  assert.equal(hx.status, 201);
  assert.equal((await viewer.json(`/api/v1/congress/${planId}`)).status, 200);
  assert.equal((await viewer.json(`/api/v1/congress/${hx.body.id}`)).status, 404);
  assert.equal((await viewer.fetch(`/dai-hoi/${hx.body.id}`)).status, 404);
  const list = await viewer.json('/api/v1/congress');
  assert.deepEqual(list.body.items.map((p) => p.unit.code), ['KL']);
  assert.equal((await viewer.json('/api/v1/congress?unit=HX')).status, 404);
  assert.equal((await post(viewer, '/api/v1/congress', { unit: 'KL1', term: '2025-2030' })).status, 403);
  assert.equal((await post(viewer, `/api/v1/congress/${planId}/variants`, {})).status, 403);
  const listPage = await (await viewer.fetch('/dai-hoi')).text();
  assert.ok(listPage.includes('Phường Ka Long') && !listPage.includes('Xã Hải Xuân'));
  assert.ok(!listPage.includes('congress-new')); // no create form for a viewer
  // a form POST without the csrf field is refused
  const noCsrf = await officer.fetch(`/dai-hoi/${planId}/phuong-an`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=X' });
  assert.equal(noCsrf.status, 403);
  const form = await officer.fetch(`/dai-hoi/${planId}/phuong-an`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `csrf=${officer.csrf}&name=${encodeURIComponent('Phương án 3')}` });
  assert.equal(form.status, 303);
  assert.equal(form.headers.get('location'), `/dai-hoi/${planId}`);
});

test('xlsx export of the chosen variant is a zip whose sheet lists the members in Vietnamese', async () => {
  const res = await viewer.fetch(`/dai-hoi/${planId}/xlsx`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const buf = Buffer.from(await res.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString(), 'PK');
  const file = join(dir, 'x.xlsx');
  writeFileSync(file, buf);
  const t = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
  assert.equal(t.status, 0, t.stdout + t.stderr);
  const xml = spawnSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml'], { encoding: 'utf8' }).stdout;
  for (const s of ['Họ và tên', 'Hoàng Hải Long', 'Trần Văn An', 'Bí thư', 'DANH SÁCH NHÂN SỰ DỰ KIẾN CẤP ỦY'])
    assert.ok(xml.includes(s), s);
  assert.ok(!xml.includes('Lê Thị Bình')); // removed from the chosen variant
  const setup = spawnSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout;
  assert.match(setup, /orientation="landscape"/);
  assert.match(setup, /paperSize="9"/);
  assert.equal((await viewer.fetch(`/dai-hoi/${planId}/xlsx?variant=999999`)).status, 404);
});
