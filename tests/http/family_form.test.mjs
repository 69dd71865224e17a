// The family form (/can-bo/{code}/them/gia-dinh) on the 300-cadre demo: a family member who is a cadre and makes a
// pair REL-1 refuses (a head and, as spouse, the accountant of the same unit) is saved, and the profile it comes back
// to says so with the rule at once (it used to show only on /quan-he-gia-dinh); a pair that passes says nothing; a
// parent's or child's year of birth that cannot be is refused on the form naming both years.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDb, startServer, Client } from './helpers.mjs';

let srv, officer, demo;
before(async () => {
  demo = demoDb();
  srv = await startServer(demo.db, demo.dir);
  const login = demo.logins.find((l) => l.role === 'officer' && !l.unit);
  officer = new Client(srv.base);
  await officer.login(login.username, login.password);
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
});

const add = (code, fields) =>
  officer.fetch(`/can-bo/${code}/them/gia-dinh`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: officer.csrf, ...fields }),
  });

test('a pair REL-1 refuses is named on the profile right after the form; a plain one is not', async () => {
  const { body } = await officer.json('/api/v1/cadres?limit=500');
  const heads = /^(Bí thư Đảng ủy|Chủ tịch UBND|Trưởng phòng|Chánh Văn phòng)/;
  let head, accountant;
  for (const k of body.items.filter((c) => /Kế toán|Thủ quỹ/.test(c.title || ''))) {
    head = body.items.find((c) => c.unit_code === k.unit_code && heads.test(c.title || '') && c.code !== k.code);
    if (head) {
      accountant = k;
      break;
    }
  }
  assert.ok(head && accountant, 'the demo has a head and an accountant in one unit');
  const r = await add(head.code, { relation: 'spouse', relative_code: accountant.code });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), new RegExp(`^/can-bo/${head.code}\\?da-luu=1&quan-he=\\d+#gia-dinh$`));
  const page = await (await officer.fetch(r.headers.get('location'))).text();
  assert.match(page, /role="alert"[^>]*>Cặp quan hệ vừa ghi không bảo đảm quy định\. REL-1 \(Không đạt\) — /);
  const family = page.slice(page.indexOf('id="gia-dinh"'));
  assert.ok(family.indexOf('role="alert"') >= 0 && family.indexOf('role="alert"') < family.indexOf('</section>'),
    'said inside the family section the form comes back to (#gia-dinh), not off screen at the top');
  // and marked on the member's row whenever the profile is read again
  const later = await (await officer.fetch(`/can-bo/${head.code}`)).text();
  assert.match(later, new RegExp(`${accountant.code}\\)[^<]*<a class="badge badge-fail" href="/quan-he-gia-dinh"[^>]*>Không đạt REL</a>`));
  // a spouse who is a cadre of no such post: saved, the usual notice only
  const plain = body.items.find((c) => c.unit_code !== head.unit_code && c.code !== accountant.code);
  const p = await add(head.code, { relation: 'sibling', relative_code: plain.code });
  assert.equal(p.status, 303);
  assert.doesNotMatch(p.headers.get('location'), /quan-he=/);
  assert.doesNotMatch(await (await officer.fetch(`/can-bo/${head.code}?da-luu=1&quan-he=0`)).text(), /Cặp quan hệ vừa ghi/);
  // the id in the query names a record of this file only: on another cadre's profile it shows nothing (a hostile
  // tester read another unit's relative through it)
  const id = r.headers.get('location').match(/quan-he=(\d+)/)[1];
  assert.doesNotMatch(await (await officer.fetch(`/can-bo/${plain.code}?quan-he=${id}`)).text(), /Cặp quan hệ vừa ghi/);
});

test('a parent or child born at an impossible distance from the cadre is refused on the form', async () => {
  const { body } = await officer.json('/api/v1/cadres?limit=1');
  const c = body.items[0];
  const own = Number(c.birth_date.slice(0, 4));
  const r = await add(c.code, { relation: 'child', full_name: 'Nguyễn Văn Con', birth_year: String(own - 5) });
  assert.equal(r.status, 400);
  const html = await r.text();
  assert.match(html, new RegExp(`con sinh năm ${own - 5} mà cán bộ sinh năm ${own}`));
  assert.match(html, /value="Nguyễn Văn Con"/, 'the form keeps what was typed');
  const ok = await add(c.code, { relation: 'child', full_name: 'Nguyễn Văn Con', birth_year: String(own + 25) });
  assert.equal(ok.status, 303);
});
