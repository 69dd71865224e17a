// Helpers for the HTTP tests: build a temporary database (exact CSV fixtures
// or the demo), start `canbo serve` on a free port of 18200-18999, log in,
// and fetch with the session cookie and CSRF token. Env CANBO = binary.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CANBO = process.env.CANBO || join(dirname(fileURLToPath(import.meta.url)), '../../build/canbo');
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

// Fixture users (password, role, unit).
export const USERS = {
  admin: { password: 'admin-password-1', role: 'admin', unit: null },
  officer: { password: 'officer-password-1', role: 'officer', unit: null },
  vkl: { password: 'viewer-password-1', role: 'viewer', unit: 'KL' },
};

function run(args, input) {
  const r = spawnSync(CANBO, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`canbo ${args.join(' ')} -> ${r.status}: ${r.stderr}`);
  return r.stdout;
}

// A temp dir with a database built from tests/http/fixtures and the USERS.
export function fixtureDb() {
  const dir = mkdtempSync(join(tmpdir(), 'canbo-http-'));
  const db = join(dir, 'canbo.db');
  for (const kind of ['units', 'titles', 'cadres', 'positions', 'trainings'])
    run(['--db', db, 'import', kind, join(FIXTURES, `${kind}.csv`)]);
  for (const [name, u] of Object.entries(USERS)) {
    const args = ['--db', db, 'user', 'add', name, '--role', u.role, '--password-stdin'];
    if (u.unit) args.push('--unit', u.unit);
    run(args, u.password + '\n');
  }
  return { dir, db };
}

// Demo login lines: two spaces, username, spaces, password, spaces, role, spaces, unit code or "-".
export function parseDemoLogins(stdout) {
  const logins = [];
  for (const line of stdout.split('\n')) {
    const m = /^ {2}(\S+) +(\S+) +(admin|officer|viewer) +(\S+)\s*$/.exec(line);
    if (m) logins.push({ username: m[1], password: m[2], role: m[3], unit: m[4] === '-' ? null : m[4] });
  }
  return logins;
}

// A temp dir with `canbo demo --cadres 300 --seed 7`; null when the demo is not available.
export function demoDb() {
  const dir = mkdtempSync(join(tmpdir(), 'canbo-http-demo-'));
  const db = join(dir, 'canbo.db');
  const r = spawnSync(CANBO, ['--db', db, 'demo', '--cadres', '300', '--seed', '7'], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return { dir, db, logins: parseDemoLogins(r.stdout) };
}

// Start `canbo serve` on `db`; resolves when it prints its listening line.
export async function startServer(db, dir, extraArgs = []) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const port = 18200 + Math.floor(Math.random() * 800);
    const proc = spawn(CANBO, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`, ...extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d));
    const ok = await new Promise((resolve) => {
      let out = '';
      const timer = setTimeout(() => resolve(false), 15000);
      proc.stdout.on('data', (d) => {
        out += d;
        if (out.includes(`canbo: listening on http://127.0.0.1:${port}/`)) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      proc.on('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (ok) {
      const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
      return {
        proc,
        port,
        base: `http://127.0.0.1:${port}`,
        exited,
        stderr: () => stderr,
        async stop() {
          if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
          const r = await exited;
          if (dir) rmSync(dir, { recursive: true, force: true });
          return r;
        },
      };
    }
    if (proc.exitCode === null) proc.kill('SIGKILL');
    if (!/cannot listen/.test(stderr)) throw new Error(`server did not start: ${stderr}`);
  }
  throw new Error('no free port found');
}

// A client keeping the session cookie and CSRF token.
export class Client {
  constructor(base) {
    this.base = base;
    this.cookie = null;
    this.csrf = null;
  }
  async login(username, password) {
    const res = await this.fetch('/api/v1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await res.json();
    if (res.status === 200) {
      const sc = res.headers.get('set-cookie') || '';
      this.cookie = /canbo_session=([^;]*)/.exec(sc)[1];
      this.csrf = body.csrf;
    }
    return { res, body };
  }
  async fetch(path, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    if (this.cookie) headers.Cookie = `canbo_session=${this.cookie}`;
    const go = () => fetch(this.base + path, { redirect: 'manual', ...opts, headers });
    try {
      return await go();
    } catch (e) {
      // The server closes a keep-alive connection idle for 30 s; a GET sent on it just then fails at the
      // socket. Browsers send such an idempotent request again on a new connection, and so do we, once.
      if ((opts.method || 'GET') !== 'GET' || !/fetch failed/.test(String(e))) throw e;
      return go();
    }
  }
  async json(path, opts) {
    const res = await this.fetch(path, opts);
    return { res, status: res.status, body: await res.json() };
  }
}
