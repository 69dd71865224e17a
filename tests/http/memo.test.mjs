// Issue 9 (the profile under load): the title and unit lists are kept per connection and read again only when
// the database changed (core/db.h db_version). Nothing stale may show: a unit or title added by another
// process (the CLI, another server) while the server runs appears on the next page of every server thread.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

let srv, admin, db, dir;

before(async () => {
  ({ dir, db } = fixtureDb());
  srv = await startServer(db, dir);
  admin = new Client(srv.base);
  assert.equal((await admin.login('admin', USERS.admin.password)).res.status, 200);
});
after(async () => srv && (await srv.stop()));

function cli(kind, csv) {
  const f = join(dir, `${kind}-${Date.now()}.csv`);
  writeFileSync(f, csv);
  const r = spawnSync(CANBO, ['--db', db, 'import', kind, f], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

// The profile page of C001 a few times over (several server threads), every copy checked by `check`.
async function profiles(check) {
  const pages = await Promise.all([0, 1, 2, 3, 4, 5].map(() => admin.fetch('/can-bo/C001').then((r) => r.text())));
  for (const html of pages) check(html);
}

test('a unit and a title added by another process show at once on every thread', async () => {
  await profiles((html) => {
    assert.match(html, /<option value="KL"/);
    assert.doesNotMatch(html, /Phường Hải Yên Mới/);
    assert.doesNotMatch(html, /Trưởng ban Thử nghiệm/);
  });
  cli('units', 'code,name,level,parent_code,locality\nHYM,Phường Hải Yên Mới,commune,TP,Hải Yên\n');
  await profiles((html) => assert.match(html, /<option value="HYM"[^>]*>[^<]*Phường Hải Yên Mới/));
  cli('titles', 'code,name,level,category,rank\nTB_TN,Trưởng ban Thử nghiệm,commune,leader,30\n');
  await profiles((html) => {
    assert.match(html, /<option value="TB_TN">Trưởng ban Thử nghiệm<\/option>/);
    assert.match(html, /Phường Hải Yên Mới/);
  });
});

test('a unit renamed by another process: the old name is gone from the lists', async () => {
  const r = spawnSync('sqlite3', [db, "UPDATE units SET name = 'Phường Ka Long (đổi tên)' WHERE code = 'KL'"], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  await profiles((html) => assert.match(html, /Phường Ka Long \(đổi tên\)/));
  const j = (await admin.json('/api/v1/units')).body;
  assert.match(JSON.stringify(j), /Phường Ka Long \(đổi tên\)/);
});
