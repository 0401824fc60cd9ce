// Who may see which figures (docs/api-outcomes.md): professionals only their
// own teams, researchers and admins everything with small cells suppressed,
// researchers never a dossier; cost settings and trainings for admins only.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError } from './harness.mjs';
import { setupDossierWorld, createYouth, todayAmsterdam, addDays, youthAccount } from './dossier-fixture.mjs';
import { requester, moveTo, closeTrajectory, activateJim } from './outcomes-fixture.mjs';

const T = todayAmsterdam();
const ago = (n) => addDays(T, -n);
// The first and the last day of the quarter of an ISO date.
const quarterStart = (iso) => `${iso.slice(0, 5)}${String(Math.floor((Number(iso.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
const quarterEnd = (iso) => addDays(addMonthsStart(quarterStart(iso), 3), -1);
function addMonthsStart(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

// Every numeric leaf of an object outside `selection`, as [path, value].
function numbersOutsideSelection(obj, p = '') {
  const out = [];
  if (obj && typeof obj === 'object') {
    for (const [k, v] of Object.entries(obj)) {
      if (p === '' && k === 'selection') continue;
      out.push(...numbersOutsideSelection(v, `${p}.${k}`));
    }
  } else if (typeof obj === 'number') out.push([p, obj]);
  return out;
}

describe('outcome figures: access and small cells', () => {
  let w;
  let req;
  let yA;
  let yB;
  let jimA;
  let meeting;
  const stats = (who, q = '') => req(who, 'GET', `/stats/outcomes${q}`);

  before(async () => {
    w = await setupDossierWorld();
    req = requester(w.base);
    // team A: 6 young people (2 placed, 1 closed planned, 1 dropout), team B: 3
    const starts = [700, 650, 600, 500, 450, 400];
    const a = [];
    for (const s of starts) a.push(await createYouth(w.base, w.pA, w.teamA.id, { started_on: ago(s) }));
    await moveTo(w.base, w.pA, a[0].id, 'foster_care', ago(500));
    await moveTo(w.base, w.pA, a[1].id, 'residential', ago(100));
    await closeTrajectory(w.base, w.pA, a[2].id, 'planned', ago(50));
    await closeTrajectory(w.base, w.pA, a[3].id, 'ended_by_client', ago(60));
    const m = await req(w.pA, 'POST', `/youths/${a[4].id}/measurements`, { moment: 'T0', measured_on: ago(450), kind: 'satisfaction_youth', score: 6 });
    assert.equal(m.status, 201, m.text);
    jimA = await activateJim(w.base, w.pA, a[5].id, 'Nicht Fenna');
    yA = a[5];
    const b = [];
    for (const s of [300, 200, 100]) b.push(await createYouth(w.base, w.pB, w.teamB.id, { started_on: ago(s) }));
    await moveTo(w.base, w.pB, b[0].id, 'foster_care', ago(100));
    yB = b[0];
    const mt = await req(w.pA, 'POST', `/youths/${yA.id}/meetings`, {
      kind: 'network',
      starts_at: '2030-01-10T09:00:00Z',
      ends_at: '2030-01-10T10:00:00Z',
      location: 'Wijkcentrum',
    });
    meeting = mt.status === 201 ? mt.json : null;
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('a professional and a teamlead see their own team; another team_id → 422 team_id', async () => {
    for (const who of [w.pA, w.tA]) {
      const r = await stats(who, `?team_id=${w.teamA.id}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.young_people, 6);
      assert.equal(r.json.suppressed, false);
      const own = await stats(who);
      assert.equal(own.status, 200, own.text);
      assert.equal(own.json.young_people, 6, 'without team_id: only their own team (not team B)');
      assertError(await stats(who, `?team_id=${w.teamB.id}`), 422, 'validation_failed', 'team_id');
      assertError(await stats(who, `?team_id=999999`), 422, 'validation_failed', 'team_id');
    }
    assertError(await stats(w.pB, `?team_id=${w.teamA.id}`), 422, 'validation_failed', 'team_id');
  });

  it('the professional of a small team sees its numbers: 3 young people, not suppressed', async () => {
    for (const who of [w.pB, w.tB]) {
      const r = await stats(who, `?team_id=${w.teamB.id}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.young_people, 3);
      assert.equal(r.json.suppressed, false);
      assert.equal(typeof r.json.placement_free.curve[0]?.at_risk, 'number', 'curve visible');
      assert.equal(r.json.costs.placements_observed, 1);
    }
  });

  it('a researcher with fewer than 5 young people in the selection: suppressed, young_people null, no counts', async () => {
    for (const who of [w.rs, w.admin]) {
      const r = await stats(who, `?team_id=${w.teamB.id}`);
      assert.equal(r.status, 200, `${who.role}: ${r.text}`);
      assert.equal(r.json.suppressed, true, `${who.role}: suppressed`);
      assert.equal(r.json.young_people, null, `${who.role}: young_people null`);
      const leaks = numbersOutsideSelection(r.json);
      assert.deepEqual(leaks, [], `${who.role}: no figures for 3 young people: ${JSON.stringify(leaks)}`);
      const csv = await req(who, 'GET', `/stats/outcomes.csv?team_id=${w.teamB.id}`);
      assert.equal(csv.status, 200, csv.text);
      const young = csv.text.split(/\r?\n/).find((l) => /young_people/.test(l));
      assert.ok(young, `a young_people row: ${csv.text}`);
      assert.doesNotMatch(young, /;3$/, 'the CSV does not give 3 either');
    }
  });

  it('a researcher sees 6 young people of team A, with cells under 5 suppressed', async () => {
    const r = await stats(w.rs, `?team_id=${w.teamA.id}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.young_people, 6);
    assert.equal(r.json.suppressed, true, 'some cells describe fewer than 5');
    const ind = r.json.indicators;
    // one satisfaction measurement, 2 closed trajectories, 1 with a JIM
    assert.equal(ind.satisfaction_youth.mean, null);
    assert.equal(ind.satisfaction_youth.n, null);
    assert.equal(ind.dropout.share, null);
    assert.equal(ind.dropout.closed, null);
    // 1 of 6 with a JIM: the share would give the suppressed count back (share × young_people)
    assert.equal(ind.with_jim.n, null);
    assert.equal(ind.with_jim.share, null, `with_jim: ${JSON.stringify(ind.with_jim)}`);
    assert.equal(ind.days_to_nomination.median, null);
    // the professional of the team sees them
    const p = (await stats(w.pA, `?team_id=${w.teamA.id}`)).json.indicators;
    assert.equal(p.satisfaction_youth.mean, 6);
    assert.equal(p.satisfaction_youth.n, 1);
    assert.equal(p.dropout.closed, 2);
    assert.equal(p.dropout.share, 0.5);
  });

  it('a suppressed count cannot be recomputed from the figures next to it (costs)', async () => {
    // team A: 2 placements within 24 months (fewer than 5) → placements_observed is null for a
    // researcher; then averted (= expected − observed) and money_not_spent (= averted × ...)
    // must not give it away, since expected = young_people × rate is public.
    const c = (await stats(w.rs, `?team_id=${w.teamA.id}`)).json.costs;
    assert.equal(c.placements_observed, null, 'observed (2) suppressed');
    const leaks = [];
    if (c.placements_expected !== null && c.placements_averted !== null) leaks.push(`expected ${c.placements_expected} − averted ${c.placements_averted}`);
    if (c.money_not_spent_cents !== null && c.placements_expected !== null) leaks.push(`money_not_spent_cents ${c.money_not_spent_cents} with the public assumptions`);
    assert.deepEqual(leaks, [], `observed = 2 is recoverable: ${JSON.stringify(c)}`);
  });

  it('a suppressed count cannot be added up from the placement-free curve', async () => {
    // Team A has 2 placements: the events of the curve points must not add up to them.
    const pf = (await stats(w.rs, `?team_id=${w.teamA.id}`)).json.placement_free;
    const shown = pf.curve.filter((p) => p.events > 0);
    assert.deepEqual(shown, [], `events under 5 are shown: ${JSON.stringify(pf.curve)}`);
    for (const p of pf.curve) assert.ok(p.censored === null || p.censored === 0 || p.censored >= 5, JSON.stringify(p));
    // nor recomputed from the drop of the estimate between two points shown
    for (let i = 1; i < pf.curve.length; i++) {
      const [a, b] = [pf.curve[i - 1], pf.curve[i]];
      const d = b.at_risk * (1 - b.estimate / a.estimate);
      assert.ok(d < 0.5 || d > 4.5, `about ${d.toFixed(2)} events between day ${a.day} and ${b.day}: ${JSON.stringify(pf.curve)}`);
    }
    // nor from the 12-month figure: the exact estimate on day 365 (5/6) against the last point
    // shown would give the one placement before it back; it is that point's (none: S = 1, all 6)
    const shownBefore = pf.curve.filter((p) => p.day <= 365).pop();
    assert.equal(pf.at_12_months.estimate, shownBefore ? shownBefore.estimate : 1, JSON.stringify(pf));
    assert.equal(pf.at_12_months.at_risk, shownBefore ? shownBefore.at_risk : 6, JSON.stringify(pf));
    // the professional of the team sees both placements
    const own = (await stats(w.pA, `?team_id=${w.teamA.id}`)).json.placement_free;
    assert.equal(own.curve.reduce((sum, p) => sum + p.events, 0), 2);
    assert.ok(Math.abs(own.at_12_months.estimate - 5 / 6) < 1e-9, `the exact figure: ${JSON.stringify(own.at_12_months)}`);
    assert.equal(own.at_12_months.at_risk, 5);
  });

  it('a researcher without filters sees all teams (9 young people)', async () => {
    const r = await stats(w.rs);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.young_people, 9);
    const o = await stats(w.rs, `?organisation_id=${w.org.id}`);
    assert.equal(o.json.young_people, 9);
    // An organisation nobody is in is an empty selection, suppressed like any
    // selection under 5 (not a 422: that would tell which ids exist).
    const none = await stats(w.rs, `?organisation_id=999999`);
    assert.equal(none.status, 200, none.text);
    assert.deepEqual(none.json, { selection: { organisation_id: 999999, network_is_home: false }, young_people: null, suppressed: true });
  });

  it('researchers and admins filter on whole quarters: two selections a day apart would single out one young person', async () => {
    // ago(700) is the only start in its day: day-level filters would give 9 and 8, and the
    // difference of the two answers would be that one young person's outcome.
    // A day after it, or two when that day starts a quarter (as on 1 December 2026,
    // 699 days after 1 January 2025); a day before it, or two when that day ends one.
    const from = quarterStart(ago(699)) === ago(699) ? ago(698) : ago(699);
    const to = quarterEnd(ago(701)) === ago(701) ? ago(702) : ago(701);
    for (const who of [w.rs, w.admin]) {
      for (const path of ['/stats/outcomes', '/stats/outcomes.csv']) {
        assertError(await req(who, 'GET', `${path}?started_from=${from}`), 422, 'validation_failed', 'started_from');
        assertError(await req(who, 'GET', `${path}?started_to=${to}`), 422, 'validation_failed', 'started_to');
      }
      assertError(await stats(who, '?started_from=2025-04-02'), 422, 'validation_failed', 'started_from');
      assertError(await stats(who, '?started_to=2025-06-29'), 422, 'validation_failed', 'started_to');
      const all = await stats(who, `?started_from=${quarterStart(ago(1000))}&started_to=${quarterEnd(T)}`);
      assert.equal(all.status, 200, all.text);
      assert.equal(all.json.young_people, 9, 'whole quarters around every start');
      assert.equal(all.json.selection.started_from, quarterStart(ago(1000)));
      const later = await stats(who, `?started_from=${quarterStart(addDays(quarterEnd(T), 1))}`);
      assert.equal(later.status, 200, later.text);
      assert.equal(later.json.young_people, null, 'nobody started next quarter: suppressed');
    }
    // a professional sees their own team's young people and may choose any day
    assert.equal((await stats(w.pA, `?started_from=${ago(699)}`)).json.young_people, 5);
    assert.equal((await stats(w.pA, `?started_from=${ago(700)}`)).json.young_people, 6);
  });

  it('bad filters → 422 with the field', async () => {
    assertError(await stats(w.pA, `?started_from=${ago(10)}&started_to=${ago(11)}`), 422, 'validation_failed', 'started_to');
    assertError(await stats(w.rs, '?started_from=2025-04-01&started_to=2025-03-31'), 422, 'validation_failed', 'started_to');
    assertError(await stats(w.pA, '?jim=maybe'), 422, 'validation_failed', 'jim');
    assertError(await stats(w.pA, '?network_is_home=ja'), 422, 'validation_failed', 'network_is_home');
    assertError(await stats(w.pA, '?started_from=2025-13-01'), 422, 'validation_failed', 'started_from');
    assertError(await stats(w.pA, '?started_to=gisteren'), 422, 'validation_failed', 'started_to');
    assertError(await stats(w.pA, '?team_id=abc'), 422, 'validation_failed', 'team_id');
  });

  it('other roles may not see the figures: privacy officer, JIM → 403; anonymous → 401', async () => {
    assertError(await stats(w.po), 403, 'forbidden');
    assertError(await stats(jimA.jim), 403, 'forbidden');
    assertError(await req(w.po, 'GET', '/stats/outcomes.csv'), 403, 'forbidden');
    assertError(await req(null, 'GET', '/stats/outcomes'), 401, 'not_authenticated');
  });

  it('a researcher is refused every dossier route with 403 (reads and writes)', async () => {
    const id = yA.id;
    const routes = [
      ['GET', '/youths'],
      ['POST', '/youths', { given_name: 'Onderzoek', family_name: 'Test', birth_date: '2010-01-01', municipality: 'Utrecht', team_id: w.teamA.id }],
      ['GET', `/youths/${id}`],
      ['PATCH', `/youths/${id}`, { municipality: 'Zeist' }],
      ['GET', `/youths/${id}/history`],
      ['GET', `/youths/${id}/summary`],
      ['GET', `/youths/${id}/network`],
      ['POST', `/youths/${id}/network`, { name: 'Oom Jan', relation: 'oom', has_custody: false }],
      ['GET', `/youths/${id}/plan`],
      ['POST', `/youths/${id}/goals`, { title: 'Doel', author_kind: 'professional' }],
      ['GET', `/youths/${id}/journal`],
      ['POST', `/youths/${id}/journal`, { occurred_on: T, kind: 'note', text: 'x', shared: false }],
      ['GET', `/youths/${id}/nominations`],
      ['POST', `/youths/${id}/nominations`, { name: 'Buurvrouw', relation: 'buur' }],
      ['GET', `/youths/${id}/consents`],
      ['GET', `/youths/${id}/meetings`],
      ['POST', `/youths/${id}/meetings`, { kind: 'network', starts_at: '2030-01-01T09:00:00Z', ends_at: '2030-01-01T10:00:00Z', location: 'x' }],
      ['GET', `/youths/${id}/events`],
      ['POST', `/youths/${id}/events`, { type: 'hospital', occurred_on: T }],
      ['GET', `/youths/${id}/attendance`],
      ['GET', `/youths/${id}/measurements`],
      ['POST', `/youths/${id}/measurements`, { moment: 'T0', measured_on: T, kind: 'satisfaction_youth', score: 5 }],
      ['GET', `/youths/${id}/access-log`],
      ['POST', `/youths/${id}/break-glass`, { reason: 'onderzoek naar uitkomsten' }],
      ['GET', `/jims/${jimA.jimId}/activities`],
      ['GET', `/jims/${jimA.jimId}/totals`],
      ['GET', `/teams/${w.teamA.id}/jim-totals`],
      ['GET', '/alerts'],
    ];
    if (meeting) routes.push(['GET', `/meetings/${meeting.id}`]);
    for (const [method, p, body] of routes) {
      const r = await req(w.rs, method, p, body);
      assertError(r, 403, 'forbidden');
      assert.doesNotMatch(r.text, new RegExp(yA.family_name), `${method} ${p} leaks no name`);
    }
    // and nothing was written
    const n = await req(w.pA, 'GET', `/youths/${id}/nominations`);
    assert.ok(!n.json.items.some((x) => x.name === 'Buurvrouw'), 'no nomination by the researcher');
    // every refusal of a route naming the young person is in their access log
    const log = await req(w.po, 'GET', `/youths/${id}/access-log`);
    assert.equal(log.status, 200, log.text);
    const refused = log.json.items.filter((e) => e.user && e.user.id === w.rs.id && e.outcome === 'denied');
    const naming = routes.filter(([, p]) => new RegExp(`^/youths/${id}(/|$)`).test(p) || p.startsWith('/jims/') || p.startsWith('/meetings/'));
    assert.equal(refused.length, naming.length, `${refused.length} refusals in the access log: ${JSON.stringify(refused.map((e) => e.action + ' ' + e.object_type))}`);
  });

  it('cost settings: admin only; defaults; reference_placement_rate 0–1; bad values 422', async () => {
    const p = `/organisations/${w.org.id}/cost-settings`;
    const g = await req(w.admin, 'GET', p);
    assert.equal(g.status, 200, g.text);
    assert.deepEqual(g.json, { placement_year_cents: 9000000, home_year_cents: 3000000, reference_placement_rate: 0.5 });
    for (const who of [w.pA, w.tA, w.rs, w.po]) {
      assertError(await req(who, 'GET', p), 403, 'forbidden');
      assertError(await req(who, 'PUT', p, g.json), 403, 'forbidden');
    }
    const good = { placement_year_cents: 8000000, home_year_cents: 2500000, reference_placement_rate: 0.4 };
    assertError(await req(w.admin, 'PUT', p, { ...good, reference_placement_rate: 1.5 }), 422, 'validation_failed', 'reference_placement_rate');
    assertError(await req(w.admin, 'PUT', p, { ...good, reference_placement_rate: -0.1 }), 422, 'validation_failed', 'reference_placement_rate');
    assertError(await req(w.admin, 'PUT', p, { ...good, placement_year_cents: -1 }), 422, 'validation_failed', 'placement_year_cents');
    assertError(await req(w.admin, 'PUT', p, { ...good, home_year_cents: 'veel' }), 422, 'validation_failed', 'home_year_cents');
    assert.deepEqual((await req(w.admin, 'GET', p)).json, g.json, 'refused PUTs change nothing');
    const put = await req(w.admin, 'PUT', p, good);
    assert.equal(put.status, 200, put.text);
    assert.deepEqual((await req(w.admin, 'GET', p)).json, good);
    for (const edge of [0, 1]) {
      assert.equal((await req(w.admin, 'PUT', p, { ...good, reference_placement_rate: edge })).status, 200, `rate ${edge} allowed`);
    }
    assertError(await req(w.admin, 'GET', `/organisations/999999/cost-settings`), 404, 'not_found');
  });

  it('trainings: admin only; only for professionals and teamleads (422 otherwise)', async () => {
    const body = { course: 'JIM-aanpak basis', trained_on: ago(20), provider: 'JIM Academie' };
    const r = await req(w.admin, 'POST', `/users/${w.pA.id}/trainings`, body);
    assert.equal(r.status, 201, r.text);
    assert.ok(Number.isInteger(r.json.id));
    assert.equal(r.json.course, body.course);
    assert.equal(r.json.trained_on, body.trained_on);
    assert.equal(r.json.provider, body.provider);
    assert.equal((await req(w.admin, 'POST', `/users/${w.tB.id}/trainings`, body)).status, 201, 'a teamlead may be trained');
    const list = await req(w.admin, 'GET', `/users/${w.pA.id}/trainings`);
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items.map((t) => t.id), [r.json.id]);
    for (const other of [w.rs, w.po, w.admin.user, jimA.jim]) {
      assert.ok(Number.isInteger(other.id), `user id ${JSON.stringify(other).slice(0, 200)}`);
      assertError(await req(w.admin, 'POST', `/users/${other.id}/trainings`, body), 422, 'validation_failed');
    }
    assertError(await req(w.admin, 'POST', `/users/${w.pA.id}/trainings`, { ...body, course: '' }), 422, 'validation_failed', 'course');
    assertError(await req(w.admin, 'POST', `/users/${w.pA.id}/trainings`, { ...body, trained_on: 'vorig jaar' }), 422, 'validation_failed', 'trained_on');
    assertError(await req(w.admin, 'POST', `/users/999999/trainings`, body), 404, 'not_found');
    for (const who of [w.pA, w.tA, w.rs, w.po]) {
      assertError(await req(who, 'POST', `/users/${w.pA.id}/trainings`, body), 403, 'forbidden');
      assertError(await req(who, 'GET', `/users/${w.pA.id}/trainings`), 403, 'forbidden');
    }
    assert.equal((await req(w.admin, 'GET', `/users/${w.pA.id}/trainings`)).json.items.length, 1, 'refused requests stored nothing');
  });

  it('trainings: a young person\'s own account is unknown to the admin, and the account is checked before the body', async () => {
    const y = await createYouth(w.base, w.pA, w.teamA.id, { started_on: ago(30) });
    const self = await youthAccount(w.base, w.pA, y.id);
    const me = await req(self, 'GET', '/me');
    assert.equal(me.status, 200, me.text);
    const good = { course: 'JIM-aanpak basis', trained_on: ago(20), provider: 'JIM Academie' };
    for (const body of [good, { course: '' }, {}]) {
      assertError(await req(w.admin, 'POST', `/users/${me.json.id}/trainings`, body), 404, 'not_found');
      assertError(await req(w.admin, 'POST', '/users/999999/trainings', body), 404, 'not_found');
    }
    assertError(await req(w.admin, 'GET', `/users/${me.json.id}/trainings`), 404, 'not_found');
    // the young person's account is a refusal in the trail; an id that is no account is not
    const trail = await req(w.po, 'GET', '/audit?outcome=denied&limit=50');
    assert.equal(trail.status, 200, trail.text);
    const denied = trail.json.items.filter((e) => e.object_type === 'training' && e.object_id === String(me.json.id));
    assert.equal(denied.length, 4, JSON.stringify(trail.json.items.slice(0, 6)));
  });

  it('the research export is for researchers only (403 for the others, before any key check)', async () => {
    for (const who of [w.pA, w.tA, w.admin, w.po]) {
      assertError(await req(who, 'GET', '/exports/research.csv'), 403, 'forbidden');
    }
    // this server has no research key
    assertError(await req(w.rs, 'GET', '/exports/research.csv'), 503, 'research_key_missing');
  });

  it('team B data stays out of team A figures (the placement in team B is not counted)', async () => {
    const a = (await stats(w.pA, `?team_id=${w.teamA.id}`)).json;
    assert.equal(a.costs.placements_observed, 2, 'two placements in team A');
    void yB;
  });
});

describe('outcome figures: the quarters give no hidden count back', () => {
  let w;
  let req;
  before(async () => {
    w = await setupDossierWorld();
    req = requester(w.base);
    // Six young people start in one quarter, one in the quarter before: the selection's
    // total (7) minus the quarter shown (6) would give the hidden quarter (1) back.
    const q = quarterStart(addDays(T, -400));
    for (let i = 1; i <= 6; i++) await createYouth(w.base, w.pA, w.teamA.id, { started_on: addDays(q, i), municipality: 'Kwartaaldorp' });
    await createYouth(w.base, w.pA, w.teamA.id, { started_on: addDays(q, -20), municipality: 'Kwartaaldorp' });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('when one quarter is hidden, the smallest quarter shown is hidden too (researcher, admin)', async () => {
    for (const who of [w.rs, w.admin]) {
      const r = await req(who, 'GET', '/stats/outcomes?municipality=Kwartaaldorp');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.young_people, 7);
      assert.deepEqual(r.json.by_quarter.map((x) => x.started), [null, null], JSON.stringify(r.json.by_quarter));
      for (const measure of ['started', 'placements_12m', 'with_jim']) {
        const hidden = r.json.by_quarter.filter((x) => x[measure] === null).length;
        assert.notEqual(hidden, 1, `${measure}: exactly one quarter hidden: ${JSON.stringify(r.json.by_quarter)}`);
      }
      assert.equal(r.json.suppressed, true);
    }
    // the team's own professional sees the counts
    const own = await req(w.pA, 'GET', '/stats/outcomes?municipality=Kwartaaldorp');
    assert.deepEqual(own.json.by_quarter.map((x) => x.started), [1, 6]);
  });
});

describe('outcome figures: the totals give no merged placements back', () => {
  let w;
  let req;
  before(async () => {
    w = await setupDossierWorld();
    req = requester(w.base);
    // 12 young people from one day, followed 800 days: 5 placed on day 100 (a point the
    // curve shows), 2 on day 300 (merged away: fewer than 5). Placements within 24 months
    // (7) minus the 5 the curve shows would give the 2 back, as would the quarter's
    // placements within 12 months.
    const ys = [];
    for (let i = 0; i < 12; i++) ys.push(await createYouth(w.base, w.pA, w.teamA.id, { started_on: ago(800), municipality: 'Staartdorp' }));
    for (const y of ys.slice(0, 5)) await moveTo(w.base, w.pA, y.id, 'foster_care', ago(700));
    for (const y of ys.slice(5, 7)) await moveTo(w.base, w.pA, y.id, 'residential', ago(500));
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('placements within 24 and 12 months are hidden when the curve merged some of them (researcher, admin)', async () => {
    for (const who of [w.rs, w.admin]) {
      const r = await req(who, 'GET', '/stats/outcomes?municipality=Staartdorp');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.young_people, 12);
      const shown = r.json.placement_free.curve.filter((p) => p.day <= 730).reduce((sum, p) => sum + (p.events || 0), 0);
      assert.equal(shown, 5, JSON.stringify(r.json.placement_free.curve));
      const c = r.json.costs;
      assert.equal(c.placements_observed, null, `7 - 5 shown = 2 merged: ${JSON.stringify(c)}`);
      assert.equal(c.placements_averted, null);
      assert.equal(c.money_not_spent_cents, null);
      assert.deepEqual(r.json.by_quarter.map((q) => q.placements_12m), [null], JSON.stringify(r.json.by_quarter));
    }
    // the team's own professional sees the counts
    const own = (await req(w.pA, 'GET', '/stats/outcomes?municipality=Staartdorp')).json;
    assert.equal(own.costs.placements_observed, 7);
    assert.deepEqual(own.by_quarter.map((q) => q.placements_12m), [7]);
  });
});
