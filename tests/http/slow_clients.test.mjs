// Slow connections (slowloris, docs/SECURITY.md): 1,500 connections from one
// address (127.0.0.2) that send a request line and then one header line every
// 10 seconds, never finishing their headers. Meanwhile a normal client on
// 127.0.0.1 asks for the login page every half second: every answer must come,
// within 2 seconds. The server refuses connections over the per-address limit
// at once and cuts the others when their headers are not complete in time,
// so every slow connection is closed by the server well before the test ends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import { fixtureDb, startServer } from './helpers.mjs';

const SLOW = 1500, LINE_EVERY_MS = 10000, TEST_MS = 24000;
let srv;
before(async () => {
  const f = fixtureDb();
  srv = await startServer(f.db, f.dir);
});
after(async () => {
  if (srv) assert.equal((await srv.stop()).code, 0);
});

function get(path) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const req = http.get({ host: '127.0.0.1', port: srv.port, path, agent: false, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: Date.now() - t0 }));
    });
    req.on('timeout', () => { req.destroy(); resolve({ status: 'timeout', ms: Date.now() - t0 }); });
    req.on('error', (e) => resolve({ status: e.code, ms: Date.now() - t0 }));
  });
}

test(`${SLOW} slow connections from one address do not stop the server answering others`, { timeout: 60000 }, async () => {
  const sockets = [];
  const closedAfter = []; // ms from open to the server closing it
  let opened = 0;
  for (let i = 0; i < SLOW; i++) {
    const t0 = Date.now();
    const s = net.connect({ host: '127.0.0.1', port: srv.port, localAddress: '127.0.0.2' });
    s.on('connect', () => {
      opened++;
      s.write('GET /dang-nhap HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      s.timer = setInterval(() => s.write(`X-Slow-${Date.now()}: a\r\n`), LINE_EVERY_MS);
    });
    s.on('error', () => {});
    s.on('close', () => { clearInterval(s.timer); closedAfter.push(Date.now() - t0); });
    s.on('data', () => {});
    sockets.push(s);
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 20));
  }
  const answers = [];
  const end = Date.now() + TEST_MS;
  while (Date.now() < end) {
    answers.push(await get('/dang-nhap'));
    await new Promise((r) => setTimeout(r, 500));
  }
  const stillOpen = sockets.filter((s) => !s.destroyed && s.readyState === 'open').length;
  for (const s of sockets) { clearInterval(s.timer); s.destroy(); }
  const bad = answers.filter((a) => a.status !== 200);
  assert.deepEqual(bad, [], `${bad.length} of ${answers.length} normal requests failed (slow connections opened: ${opened})`);
  assert.ok(answers.length >= 30);
  assert.equal(stillOpen, 0, `${stillOpen} slow connections still open after ${TEST_MS} ms`);
  const late = closedAfter.filter((ms) => ms > 16000).length;
  assert.equal(late, 0, `${late} slow connections held longer than 16 s`);
  console.log(`# ${answers.length} normal answers, slowest ${Math.max(...answers.map((a) => a.ms))} ms; ${opened} slow connections accepted by TCP, all closed by the server`);
});
