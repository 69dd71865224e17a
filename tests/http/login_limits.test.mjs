// Failed-login limits (docs/SECURITY.md): 40 simultaneous wrong guesses for
// one user -- at most AUTH_FAIL_MAX_USER (5) get their password checked (401),
// the rest are refused by the limit (429); and a stranger guessing from
// another address (127.0.0.2) cannot lock the user out of the address the
// user logged in from before (127.0.0.1), while a new address is locked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { fixtureDb, startServer, USERS } from './helpers.mjs';

let srv;
before(async () => {
  const f = fixtureDb();
  srv = await startServer(f.db, f.dir);
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
});

// POST /api/v1/session from a chosen local address (a new connection each time); resolves to the status.
function login(username, password, localAddress = '127.0.0.1') {
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: srv.port, path: '/api/v1/session', method: 'POST', localAddress,
      agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('40 simultaneous wrong guesses: at most 5 pass the limit check', async () => {
  const statuses = await Promise.all(Array.from({ length: 40 }, () => login('vkl', 'wrong-guess-123')));
  const checked = statuses.filter((s) => s === 401).length;
  const limited = statuses.filter((s) => s === 429).length;
  assert.equal(checked + limited, 40, `statuses: ${statuses.join(' ')}`);
  assert.ok(checked <= 5, `${checked} guesses had their password checked`);
  assert.ok(checked >= 1);
});

test('a stranger cannot lock a user out of an address the user logged in from', async () => {
  assert.equal(await login('officer', USERS.officer.password, '127.0.0.1'), 200); // the office address becomes known
  for (let i = 0; i < 5; i++) assert.equal(await login('officer', 'stranger-guess', '127.0.0.2'), 401);
  assert.equal(await login('officer', 'stranger-guess', '127.0.0.2'), 429);
  // the stranger is locked; from a new address the user is too, but not from the office
  assert.equal(await login('officer', USERS.officer.password, '127.0.0.3'), 429);
  assert.equal(await login('officer', USERS.officer.password, '127.0.0.1'), 200);
  assert.equal(await login('officer', USERS.officer.password, '127.0.0.1'), 200);
});
