// The structure counters (issue 9, docs/ARCHITECTURE.md "Counts at scale") equal a full recount after every
// kind of write, on a random sequence with a fixed seed: cadres created through the API, corrected (now and
// with an effective date in the past, and as entry errors from the day the wrong value holds from), positions added (some starting tomorrow), ended
// and voided, rotations, records voided and restored, cadre, position and rating imports, unit merges, ratings
// and trainings added, corrected and voided (the counts per unit and year, schemas 0037-0038; the cadres per current unit by
// gender, political theory and birth month, schema 0039) -- and across
// day boundaries (the server restarted with CANBO_TODAY a day, a stretch across New Year's Day, a year later: facts
// of the new days and the birthdays that came are caught up on the first request). After each step `canbo reindex --check` compares the counters with a recount for the
// whole city and every unit's subtree, and the ratings' counts with a recount. At the end the counters are damaged and
// `canbo reindex` repairs them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, parseDemoLogins, CANBO } from './helpers.mjs';

const SEED = 20261204;
const STEPS = Number(process.env.COUNTERS_STEPS || 60);

// mulberry32: a small seeded generator, so a failure replays exactly
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (d) => d.toISOString().slice(0, 10);
const addDays = (s, n) => iso(new Date(Date.parse(s + 'T00:00:00Z') + n * 86400000));

const dir = mkdtempSync(join(tmpdir(), 'canbo-counters-'));
const db = join(dir, 'canbo.db');
let srv = null;
after(async () => {
  if (srv) await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

function cli(args, today, input) {
  return spawnSync(CANBO, ['--db', db, ...args], { encoding: 'utf8', input, env: { ...process.env, CANBO_TODAY: today } });
}

function check(today, what) {
  const r = cli(['reindex', '--check'], today);
  assert.equal(r.status, 0, `after ${what}: ${r.stderr}`);
}

async function serve(today, login) {
  if (srv) await srv.stop();
  process.env.CANBO_TODAY = today;
  srv = await startServer(db);
  delete process.env.CANBO_TODAY;
  const c = new Client(srv.base);
  const r = await c.login(login.username, login.password);
  assert.equal(r.res.status, 200, JSON.stringify(r.body));
  return c;
}

async function call(c, path, body, method = 'POST') {
  return c.json(path, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf }, body: JSON.stringify(body) });
}

test('counters equal a full recount after every kind of write, across day boundaries, and after reindex', async () => {
  const rand = rng(SEED);
  const pick = (v) => v[Math.floor(rand() * v.length)];
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  let today = iso(new Date());

  const demo = cli(['demo', '--cadres', '300', '--seed', '7'], today);
  assert.equal(demo.status, 0, demo.stderr);
  const login = parseDemoLogins(demo.stdout).find((l) => l.role === 'admin' && !l.unit);
  check(today, 'the demo');
  let c = await serve(today, login);

  const units = (await c.json('/api/v1/units?flat=1')).body;
  const flat = [];
  (function walk(list) {
    for (const u of list) {
      flat.push(u.code);
      if (u.children) walk(u.children);
    }
  })(Array.isArray(units) ? units : units.units || units.items || []);
  assert.ok(flat.length > 10, 'the demo has units');
  const titles = (await c.json('/api/v1/titles')).body;
  const titleCodes = (Array.isArray(titles) ? titles : titles.items || titles.titles).map((t) => t.code);
  const cadres = (await c.json('/api/v1/cadres?sort=code&limit=300')).body.items.map((x) => x.code);
  const voided = [];
  const positions = [];
  const kinds = new Map();
  let mergeSeq = 0;

  const birth = () => {
    const r = rand();
    if (r < 0.1) return String(int(1965, 2000)); // year only
    if (r < 0.2) return `${int(1965, 2000)}-${String(int(1, 12)).padStart(2, '0')}`; // month
    // birthdays around today's date: the age brackets turn on the day
    const y = int(1965, 2000), around = addDays(`${y}${today.slice(4)}`, int(-2, 3));
    return around;
  };
  const LLCT = ['so_cap', 'trung_cap', 'cao_cap', ''];
  const DEGREE = ['dai_hoc', 'thac_si', 'tien_si', 'cao_dang', ''];
  const QLNN = ['chuyen_vien', 'chuyen_vien_chinh', 'chuyen_vien_cao_cap', ''];
  const RATINGS = ['excellent', 'good', 'completed', 'failed'];
  const evaluations = [];
  const PROGRAMS = ['llct_cao_cap', 'llct_trung_cap', 'qlnn_cvc', 'leadership_skills', 'degree', 'other'];
  const trainings = [];

  const steps = {
    async create() {
      const r = await call(c, '/api/v1/cadres', {
        full_name: `${pick(['Nguyễn', 'Trần', 'Lê', 'Phạm'])} ${pick(['Văn', 'Thị', 'Đức'])} ${pick(['An', 'Bình', 'Hà', 'Lan', 'Tùng'])}`, gender: pick(['M', 'F']), birth_date: birth(),
        unit_code: pick(flat), llct_level: pick(LLCT), degree: pick(DEGREE), ethnicity: pick(['Kinh', 'Tày', 'Dao', '']),
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      cadres.push(r.body.code);
    },
    async correct() {
      const code = pick(cadres);
      const set = pick([{ llct_level: pick(LLCT) }, { degree: pick(DEGREE) }, { qlnn_level: pick(QLNN) },
        { gender: pick(['M', 'F']) }, { birth_date: birth() }, { religion: pick(['Phật giáo', 'Công giáo', '']) },
        { party_join_date: pick([addDays(today, int(-3, 0)), '2001-03-26', '']) }, { unit_code: pick(flat) }]);
      const r = await call(c, `/api/v1/cadres/${code}`, { set, reason: 'sửa sai' }, 'PATCH');
      assert.ok([200, 404].includes(r.status), JSON.stringify(r.body));
    },
    async correctPerson() {
      // the three things the dashboard's headline counts (schema 0039) changed at once: another sex, birth month
      // and political-theory level
      const code = pick(cadres);
      const p = (await c.json(`/api/v1/cadres/${code}`)).body;
      if (!p || !p.gender) return;
      const set = { gender: p.gender === 'M' ? 'F' : 'M', birth_date: `${int(1965, 2000)}-${String(int(1, 12)).padStart(2, '0')}-15`,
        llct_level: pick(LLCT.filter((l) => l !== (p.llct_level || ''))) };
      const r = await call(c, `/api/v1/cadres/${code}`, { set, reason: 'sửa sai' }, 'PATCH');
      assert.ok([200, 404].includes(r.status), JSON.stringify(r.body));
    },
    async dated() {
      const code = pick(cadres);
      const set = pick([{ llct_level: pick(LLCT) }, { unit_code: pick(flat) }, { degree: pick(DEGREE) }]);
      const eff = addDays(today, pick([-400, -30, -1, 0]));
      const r = await call(c, `/api/v1/cadres/${code}`, { set, reason: 'Quyết định', effective_date: eff }, 'PATCH');
      assert.ok([200, 404].includes(r.status), JSON.stringify(r.body));
    },
    async entryError() { // a typing mistake of a dated field: the new value from the day the wrong one holds from
      const code = pick(cadres);
      const set = pick([{ llct_level: pick(LLCT) }, { unit_code: pick(flat) }, { degree: pick(DEGREE) }]);
      const r = await call(c, `/api/v1/cadres/${code}`, { set, reason: 'sửa nhầm khi nhập', entry_error: true }, 'PATCH');
      assert.ok([200, 404].includes(r.status), JSON.stringify(r.body));
    },
    async position() {
      const code = pick(cadres);
      const start = addDays(today, pick([-900, -10, 0, 1, 2]));
      const r = await call(c, `/api/v1/cadres/${code}/positions`, { unit_code: pick(flat), title_code: pick(titleCodes), start_date: start });
      if (r.status === 201 || r.status === 200) positions.push(r.body.id);
      else assert.ok([400, 404, 409, 422].includes(r.status), JSON.stringify(r.body));
    },
    async endPosition() {
      if (!positions.length) return;
      const id = pick(positions);
      const r = await call(c, `/api/v1/positions/${id}`, { set: { end_date: addDays(today, int(-1, 2)) }, reason: 'kết thúc' }, 'PATCH');
      assert.ok([200, 400, 404, 409].includes(r.status), JSON.stringify(r.body));
    },
    async voidPosition() {
      if (!positions.length) return;
      const id = positions.splice(Math.floor(rand() * positions.length), 1)[0];
      const r = await call(c, `/api/v1/positions/${id}/void`, { reason: 'nhập nhầm' });
      assert.ok([200, 404].includes(r.status), JSON.stringify(r.body));
    },
    async rotation() {
      const r = await call(c, '/api/v1/rotations', { cadre: pick(cadres), kind: pick(['rotation', 'transfer']), to_unit: pick(flat), date: addDays(today, pick([-20, 0, 1])) });
      assert.ok([201, 400, 404, 422].includes(r.status), JSON.stringify(r.body));
    },
    async voidCadre() {
      const code = pick(cadres);
      const r = await call(c, `/api/v1/cadres/${code}/void`, { reason: 'hồ sơ trùng' });
      if (r.status === 200) voided.push(code);
    },
    async restore() {
      if (!voided.length) return;
      const code = voided.pop();
      const r = await call(c, `/api/v1/cadres/${code}/restore`, {});
      assert.equal(r.status, 200, JSON.stringify(r.body));
    },
    async importCadres() {
      const f = join(dir, `cadres-${int(1, 1e9)}.csv`);
      const rows = ['code,full_name,gender,birth_date,unit_code,ethnicity,llct_level'];
      for (let i = 0; i < int(1, 4); i++) rows.push(`IMP${int(1, 1e8)},Trần Thị Nhập,${pick(['M', 'F'])},${birth()},${pick(flat)},Kinh,${pick(LLCT)}`);
      writeFileSync(f, rows.join('\n') + '\n');
      const r = cli(['import', 'cadres', f], today);
      assert.equal(r.status, 0, r.stderr);
      for (const row of rows.slice(1)) cadres.push(row.split(',')[0]);
    },
    async importPositions() {
      const f = join(dir, `positions-${int(1, 1e9)}.csv`);
      const rows = ['cadre_code,unit_code,title_code,start_date,end_date,decision_no'];
      rows.push(`${pick(cadres.filter((x) => !voided.includes(x)))},${pick(flat)},${pick(titleCodes)},${addDays(today, pick([-50, 0, 1]))},,`);
      writeFileSync(f, rows.join('\n') + '\n');
      const r = cli(['import', 'positions', f], today);
      assert.ok(r.status === 0 || r.status === 3, r.stderr);
    },
    async evaluate() {
      // a rating of a year; the year's counts per unit (eval_counts) move with it
      const r = await call(c, `/api/v1/cadres/${pick(cadres)}/evaluations`, { year: int(2021, 2025), rating: pick(RATINGS) });
      if (r.status === 201) evaluations.push(r.body.id);
      else assert.ok([404, 409].includes(r.status), JSON.stringify(r.body));
    },
    async correctEvaluation() {
      if (!evaluations.length) return;
      const set = pick([{ rating: pick(RATINGS) }, { year: int(2019, 2025) }]);
      const r = await call(c, `/api/v1/evaluations/${pick(evaluations)}`, { set, reason: 'họp xét lại' }, 'PATCH');
      assert.ok([200, 404, 409].includes(r.status), JSON.stringify(r.body));
    },
    async voidEvaluation() {
      if (!evaluations.length) return;
      const id = evaluations.splice(Math.floor(rand() * evaluations.length), 1)[0];
      const r = await call(c, `/api/v1/evaluations/${id}/void`, { reason: 'nhập nhầm' });
      assert.ok([200, 404].includes(r.status), JSON.stringify(r.body));
    },
    async importEvaluations() {
      const f = join(dir, `evaluations-${int(1, 1e9)}.csv`);
      const live = cadres.filter((x) => !voided.includes(x));
      writeFileSync(f, `cadre_code,year,rating\n${pick(live)},${int(2015, 2018)},${pick(RATINGS)}\n`);
      const r = cli(['import', 'evaluations', f], today);
      assert.ok(r.status === 0 || r.status === 3, r.stderr);
    },
    async train() {
      // a training started in a year (some on a year's first or last day, some with a bare year, counted in none)
      const start = pick([`${int(2022, 2025)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
        `${int(2022, 2025)}-01-01`, `${int(2022, 2025)}-12-31`, `${int(2022, 2025)}`]);
      const r = await call(c, `/api/v1/cadres/${pick(cadres)}/trainings`, { program: pick(PROGRAMS), start_date: start, status: pick(['registered', 'studying']) });
      if (r.status === 201) trainings.push(r.body.id);
      else assert.ok([400, 404].includes(r.status), JSON.stringify(r.body));
    },
    async correctTraining() {
      if (!trainings.length) return;
      const set = pick([{ program: pick(PROGRAMS) }, { start_date: `${int(2022, 2025)}-06-15` }, { status: 'dropped' }]);
      const r = await call(c, `/api/v1/trainings/${pick(trainings)}`, { set, reason: 'sửa sai' }, 'PATCH');
      assert.ok([200, 400, 404].includes(r.status), JSON.stringify(r.body));
    },
    async voidTraining() {
      if (!trainings.length) return;
      const id = trainings.splice(Math.floor(rand() * trainings.length), 1)[0];
      const r = await call(c, `/api/v1/trainings/${id}/void`, { reason: 'nhập nhầm' });
      assert.ok([200, 404].includes(r.status), JSON.stringify(r.body));
    },
    async importTrainings() {
      const f = join(dir, `trainings-${int(1, 1e9)}.csv`);
      const live = cadres.filter((x) => !voided.includes(x));
      writeFileSync(f, `cadre_code,program,start_date,status\n${pick(live)},${pick(PROGRAMS)},${int(2023, 2025)}-03-0${int(1, 9)},studying\n`);
      const r = cli(['import', 'trainings', f], today);
      assert.ok(r.status === 0 || r.status === 3, r.stderr);
    },
    async merge() {
      // two sibling communes merge into a new one, on a date in the past or the coming days
      const tree = (await c.json('/api/v1/units')).body;
      const list = Array.isArray(tree) ? tree : tree.units || tree.items || [];
      const groups = [];
      (function walk(l) {
        for (const u of l) {
          const kids = (u.children || []).filter((k) => k.level === 'commune' && !k.valid_to);
          if (kids.length >= 2) groups.push(kids);
          walk(u.children || []);
        }
      })(list);
      if (!groups.length) return;
      const g = pick(groups);
      const into = `GOP${++mergeSeq}`;
      const r = cli(['unit', 'merge', '--into', into, '--name', `Xã Gộp ${mergeSeq}`, '--level', 'commune', '--date', addDays(today, pick([-5, 0, 1])), g[0].code, g[1].code], today);
      assert.equal(r.status, 0, r.stderr);
      flat.push(into);
    },
  };
  const weights = [['create', 3], ['correct', 4], ['correctPerson', 2], ['dated', 4], ['entryError', 3], ['position', 4], ['endPosition', 2], ['voidPosition', 1],
    ['rotation', 3], ['voidCadre', 1], ['restore', 1], ['importCadres', 1], ['importPositions', 1], ['merge', 1],
    ['evaluate', 3], ['correctEvaluation', 2], ['voidEvaluation', 1], ['importEvaluations', 1],
    ['train', 3], ['correctTraining', 2], ['voidTraining', 1], ['importTrainings', 1]];
  const bag = weights.flatMap(([k, w]) => Array(w).fill(k));
  // every kind once first, in a random order, then draws by weight
  const first = weights.map(([k]) => k).map((k) => [rand(), k]).sort((x, y) => x[0] - y[0]).map(([, k]) => k);

  for (let i = 0; i < STEPS; i++) {
    if (i > 0 && i % 15 === 0) {
      // a new day: facts dated today + 1 take effect, the cadres whose birthday came are a year older; the first
      // request catches them up. The second turn jumps to 3 January of the next year (a month-day stretch across
      // New Year's Day), the third a year and a day (everyone a year older).
      today = i === 30 ? `${Number(today.slice(0, 4)) + 1}-01-03` : addDays(today, i === 45 ? 366 : 1);
      c = await serve(today, login);
      assert.equal((await c.fetch('/')).status, 200);
      const asOf = spawnSync('sqlite3', [db, 'SELECT as_of FROM counters_state'], { encoding: 'utf8' }).stdout.trim();
      assert.equal(asOf, today, 'the first request of the day caught the counters up');
      check(today, `the day turning to ${today}`);
    }
    const kind = i < first.length ? first[i] : pick(bag);
    await steps[kind]();
    kinds.set(kind, (kinds.get(kind) || 0) + 1);
    check(today, `step ${i} (${kind})`);
  }
  for (const k of Object.keys(steps)) assert.ok(kinds.get(k) > 0, `the sequence wrote at least one ${k} (${[...kinds]})`);

  // the dashboard and the structure page answer from the counters and agree with the API's recount of the past
  const s = (await c.json(`/api/v1/reports/structure`)).body;
  assert.ok(s.total > 250, JSON.stringify(s.total));

  // damaged counters are found, and reindex repairs them
  await srv.stop();
  srv = null;
  spawnSync('sqlite3', [db, "UPDATE unit_counts SET n = n + 1 WHERE dim = 'llct' AND unit_id || '/' || key = (SELECT min(unit_id || '/' || key) FROM unit_counts WHERE dim = 'llct')"]);
  const bad = cli(['reindex', '--check'], today);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /counters differ from a full recount: .*llct/);
  const fix = cli(['reindex'], today);
  assert.equal(fix.status, 0, fix.stderr);
  assert.match(fix.stdout, /counters rebuilt: equal to a full recount/);
  check(today, 'reindex');
  // the same for the ratings' counts
  spawnSync('sqlite3', [db, "UPDATE eval_counts SET n = n - 1 WHERE unit_id || '/' || year || '/' || rating = (SELECT min(unit_id || '/' || year || '/' || rating) FROM eval_counts WHERE n > 0)"]);
  const badEval = cli(['reindex', '--check'], today);
  assert.equal(badEval.status, 1);
  assert.match(badEval.stderr, /counters differ from a full recount: ratings of unit \d+ in \d+, \w+: \d+ counted, \d+ by a recount/);
  assert.equal(cli(['reindex'], today).status, 0);
  check(today, 'reindex of the ratings');
  spawnSync('sqlite3', [db, "UPDATE train_counts SET n = n + 1 WHERE unit_id || '/' || year || '/' || program = (SELECT max(unit_id || '/' || year || '/' || program) FROM train_counts WHERE program = '*')"]);
  const badTrain = cli(['reindex', '--check'], today);
  assert.equal(badTrain.status, 1);
  assert.match(badTrain.stderr, /counters differ from a full recount: trainings of unit \d+ in \d{4}, \*: \d+ counted, \d+ by a recount/);
  assert.equal(cli(['reindex'], today).status, 0);
  check(today, 'reindex of the trainings');
  // and the cadres per current unit (the dashboard's headline, schema 0039)
  spawnSync('sqlite3', [db, "UPDATE home_counts SET n = n - 1 WHERE unit_id || '/' || dim || '/' || key = (SELECT min(unit_id || '/' || dim || '/' || key) FROM home_counts WHERE dim = 'birth_month' AND n > 0)"]);
  const badHome = cli(['reindex', '--check'], today);
  assert.equal(badHome.status, 1);
  assert.match(badHome.stderr, /counters differ from a full recount: cadres of unit \d+ in birth_month, \d{4}-\d{2}: \d+ counted, \d+ by a recount/);
  assert.equal(cli(['reindex'], today).status, 0);
  check(today, 'reindex of the cadres per unit');
  const audit = spawnSync('sqlite3', [db, "SELECT count(*) FROM audit WHERE action = 'reindex'"], { encoding: 'utf8' }).stdout.trim();
  assert.equal(audit, '4', 'reindex is audited');
});
