// GET /metrics (issue 8): off without a token; with one, only for the bearer
// of it; the Prometheus text format as a real parser reads it; counters that
// follow the requests; the audit gauge equal to the chain in the database;
// and the server's log in logfmt (read by a logfmt parser), requests with
// route patterns, never ids from a path.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer, api, dbQuery, loginAdmin } from './harness.mjs';

const require = createRequire(import.meta.url);
const parsePrometheus = require('parse-prometheus-text-format');
const logfmt = require('logfmt');
const TOKEN = 'metrics-token-for-tests-0123456789';

const scrape = (base, auth) => fetch(`${base}/metrics`, { headers: auth ? { Authorization: auth } : {} });
const family = (parsed, name) => {
  const f = parsed.find((m) => m.name === name);
  assert.ok(f, `${name} in the scrape`);
  return f;
};
// Every line parsed with a logfmt parser; each must have a UTC time, a level and a message.
const logEntries = (text) =>
  text
    .split('\n')
    .filter((line) => line.length)
    .map((line) => {
      const e = logfmt.parse(line);
      assert.match(e.ts || '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, `a time first: ${line}`);
      assert.ok(line.startsWith(`ts=${e.ts} level=`), `ts and level first: ${line}`);
      assert.ok(['info', 'warn', 'error'].includes(e.level), `a level: ${line}`);
      assert.ok(typeof e.msg === 'string' && e.msg.length > 0, `a message: ${line}`);
      return e;
    });
const sample = (f, labels) =>
  f.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels && m.labels[k] === v));

describe('metrics', () => {
  let on;
  let off;

  before(async () => {
    on = await startServer({ requireTotp: 'none', env: { KRING_METRICS_TOKEN: TOKEN } });
    off = await startServer({ requireTotp: 'none' });
  });

  after(async () => {
    if (on) await on.stop();
    if (off) await off.stop();
  });

  it('is off without a token and refuses callers without the right one', async () => {
    assert.equal((await scrape(off.base, `Bearer ${TOKEN}`)).status, 404);
    assert.equal((await scrape(on.base)).status, 401);
    assert.equal((await scrape(on.base, `Bearer ${TOKEN}x`)).status, 401);
    assert.equal((await scrape(on.base, TOKEN)).status, 401);
    const post = await fetch(`${on.base}/metrics`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(post.status, 405);
  });

  it('counts requests by route and status in a format Prometheus reads', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await fetch(`${on.base}/healthz`)).status, 200);
    for (let i = 0; i < 2; i++) assert.equal((await api(on.base, 'GET', '/api/v1/youths/424242')).status, 401);
    assert.equal((await fetch(`${on.base}/`)).status, 200);
    const r = await scrape(on.base, `Bearer ${TOKEN}`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    const text = await r.text();
    const parsed = parsePrometheus(text);
    const requests = family(parsed, 'kring_http_requests_total');
    assert.equal(requests.type, 'COUNTER');
    const healthz = sample(requests, { route: '/healthz', method: 'GET', status: '200' });
    assert.ok(healthz && Number(healthz.value) >= 3, `healthz counted: ${JSON.stringify(healthz)}`);
    const refused = sample(requests, { route: '/api/v1/youths/{id}', method: 'GET', status: '401' });
    assert.ok(refused && Number(refused.value) === 2, `refusals counted by pattern: ${JSON.stringify(refused)}`);
    assert.ok(sample(requests, { route: '(static)', status: '200' }), 'static files counted');
    assert.ok(!text.includes('424242'), 'no id from a path in the scrape');
    const latency = family(parsed, 'kring_http_request_duration_seconds');
    assert.equal(latency.type, 'HISTOGRAM');
    const h = latency.metrics[0];
    // (object keys like "1" and "5" come first in JavaScript: order them by value)
    const les = Object.keys(h.buckets).sort((a, b) => Number(a === '+Inf' ? Infinity : a) - Number(b === '+Inf' ? Infinity : b));
    assert.equal(les[les.length - 1], '+Inf');
    const counts = les.map((le) => Number(h.buckets[le]));
    for (let i = 1; i < counts.length; i++) assert.ok(counts[i] >= counts[i - 1], 'buckets are cumulative');
    assert.equal(Number(h.count), counts[counts.length - 1], 'count = the +Inf bucket');
    const total = requests.metrics.reduce((n, m) => n + Number(m.value), 0);
    assert.equal(Number(h.count), total, 'every counted request is in the histogram');
    assert.ok(Number(h.sum) > 0);
    assert.equal(Number(family(parsed, 'kring_store_errors_total').metrics[0].value), 0);
    assert.equal(Number(family(parsed, 'kring_open_alerts').metrics[0].value), 0);
    const events = Number(dbQuery(on.db, { sqlite: 'SELECT max(id) FROM audit_events;', postgresql: 'SELECT max(id) FROM audit_events;' }).trim());
    assert.equal(Number(family(parsed, 'kring_audit_events_total').metrics[0].value), events, 'the length of the chain');
  });

  it('counts the group commits of audit events and the events in them', async () => {
    const counts = async () => {
      const parsed = parsePrometheus(await (await scrape(on.base, `Bearer ${TOKEN}`)).text());
      const value = (name) => {
        const f = family(parsed, name);
        assert.equal(f.type, 'COUNTER', name);
        return Number(f.metrics[0].value);
      };
      return { commits: value('kring_audit_group_commits_total'), events: value('kring_audit_group_events_total') };
    };
    const before = await counts();
    // refusals of a signed-in caller are audited on their own, through the group committer
    const { token } = await loginAdmin(on);
    const reads = await Promise.all(Array.from({ length: 8 }, () => api(on.base, 'GET', '/api/v1/youths/424242', { token })));
    for (const r of reads) assert.ok([403, 404].includes(r.status), `refused: ${r.status}`);
    const after = await counts();
    assert.ok(after.events - before.events >= 8, `8 more events: ${JSON.stringify({ before, after })}`);
    assert.ok(after.commits > before.commits, 'at least one more commit');
    assert.ok(after.commits - before.commits <= after.events - before.events, 'never more commits than events');
  });

  it('logs requests in logfmt with the route pattern only', async () => {
    const log = on.stderr();
    const entries = logEntries(log);
    const requests = entries.filter((e) => e.msg === 'request');
    assert.ok(requests.length >= 6, 'a line per request');
    assert.ok(
      requests.some(
        (e) =>
          /^[0-9a-f]{16}$/.test(e.req) &&
          e.method === 'GET' &&
          e.route === '/api/v1/youths/{id}' &&
          e.status === '401' &&
          /^\d+\.\d\d$/.test(e.duration_ms),
      ),
      JSON.stringify(requests),
    );
    assert.ok(!log.includes('424242'), 'no id from a path in the log');
  });

  it('writes every line of its log in logfmt, from start to stop', async () => {
    const server = off;
    off = null;
    await server.stop();
    const entries = logEntries(server.stderr());
    const starting = entries.find((e) => e.msg === 'starting');
    assert.ok(starting, 'a starting line');
    assert.ok(['sqlite', 'postgresql'].includes(starting.store), JSON.stringify(starting));
    assert.ok(Number(starting.threads) >= 1 && Number(starting.web_files) >= 1, JSON.stringify(starting));
    assert.ok(entries.some((e) => e.msg === 'listening' && e.url === server.base), 'the listening line names the URL');
    assert.ok(entries.some((e) => e.msg === 'stopping' && e.signal === 'SIGTERM'), 'the stop is logged');
    // a clean start and stop warns about nothing (libmicrohttpd complains, through
    // our logger, when its logger is not its first option)
    assert.deepEqual(entries.filter((e) => e.level !== 'info'), []);
  });
});
