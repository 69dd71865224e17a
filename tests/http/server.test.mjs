// The server itself: keep-alive, failed-login rate limit, form bodies
// (urlencoded and multipart) reaching the CSRF check, many parallel
// requests, --listen errors, and a clean exit 0 on SIGTERM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { fixtureDb, startServer, Client, USERS, CANBO } from './helpers.mjs';

let srv, fx;

before(async () => {
  fx = fixtureDb();
  srv = await startServer(fx.db);
});
after(async () => {
  await srv.stop();
});

function get(agent, path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: srv.port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, reused: req.reusedSocket, headers: res.headers }));
    });
    req.on('error', reject);
  });
}

test('keep-alive: two requests on one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const a = await get(agent, '/api/v1/units');
  const b = await get(agent, '/assets/app.css');
  const c = await get(agent, '/dang-nhap');
  agent.destroy();
  assert.equal(a.status, 401);
  assert.equal(b.status, 200);
  assert.equal(a.reused, false);
  assert.equal(b.reused, true, 'second request reused the socket');
  assert.equal(c.reused, true, 'third request reused the socket');
  assert.notEqual(a.headers.connection, 'close');
});

test('5 wrong passwords, then 429 with Retry-After, even with the right password', async () => {
  const c = new Client(srv.base);
  for (let i = 0; i < 5; i++) assert.equal((await c.login('officer', 'wrong-password-' + i)).res.status, 401);
  const { res, body } = await c.login('officer', USERS.officer.password);
  assert.equal(res.status, 429);
  assert.equal(body.error.code, 'too_many_requests');
  const wait = Number(res.headers.get('retry-after'));
  assert.ok(wait > 0 && wait <= 900, `Retry-After ${wait}`);
  // other users are not affected
  assert.equal((await new Client(srv.base).login('admin', USERS.admin.password)).res.status, 200);
});

test('form bodies: the csrf field of urlencoded and multipart forms is read', async () => {
  const c = new Client(srv.base);
  await c.login('vkl', USERS.vkl.password);
  // wrong token in a multipart form: refused
  let fd = new FormData();
  fd.append('csrf', 'x'.repeat(64));
  let res = await c.fetch('/dang-xuat', { method: 'POST', body: fd });
  assert.equal(res.status, 403);
  // right token, multipart with a file field too: passes the check (the logout handler answers)
  fd = new FormData();
  fd.append('file', new Blob(['code,name\n']), 'units.csv');
  fd.append('csrf', c.csrf);
  res = await c.fetch('/dang-xuat', { method: 'POST', body: fd });
  assert.notEqual(res.status, 403);
  assert.ok(res.status < 500, `status ${res.status}`);
  // log in again and use an urlencoded form
  await c.login('vkl', USERS.vkl.password);
  res = await c.fetch('/dang-xuat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'a=1&csrf=' + encodeURIComponent(c.csrf),
  });
  assert.notEqual(res.status, 403);
  assert.ok(res.status < 500, `status ${res.status}`);
});

test('many parallel requests all answer', async () => {
  const c = new Client(srv.base);
  await c.login('admin', USERS.admin.password);
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) => c.json(`/api/v1/cadres?limit=3&offset=${i % 12}&sort=code`)),
  );
  for (const [i, r] of results.entries()) {
    assert.equal(r.status, 200);
    assert.equal(r.body.total, 12);
    assert.equal(r.body.items[0].code, 'C' + String((i % 12) + 1).padStart(3, '0'));
  }
});

test('serve --listen: bad address exit 2, port in use exit 1', async () => {
  for (const bad of ['nonsense', '127.0.0.1:99999', '127.0.0.1:', ':8080']) {
    const r = spawnSync(CANBO, ['--db', fx.db, 'serve', '--listen', bad], { encoding: 'utf8', timeout: 10000 });
    assert.equal(r.status, 2, `${bad}: ${r.stderr}`);
  }
  const r = spawnSync(CANBO, ['--db', fx.db, 'serve', '--listen', `127.0.0.1:${srv.port}`], {
    encoding: 'utf8',
    timeout: 10000,
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /cannot listen/);
});

test('SIGTERM (and SIGINT) stop the server with exit 0, also with an idle connection open', async () => {
  for (const sig of ['SIGTERM', 'SIGINT']) {
    const s = await startServer(fx.db);
    const sock = net.connect(s.port, '127.0.0.1');
    sock.on('error', () => {}); // the server may reset it while stopping
    await new Promise((r) => sock.on('connect', r));
    s.proc.kill(sig);
    const { code, signal } = await s.exited;
    sock.destroy();
    assert.equal(signal, null);
    assert.equal(code, 0, s.stderr());
  }
});

// One raw connection: its answer's status line, or null when the server closed it unanswered.
function rawGet(port) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let data = '';
    let done = false;
    const finish = (v) => {
      if (!done) (done = true), resolve({ sock, status: v });
    };
    sock.on('error', () => finish(null));
    sock.on('close', () => finish(data ? data.split('\r\n')[0] : null));
    sock.on('data', (d) => {
      data += d;
      if (data.includes('\r\n\r\n')) finish(data.split('\r\n')[0]);
    });
    sock.on('connect', () => sock.write('GET /dang-nhap HTTP/1.1\r\nHost: x\r\n\r\n'));
  });
}

test('--max-conns-per-address counts one address across all server threads, and gives connections back', async () => {
  // Each server thread listens on its own socket (core/http_listen.h): the limit must hold for their sum.
  const s = await startServer(fx.db, undefined, ['--max-conns-per-address', '4']);
  try {
    const first = await Promise.all(Array.from({ length: 10 }, () => rawGet(s.port)));
    const answered = first.filter((r) => r.status && /^HTTP\/1\.1 200/.test(r.status));
    assert.equal(answered.length, 4, first.map((r) => r.status).join(', '));
    for (const r of first) r.sock.destroy();
    await new Promise((r) => setTimeout(r, 300)); // the server sees the closes
    const again = await Promise.all(Array.from({ length: 4 }, () => rawGet(s.port)));
    assert.deepEqual(again.map((r) => /^HTTP\/1\.1 200/.test(r.status || '')), [true, true, true, true]);
    for (const r of again) r.sock.destroy();
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});
