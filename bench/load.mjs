// Load test (make bench, issue 12): SESSIONS logged-in sessions (default 200)
// for SECONDS (default 60) against `canbo serve` on a demo database, each a
// keep-alive client that logs in (the logins spread over the first 10 s) and
// loops with a person's pace (0.2 to 1.8 s between requests, 1 s on average):
// 8 reads in 10 (cadre list searches, profiles, the JSON API, statistics),
// 2 writes (a cadre created, a correction of it).
// Passes when no request failed (network error, 5xx, or a 4xx where none is
// expected) and the server's memory stayed bounded (RSS growth over the last
// two thirds of the run under 64 MB). Prints the figures for docs/SECURITY.md.
//   node bench/load.mjs CANBO_BINARY [SESSIONS] [SECONDS] [CADRES]
// Sessions are spread over 127.0.0.1-127.0.0.8 (the per-address connection limit).
import http from 'node:http';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [bin, sessionsArg, secondsArg, cadresArg] = process.argv.slice(2);
const SESSIONS = Number(sessionsArg || 200), SECONDS = Number(secondsArg || 60), CADRES = Number(cadresArg || 1500);
if (!bin) { console.error('usage: node bench/load.mjs CANBO [SESSIONS] [SECONDS] [CADRES]'); process.exit(2); }

const dir = mkdtempSync(join(tmpdir(), 'canbo-load-'));
const db = join(dir, 'load.db');
const out = execFileSync(bin, ['--db', db, 'demo', '--cadres', String(CADRES), '--seed', '11'], { encoding: 'utf8' });
const officer = /^ {2}canbo\s+(\S+)\s+officer/m.exec(out)[1];
const port = 24000 + Math.floor(Math.random() * 1000);
const srv = spawn(bin, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
let serr = '';
srv.stderr.on('data', (d) => (serr += d));
await new Promise((res, rej) => {
  let o = '';
  srv.stdout.on('data', (d) => { o += d; if (o.includes('listening')) res(); });
  srv.on('exit', () => rej(new Error('server exited: ' + serr)));
});

const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${srv.pid}/status`, 'utf8'))[1]) / 1024;

function request(agent, method, path, { cookie, csrf, body } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const headers = {};
    if (cookie) headers.Cookie = `canbo_session=${cookie}`;
    if (csrf) headers['X-CSRF-Token'] = csrf;
    if (body) { headers['Content-Type'] = 'application/json'; headers['Content-Length'] = Buffer.byteLength(body); }
    const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0, headers: res.headers,
        text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, error: e.code || e.message }));
    req.setTimeout(30000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

const codes = JSON.parse((await request(new http.Agent(), 'GET', '/api/v1/cadres?limit=200', {
  cookie: await (async () => {
    const r = await request(new http.Agent(), 'POST', '/api/v1/session', { body: JSON.stringify({ username: 'canbo', password: officer }) });
    return /canbo_session=([0-9a-f]+)/.exec(r.headers['set-cookie'][0])[1];
  })(),
})).text).items.map((c) => c.code);
const WORDS = ['nguyen', 'tran', 'hoang hai', 'dang van', 'thi', 'le', 'pham minh', 'vu', 'do', 'ngo'];

const lat = [], errors = [];
let reads = 0, writes = 0;
const until = Date.now() + SECONDS * 1000;
const samples = [];
const sampler = setInterval(() => samples.push({ t: Date.now(), mb: rss() }), 1000);

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function session(k) {
  await pause(Math.random() * 10000);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.0.${1 + (k % 8)}` });
  const login = await request(agent, 'POST', '/api/v1/session', { body: JSON.stringify({ username: 'canbo', password: officer }) });
  if (login.status !== 200) { errors.push(`login ${login.status} ${login.error || ''}`); return; }
  const cookie = /canbo_session=([0-9a-f]+)/.exec(login.headers['set-cookie'][0])[1];
  const csrf = JSON.parse(login.text).csrf;
  let n = 0, mine = null;
  while (Date.now() < until) {
    n++;
    let r, what;
    if (n % 10 === 3) {
      what = 'create';
      const code = `L${k}x${n}`;
      r = await request(agent, 'POST', '/api/v1/cadres', { cookie, csrf, body: JSON.stringify({ code, full_name: 'Lê Văn Tải',
        gender: 'M', birth_date: '1984-04-04', unit_code: 'HX' }) });
      if (r.status === 201) mine = code;
      writes++;
    } else if (n % 10 === 7 && mine) {
      what = 'patch';
      r = await request(agent, 'PATCH', `/api/v1/cadres/${mine}`, { cookie, csrf, body: JSON.stringify({
        set: { hometown: `Hải Xuân ${n}`.replace(/\d+/, '') + ['', ' Móng Cái'][n % 2] }, reason: 'kiểm tra tải' }) });
      writes++;
    } else {
      const code = codes[(k * 31 + n) % codes.length];
      const paths = [`/can-bo?q=${encodeURIComponent(WORDS[n % WORDS.length])}`, `/can-bo/${code}`, `/api/v1/cadres/${code}`,
        `/api/v1/cadres?q=${encodeURIComponent(WORDS[(n + k) % WORDS.length])}&limit=20`, '/thong-ke', '/', `/can-bo/${code}/lich-su`];
      what = paths[n % paths.length];
      r = await request(agent, 'GET', what, { cookie });
      reads++;
    }
    lat.push(r.ms);
    await pause(200 + Math.random() * 1600);
    if (r.status === 0 || r.status >= 400) errors.push(`${what}: ${r.status} ${r.error || r.text.slice(0, 120)}`);
  }
  agent.destroy();
}

const t0 = Date.now();
await Promise.all(Array.from({ length: SESSIONS }, (_, k) => session(k)));
const wall = (Date.now() - t0) / 1000;
clearInterval(sampler);
srv.kill('SIGTERM');
const exit = await new Promise((res) => srv.on('exit', (c) => res(c)));
rmSync(dir, { recursive: true, force: true });

lat.sort((a, b) => a - b);
const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))].toFixed(1);
const third = samples.filter((s) => s.t >= t0 + (SECONDS * 1000) / 3);
const growth = third.length ? Math.max(...third.map((s) => s.mb)) - third[0].mb : 0;
const peak = Math.max(...samples.map((s) => s.mb));
console.log(`load: ${SESSIONS} sessions for ${SECONDS} s on a ${CADRES}-cadre demo: ${lat.length} requests ` +
  `(${reads} reads, ${writes} writes) in ${wall.toFixed(1)} s = ${(lat.length / wall).toFixed(0)} req/s; ` +
  `latency p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, p99 ${pct(0.99)} ms; errors ${errors.length}`);
console.log(`load: server RSS ${samples[0]?.mb.toFixed(0)} MB at start, peak ${peak.toFixed(0)} MB, ` +
  `growth over the last two thirds ${growth.toFixed(1)} MB; server exit ${exit}`);
for (const e of errors.slice(0, 10)) console.log('  error: ' + e);
process.exit(errors.length === 0 && growth < 64 && exit === 0 ? 0 : 1);
