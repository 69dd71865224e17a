// Shared plumbing of the browser tests: Debian's Chromium launch options (no
// downloaded browser), a free port in 19000-19999, and `canbo serve` started
// on a database. Env: CANBO = binary, CANBO_TOP = source top (optional).
import { spawn } from 'node:child_process';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const here = dirname(fileURLToPath(import.meta.url));
export const TOP = process.env.CANBO_TOP || resolve(here, '../..');
export const CANBO = process.env.CANBO;
export const SHOTS = join(TOP, 'build', 'e2e');
export const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/** A free TCP port in 19000-19999 on 127.0.0.1. */
export async function freePort() {
  for (let i = 0; i < 50; i++) {
    const port = 19000 + Math.floor(Math.random() * 1000);
    const ok = await new Promise((res) => {
      const s = net.createServer();
      s.once('error', () => res(false));
      s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
    });
    if (ok) return port;
  }
  throw new Error('no free port in 19000-19999');
}

/** `canbo --db DB serve` on 127.0.0.1:port; resolves with the process once it listens. */
export function startServer(db, port) {
  return new Promise((res, rej) => {
    const p = spawn(CANBO, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => rej(new Error('server did not start: ' + out)), 10000);
    const onData = (d) => {
      out += d;
      if (out.includes('listening')) { clearTimeout(timer); res(p); }
    };
    p.stdout.on('data', onData);
    p.stderr.on('data', onData);
    p.once('exit', (code) => { clearTimeout(timer); rej(new Error(`server exited ${code}: ${out}`)); });
  });
}

/**
 * A demo database of `cadres` people (seed `seed`) served on a free port, and Chromium launched: resolves with
 * {base, password (of the officer "canbo"), browser, stop()}; stop() closes the browser, stops the server and
 * removes the database.
 */
export async function demoSession(cadres, seed) {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'canbo-e2e-demo-'));
  const db = join(dir, 'demo.db');
  const out = execFileSync(CANBO, ['--db', db, 'demo', '--cadres', String(cadres), '--seed', String(seed)], { encoding: 'utf8' });
  const m = /^ {2}canbo\s+(\S+)\s+officer\s/m.exec(out);
  if (!m) throw new Error('demo prints the officer login "canbo":\n' + out);
  const port = await freePort();
  const server = await startServer(db, port);
  const browser = await chromium.launch(LAUNCH);
  return {
    base: `http://127.0.0.1:${port}`, password: m[1], browser,
    async stop() {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise((res) => { if (server.exitCode !== null) res(); else server.once('exit', res); });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
