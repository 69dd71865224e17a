// Login CSRF (docs/SECURITY.md): the logins (POST /api/v1/session and the
// login form POST /dang-nhap) are refused (403, nothing logged in, the refusal
// audited) when the browser says the request comes from another site --
// Origin of another scheme/host/port, "Origin: null", or Sec-Fetch-Site:
// cross-site -- and accepted from the same origin, same-site, and from a
// script sending neither header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fixtureDb, startServer, USERS } from './helpers.mjs';

let srv, db;
before(async () => {
  const f = fixtureDb();
  db = f.db;
  srv = await startServer(f.db, f.dir);
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
});

const CRED = { username: 'officer', password: USERS.officer.password };

function api(headers) {
  return fetch(srv.base + '/api/v1/session', { method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(CRED) });
}
function form(headers) {
  return fetch(srv.base + '/dang-nhap', { method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(CRED).toString() });
}

const CROSS = [
  { Origin: 'http://evil.example' },
  { Origin: 'https://evil.example' },
  { Origin: 'null' },
  { 'Sec-Fetch-Site': 'cross-site' },
  { 'Sec-Fetch-Site': 'cross-site', Origin: 'SAME' },
];
const SAME = [
  {},
  { Origin: 'SAME' },
  { 'Sec-Fetch-Site': 'same-origin', Origin: 'SAME' },
  { 'Sec-Fetch-Site': 'same-site' },
  { 'Sec-Fetch-Site': 'none' },
];
const fill = (h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, v === 'SAME' ? srv.base : v]));
const denied = () => spawnSync('sqlite3', [db, "SELECT ifnull(sum(count), 0) FROM denials"], { encoding: 'utf8' }).stdout.trim();

test('a cross-site login is refused, through the API and the form', async () => {
  for (const h of CROSS) {
    const before = Number(denied());
    const a = await api(fill(h));
    const body = await a.json();
    assert.equal(a.status, 403, `API ${JSON.stringify(h)}`);
    assert.equal(body.error.code, 'cross_site');
    assert.equal(a.headers.get('set-cookie'), null);
    const f = await form(fill(h));
    await f.text();
    assert.equal(f.status, 403, `form ${JSON.stringify(h)}`);
    assert.equal(f.headers.get('set-cookie'), null);
    assert.equal(Number(denied()), before + 2, 'both refusals are counted (denials)');
  }
});

test('a same-site login, or one with neither header (a script), is accepted', async () => {
  for (const h of SAME) {
    const a = await api(fill(h));
    assert.equal(a.status, 200, `API ${JSON.stringify(h)}: ${await a.text()}`);
    assert.match(a.headers.get('set-cookie'), /canbo_session=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=\//);
    assert.doesNotMatch(a.headers.get('set-cookie'), /Secure/); // plain HTTP: no Secure
    const f = await form(fill(h));
    await f.text();
    assert.equal(f.status, 303, `form ${JSON.stringify(h)}`);
    assert.match(f.headers.get('set-cookie'), /canbo_session=[0-9a-f]{64}/);
  }
});
