// GET /api/v1/stats/outcomes and outcomes.csv (docs/api-outcomes.md) on a
// small hand-built dataset: placement-free survival (Kaplan–Meier, Greenwood,
// log-log interval) computed by hand and by an independent implementation,
// network_is_home, the indicators, costs with cost settings, trainings,
// by_quarter and the CSV for Dutch Excel.
//
// Dates are relative to today (T, Europe/Amsterdam): a youth "started T−800"
// has started_on = today − 800 days; "day d" is d days after their start.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError } from './harness.mjs';
import { setupDossierWorld, createYouth, todayAmsterdam, addDays } from './dossier-fixture.mjs';
import {
  requester,
  moveTo,
  closeTrajectory,
  nominate,
  activateJim,
  kaplanMeier,
  kmAt,
  logLogCI,
  median,
  near,
  parseCsv,
  dutchNumber,
  getRaw,
} from './outcomes-fixture.mjs';

const TOL = 1e-6;
const T = todayAmsterdam();
const ago = (n) => addDays(T, -n);

// The dataset (team A). start = days before today; what happens on which day
// after the start. Y4's move is to network foster care (a placement unless
// network_is_home=true).
//   Y1 start T−800: foster_care on day 100, back home on day 400, open
//   Y2 start T−700: residential on day 100 (tie with Y1), closed ended_by_provider day 600
//   Y3 start T−600: closed planned on day 100 (censored on an event day)
//   Y4 start T−500: network_foster_care on day 200, open (today = day 500); nominated today
//   Y5 start T−450: closed_care on day 400, open
//   Y6 start T−400: open (censored today = day 400, the day of Y5's event); JIM since today
//   Y7 start T−800: closed ended_by_client on day 300
//   Y8 start T−900: open (censored day 900); JIM since T−300
const START = { Y1: 800, Y2: 700, Y3: 600, Y4: 500, Y5: 450, Y6: 400, Y7: 800, Y8: 900 };

// Survival subjects: time = day of first placement (event) or of censoring.
const SUBJECTS_DEFAULT = [
  { id: 'Y1', time: 100, event: true },
  { id: 'Y2', time: 100, event: true },
  { id: 'Y3', time: 100, event: false },
  { id: 'Y4', time: 200, event: true },
  { id: 'Y5', time: 400, event: true },
  { id: 'Y6', time: 400, event: false },
  { id: 'Y7', time: 300, event: false },
  { id: 'Y8', time: 900, event: false },
];
// network_is_home=true: Y4 is not placed, censored today (day 500).
const SUBJECTS_NETWORK_HOME = SUBJECTS_DEFAULT.map((s) => (s.id === 'Y4' ? { ...s, time: 500, event: false } : s));

// By hand, default (network foster care is a placement), Greenwood sum Σ d/(n(n−d)):
//   day 100: n=8, d=2, c=1  S = 6/8 = 0.75          Σ = 2/(8·6) = 1/24
//   day 200: n=5, d=1       S = 0.75·4/5 = 0.6      Σ = 1/24 + 1/(5·4) = 11/120
//   day 300: n=4, c=1       S = 0.6
//   day 400: n=3, d=1, c=1  S = 0.6·2/3 = 0.4       Σ = 11/120 + 1/(3·2) = 31/120
//   day 900: n=1, c=1       S = 0.4
// CI: S^exp(±1.96·√Σ/|ln S|); e.g. day 100: k = 1.96·√(1/24)/ln(4/3) = 1.390711,
//   low = 0.75^e^k = 0.75^4.01773 = 0.314798, high = 0.75^e^−k = 0.75^0.248896 = 0.930900.
// Day 365: S = 0.6 (step of day 200/300), at risk = #{time ≥ 365} = 3 (Y5, Y6, Y8).
// Day 730: S = 0.4, at risk = 1 (Y8).
const HAND_DEFAULT = [
  { day: 100, estimate: 0.75, ci_low: 0.3147978156, ci_high: 0.9309000205, at_risk: 8, events: 2, censored: 1 },
  { day: 200, estimate: 0.6, ci_low: 0.1954890547, ci_high: 0.8522572542, at_risk: 5, events: 1, censored: 0 },
  { day: 300, estimate: 0.6, ci_low: 0.1954890547, ci_high: 0.8522572542, at_risk: 4, events: 0, censored: 1 },
  { day: 400, estimate: 0.4, ci_low: 0.0660261895, ci_high: 0.7342298765, at_risk: 3, events: 1, censored: 1 },
  { day: 900, estimate: 0.4, ci_low: 0.0660261895, ci_high: 0.7342298765, at_risk: 1, events: 0, censored: 1 },
];
const HAND_AT_365 = { estimate: 0.6, ci_low: 0.1954890547, ci_high: 0.8522572542, at_risk: 3 };
const HAND_AT_730 = { estimate: 0.4, ci_low: 0.0660261895, ci_high: 0.7342298765, at_risk: 1 };
// By hand, network_is_home=true:
//   day 100: n=8, d=2, c=1  S = 0.75   Σ = 1/24
//   day 300: n=5, c=1       S = 0.75
//   day 400: n=4, d=1, c=1  S = 0.75·3/4 = 0.5625   Σ = 1/24 + 1/(4·3) = 1/8
//   day 500: n=2, c=1; day 900: n=1, c=1
// Day 365: S = 0.75, at risk 4 (Y5, Y6, Y4, Y8); day 730: S = 0.5625, at risk 1.
const HAND_NETWORK_HOME = [
  { day: 100, estimate: 0.75, ci_low: 0.3147978156, ci_high: 0.9309000205, at_risk: 8, events: 2, censored: 1 },
  { day: 300, estimate: 0.75, ci_low: 0.3147978156, ci_high: 0.9309000205, at_risk: 5, events: 0, censored: 1 },
  { day: 400, estimate: 0.5625, ci_low: 0.1467996039, ci_high: 0.8415274042, at_risk: 4, events: 1, censored: 1 },
  { day: 500, estimate: 0.5625, ci_low: 0.1467996039, ci_high: 0.8415274042, at_risk: 2, events: 0, censored: 1 },
  { day: 900, estimate: 0.5625, ci_low: 0.1467996039, ci_high: 0.8415274042, at_risk: 1, events: 0, censored: 1 },
];

// Curve points the contract asks for (a leading day-0 point without events or
// censorings, if the server adds one, is ignored).
const realPoints = (curve) => curve.filter((p) => !(p.day === 0 && p.events === 0 && p.censored === 0));

function assertCurve(curve, expected, what) {
  assert.ok(Array.isArray(curve), `${what}: curve is an array`);
  const pts = realPoints(curve);
  assert.deepEqual(
    pts.map((p) => p.day),
    expected.map((p) => p.day),
    `${what}: curve days ${JSON.stringify(pts.map((p) => p.day))}`,
  );
  pts.forEach((p, i) => {
    const e = expected[i];
    for (const k of ['at_risk', 'events', 'censored']) assert.equal(p[k], e[k], `${what}: day ${e.day} ${k}`);
    for (const k of ['estimate', 'ci_low', 'ci_high']) near(p[k], e[k], TOL, `${what}: day ${e.day} ${k}`);
  });
}

function assertAt(at, expected, what) {
  assert.ok(at && typeof at === 'object', `${what}: an object, got ${JSON.stringify(at)}`);
  near(at.estimate, expected.estimate, TOL, `${what} estimate`);
  near(at.ci_low, expected.ci_low, TOL, `${what} ci_low`);
  near(at.ci_high, expected.ci_high, TOL, `${what} ci_high`);
  assert.equal(at.at_risk, expected.at_risk, `${what} at_risk`);
}

const quarterOf = (d) => `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;

describe('outcome figures on a hand-built dataset', () => {
  let w;
  let req;
  const Y = {};
  const stats = (who, q = '') => req(who, 'GET', `/stats/outcomes${q}`);
  const okStats = async (who, q = '') => {
    const r = await stats(who, q);
    assert.equal(r.status, 200, `stats ${q}: ${r.status} ${r.text.slice(0, 800)}`);
    return r.json;
  };
  let teamQ;

  before(async () => {
    w = await setupDossierWorld();
    req = requester(w.base);
    teamQ = `?team_id=${w.teamA.id}`;
    const mk = async (key, over = {}) => {
      Y[key] = await createYouth(w.base, w.pA, w.teamA.id, { started_on: ago(START[key]), ...over });
      assert.equal(Y[key].started_on, ago(START[key]), `${key} started_on as given`);
    };
    for (const k of Object.keys(START)) await mk(k);
    const day = (k, d) => addDays(ago(START[k]), d);
    // placements and closes, in date order per youth
    await moveTo(w.base, w.pA, Y.Y1.id, 'foster_care', day('Y1', 100));
    await moveTo(w.base, w.pA, Y.Y1.id, 'home', day('Y1', 400));
    await moveTo(w.base, w.pA, Y.Y2.id, 'residential', day('Y2', 100));
    await closeTrajectory(w.base, w.pA, Y.Y2.id, 'ended_by_provider', day('Y2', 600));
    await closeTrajectory(w.base, w.pA, Y.Y3.id, 'planned', day('Y3', 100));
    await moveTo(w.base, w.pA, Y.Y4.id, 'network_foster_care', day('Y4', 200));
    await moveTo(w.base, w.pA, Y.Y5.id, 'closed_care', day('Y5', 400));
    await closeTrajectory(w.base, w.pA, Y.Y7.id, 'ended_by_client', day('Y7', 300));
    // nominations (dated today) and JIMs
    await nominate(w.base, w.pA, Y.Y4.id, 'Buurman Piet');
    const j6 = await activateJim(w.base, w.pA, Y.Y6.id, 'Tante Joke');
    const j8 = await activateJim(w.base, w.pA, Y.Y8.id, 'Opa Henk', ago(300));
    Y.j6 = j6;
    Y.j8 = j8;
    // JIM activities, logged by the JIMs themselves: 90+30+120 min, 12.5+0+7.3 km
    const act = async (j, body) => {
      const r = await req(j.jim, 'POST', `/jims/${j.jimId}/activities`, { date: T, kind: 'contact', ...body });
      assert.equal(r.status, 201, `activity: ${r.status} ${r.text}`);
    };
    await act(j6, { minutes: 90, km: 12.5 });
    await act(j6, { minutes: 30, km: 0 });
    await act(j8, { minutes: 120, km: 7.3, kind: 'travel' });
  });

  after(async () => {
    if (w) await w.server.stop();
  });

  const measure = async (key, body) => {
    const r = await req(w.pA, 'POST', `/youths/${Y[key].id}/measurements`, body);
    assert.equal(r.status, 201, `measurement ${key} ${JSON.stringify(body)}: ${r.status} ${r.text}`);
    return r.json;
  };
  const attend = async (key, from, to, share) => {
    const r = await req(w.pA, 'POST', `/youths/${Y[key].id}/attendance`, { period_from: from, period_to: to, share_attended: share, times_late: 1 });
    assert.equal(r.status, 201, `attendance ${key}: ${r.status} ${r.text}`);
  };

  it('records measurements and attendance for the indicators', async () => {
    const s = (k, d) => addDays(ago(START[k]), d);
    // Y6: the T3 measurement (later date) is recorded before the T0 one: the
    // latest *by date* is T3 (8), not the last recorded (6).
    await measure('Y6', { moment: 'T3', measured_on: s('Y6', 100), kind: 'satisfaction_youth', score: 8 });
    await measure('Y6', { moment: 'T0', measured_on: s('Y6', 0), kind: 'satisfaction_youth', score: 6 });
    await measure('Y6', { moment: 'T0', measured_on: s('Y6', 0), kind: 'satisfaction_parents', score: 5 });
    await measure('Y6', { moment: 'T3', measured_on: s('Y6', 100), kind: 'goal_realisation', score: 40 });
    await measure('Y8', { moment: 'T0', measured_on: s('Y8', 0), kind: 'satisfaction_youth', score: 7 });
    await measure('Y8', { moment: 'T0', measured_on: s('Y8', 0), kind: 'goal_realisation', score: 70 });
    await measure('Y5', { moment: 'T0', measured_on: s('Y5', 1), kind: 'satisfaction_youth', score: 9 });
    // attendance: Y6 later period recorded first
    await attend('Y6', s('Y6', 265), s('Y6', 285), 75);
    await attend('Y6', s('Y6', 0), s('Y6', 30), 50);
    await attend('Y8', s('Y8', 0), s('Y8', 30), 60);
    await attend('Y8', s('Y8', 260), s('Y8', 290), 80);
    await attend('Y8', s('Y8', 600), s('Y8', 630), 90);
  });

  it('the hand-computed tables agree with the independent Kaplan–Meier', () => {
    // guards the literals above against typos
    const check = (subjects, hand) => {
      const km = kaplanMeier(subjects);
      assert.equal(km.length, hand.length);
      km.forEach((p, i) => {
        for (const k of ['day', 'at_risk', 'events', 'censored']) assert.equal(p[k], hand[i][k]);
        for (const k of ['estimate', 'ci_low', 'ci_high']) near(p[k], hand[i][k], 1e-9, `independent km day ${p.day} ${k}`);
      });
    };
    check(SUBJECTS_DEFAULT, HAND_DEFAULT);
    check(SUBJECTS_NETWORK_HOME, HAND_NETWORK_HOME);
    for (const [k, v] of Object.entries(kmAt(SUBJECTS_DEFAULT, 365))) near(v, HAND_AT_365[k], 1e-9, `kmAt 365 ${k}`);
    for (const [k, v] of Object.entries(kmAt(SUBJECTS_DEFAULT, 730))) near(v, HAND_AT_730[k], 1e-9, `kmAt 730 ${k}`);
    near(logLogCI(0.75, 1 / 24).low, 0.3147978156, 1e-9, 'CI by hand');
  });

  it('placement-free survival (default: network foster care is a placement) matches by hand', async () => {
    const s = await okStats(w.pA, teamQ);
    assert.equal(s.young_people, 8, 'eight young people in team A');
    assert.equal(s.suppressed, false, 'a team professional sees unsuppressed figures');
    assert.ok(s.selection && typeof s.selection === 'object', 'selection echoed');
    assertCurve(s.placement_free.curve, HAND_DEFAULT, 'default curve');
    assertAt(s.placement_free.at_12_months, HAND_AT_365, 'at_12_months');
    assertAt(s.placement_free.at_24_months, HAND_AT_730, 'at_24_months');
    // and against the independent implementation
    assertCurve(s.placement_free.curve, kaplanMeier(SUBJECTS_DEFAULT), 'default curve vs independent KM');
  });

  it('network_is_home=true: the move to network foster care no longer counts as a placement', async () => {
    const s = await okStats(w.pA, `${teamQ}&network_is_home=true`);
    assertCurve(s.placement_free.curve, HAND_NETWORK_HOME, 'network_is_home curve');
    assertAt(s.placement_free.at_12_months, { estimate: 0.75, ci_low: 0.3147978156, ci_high: 0.9309000205, at_risk: 4 }, 'network_is_home at_12_months');
    assertAt(s.placement_free.at_24_months, { estimate: 0.5625, ci_low: 0.1467996039, ci_high: 0.8415274042, at_risk: 1 }, 'network_is_home at_24_months');
    const d = await okStats(w.pA, `${teamQ}&network_is_home=false`);
    near(d.placement_free.at_12_months.estimate, 0.6, TOL, 'network_is_home=false is the default');
  });

  it('the indicators: dropout, satisfaction, goals, with_jim, days_to_nomination, JIM hours/km, attendance', async () => {
    const s = await okStats(w.pA, teamQ);
    const ind = s.indicators;
    // dropout: closed Y2 (ended_by_provider), Y3 (planned), Y7 (ended_by_client) → 2/3
    assert.equal(ind.dropout.closed, 3, 'three closed trajectories');
    near(ind.dropout.share, 2 / 3, TOL, 'dropout share');
    assert.equal(ind.satisfaction_parents.n, 1);
    near(ind.satisfaction_parents.mean, 5, TOL, 'satisfaction_parents mean');
    // goal realisation: Y6 40, Y8 70 → 55
    assert.equal(ind.goal_realisation.n, 2);
    near(ind.goal_realisation.mean, 55, TOL, 'goal_realisation mean');
    // with a JIM at any time: Y6, Y8 of 8
    near(ind.with_jim.share, 2 / 8, TOL, 'with_jim share');
    // n: the contract does not say whether it counts those with a JIM (2) or the selection (8)
    assert.ok(ind.with_jim.n === 2 || ind.with_jim.n === 8, `with_jim.n 2 or 8: ${ind.with_jim.n}`);
    // nominations today: Y4 500, Y6 400, Y8 900 days after the start → median 500
    assert.equal(ind.days_to_nomination.n, 3);
    near(ind.days_to_nomination.median, 500, TOL, 'days_to_nomination median');
    // 90 + 30 + 120 minutes = 4 hours; 12.5 + 0 + 7.3 = 19.8 km
    near(ind.jim_hours.total, 4, TOL, 'jim hours total');
    near(ind.jim_km.total, 19.8, 1e-9, 'jim km total');
    // attendance: T0 (first period) Y6 50, Y8 60 → 55; T9 (closest to 9 months) Y6 75, Y8 80 → 77.5
    assert.equal(ind.attendance_change.n, 2);
    near(ind.attendance_change.mean_t0, 55, TOL, 'attendance mean_t0');
    near(ind.attendance_change.mean_t9, 77.5, TOL, 'attendance mean_t9');
    near(ind.attendance_change.change, 22.5, TOL, 'attendance change');
    // JIM retention: Y8's JIM started 300 days ago and is active → 1 at 6 months; none started ≥ 12 months ago
    near(ind.jim_retention.at_6_months, 1, TOL, 'jim_retention at 6 months');
    assert.equal(ind.jim_retention.at_12_months, null, 'no JIM started 12 months ago: null');
  });

  it('satisfaction: the mean of the latest measurement per young person, latest by date', async () => {
    const ind = (await okStats(w.pA, teamQ)).indicators;
    // Y6: T0 6 (start) recorded after T3 8 (day 100) → latest is 8; Y8 7; Y5 9 → 24/3 = 8
    // (taking the last *recorded* one would give (6+7+9)/3 = 7.33)
    assert.equal(ind.satisfaction_youth.n, 3);
    near(ind.satisfaction_youth.mean, 8, TOL, 'satisfaction_youth mean (latest by date, not last recorded)');
  });

  it('filters: jim=with / jim=without, started_from (then nobody followed 24 months: null)', async () => {
    const withJim = await okStats(w.pA, `${teamQ}&jim=with`);
    assert.equal(withJim.young_people, 2, 'Y6 and Y8 have a JIM');
    near(withJim.placement_free.at_12_months.estimate, 1, TOL, 'no placements among Y6, Y8');
    const without = await okStats(w.pA, `${teamQ}&jim=without`);
    assert.equal(without.young_people, 6);
    // started on or after T−500: Y4 (network placement day 200, censored never), Y5 (day 400), Y6 (censored 400)
    const recent = await okStats(w.pA, `${teamQ}&started_from=${ago(500)}`);
    assert.equal(recent.young_people, 3);
    const subj = [
      { time: 200, event: true },
      { time: 400, event: true },
      { time: 400, event: false },
    ];
    // by hand: day 200 n=3 d=1 → 2/3; day 400 n=2 d=1 c=1 → 1/3; at 365: 2/3 with 2 at risk
    assertAt(recent.placement_free.at_12_months, kmAt(subj, 365), 'started_from at_12_months');
    near(recent.placement_free.at_12_months.estimate, 2 / 3, TOL, 'started_from at 365 by hand');
    assert.equal(recent.placement_free.at_24_months, null, 'nobody followed 730 days → null');
    const older = await okStats(w.pA, `${teamQ}&started_to=${ago(501)}`);
    assert.equal(older.young_people, 5, 'started_to: Y1, Y2, Y3, Y7, Y8');
    assert.equal((await okStats(w.pA, `${teamQ}&municipality=Utrecht`)).young_people, 8, 'all live in Utrecht');
    assert.equal((await okStats(w.pA, `${teamQ}&municipality=Zeist`)).young_people, 0, 'nobody in Zeist');
    assert.equal((await okStats(w.pA, `${teamQ}&started_from=${ago(500)}&started_to=${ago(450)}`)).young_people, 2, 'Y4 and Y5');
  });

  it('costs follow the defaults over the young people whose 24 months are known: expected = 5 × 0.5, observed 4, averted 0', async () => {
    const s = await okStats(w.pA, teamQ);
    const c = s.costs;
    assert.deepEqual(c.assumptions, { placement_year_cents: 9000000, home_year_cents: 3000000, reference_placement_rate: 0.5 });
    // known: placed within 24 months (Y1, Y2, Y4 network, Y5) or followed 730 days (Y8);
    // Y3 (closed at 100), Y6 (400 days) and Y7 (closed at 300) are not known yet
    assert.equal(c.cohort_24_months, 5, 'Y1, Y2, Y4, Y5, Y8');
    near(c.placements_expected, 2.5, TOL, 'placements_expected = 5 × 0.5');
    assert.equal(c.placements_observed, 4, 'Y1, Y2, Y4 (network), Y5 placed within 24 months');
    near(c.placements_averted, 0, TOL, 'averted');
    assert.equal(c.money_not_spent_cents, 0);
    // days in placement: Y1 100→400 = 300, Y2 100→close 600 = 500, Y4 200→today 500 = 300, Y5 400→today 450 = 50
    near(c.placement_years_observed, 1150 / 365.25, 1e-4, 'placement_years_observed = 1150 / 365.25');
    assert.ok(c.top5_share > 0 && c.top5_share <= 1, `top5_share in (0,1]: ${c.top5_share}`);
    // network is home: Y4 (500 days, not placed) is not known yet: 4 × 0.5 = 2 expected, 3 observed
    const n = await okStats(w.pA, `${teamQ}&network_is_home=true`);
    assert.equal(n.costs.cohort_24_months, 4);
    near(n.costs.placements_expected, 2, TOL, 'expected with network_is_home');
    assert.equal(n.costs.placements_observed, 3);
    near(n.costs.placements_averted, 0, TOL, 'averted with network_is_home');
    assert.equal(n.costs.money_not_spent_cents, 0);
    near(n.costs.placement_years_observed, 850 / 365.25, 1e-4, 'placement years without the network placement');
  });

  it('by_quarter: started, placements within 12 months and with_jim per start quarter', async () => {
    const s = await okStats(w.pA, teamQ);
    const exp = {};
    const placed12 = { Y1: true, Y2: true, Y4: true }; // Y5's placement is on day 400
    for (const [k, back] of Object.entries(START)) {
      const q = quarterOf(ago(back));
      exp[q] = exp[q] || { quarter: q, started: 0, placements_12m: 0, with_jim: 0 };
      exp[q].started += 1;
      if (placed12[k]) exp[q].placements_12m += 1;
      if (k === 'Y6' || k === 'Y8') exp[q].with_jim += 1;
    }
    const got = (s.by_quarter || []).filter((r) => r.started > 0).map((r) => ({ quarter: r.quarter, started: r.started, placements_12m: r.placements_12m, with_jim: r.with_jim }));
    got.sort((a, b) => a.quarter.localeCompare(b.quarter));
    assert.deepEqual(got, Object.values(exp).sort((a, b) => a.quarter.localeCompare(b.quarter)));
  });

  it('outcomes.csv: BOM, section;measure;value, decimal comma, the same figures', async () => {
    const s = await okStats(w.pA, teamQ);
    const r = await getRaw(w.base, w.pA, `/stats/outcomes.csv${teamQ}`);
    assert.equal(r.status, 200, r.text.slice(0, 500));
    assert.match(r.headers.get('content-type') || '', /^text\/csv/);
    assert.ok(r.bom, `UTF-8 BOM: ${r.bytes.subarray(0, 8).toString('hex')}`);
    const csv = parseCsv(r.text);
    assert.deepEqual(csv.rows[0], ['section', 'measure', 'value']);
    const rows = csv.rows.slice(1).filter((row) => row.length > 1 || row[0] !== '');
    for (const row of rows) {
      assert.equal(row.length, 3, `three cells: ${JSON.stringify(row)}`);
      assert.doesNotMatch(row[2], /^-?\d+\.\d+$/, `decimal comma, not point: ${JSON.stringify(row)}`);
    }
    const values = rows.map((row) => dutchNumber(row[2])).filter((v) => v !== null);
    const has = (x, what) => assert.ok(values.some((v) => Math.abs(v - x) <= 1e-6), `CSV has ${what} = ${x}: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((row) => /young_people/.test(row.join(' ')) && dutchNumber(row[2]) === 8), 'young_people 8 in the CSV');
    has(s.placement_free.at_12_months.estimate, 'at_12_months estimate');
    has(s.placement_free.at_12_months.ci_low, 'at_12_months ci_low');
    has(s.placement_free.at_24_months.ci_high, 'at_24_months ci_high');
    has(s.indicators.dropout.share, 'dropout share');
    has(s.indicators.jim_km.total, 'jim km');
    has(s.indicators.attendance_change.mean_t9, 'attendance mean_t9');
    has(s.costs.placement_years_observed, 'placement years');
    assert.ok(r.text.includes('0,6') && r.text.includes('19,8'), 'decimal commas for 0.6 and 19.8');
    // money is in whole cents (docs/api.md), also in the CSV
    const money = rows.filter((row) => row[1] === 'money_not_spent_cents');
    assert.deepEqual(money, [['costs', 'money_not_spent_cents', '0']], 'money_not_spent_cents in whole cents');
    // the at_12 estimate row is a comma number with six decimals
    const est = rows.filter((row) => row[1] === 'at_12_months.estimate');
    assert.deepEqual(est, [['placement_free', 'at_12_months.estimate', '0,600000']], 'the at 12 months estimate row');
  });

  it('a researcher sees the same estimates where at least 5 are at risk, no count under 5 and no drop that stands for 1-4', async () => {
    const r = await okStats(w.rs, teamQ);
    assert.equal(r.young_people, 8);
    assert.equal(r.suppressed, true);
    for (const p of r.placement_free.curve) {
      assert.ok(p.at_risk === null || p.at_risk >= 5, `researcher curve point with ${p.at_risk} at risk: ${JSON.stringify(p)}`);
    }
    // Day 100 (8 at risk, 2 placements) is not shown: 8 × (1 − 0.75) would give
    // the 2 back. The points shown carry the professional's estimates.
    assert.equal(r.placement_free.curve.find((p) => p.day === 100), undefined, 'day 100 merged away');
    const own = (await okStats(w.pA, teamQ)).placement_free.curve;
    near(own.find((p) => p.day === 100).estimate, 0.75, TOL, 'the professional sees day 100');
    for (const p of r.placement_free.curve) near(p.estimate, own.find((o) => o.day === p.day).estimate, TOL, `day ${p.day}`);
    const at12 = r.placement_free.at_12_months;
    assert.ok(at12 === null || at12.at_risk === null, `3 at risk at 12 months is not shown: ${JSON.stringify(at12)}`);
    assert.equal(r.indicators.dropout.closed, null, '3 closed: suppressed');
    assert.equal(r.indicators.goal_realisation.mean, null, '2 measured: suppressed');
    assert.equal(r.indicators.attendance_change.mean_t0, null, '2 with attendance: suppressed');
    // The small-cell threshold is 5: a cell of exactly 4 is hidden, one of exactly 5 is shown.
    assert.equal(r.costs.placements_observed, null, '4 placed within 24 months: suppressed');
    assert.equal(r.costs.placements_averted, null, 'averted would give the 4 observed back');
    assert.equal(r.costs.money_not_spent_cents, null, 'money not spent would give the 4 observed back');
    assert.equal(r.costs.cohort_24_months, 5, 'a cohort of exactly 5 is shown');
    near(r.costs.placements_expected, 2.5, TOL, 'expected over a cohort of 5 is shown');
  });

  it('trainings drive training.share_trained (team A: pA and tA)', async () => {
    const before0 = await okStats(w.pA, teamQ);
    assert.equal(before0.indicators.training.professionals, 2, 'pA and tA are the professionals of team A');
    near(before0.indicators.training.share_trained, 0, TOL, 'nobody trained yet');
    const t = await req(w.admin, 'POST', `/users/${w.pA.id}/trainings`, { course: 'JIM-aanpak basis', trained_on: ago(30), provider: 'JIM Academie' });
    assert.equal(t.status, 201, t.text);
    near((await okStats(w.pA, teamQ)).indicators.training.share_trained, 0.5, TOL, 'one of two trained');
    // a second training for the same person does not count twice
    assert.equal((await req(w.admin, 'POST', `/users/${w.pA.id}/trainings`, { course: 'Verdieping', trained_on: ago(10), provider: 'JIM Academie' })).status, 201);
    near((await okStats(w.pA, teamQ)).indicators.training.share_trained, 0.5, TOL, 'still one of two');
    assert.equal((await req(w.admin, 'POST', `/users/${w.tA.id}/trainings`, { course: 'JIM-aanpak basis', trained_on: ago(5), provider: 'JIM Academie' })).status, 201);
    near((await okStats(w.pA, teamQ)).indicators.training.share_trained, 1, TOL, 'both trained');
  });

  it('costs respond to the organisation cost settings (PUT then GET stats)', async () => {
    const put = await req(w.admin, 'PUT', `/organisations/${w.org.id}/cost-settings`, {
      placement_year_cents: 12000000,
      home_year_cents: 2000000,
      reference_placement_rate: 0.75,
    });
    assert.equal(put.status, 200, put.text);
    const g = await req(w.admin, 'GET', `/organisations/${w.org.id}/cost-settings`);
    assert.deepEqual(g.json, { placement_year_cents: 12000000, home_year_cents: 2000000, reference_placement_rate: 0.75 });
    const c = (await okStats(w.pA, teamQ)).costs;
    assert.deepEqual(c.assumptions, { placement_year_cents: 12000000, home_year_cents: 2000000, reference_placement_rate: 0.75 });
    // expected 5 × 0.75 = 3.75, observed 4, averted 0
    near(c.placements_expected, 3.75, TOL, 'expected with rate 0.75');
    assert.equal(c.placements_observed, 4);
    near(c.placements_averted, 0, TOL, 'averted');
    assert.equal(c.money_not_spent_cents, 0);
    // rate 1: expected 5, observed 4, averted 1, money 1 × (120,000 − 20,000) EUR = 10,000,000 cents
    await req(w.admin, 'PUT', `/organisations/${w.org.id}/cost-settings`, { placement_year_cents: 12000000, home_year_cents: 2000000, reference_placement_rate: 1 });
    const all = (await okStats(w.pA, teamQ)).costs;
    near(all.placements_expected, 5, TOL, 'expected with rate 1');
    near(all.placements_averted, 1, TOL, 'averted with rate 1');
    assert.equal(all.money_not_spent_cents, 10000000);
    // the rate applies only with the organisation's settings; observed never below 0 averted
    await req(w.admin, 'PUT', `/organisations/${w.org.id}/cost-settings`, { placement_year_cents: 12000000, home_year_cents: 2000000, reference_placement_rate: 0.1 });
    const low = (await okStats(w.pA, teamQ)).costs;
    near(low.placements_expected, 0.5, TOL, 'expected 5 × 0.1');
    near(low.placements_averted, 0, TOL, 'averted not below 0');
    assert.equal(low.money_not_spent_cents, 0);
  });

  it('a young person already placed at the start is not at risk: the curve does not change', async () => {
    const before1 = await okStats(w.pA, teamQ);
    const y9 = await createYouth(w.base, w.pA, w.teamA.id, { started_on: ago(100), living_situation: 'foster_care' });
    assert.equal(y9.living_situation, 'foster_care');
    const s = await okStats(w.pA, teamQ);
    assertCurve(s.placement_free.curve, HAND_DEFAULT, 'curve with an already placed youth');
    assertAt(s.placement_free.at_12_months, HAND_AT_365, 'at_12_months with an already placed youth');
    assert.ok(before1.young_people === 8);
  });

  it('a professional of another team: team_id of team A → 422; without team_id only their own team', async () => {
    assertError(await stats(w.pB, teamQ), 422, 'validation_failed', 'team_id');
    assertError(await stats(w.tB, teamQ), 422, 'validation_failed', 'team_id');
    assertError(await req(w.pB, 'GET', `/stats/outcomes.csv${teamQ}`), 422, 'validation_failed', 'team_id');
    const own = await okStats(w.pB);
    assert.equal(own.young_people, 0, 'team B has no young people');
    const a = await okStats(w.pA);
    assert.equal(a.young_people, 9, 'pA without team_id: team A (8 + the already placed one)');
  });
});
