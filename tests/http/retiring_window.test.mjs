// The dashboard's "Nghỉ hưu trong 12 tháng tới" card counts in SQL over the birth months whose RET-1 retirement
// falls in the window (domain/forecast.c forecast_count_retiring, issue 9); the forecast API computes each
// holder's retirement in C. Both must agree on every date, at month ends, on 29 February, for births given as a
// full date, a month ("1964-07") or a bare year ("1964", read as January), for men and women.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

let db, dir;

before(() => {
  ({ dir, db } = fixtureDb());
  const cadres = ['code,full_name,gender,birth_date,unit_code'];
  const positions = ['cadre_code,unit_code,title_code,start_date,end_date,decision_no'];
  let n = 0;
  const add = (gender, birth) => {
    const code = `R${String(++n).padStart(4, '0')}`;
    cadres.push(`${code},Lê Văn Hưu,${gender},${birth},KL1`);
    positions.push(`${code},KL1,BT_CB,2015-01-01,,`);
  };
  for (const g of ['M', 'F'])
    for (let y = 1958; y <= 1972; y++) {
      add(g, String(y));
      for (let m = 1; m <= 12; m++) {
        const mm = String(m).padStart(2, '0');
        add(g, `${y}-${mm}-01`);
        add(g, `${y}-${mm}-${m === 2 ? '28' : '30'}`);
        if (m % 5 === 0) add(g, `${y}-${mm}`);
      }
    }
  for (const [kind, rows] of [['cadres', cadres], ['positions', positions]]) {
    const f = join(dir, `rw-${kind}.csv`);
    writeFileSync(f, rows.join('\n') + '\n');
    const r = spawnSync(CANBO, ['--db', db, 'import', kind, f], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr + r.stdout);
  }
});
after(() => {
  delete process.env.CANBO_TODAY;
  rmSync(dir, { recursive: true, force: true });
});

for (const day of ['2021-01-01', '2023-02-28', '2024-02-29', '2025-12-31', '2026-12-05', '2027-01-31', '2029-06-30', '2033-07-01']) {
  test(`on ${day} the card equals the forecast's list`, async () => {
    process.env.CANBO_TODAY = day;
    const srv = await startServer(db); // no dir: the database stays for the next date
    try {
      const admin = new Client(srv.base);
      assert.equal((await admin.login('admin', USERS.admin.password)).res.status, 200);
      const html = await (await admin.fetch('/')).text();
      const m = /href="\/du-bao\?months=12"><span class="stat-label">[^<]*<\/span><span class="stat-value">([^<]*)</.exec(html);
      assert.ok(m, 'the retiring card');
      const f = (await admin.json('/api/v1/forecast/retirements?months=12')).body;
      assert.ok(f.retirements.length > 0, 'the window holds someone');
      assert.equal(Number(m[1].replaceAll('.', '')), f.retirements.length);
    } finally {
      await srv.stop();
    }
  });
}
