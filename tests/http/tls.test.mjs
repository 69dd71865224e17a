// HTTPS (docs/DEPLOY.md): `canbo serve --tls-cert FILE --tls-key FILE` with a
// self-signed certificate made here by openssl. Pages and the API answer over
// TLS (the client trusts exactly that certificate), every answer carries HSTS,
// the session cookie is Secure, a plain-HTTP request to the port gets no page,
// and bad arguments are refused (one file without the other: usage error 2; a
// missing file or a key that does not match: exit 1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDb, USERS, CANBO } from './helpers.mjs';

let dir, db, proc, port, ca;

function openssl(args) {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

async function serve(extra) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const p = 19000 + Math.floor(Math.random() * 800);
    const child = spawn(CANBO, ['--db', db, 'serve', '--listen', `127.0.0.1:${p}`, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stderr.on('data', (d) => (err += d));
    const ok = await new Promise((resolve) => {
      child.stdout.on('data', (d) => { out += d; if (out.includes(`listening on https://127.0.0.1:${p}/`)) resolve(true); });
      child.on('exit', () => resolve(false));
      setTimeout(() => resolve(false), 15000);
    });
    if (ok) return { child, port: p };
    if (child.exitCode === null) child.kill('SIGKILL');
    if (!/cannot listen/.test(err)) throw new Error(`server did not start: ${err}`);
  }
  throw new Error('no free port');
}

before(async () => {
  const f = fixtureDb();
  dir = f.dir;
  db = f.db;
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'other-key.pem'), '-out', join(dir, 'other.pem'),
    '-days', '2', '-subj', '/CN=other']);
  ca = readFileSync(join(dir, 'cert.pem'));
  ({ child: proc, port } = await serve(['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')]));
});
after(async () => {
  if (proc) {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.on('exit', r));
    assert.equal(proc.exitCode, 0);
  }
  spawnSync('rm', ['-rf', dir]);
});

function request(method, path, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path, method, ca, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('pages and the API over TLS: HSTS on every answer, the session cookie Secure', async () => {
  const page = await request('GET', '/dang-nhap');
  assert.equal(page.status, 200);
  assert.match(page.text, /<form/);
  assert.equal(page.headers['strict-transport-security'], 'max-age=31536000');
  const login = await request('POST', '/api/v1/session', { body: JSON.stringify({ username: 'admin', password: USERS.admin.password }),
    headers: { 'Content-Type': 'application/json', Origin: `https://127.0.0.1:${port}` } });
  assert.equal(login.status, 200, login.text);
  const cookie = login.headers['set-cookie'][0];
  assert.match(cookie, /^canbo_session=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+; Secure$/);
  const token = /canbo_session=([0-9a-f]+)/.exec(cookie)[1];
  const me = await request('GET', '/api/v1/cadres?limit=1', { headers: { Cookie: `canbo_session=${token}` } });
  assert.equal(me.status, 200);
  assert.equal(me.headers['strict-transport-security'], 'max-age=31536000');
  // the form login too, and a plain-http Origin is another site under TLS
  const form = await request('POST', '/dang-nhap', { body: new URLSearchParams({ username: 'admin', password: USERS.admin.password }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(form.status, 303);
  assert.match(form.headers['set-cookie'][0], /; Secure$/);
  const cross = await request('POST', '/api/v1/session', { body: JSON.stringify({ username: 'admin', password: USERS.admin.password }),
    headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}` } });
  assert.equal(cross.status, 403);
});

test('plain HTTP to the TLS port gets no page', async () => {
  let text = '';
  try {
    const res = await fetch(`http://127.0.0.1:${port}/dang-nhap`, { signal: AbortSignal.timeout(5000) });
    text = await res.text();
  } catch { /* refused: fine */ }
  assert.doesNotMatch(text, /<form/);
});

test('bad TLS arguments are refused', () => {
  const run = (args) => spawnSync(CANBO, ['--db', db, 'serve', '--listen', '127.0.0.1:1', ...args], { encoding: 'utf8', timeout: 10000 });
  let r = run(['--tls-cert', join(dir, 'cert.pem')]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--tls-cert and --tls-key go together/);
  r = run(['--tls-cert', join(dir, 'missing.pem'), '--tls-key', join(dir, 'key.pem')]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /cannot read the TLS certificate/);
  r = run(['--tls-cert', join(dir, 'db.sqlite-does-not-matter'), '--tls-key', join(dir, 'key.pem')]);
  assert.equal(r.status, 1);
  r = run(['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'other-key.pem')]);
  assert.equal(r.status, 1, r.stderr);
});
