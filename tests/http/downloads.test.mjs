// Content-Disposition of downloads (RFC 6266): a unit code with quotes and
// semicolons (codes may hold them) goes into the file name of the structure
// statistics, the annual report and the congress plan; the header must keep
// exactly its three parts -- attachment, an ASCII filename="..." and
// filename*=UTF-8''... -- and filename* must decode to the real name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

const CODE = 'Q";filename=evil.exe;x="y';
let srv, admin;

before(async () => {
  const f = fixtureDb();
  writeFileSync(join(f.dir, 'u.csv'), `code,name,level,parent_code\n"Q"";filename=evil.exe;x=""y",Phường Quảng Nghĩa,commune,TP\n`);
  const r = spawnSync(CANBO, ['--db', f.db, 'import', 'units', join(f.dir, 'u.csv')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  srv = await startServer(f.db, f.dir);
  admin = new Client(srv.base);
  assert.equal((await admin.login('admin', USERS.admin.password)).res.status, 200);
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
});

// The parts of a Content-Disposition value, split on ; outside quotes.
function parts(v) {
  const out = [];
  let cur = '', q = false;
  for (const c of v) {
    if (c === '"') q = !q;
    if (c === ';' && !q) { out.push(cur.trim()); cur = ''; } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

for (const path of [`/thong-ke.csv?unit=${encodeURIComponent(CODE)}`,
  `/thong-ke.xlsx?unit=${encodeURIComponent(CODE)}`,
  `/bao-cao/nam?unit=${encodeURIComponent(CODE)}&year=2025&format=csv`]) {
  test(`Content-Disposition of ${path}`, async () => {
    const res = await admin.fetch(path);
    assert.equal(res.status, 200, await res.text());
    const v = res.headers.get('content-disposition');
    const p = parts(v);
    assert.equal(p.length, 3, `three parts in ${v}`);
    assert.equal(p[0], 'attachment');
    assert.match(p[1], /^filename="[A-Za-z0-9._-]+"$/, v);
    assert.match(p[2], /^filename\*=UTF-8''[A-Za-z0-9._~%-]+$/, v);
    const name = decodeURIComponent(p[2].slice("filename*=UTF-8''".length));
    assert.ok(name.includes(CODE), `${name} holds the unit code`);
  });
}
