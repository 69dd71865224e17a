// The dashboard's "Nghỉ hưu trong 12 tháng tới" card counts in SQL over the birth months whose RET-1 retirement
// falls in the window (domain/forecast.c forecast_count_retiring, issue 9); the forecast API computes each
// holder's retirement in C, over the holders its SQL bounds by birth month per sex. Both must agree with each
// other and with `canbo rules retirement` asked holder by holder, on every date, at month ends, on 29 February,
// for births given as a full date, a month ("1964-07") or a bare year ("1964", read as January), men and women.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

let db, dir;
const run = promisify(execFile);
// each fixture holder with RET-1's last working day, asked of `canbo rules retirement` one by one: an oracle
// that does not go through the forecast's SQL bound on birth dates (a bare year is read as January)
const people = [];

before(async () => {
  ({ dir, db } = fixtureDb());
  const cadres = ['code,full_name,gender,birth_date,unit_code'];
  const positions = ['cadre_code,unit_code,title_code,start_date,end_date,decision_no'];
  let n = 0;
  const add = (gender, birth) => {
    const code = `R${String(++n).padStart(4, '0')}`;
    people.push({ code, gender, birth });
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
  // RET-1 depends on the sex and the birth month only: one question per (sex, month), four at a time
  const months = [...new Set(people.map((p) => `${p.gender}|${p.birth.length === 4 ? `${p.birth}-01` : p.birth.slice(0, 7)}`))];
  const answer = new Map();
  const ask = async (key) => {
    const [sex, month] = key.split('|');
    const { stdout } = await run(CANBO, ['rules', 'retirement', '--sex', sex, '--birth', month]);
    answer.set(key, JSON.parse(stdout).retirement_date);
  };
  for (let i = 0; i < months.length; i += 4) await Promise.all(months.slice(i, i + 4).map(ask));
  for (const p of people) p.retirement = answer.get(`${p.gender}|${p.birth.length === 4 ? `${p.birth}-01` : p.birth.slice(0, 7)}`);
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
      // and both equal the oracle: retiring = last working day in [day, until], already retired = before day
      const mine = (list) => list.filter((h) => /^R\d{4}$/.test(h.cadre_code)).map((h) => h.cadre_code).sort();
      const want = (pred) => people.filter(pred).map((p) => p.code).sort();
      assert.deepEqual(mine(f.retirements), want((p) => p.retirement >= day && p.retirement <= f.until));
      assert.deepEqual(mine(f.already_retired), want((p) => p.retirement < day));
      // the structure's retirement list (every member, not only holders) bounds its birth months the same way
      const list = (await admin.json(`/api/v1/reports/retirements?date=${day}&months=12`)).body;
      assert.deepEqual(list.items.filter((x) => /^R\d{4}$/.test(x.code)).map((x) => x.code).sort(),
        want((p) => p.retirement >= day && p.retirement <= f.until));
    } finally {
      await srv.stop();
    }
  });
}
