// Pages valid and accessible (issue 12): every GET page of the route table
// (src/web/routes.c), as each role of the demo -- the administrator, the
// officer and the viewer limited to one commune -- is loaded in Debian's
// Chromium and checked by two outside checkers:
//   - the W3C Nu HTML checker (vnu-jar from npm, run with Java): 0 errors;
//   - axe-core (npm) in the page: no violation of impact "serious" or "critical".
// Path parameters are filled with records the role may see (a cadre of the
// viewer's commune, the first proposal, congress plan, rule, user...); a route
// whose answer is not HTML (a download) or not for that role (403) is
// skipped, and the test fails if fewer than 20 pages per role were checked or
// a page route of the table was never checked by any role. The login page is
// checked without a session.
// Env: CANBO = path of the binary (required).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CANBO, LAUNCH, TOP, freePort, startServer } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const VNU = join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
const AXE = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
const routes = [...readFileSync(join(TOP, 'src/web/routes.c'), 'utf8')
  .matchAll(/\{"(GET)", "([^"]+)", (\w+), (PERM_\w+), ([^,]+),/g)]
  .map((m) => ({ pattern: m[2], handler: m[3], perm: m[4], flags: m[5] }))
  .filter((r) => !r.flags.includes('R_JSON') && !r.pattern.startsWith('/assets/') && !r.pattern.startsWith('/xuat/') &&
    !/\.(csv|xlsx)$/.test(r.pattern) && !r.pattern.endsWith('/xlsx'));

let dir, server, browser, base, logins;
const checked = new Map(); // pattern -> roles that checked it
const downloads = new Set(); // patterns that answer a file, not a page (lists as xlsx, templates)

async function api(cookie, path) {
  const res = await fetch(base + path, { headers: { Cookie: `canbo_session=${cookie}` } });
  return res.ok ? res.json() : null;
}

before(async () => {
  assert.ok(CANBO, 'set CANBO to the canbo binary');
  dir = mkdtempSync(join(tmpdir(), 'canbo-e2e-checks-'));
  const db = join(dir, 'demo.db');
  const out = execFileSync(CANBO, ['--db', db, 'demo', '--cadres', '200', '--seed', '7'], { encoding: 'utf8' });
  logins = [...out.matchAll(/^ {2}(\S+) +(\S+) +(admin|officer|viewer) +(\S+)\s*$/gm)]
    .map((m) => ({ username: m[1], password: m[2], role: m[3], unit: m[4] }));
  assert.ok(logins.length >= 3, out);
  const port = await freePort();
  server = await startServer(db, port);
  base = `http://127.0.0.1:${port}`;
  await makeRecords();
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch(LAUNCH);
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    server.kill('SIGTERM');
    await new Promise((res) => { if (server.exitCode !== null) res(); else server.once('exit', res); });
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A congress plan and an appointment proposal (the demo has none), made by the administrator.
async function makeRecords() {
  const admin = logins.find((l) => l.role === 'admin');
  const res = await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: admin.username, password: admin.password }) });
  const { csrf } = await res.json();
  const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf,
    Cookie: `canbo_session=${/canbo_session=([0-9a-f]+)/.exec(res.headers.get('set-cookie'))[1]}` };
  const post = (path, body) => fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const viewerUnit = logins.find((l) => l.role === 'viewer').unit;
  assert.equal((await post('/api/v1/congress', { unit: viewerUnit, term: '2025-2030', reckoning_date: '2025-06-01',
    congress_date: '2025-06-01' })).status, 201);
  const pools = (await (await fetch(base + '/api/v1/planning', { headers })).json()).pools;
  for (const pool of pools) {
    for (const m of pool.members) {
      const r = await post('/api/v1/proposals', { cadre: m.code, unit: pool.unit_code, title: pool.title_code, date: '2026-01-05' });
      if (r.status === 201) return;
    }
  }
  assert.fail('no proposal could be made from the planning pools');
}

// Values for the {params} of a pattern, as the logged-in role sees the data.
async function paramValues(cookie, role) {
  const cadres = (await api(cookie, '/api/v1/cadres?limit=5'))?.items || [];
  const code = cadres[0]?.code || 'X';
  const profile = await api(cookie, `/api/v1/cadres/${encodeURIComponent(code)}`);
  const proposal = (await api(cookie, '/api/v1/proposals'))?.items?.[0]?.id;
  const congress = (await api(cookie, '/api/v1/congress'))?.items?.[0]?.id;
  const rule = (await api(cookie, '/api/v1/rules'))?.items?.[0]?.id;
  const position = profile?.positions?.[0]?.id;
  const title = (await api(cookie, '/api/v1/titles'))?.items?.[0]?.code || 'BT_DU';
  return (pattern) => pattern
    .replace('/chuc-danh/{code}', `/chuc-danh/${encodeURIComponent(title)}`)
    .replace('/ban-ghi/{kind}/{id}', `/ban-ghi/chuc-vu/${position ?? 1}`)
    .replace('/them/{kind}', '/them/chuc-vu')
    .replace('/nhap-du-lieu/mau/{kind}', '/nhap-du-lieu/mau/cadres')
    .replace('/van-ban/{kind}', '/van-ban/mau-2c')
    .replace('/quy-dinh/{id}', `/quy-dinh/${rule ?? 1}`)
    .replace('/bo-nhiem/{id}', `/bo-nhiem/${proposal ?? 1}`)
    .replace('/dai-hoi/{id}', `/dai-hoi/${congress ?? 1}`)
    .replace('{username}', role === 'admin' ? 'canbo' : 'x')
    .replace('{code}', encodeURIComponent(code))
    .replace(/\{\w+\}/g, '1');
}

for (const role of ['admin', 'officer', 'viewer']) {
  test(`every page as the ${role}: vnu 0 errors, axe no serious or critical violation`, { timeout: 600000 }, async () => {
    const who = logins.find((l) => l.role === role);
    const res = await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: who.username, password: who.password }) });
    assert.equal(res.status, 200);
    const cookie = /canbo_session=([0-9a-f]+)/.exec(res.headers.get('set-cookie'))[1];
    const fill = await paramValues(cookie, role);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true }); // to inject axe
    await ctx.addCookies([{ name: 'canbo_session', value: cookie, url: base }]);
    const page = await ctx.newPage();
    page.setDefaultTimeout(15000);
    const files = [], axeProblems = [];
    const pages = [...routes.map((r) => ({ pattern: r.pattern, path: fill(r.pattern) })),
      { pattern: '(404 page)', path: '/khong-co-trang-nay' }];
    for (const { pattern, path } of pages) {
      /* asked first outside the browser: a download (xlsx, csv) is not a page */
      const head = await fetch(base + path, { headers: { Cookie: `canbo_session=${cookie}` }, redirect: 'manual' });
      const type = head.headers.get('content-type') || '';
      const html = await head.text();
      if (!type.startsWith('text/html')) { downloads.add(pattern); continue; }
      if (head.status === 403 || head.status === 303) continue;
      if (head.status === 404 && pattern !== '(404 page)') continue;
      await page.goto(base + path, { waitUntil: 'load' });
      const file = join(dir, `${role}-${files.length}.html`);
      writeFileSync(file, html);
      files.push({ file, path, pattern });
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      });
      for (const v of violations) axeProblems.push(`${path}: ${v}`);
      if (!checked.has(pattern)) checked.set(pattern, new Set());
      checked.get(pattern).add(role);
    }
    await ctx.close();
    if (role === 'viewer') { /* the login page, seen without a session */
      const file = join(dir, 'login.html');
      writeFileSync(file, await (await fetch(base + '/dang-nhap')).text());
      files.push({ file, path: '/dang-nhap', pattern: '/dang-nhap' });
      const anon = await browser.newContext({ bypassCSP: true });
      const p2 = await anon.newPage();
      await p2.goto(base + '/dang-nhap');
      await p2.addScriptTag({ content: AXE });
      const v = await p2.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
        .filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => x.id));
      for (const id of v) axeProblems.push(`/dang-nhap: ${id}`);
      await anon.close();
      checked.set('/dang-nhap', new Set(['anonymous']));
    }
    assert.ok(files.length >= 20, `only ${files.length} pages checked as ${role}`);
    /* Run without blocking the event loop: a synchronous run of vnu (tens of seconds on a loaded machine) kept
       fetch's idle keep-alive connection past the server's 10-second header deadline, and the next test's first
       request went out on the socket the server had just closed ("fetch failed"). vnu exits 1 when it finds errors. */
    const vnu = await promisify(execFile)('java', ['-jar', VNU, '--errors-only', '--format', 'json', '--stdout',
      ...files.map((f) => f.file)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).catch((e) => e);
    assert.ok(vnu.stdout, `vnu did not run: ${vnu.stderr}`);
    const messages = JSON.parse(vnu.stdout).messages.filter((m) => m.type === 'error');
    const byFile = new Map(files.map((f) => [f.file, f.path]));
    const vnuProblems = messages.map((m) => `${byFile.get(decodeURIComponent(m.url.replace(/^file:/, ''))) || m.url}:${m.lastLine}: ${m.message} «${(m.extract || '').slice(0, 120)}»`);
    assert.deepEqual(vnuProblems, [], `${vnuProblems.length} vnu errors as ${role}`);
    assert.deepEqual(axeProblems, [], `${axeProblems.length} serious/critical axe violations as ${role}`);
    console.log(`# ${role}: ${files.length} pages, vnu 0 errors, axe 0 serious/critical`);
  });
}

test('every HTML route of the table was checked by at least one role', () => {
  const missing = routes.map((r) => r.pattern).filter((p) => !checked.has(p) && !downloads.has(p));
  assert.deepEqual(missing, [], 'routes never checked (a new page needs parameters filled in this test)');
});
