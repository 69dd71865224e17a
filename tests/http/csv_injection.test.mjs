// CSV formula injection (OWASP "CSV Injection", issue 12): values starting with
// = + - @ (tab and CR are trimmed on import; a name holds letters, spaces and
// hyphens only, so names start with a hyphen here) put into the records -- cadres
// through the web import by an officer limited to one commune, the other
// records by the CLI -- must never come out as a cell a spreadsheet reads as
// a formula. Every GET route of the route table is asked for its CSV
// (?format=csv, /thong-ke.csv, /xuat/{kind} for every kind) as an admin; each
// CSV body is parsed (RFC 4180) and no cell may start with = + - @ tab or CR,
// while the neutralised values ('=HYPERLINK...) must be there (the test is not
// vacuous). The raw export (/xuat/cadres?raw=1) imports back unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';
import { parseCsv as parseRows } from './csv_parse.mjs';

const ROUTES_C = join(dirname(fileURLToPath(import.meta.url)), '../../src/web/routes.c');
const routes = [...readFileSync(ROUTES_C, 'utf8').matchAll(/\{"(GET|POST|PUT|DELETE|PATCH)", "([^"]+)", (\w+), (PERM_\w+), ([^,]+),/g)]
  .map((m) => ({ method: m[1], pattern: m[2], handler: m[3], perm: m[4] }));
const KINDS = ['units', 'titles', 'cadres', 'positions', 'trainings', 'planning', 'rotations', 'appointments',
  'evaluations', 'disciplines', 'relatives'];
const Y = new Date().getFullYear();

const CADRES = `code,full_name,gender,birth_date,unit_code,hometown,birthplace,ethnicity,religion,notes
X1,Nguyễn Văn Độc,M,1975-01-01,KL,"@SUM(1+1)*cmd|' /C calc'!A0",+84 Hải Phòng,=1+1,-2+3,"=HYPERLINK(""http://evil.example/"",""Nguyễn Văn Độc"")"
X2,-Lê Thị Trừ,F,1980-05-05,KL,+Quảng Ninh,,Kinh,,@chú ý
X3,-Đỗ Văn Cộng,M,1978-03-03,KL,Móng Cái,,Kinh,,"''=hai dấu nháy"
`;
const OTHER = {
  positions: `cadre_code,unit_code,title_code,start_date,end_date,decision_no,concurrent
X1,KL,CT_UBND_X,2021-06-01,,=1+2,0
X2,KL1,BT_CB,2020-01-01,,@QĐ,0
`,
  trainings: `cadre_code,program,start_date,status,name,institution,end_date
X1,llct_cao_cap,${Y}-01-10,studying,"=HYPERLINK(""x"")",+Học viện,
X2,qlnn_cv,${Y}-02-01,registered,@Bồi dưỡng,-Trường,
`,
  planning: `term,unit_code,title_code,cadre_code,action,date,decision_no,reason
2025-2030,KL,CT_UBND_X,X2,add,2025-03-01,=QĐ-1,@lý do
`,
  evaluations: `cadre_code,year,rating,score
X1,${Y - 1},good,
`,
  disciplines: `cadre_code,form,authority,decision_date,decision_no,reason
X1,reprimand,party,${Y - 1}-03-01,@KL-1,=1+1 vi phạm
`,
  rotations: `cadre_code,kind,to_unit_code,date,from_unit_code,from_title_code,to_title_code,decision_no,planned_months
X3,rotation,HX,${Y - 1}-01-01,KL,,,-QĐ-9,24
`,
  appointments: `cadre_code,kind,unit_code,title_code,decision_date,decision_no,source,term_years
X1,appointment,KL,CT_UBND_X,2021-06-01,+QĐ-5,internal,5
`,
  relatives: `cadre_code,relative_code,relation
X1,X2,spouse
`,
};

let srv, dir, db, admin;

// RFC 4180 fields of a CSV text (BOM dropped); rows of cells (the shared reader of csv_parse.mjs).
const parseCsv = (text) => parseRows(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function run(args, input) {
  const r = spawnSync(CANBO, args, { input, encoding: 'utf8' });
  assert.equal(r.status, 0, `canbo ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

before(async () => {
  const f = fixtureDb();
  dir = f.dir;
  db = f.db;
  run(['--db', db, 'user', 'add', 'officer.kl', '--role', 'officer', '--unit', 'KL', '--password-stdin'], 'officer-kl-pw-1\n');
  srv = await startServer(db, dir);
  // The commune officer imports the cadres through the web import.
  const officer = new Client(srv.base);
  assert.equal((await officer.login('officer.kl', 'officer-kl-pw-1')).res.status, 200);
  const form = new FormData();
  form.append('csrf', officer.csrf);
  form.append('kind', 'cadres');
  form.append('file', new Blob([CADRES], { type: 'text/csv' }), 'can-bo.csv');
  const res = await officer.fetch('/nhap-du-lieu', { method: 'POST', body: form });
  const html = await res.text();
  assert.equal(res.status, 200, html.slice(0, 2000));
  for (const [kind, text] of Object.entries(OTHER)) {
    writeFileSync(join(dir, `${kind}.csv`), text);
    run(['--db', db, 'import', kind, join(dir, `${kind}.csv`)]);
  }
  admin = new Client(srv.base);
  assert.equal((await admin.login('admin', USERS.admin.password)).res.status, 200);
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
});

const DANGER = /^[=+\-@\t\r]/;

// Every CSV a GET route gives: the paths asked and what came back.
async function everyCsv() {
  const paths = new Set(['/thong-ke.csv']);
  for (const r of routes.filter((x) => x.method === 'GET' && x.perm !== 'PERM_PUBLIC')) {
    if (/\{(id|vid|username|file)\}/.test(r.pattern)) continue;
    const kinds = r.pattern.includes('{kind}') ? KINDS : [null];
    for (const kind of kinds) {
      const p = r.pattern.replace('{code}', 'X1').replace('{cadre}', 'X1').replace('{kind}', kind);
      paths.add(`${p}?format=csv`);
      paths.add(`${p}?format=csv&unit=KL&year=${Y}`);
      paths.add(`${p}?format=csv&unit=KL&year=${Y - 1}`);
    }
  }
  paths.add(`/can-bo/X1/dieu-kien?for=appointment&title=CT_UBND_X&unit=KL&date=${Y}-03-01&format=csv`);
  paths.add('/xuat/cadres?raw=1');
  const out = [];
  for (const p of paths) {
    const res = await admin.fetch(p);
    const type = res.headers.get('content-type') || '';
    const body = await res.text();
    assert.ok(res.status < 500, `${p}: ${res.status}`);
    if (res.status === 200 && type.startsWith('text/csv')) out.push({ path: p, body, disposition: res.headers.get('content-disposition') });
  }
  return out;
}

test('no cell of any CSV download starts a formula, and the neutralised values are there', async () => {
  const csvs = await everyCsv();
  assert.ok(csvs.length >= 15, `only ${csvs.length} CSV downloads found: ${csvs.map((c) => c.path).join(' ')}`);
  let neutralised = 0;
  const carriers = new Set();
  for (const { path, body } of csvs) {
    for (const row of parseCsv(body))
      for (const cell of row) {
        assert.doesNotMatch(cell, DANGER, `${path}: cell ${JSON.stringify(cell)} would be read as a formula`);
        if (/^'+[=+\-@]/.test(cell)) {
          neutralised++;
          carriers.add(path.split('?')[0]);
        }
      }
  }
  assert.ok(neutralised >= 20, `only ${neutralised} neutralised cells`);
  for (const p of ['/xuat/cadres', '/xuat/positions', '/xuat/trainings', '/xuat/disciplines', '/xuat/planning', '/thong-ke.csv'])
    assert.ok(carriers.has(p), `${p} carries no neutralised value (found in ${[...carriers].join(' ')})`);
});

test('the raw export imports back unchanged: the added quote is taken off', async () => {
  const res = await admin.fetch('/xuat/cadres?raw=1');
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.match(text, /"'=HYPERLINK\(""http:\/\/evil\.example\/"",""Nguyễn Văn Độc""\)"/);
  assert.match(text, /,''=hai dấu nháy\n/); // stored '=hai... (the import took one quote off ''=hai...)
  const fresh = join(dir, 'fresh.db');
  for (const kind of ['units', 'titles']) {
    const r = await admin.fetch(`/xuat/${kind}?raw=1`);
    writeFileSync(join(dir, `back-${kind}.csv`), await r.text());
    run(['--db', fresh, 'import', kind, join(dir, `back-${kind}.csv`)]);
  }
  writeFileSync(join(dir, 'back-cadres.csv'), text);
  run(['--db', fresh, 'import', 'cadres', join(dir, 'back-cadres.csv')]);
  const q = (d) => spawnSync('sqlite3', [d, "SELECT code||'|'||full_name||'|'||ifnull(hometown,'')||'|'||ifnull(ethnicity,'')||'|'||ifnull(notes,'') FROM cadres WHERE code LIKE 'X%' ORDER BY code"], { encoding: 'utf8' }).stdout;
  const want = q(db);
  assert.match(want, /X1\|Nguyễn Văn Độc\|@SUM.*\|=HYPERLINK\("http:\/\/evil\.example\/","Nguyễn Văn Độc"\)\n/);
  assert.match(want, /X3\|-Đỗ Văn Cộng\|Móng Cái\|Kinh\|'=hai dấu nháy\n/);
  assert.equal(q(fresh), want);
});
