// A break-the-glass grant ends when it expires. The grant length is the
// setting break-glass-seconds (default 86400; `kring serve --help`), here set
// to a few seconds through the environment so the expiry can be waited for.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, ISO_UTC, sleep } from './harness.mjs';
import { setupDossierWorld, client, createYouth } from './dossier-fixture.mjs';

const SECONDS = 3;

describe('dossier: break-the-glass expiry (break-glass-seconds = 3)', () => {
  let w;
  let c;
  let y;

  before(async () => {
    w = await setupDossierWorld({ env: { KRING_BREAK_GLASS_SECONDS: String(SECONDS) } });
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Timo', family_name: 'Verlopen' });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('the grant gives access until expires_at and not after; then a new grant is possible', async () => {
    const t0 = Date.now();
    const g = await c.post(w.pB, `/youths/${y.id}/break-glass`, { reason: 'Spoedmelding Veilig Thuis, plan nodig' });
    assert.equal(g.status, 201, g.text);
    assert.match(g.json.expires_at, ISO_UTC);
    const ahead = Date.parse(g.json.expires_at) - t0;
    assert.ok(ahead <= (SECONDS + 1) * 1000 && ahead >= -1000, `expires_at ${g.json.expires_at} is ~${SECONDS} s ahead (${ahead} ms)`);
    const r = await c.get(w.pB, `/youths/${y.id}`);
    assert.equal(r.status, 200, `within the grant: ${r.text}`);
    assert.equal(r.json.access, 'break_glass');

    await sleep(Math.max(0, Date.parse(g.json.expires_at) - Date.now()) + 1500);
    assertError(await c.get(w.pB, `/youths/${y.id}`), 404, 'not_found');
    assertError(await c.get(w.pB, `/youths/${y.id}/plan`), 404, 'not_found');
    assertError(await c.patch(w.pB, `/youths/${y.id}`, { municipality: 'Zwolle' }), 404, 'not_found');

    // The expired grant still waits for review (it was never reviewed).
    const l = await c.get(w.tA, '/break-glass');
    assert.ok(l.json.items.some((i) => i.id === g.json.id), `expired, unreviewed grant still open for review: ${l.text}`);

    const again = await c.post(w.pB, `/youths/${y.id}/break-glass`, { reason: 'Tweede spoedmelding, opnieuw nodig' });
    assert.equal(again.status, 201, again.text);
    assert.equal((await c.get(w.pB, `/youths/${y.id}`)).status, 200);
  });
});
