// Slow clients (issue 7): a connection that trickles its headers a byte at a
// time is dropped after the header timeout, while other clients are served.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, api } from './harness.mjs';

describe('slow clients', () => {
  let server;
  before(async () => {
    server = await startServer({ requireTotp: 'none', env: { KRING_HEADER_TIMEOUT: '2' } });
  });
  after(async () => {
    if (server) await server.stop();
  });

  it('a connection sending one byte every 300 ms is closed after the header timeout; others are served meanwhile', async () => {
    const port = Number(new URL(server.base).port);
    const sock = net.connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => {
      sock.once('connect', resolve);
      sock.once('error', reject);
    });
    const opened = Date.now();
    let received = '';
    sock.on('data', (d) => (received += d));
    const closed = new Promise((resolve) => sock.once('close', () => resolve(Date.now() - opened)));
    sock.on('error', () => {});
    const head = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ';
    let i = 0;
    const timer = setInterval(() => {
      if (sock.destroyed) return;
      sock.write(i < head.length ? head[i] : 'a');
      i++;
    }, 300);
    try {
      // Other clients keep being answered quickly while the slow one trickles.
      for (let k = 0; k < 5; k++) {
        const t0 = Date.now();
        const r = await api(server.base, 'GET', '/healthz');
        assert.equal(r.status, 200);
        assert.ok(Date.now() - t0 < 1000, 'a normal request is not held up');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const after = await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve(-1), 10000))]);
      assert.ok(after > 0, 'the slow connection was closed by the server');
      assert.ok(after >= 1500 && after < 6000, `closed after ${after} ms (timeout 2 s)`);
      assert.ok(!/200 OK/.test(received), 'the slow request was never answered');
    } finally {
      clearInterval(timer);
      sock.destroy();
    }
  });

  it('a body trickled a byte every 300 ms is cut off after three header timeouts', async () => {
    const port = Number(new URL(server.base).port);
    const sock = net.connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => {
      sock.once('connect', resolve);
      sock.once('error', reject);
    });
    let received = '';
    sock.on('data', (d) => (received += d));
    sock.on('error', () => {});
    sock.write('POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
    const opened = Date.now();
    const closed = new Promise((resolve) => sock.once('close', () => resolve(Date.now() - opened)));
    const timer = setInterval(() => {
      if (!sock.destroyed) sock.write(' ');
    }, 300);
    try {
      const after = await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve(-1), 15000))]);
      assert.ok(after > 0, 'the connection with the trickled body was closed by the server');
      assert.ok(after >= 4500 && after < 10000, `closed after ${after} ms (body deadline 3 × 2 s)`);
      assert.ok(!/HTTP\/1\.1 [0-9]/.test(received), `the request was never answered: ${received}`);
      assert.equal((await api(server.base, 'GET', '/healthz')).status, 200);
    } finally {
      clearInterval(timer);
      sock.destroy();
    }
  });
});
