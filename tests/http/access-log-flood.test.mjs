// The access log cannot be flooded: someone outside the young person's
// circle (a young person's or a JIM's account of another file) who tries to
// open the file over and over leaves an audit event each time, refused. The
// answer holds the newest 1000 events that are not such tries and, apart
// from them, the newest 200 tries, so that 1200 tries do not push the real
// reads out of it; `more` and `more_outside_tries` say that older ones of
// either were left out. The events are made by real requests (the audit
// chain stays whole).
//
// Run from the repository root: node --test tests/http/access-log-flood.test.mjs
// (PostgreSQL: sh scripts/pg-test.sh node --test tests/http/access-log-flood.test.mjs)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sleep } from './harness.mjs';
import { setupDossierWorld, client, youthWithJim, youthAccount } from './dossier-fixture.mjs';

const FLOOD = 1200;
const TRIES_MAX = 200;
const MAX = 1000;
// requests at a time
const BATCH = 8;

describe('a flood of tries from outside the circle in the access log', { timeout: 600000 }, () => {
  let w;
  let c;
  let y; // Noor with JIM Oom Kees, team A
  let other; // Fleurine with JIM Tante Wilhelmina, team A
  let self; // Noor's own account
  let outsiders; // Fleurine's own account and her JIM
  let beforeFlood; // a time between the first reads and the flood
  let midFlood; // a time after the first half of the flood
  let afterFlood; // a time between the flood and the last reads

  // `n` times fn(i), BATCH at a time.
  const times = async (n, fn) => {
    for (let i = 0; i < n; i += BATCH) {
      await Promise.all(Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => fn(i + k)));
    }
  };
  const readFile = async (who) => {
    const r = await c.get(who, `/youths/${y.youth.id}`);
    assert.equal(r.status, 200, r.text);
  };
  const tryFile = async (i) => {
    const r = await c.get(outsiders[i % 2], `/youths/${y.youth.id}`);
    assert.ok(r.status === 403 || r.status === 404, `try ${i}: ${r.status} ${r.text}`);
  };
  // A moment that lies strictly between the events before and after it.
  const moment = async () => {
    await sleep(20);
    const at = new Date().toISOString();
    await sleep(20);
    return at;
  };

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Oom Kees', youth: { given_name: 'Noor' } });
    other = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Wilhelmina', youth: { given_name: 'Fleurine' } });
    self = await youthAccount(w.base, w.pA, y.youth.id);
    outsiders = [await youthAccount(w.base, w.pA, other.youth.id), other.jim];

    // Anna reads the file, Noor looks who did, then the flood, then Anna reads it again.
    for (let i = 0; i < 3; i++) await readFile(w.pA);
    assert.equal((await c.get(self, `/youths/${y.youth.id}/access-log`)).status, 200);
    beforeFlood = await moment();
    await times(FLOOD / 2, tryFile);
    midFlood = await moment();
    await times(FLOOD / 2, (i) => tryFile(FLOOD / 2 + i));
    afterFlood = await moment();
    await readFile(w.pA);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const log = async (who, query = '') => {
    const r = await c.get(who, `/youths/${y.youth.id}/access-log${query}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(typeof r.json.more, 'boolean', r.text.slice(0, 200));
    assert.equal(typeof r.json.more_outside_tries, 'boolean', r.text.slice(0, 200));
    return r.json;
  };
  // who's reads of the file itself (GET /youths/{id}), not of its access log
  const reads = (items, who) => items.filter((e) => e.user && e.user.id === who.id && e.action === 'read' && e.part === 'youth' && e.outcome === 'success');
  const tries = (items) => items.filter((e) => e.outside_circle);
  const newestFirst = (items) => {
    for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].at >= items[i].at, `newest first at ${i}: ${items[i - 1].at} ${items[i].at}`);
  };

  for (const [reader, pick] of [['the young person', () => self], ['the team lead', () => w.tA], ['the privacy officer', () => w.po]]) {
    it(`keeps the real reads before the flood in ${reader}'s answer`, async () => {
      const a = await log(pick());
      assert.equal(reads(a.items, w.pA).length, 4, 'Anna\'s reads, 3 before the flood and 1 after it');
      assert.equal(tries(a.items).length, TRIES_MAX, 'the newest 200 tries');
      assert.equal(a.more_outside_tries, true);
      assert.equal(a.more, false);
      newestFirst(a.items);
      // the tries are the newest ones: all after the middle of the flood
      for (const e of tries(a.items)) assert.ok(e.at > midFlood, e.at);
    });
  }

  it('names nobody outside the circle to the young person and the team lead, and does to the privacy officer', async () => {
    for (const who of [self, w.tA]) {
      const hidden = tries((await log(who)).items);
      assert.equal(hidden.length, TRIES_MAX);
      for (const e of hidden) {
        assert.equal(e.outcome, 'denied');
        assert.deepEqual(e.user, { id: null, display_name: null, role: null, organisation: null }, JSON.stringify(e));
      }
    }
    const named = tries((await log(w.po)).items);
    assert.deepEqual(new Set(named.map((e) => e.user.id)), new Set(outsiders.map((o) => o.id)));
  });

  it('others=true leaves out the young person\'s own events before they are taken', async () => {
    const all = await log(self);
    assert.ok(all.items.some((e) => e.user.id === self.id && e.at < beforeFlood), 'her own look, before the flood');
    const others = await log(self, '?others=true');
    assert.ok(!others.items.some((e) => e.user.id === self.id));
    assert.equal(reads(others.items, w.pA).length, 4);
    assert.equal(tries(others.items).length, TRIES_MAX);
    assert.equal(others.more_outside_tries, true);
    assert.equal(others.more, false);
  });

  it('from and to choose the events first, then the caps apply', async () => {
    const q = (o) => '?' + new URLSearchParams(o).toString();
    const early = await log(self, q({ to: beforeFlood }));
    assert.equal(tries(early.items).length, 0);
    assert.equal(reads(early.items, w.pA).length, 3);
    assert.equal(early.more_outside_tries, false);
    assert.equal(early.more, false);

    const firstHalf = await log(w.tA, q({ from: beforeFlood, to: midFlood }));
    assert.equal(tries(firstHalf.items).length, TRIES_MAX, 'the newest 200 of the first 600');
    for (const e of tries(firstHalf.items)) assert.ok(e.at > beforeFlood && e.at < midFlood, e.at);
    assert.equal(reads(firstHalf.items, w.pA).length, 0);
    assert.equal(firstHalf.more_outside_tries, true);
    assert.equal(firstHalf.more, false);

    const late = await log(w.po, q({ from: afterFlood }));
    assert.equal(tries(late.items).length, 0);
    assert.equal(reads(late.items, w.pA).length, 1);
    assert.equal(late.more_outside_tries, false);

    // the second half of the flood and after
    const last = await log(w.po, q({ from: midFlood }));
    assert.equal(tries(last.items).length, TRIES_MAX);
    assert.equal(last.more_outside_tries, true);
  });

  it('more says when more than 1000 other events were left out, apart from the tries', async () => {
    // the young person's own events (her reads of this log too) are left out by others=true
    const now = await log(self, '?others=true');
    const others = now.items.length - tries(now.items).length;
    assert.ok(others < MAX, `${others}`);
    assert.equal(now.more, false);
    // Anna reads the file until there are exactly 1000
    await times(MAX - others, () => readFile(w.pA));
    const full = await log(self, '?others=true');
    assert.equal(full.items.length - tries(full.items).length, MAX);
    assert.equal(full.more, false, 'exactly 1000: nothing left out');
    assert.equal(tries(full.items).length, TRIES_MAX);
    assert.equal(full.more_outside_tries, true);
    // one more read: the oldest of them is left out, the tries stay
    await readFile(w.pA);
    const over = await log(self, '?others=true');
    assert.equal(over.items.length - tries(over.items).length, MAX);
    assert.equal(over.more, true);
    assert.equal(tries(over.items).length, TRIES_MAX, 'the tries are still there');
    assert.equal(over.more_outside_tries, true);
    newestFirst(over.items);
  });
});
