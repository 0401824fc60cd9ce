// Authorization matrix (issue 7), generated from the routing table.
//
// `kring routes --json` is read at test start. Every route is called as every
// kind of caller (nobody; admin; researcher; privacy officer; a professional
// and a teamlead of the young person's team; a professional and a teamlead of
// another team without a grant; a professional of another team holding a
// break-the-glass grant; the young person; another young person; the young
// person's JIM; the JIM of another young person). The expected decision is
// computed from the route's JSON alone (public flag, roles, scope, relations,
// consent) and from how the world below was built, by the same rules as
// check_access/check_dossier (src/http/server.c) and src/auth/policy.c:
//
//   public route                     → allowed for everyone
//   no session                       → 401 not_authenticated
//   role not listed                  → 403 forbidden
//   scoped route, no relation        → 404 not_found
//   relation jim on scope jim/activity/statement, or relation exists on
//   scope meeting_action, and the caller is not the owner → 404 not_found
//   relation jim without consent     → 403 no_consent (cannot happen here:
//                                      the JIM has all four consents)
//   relation self or jim on scope goal_action, and the action's owner_kind
//   is not 'youth' (self) or 'jim' (jim) → 403 forbidden (a row rule of the
//   handler, OWNER_KIND_REQUIRED; each object's owner_kind is known here)
//
// An allowed call may still be answered 400/409/410/422 by its handler (the
// body is `{}`), but never 401, 403, or a 404 of the policy. When the route
// declares a body with required fields (its requestBody in openapi.json), the
// declared check answers before the handler: 400 without a body, else 422
// naming the first required field. Afterwards the privacy officer's audit
// trail must hold a `denied` event for every refusal of a signed-in caller.
//
// The password again: before the matrix, every route the table flags
// `recent_login` is called as every caller with sessions that last gave the
// password two reauth windows ago. A caller the model above admits must be
// refused 403 reauth_required (check_recent_login comes after the role, the
// file and the declared body, so the call sends a body its declaration
// takes); anyone else meets the same refusal as in the matrix. Each of these
// refusals is audited as denied too, the password's with its reason.
//
// There is no per-route table: routes are handled by generic rules keyed on
// their scope kind ({id} → the object of that kind, all belonging to one young
// person Y) and, for unscoped {id}, on the collection in the path. A scope
// kind, relation, consent scope, placeholder or collection that this file
// does not know fails the first test, so a new kind forces an update here.
// The few exceptions are listed in HANDLER_RULES and RUN_LAST with reasons.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kring, api, createUser, loginOk, agePasswords, sleep } from './harness.mjs';
import {
  setupDossierWorld,
  signIn,
  acceptAndSignIn,
  createYouth,
  youthAccount,
  makeJim,
  todayAmsterdam,
  yearsAgo,
  addDays,
} from './dossier-fixture.mjs';

// ---------------------------------------------------------------- the model

// Relations in the order pick_relation() (src/auth/policy.c) tries them: the
// first one the caller has and the route admits is the basis of access.
const RELATION_ORDER = ['team', 'self', 'jim', 'privacy', 'break_glass', 'exists'];

// policy_owner_required(): with these bases on these scopes the caller must
// also own the object (the JIM of the record / the owner of the action).
const OWNER_REQUIRED = {
  jim: ['jim', 'activity', 'cost', 'statement'],
  exists: ['meeting_action'],
};

// A handler's row rule once the policy let the caller through, which the
// routing table cannot express: on these scopes the young person (basis
// self) and the JIM (basis jim) reach only an object that is theirs by its
// owner_kind, anything else is 403 forbidden (may_tick_off, src/api/plan.c).
// The world's goal action is the young person's and the fresh ones of DELETE
// are the JIM's, so both ways are called (checked below).
const OWNER_KIND_REQUIRED = { goal_action: { self: 'youth', jim: 'jim' } };

// The consent scopes a JIM can need; the JIM of Y has all of them in force.
const CONSENT_SCOPES = ['share_plan', 'share_meetings', 'share_notes_marked_shared', 'share_outcomes'];

// The scope kinds this test can give an object for (see buildWorld). A route
// with another kind fails the routing-table test.
const SCOPE_KINDS = [
  'youth',
  'nomination',
  'jim',
  'consent',
  'goal',
  'break_glass',
  'activity',
  'cost',
  'statement',
  'meeting',
  'meeting_action',
  'alert',
  'network_member',
  'goal_action',
];

// Unscoped routes with an {id}: the collection before it names what it is.
// The value is a function of the world and the caller (it may be async);
// another collection fails the routing-table test.
const UNSCOPED_ID = {
  teams: (W) => W.teamA.id, // the young person's team
  users: (W) => W.spare.id, // an account of team A that no caller uses: admin routes end it
  organisations: (W) => W.org.id,
  requests: (W) => W.requestId, // an access request about Y
  // One of the caller's own sessions (GET/DELETE /me/sessions/{id}): begun
  // afresh for the call, so that ending it leaves the caller's session of
  // the matrix going. Without a caller any number does (the answer is 401).
  sessions: async (W, caller) => {
    if (!caller.who) return 1;
    const s = await loginOk(W.base, caller.who.username, caller.who.password);
    const r = await api(W.base, 'GET', '/api/v1/me/sessions', { token: s.token });
    assert.equal(r.status, 200, `sessions of ${caller.key}: ${r.text}`);
    return r.json.items.find((x) => x.current).id;
  },
};

const ROLES = ['professional', 'teamlead', 'jim', 'youth', 'privacy_officer', 'researcher', 'admin'];

// Documented exceptions: access decided by a handler, which the routing table
// cannot express (its scope is null). Each gives, for a caller, the refusal
// status the handler answers, or null when it lets the caller through.
const HANDLER_RULES = [
  {
    method: 'GET',
    pattern: '/api/v1/teams/{id}/jim-totals',
    // api_team_jim_totals (src/api/activities.c) admits only members of the
    // team in the path and answers 404 not_found to anyone else; the table
    // says scope null. We call it with team A, so professionals and teamleads
    // of team B are refused. Like every refusal, it must be audited `denied`;
    // at the time of writing it is audited with outcome `error` (the handler
    // does not mark it refused), which the audit test reports.
    refuse: (caller, W) => (caller.teams.includes(W.teamA.id) ? null : 404),
  },
];

// Bodies other than `{}` for routes whose handler would answer `{}` with a
// 422 before it reaches the row: an allowed caller then goes all the way
// (the row taken, changed, answered), a refused one is stopped as before.
// A correction of the world's goal action changes only its wording, a new
// one per caller, so its owner_kind (the row rule above) stays.
const BODIES = {
  'PATCH /api/v1/goal-actions/{id}': (caller) => ({ description: `Mentor bellen (${caller.key})` }),
};

// Routes that end the caller's session: run after every other call.
const RUN_LAST = [{ method: 'DELETE', pattern: '/api/v1/session' }];

// Routes that give a caller of the matrix a new start (a new invitation ends
// their sessions and password): after each call that did, the caller takes
// the invitation and signs in again, in place, so that the calls after it see
// the world as built.
const RESIGN = {
  'POST /api/v1/jims/{id}/invitation': (W) => W.J,
  'POST /api/v1/youths/{id}/account/invitation': (W) => W.youthY,
};
async function resignIn(W, rt, r) {
  const who = RESIGN[`${rt.method} ${rt.pattern}`];
  if (!who || r.status !== 201) return;
  const target = who(W);
  Object.assign(target, await acceptAndSignIn(W.base, r.json, target.username));
}
const isRunLast = (rt) => RUN_LAST.some((x) => x.method === rt.method && x.pattern === rt.pattern);

// Placeholders a pattern may hold.
const PLACEHOLDER = /\{(\w+)\}/g;
const KNOWN_PLACEHOLDERS = ['id', 'token'];

// The caller's relation facts towards young person Y.
function hasRelation(caller, rel) {
  const staff = caller.role === 'professional' || caller.role === 'teamlead';
  switch (rel) {
    case 'team':
      return staff && caller.inTeamOfY;
    case 'self':
      return caller.role === 'youth' && caller.isY;
    case 'jim':
      return caller.role === 'jim' && caller.isJimOfY;
    case 'privacy':
      return caller.role === 'privacy_officer';
    case 'break_glass':
      return staff && caller.grantOnY;
    case 'exists':
      return true;
    default:
      throw new Error(`unknown relation ${rel}`);
  }
}

// The expected answer: {allowed: true} or {allowed: false, status, code, why}.
// `id` is the object of the path.
function expected(rt, caller, W, id) {
  if (rt.public) return { allowed: true, why: 'public' };
  if (!caller.who) return { allowed: false, status: 401, code: 'not_authenticated', why: 'no session' };
  if (!rt.roles.includes(caller.role)) return { allowed: false, status: 403, code: 'forbidden', why: `role ${caller.role}` };
  if (rt.scope) {
    const basis = RELATION_ORDER.find((rel) => rt.relations.includes(rel) && hasRelation(caller, rel));
    if (!basis) return { allowed: false, status: 404, code: 'not_found', why: 'no relation' };
    if ((OWNER_REQUIRED[basis] || []).includes(rt.scope) && W.ownerOf[rt.scope] !== caller.id) {
      return { allowed: false, status: 404, code: 'not_found', why: `basis ${basis}, not the owner` };
    }
    const kind = (OWNER_KIND_REQUIRED[rt.scope] || {})[basis];
    if (kind && W.ownerKindOf.get(String(id)) !== kind) {
      return { allowed: false, status: 403, code: 'forbidden', why: `basis ${basis}, owner_kind not ${kind}`, ownerKind: true };
    }
    // basis jim with consent: all consents are in force for the JIM of Y.
    return { allowed: true, why: `basis ${basis}` };
  }
  for (const h of HANDLER_RULES) {
    if (h.method === rt.method && h.pattern === rt.pattern) {
      const st = h.refuse(caller, W);
      if (st) return { allowed: false, status: st, code: 'not_found', why: 'handler rule', handler: true };
    }
  }
  return { allowed: true, why: 'role' };
}

// Problems of a route that this file cannot handle (empty when fine).
function unknownKinds(rt) {
  const out = [];
  const what = `${rt.method} ${rt.pattern}`;
  if (!rt.public && !rt.audit) out.push(`${what}: not public and no audit action, so a refusal cannot be audited`);
  for (const r of rt.roles) if (!ROLES.includes(r)) out.push(`${what}: unknown role ${r}`);
  for (const r of rt.relations) if (!RELATION_ORDER.includes(r)) out.push(`${what}: unknown relation ${r}`);
  for (const c of rt.consent) if (!CONSENT_SCOPES.includes(c)) out.push(`${what}: unknown consent scope ${c}`);
  if (rt.scope !== null && !SCOPE_KINDS.includes(rt.scope)) out.push(`${what}: unknown scope kind ${rt.scope}`);
  if (rt.scope !== null && !rt.pattern.includes('{id}')) out.push(`${what}: scoped but has no {id}`);
  if (rt.scope !== null && rt.relations.length === 0) out.push(`${what}: scoped but admits no relation`);
  for (const [, name] of rt.pattern.matchAll(PLACEHOLDER)) {
    if (!KNOWN_PLACEHOLDERS.includes(name)) out.push(`${what}: unknown placeholder {${name}}`);
  }
  if (rt.pattern.includes('{token}') && !rt.public) out.push(`${what}: a {token} route that needs a session: give it a real token`);
  if (rt.scope === null && rt.pattern.includes('{id}')) {
    const coll = collectionOf(rt.pattern);
    if (!(coll in UNSCOPED_ID)) out.push(`${what}: unscoped {id} in unknown collection ${coll}`);
  }
  const second = secondCollectionOf(rt.pattern);
  if (second && !(second in SECOND_ID)) out.push(`${what}: a second {id} in unknown collection ${second}`);
  if (rt.method === 'DELETE' && rt.scope && !(rt.scope in FRESH)) {
    out.push(`${what}: DELETE on scope ${rt.scope}: add a FRESH factory so that deleting does not break later calls`);
  }
  return out;
}

// "/api/v1/teams/{id}/members" → "teams".
function collectionOf(pattern) {
  const parts = pattern.split('/');
  const i = parts.findIndex((p) => p.startsWith('{id}'));
  return parts[i - 1];
}

// A second {id} in a path, by the collection it follows
// ("/api/v1/teams/{id}/members/{id}" → "members").
const SECOND_ID = {
  members: (W) => W.spare.id, // a member of team A whom no caller is
};
const secondCollectionOf = (pattern) => {
  const parts = pattern.split('/');
  const i = parts.findIndex((p, k) => p.startsWith('{id}') && k > parts.findIndex((q) => q.startsWith('{id}')));
  return i < 0 ? null : parts[i - 1];
};

// Objects made afresh for every call of a DELETE on that scope, so that one
// caller's deletion does not turn the next caller's call into a 404.
const FRESH = {
  activity: async (W) => {
    const r = await api(W.base, 'POST', `/api/v1/jims/${W.jimId}/activities`, {
      token: W.J.token,
      body: { date: W.today, minutes: 15, kind: 'phone' },
    });
    assert.equal(r.status, 201, `fresh activity: ${r.status} ${r.text}`);
    return r.json.id;
  },
  cost: async (W) => {
    const r = await api(W.base, 'POST', `/api/v1/jims/${W.jimId}/costs`, {
      token: W.J.token,
      body: { date: W.today, amount_cents: 250, description: 'Parkeren' },
    });
    assert.equal(r.status, 201, `fresh cost: ${r.status} ${r.text}`);
    return r.json.id;
  },
  // A person of Y's network that nothing rests on, so that taking them out
  // answers 204 to every allowed caller.
  network_member: async (W) => {
    const r = await api(W.base, 'POST', `/api/v1/youths/${W.Y.id}/network`, {
      token: W.pA.token,
      body: { name: 'Oom Kees', relation: 'oom', has_custody: false },
    });
    assert.equal(r.status, 201, `fresh network member: ${r.status} ${r.text}`);
    return r.json.id;
  },
  // An action of J (the owner rule) on the world's meeting, marked done, so
  // that taking "done" back answers 200 to every allowed caller, not a 409.
  meeting_action: async (W) => {
    const r = await api(W.base, 'POST', `/api/v1/meetings/${W.objects.meeting}/actions`, {
      token: W.pA.token,
      body: { description: 'Rooster ophalen', owner_user_id: W.J.id },
    });
    assert.equal(r.status, 201, `fresh meeting action: ${r.status} ${r.text}`);
    const d = await api(W.base, 'POST', `/api/v1/meeting-actions/${r.json.id}/done`, { token: W.pA.token });
    assert.equal(d.status, 200, `fresh meeting action done: ${d.status} ${d.text}`);
    return r.json.id;
  },
  // An action of the world's goal, marked done, so that taking "done" back
  // answers 200 to every allowed caller, not a 409.
  // The JIM's action (owner_kind), where the world's is the young person's.
  goal_action: async (W) => {
    const r = await api(W.base, 'POST', `/api/v1/goals/${W.objects.goal}/actions`, {
      token: W.pA.token,
      body: { description: 'Rooster ophalen', owner: 'Tante Joke', owner_kind: 'jim' },
    });
    assert.equal(r.status, 201, `fresh goal action: ${r.status} ${r.text}`);
    W.ownerKindOf.set(String(r.json.id), 'jim');
    const d = await api(W.base, 'POST', `/api/v1/goal-actions/${r.json.id}/done`, { token: W.pA.token });
    assert.equal(d.status, 200, `fresh goal action done: ${d.status} ${d.text}`);
    return r.json.id;
  },
};

async function pathFor(rt, W, caller) {
  let id;
  if (rt.scope) id = rt.method === 'DELETE' ? await FRESH[rt.scope](W, caller) : W.objects[rt.scope];
  else if (rt.pattern.includes('{id}')) id = await UNSCOPED_ID[collectionOf(rt.pattern)](W, caller);
  // A {token} route is public: a made-up token shows it does not want a session.
  const second = secondCollectionOf(rt.pattern);
  const path = rt.pattern.replace('{id}', String(id)).replace('{id}', second ? String(SECOND_ID[second](W)) : '{id}')
    .replace('{token}', randomBytes(32).toString('hex'));
  return { path, id: id === undefined ? null : String(id) };
}

// ---------------------------------------------------------------- the world

async function post(W, who, p, body, status = 201) {
  const r = await api(W.base, 'POST', `/api/v1${p}`, { token: who.token, body });
  assert.equal(r.status, status, `POST ${p}: ${r.status} ${r.text}`);
  return r.json;
}

async function buildWorld(w) {
  const today = todayAmsterdam();
  const W = { ...w, today };
  // A professional of team B who holds a break-the-glass grant on Y, so that
  // pB and tB stay "another team without a grant".
  const gB = await createUser(w.server, w.admin.token, {
    username: `gb.${process.pid}.${randomBytes(3).toString('hex')}`,
    role: 'professional',
    display_name: 'Gert Glas',
    organisation_id: w.org.id,
    team_ids: [w.teamB.id],
  });
  W.gB = await signIn(w.base, gB);
  // An account of team A that no caller uses: the admin's routes on users
  // and team members end it, take it out of the team and invite it again.
  W.spare = await createUser(w.server, w.admin.token, {
    username: `spare.${process.pid}.${randomBytes(3).toString('hex')}`,
    role: 'professional',
    display_name: 'Sam Reserve',
    organisation_id: w.org.id,
    team_ids: [w.teamA.id],
  });

  // Y2: another young person of team A, with their own account and JIM, and
  // a dossier of team B, made first so that the ids of Y's objects differ
  // from Y's id (a policy that took the wrong id for the young person would
  // land on another dossier and show).
  W.Y2 = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Tess' });
  W.youthY2 = await youthAccount(w.base, w.pA, W.Y2.id);
  W.J2 = (await makeJim(w.base, w.pA, W.Y2.id, 'Buurman Henk')).jim;
  await createYouth(w.base, w.pB, w.teamB.id, { given_name: 'Bo' });

  // Y: 17 years old, so the young person's own consent is enough.
  const birth = yearsAgo(today, 17).replace(/-\d\d$/, '-01');
  W.Y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Yara', birth_date: birth });
  W.youthY = await youthAccount(w.base, w.pA, W.Y.id);
  W.requestId = (await post(W, w.pA, `/youths/${W.Y.id}/requests`, { kind: 'access', requested_by: 'youth' })).id;
  const jy = await makeJim(w.base, w.pA, W.Y.id, 'Tante Joke');
  W.J = jy.jim;
  W.jimId = jy.activation.jim.id;
  W.nominationId = jy.nomination.id;
  for (const scope of CONSENT_SCOPES) {
    await post(W, W.youthY, `/youths/${W.Y.id}/consents`, { scope, given_by: 'youth' });
  }
  // A second share_outcomes consent: the object of scope `consent`, which
  // the withdraw route may withdraw without taking anything from the JIM.
  // (Given a day earlier: the same consent on the same day is 409 already_given.)
  const spare = await post(W, W.youthY, `/youths/${W.Y.id}/consents`, { scope: 'share_outcomes', given_by: 'youth', given_on: addDays(today, -1) });
  const sum = await api(w.base, 'GET', `/api/v1/youths/${W.Y.id}/summary`, { token: W.J.token });
  assert.equal(sum.status, 200, sum.text);
  assert.deepEqual([...sum.json.shared_scopes].sort(), [...CONSENT_SCOPES].sort(), 'the JIM of Y has every consent');

  const member = await post(W, w.pA, `/youths/${W.Y.id}/network`, { name: 'Moeder Ria', relation: 'moeder', has_custody: true });
  const goal = await post(W, w.pA, `/youths/${W.Y.id}/goals`, { title: 'Naar school gaan', author_kind: 'professional' });
  const goalAction = await post(W, w.pA, `/goals/${goal.id}/actions`, { description: 'Mentor bellen', owner: 'Yara', owner_kind: 'youth' });
  const grant = await post(W, W.gB, `/youths/${W.Y.id}/break-glass`, { reason: 'Crisis in de nacht, dossier nodig voor de wachtdienst' });
  const activity = await post(W, W.J, `/jims/${W.jimId}/activities`, { date: today, minutes: 60, kind: 'contact' });
  const cost = await post(W, W.J, `/jims/${W.jimId}/costs`, { date: today, amount_cents: 450, description: 'Bioscoop' });
  // The statement settles its days (entries on them cannot change), so it ends
  // before today, the day of the fresh activities that DELETE calls remove; it
  // needs an entry of its own (a statement of an empty period is refused).
  await post(W, W.J, `/jims/${W.jimId}/activities`, { date: addDays(today, -3), minutes: 45, km: 6, kind: 'travel' });
  const statement = await post(W, W.J, `/jims/${W.jimId}/statements`, { from: addDays(today, -7), to: addDays(today, -1) });
  const start = new Date(Date.now() + 3 * 86400000);
  start.setUTCHours(9, 30, 0, 0);
  const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const meeting = await post(W, w.pA, `/youths/${W.Y.id}/meetings`, {
    kind: 'network',
    starts_at: iso(start),
    ends_at: iso(new Date(start.getTime() + 3600000)),
    location: 'Wijkcentrum De Kring',
  });
  const action = await post(W, w.pA, `/meetings/${meeting.id}/actions`, { description: 'School bellen', owner_user_id: W.J.id });
  await post(W, W.J, `/jims/${W.jimId}/checkins`, { wellbeing: 1, burden: 3, continue: 'yes' });
  const alerts = await api(w.base, 'GET', '/api/v1/alerts?state=all', { token: w.pA.token });
  assert.equal(alerts.status, 200, alerts.text);
  const alert = alerts.json.items.find((a) => a.youth_id === W.Y.id && a.kind === 'wellbeing_low');
  assert.ok(alert, `a wellbeing_low alert for Y in ${alerts.text}`);

  W.objects = {
    youth: W.Y.id,
    nomination: W.nominationId,
    jim: W.jimId,
    consent: spare.id,
    goal: goal.id,
    break_glass: grant.id,
    activity: activity.id,
    cost: cost.id,
    statement: statement.id,
    meeting: meeting.id,
    meeting_action: action.id,
    alert: alert.id,
    network_member: member.id,
    goal_action: goalAction.id,
  };
  // The owner_kind of each object of a scope in OWNER_KIND_REQUIRED, by id.
  W.ownerKindOf = new Map([[String(goalAction.id), 'youth']]);
  // Who owns the object of each scope kind that has an owner rule.
  W.ownerOf = { jim: W.J.id, activity: W.J.id, cost: W.J.id, statement: W.J.id, meeting_action: W.J.id };

  const c = (key, who, role, facts = {}) => ({
    key,
    who,
    role,
    id: who ? who.id : null,
    teams: facts.teams || [],
    inTeamOfY: (facts.teams || []).includes(w.teamA.id),
    isY: !!facts.isY,
    isJimOfY: !!facts.isJimOfY,
    grantOnY: !!facts.grantOnY,
  });
  const adminWho = { ...w.admin, id: w.server.admin.id, username: 'admin', password: w.server.admin.password };
  W.callers = [
    c('nobody', null, null),
    c('admin', adminWho, 'admin'),
    c('researcher', w.rs, 'researcher'),
    c('privacy_officer', w.po, 'privacy_officer'),
    c('professional of the team (pA)', w.pA, 'professional', { teams: [w.teamA.id] }),
    c('teamlead of the team (tA)', w.tA, 'teamlead', { teams: [w.teamA.id] }),
    c('professional of another team (pB)', w.pB, 'professional', { teams: [w.teamB.id] }),
    c('teamlead of another team (tB)', w.tB, 'teamlead', { teams: [w.teamB.id] }),
    c('break-glass holder (gB)', W.gB, 'professional', { teams: [w.teamB.id], grantOnY: true }),
    c('the young person (Y)', W.youthY, 'youth', { isY: true }),
    c('another young person (Y2)', W.youthY2, 'youth'),
    c('the JIM of Y (J)', W.J, 'jim', { isJimOfY: true }),
    c('the JIM of another young person (J2)', W.J2, 'jim'),
  ];
  for (const cl of W.callers) if (cl.who) assert.ok(Number.isInteger(cl.id), `user id of ${cl.key}`);
  return W;
}

// ---------------------------------------------------------------- the run

// GET first, then the other methods, DELETE after those, RUN_LAST at the end:
// reads see the world as built, and nothing deleted breaks a later call.
function phase(rt) {
  if (isRunLast(rt)) return 3;
  if (rt.method === 'GET' || rt.method === 'HEAD') return 0;
  if (rt.method === 'DELETE') return 2;
  return 1;
}

// The required fields of a route's declared body, in the order they are checked.
function requiredFields(doc, rt) {
  const op = doc.paths[rt.pattern] && doc.paths[rt.pattern][rt.method.toLowerCase()];
  const schema = op && op.requestBody && op.requestBody.content['application/json'].schema;
  return (schema && schema.required) || [];
}

function check(rt, caller, exp, r, required = []) {
  const code = r.json && r.json.error && r.json.error.code;
  const got = `${r.status}${code ? ' ' + code : ''}`;
  if (!exp.allowed) {
    if (r.status !== exp.status || code !== exp.code) return `expected refusal ${exp.status} ${exp.code} (${exp.why}), got ${got}: ${r.text.slice(0, 200)}`;
    return null;
  }
  if (r.status === 401 || r.status === 403) return `expected allowed (${exp.why}), got ${got}: ${r.text.slice(0, 200)}`;
  // A 404 on a public route is its handler's (an unknown made-up {token});
  // everywhere else, with the real objects of the world, a 404 is a refusal.
  // (409s are fine: e.g. a meeting action another allowed caller marked done
  // first still shows that the policy let this caller through.)
  if (r.status === 404 && !rt.public) return `expected allowed (${exp.why}), got ${got} (a refusal): ${r.text.slice(0, 200)}`;
  if (r.status === 405 || r.status >= 500) return `expected allowed (${exp.why}), got ${got}: ${r.text.slice(0, 200)}`;
  // A declared body with required fields, sent `{}`: the first of them is named.
  if (required.length) {
    const field = r.json && r.json.error && r.json.error.field;
    if (r.status !== 400 && !(r.status === 422 && field === required[0])) {
      return `expected 400, or 422 on ${required[0]} (the first required field of its declared body), got ${got} on ${field}: ${r.text.slice(0, 200)}`;
    }
  }
  return null;
}

async function runMatrix(routes, W) {
  const calls = [];
  const ordered = routes.map((rt, i) => ({ rt, i })).sort((a, b) => phase(a.rt) - phase(b.rt) || a.i - b.i);
  for (const { rt } of ordered) {
    for (const caller of W.callers) {
      const { path: p, id } = await pathFor(rt, W, caller);
      const opts = { token: caller.who ? caller.who.token : undefined };
      // A DELETE sends `{}` too when it declares a body (why a person leaves
      // the network): it then answers 422 on its first required field.
      if (!['GET', 'HEAD', 'DELETE'].includes(rt.method) || requiredFields(W.doc, rt).length) opts.body = {};
      const body = BODIES[`${rt.method} ${rt.pattern}`];
      if (body) opts.body = body(caller);
      const exp = expected(rt, caller, W, id);
      const r = await api(W.base, rt.method, p, opts);
      await resignIn(W, rt, r);
      const required = opts.body ? requiredFields(W.doc, rt) : [];
      calls.push({ rt, caller, path: p, id, exp, status: r.status, problem: check(rt, caller, exp, r, required) });
    }
    // Guard: nothing before the last phase may end a session or the JIM.
    if (phase(rt) < 3 && rt.method !== 'GET') {
      const me = await api(W.base, 'GET', '/api/v1/me', { token: W.J.token });
      assert.equal(me.status, 200, `after ${rt.method} ${rt.pattern} the JIM of Y is no longer signed in: ${me.text}`);
      assert.equal(me.json.jim_id, W.jimId, `after ${rt.method} ${rt.pattern} J is no longer the active JIM of Y`);
    }
  }
  return calls;
}

// ------------------------------------------------------ the password again

// The harness's window, set here by name: the pass below ages the sessions
// past it, and the matrix needs them within it.
const REAUTH_WINDOW = 86400;
const REAUTH_REASON = 'password not confirmed recently';

// A value the declared check of a body takes for a field of this schema:
// the first of an enum, a short string, the least integer.
function exampleValue(schema) {
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return schema.format === 'date' ? todayAmsterdam() : 'x'.repeat(Math.max(4, schema.minLength || 0));
    case 'integer':
      return Math.max(1, schema.minimum || 0);
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      throw new Error(`no example for a field of type ${JSON.stringify(schema.type)}`);
  }
}

// The required fields of a route's declared body, each with exampleValue().
function declaredExample(doc, rt) {
  const op = doc.paths[rt.pattern][rt.method.toLowerCase()];
  const schema = op.requestBody && op.requestBody.content['application/json'].schema;
  const body = {};
  for (const f of (schema && schema.required) || []) body[f] = exampleValue(schema.properties[f]);
  return body;
}

// Calls every flagged route as every caller, with every session's password
// two windows old; the sessions are fresh again afterwards. The expectation
// is the matrix's, except that an admitted caller is asked for the password.
async function runReauthPass(routes, W) {
  const calls = [];
  agePasswords(W.server.db, 2 * REAUTH_WINDOW);
  try {
    for (const rt of routes.filter((x) => x.recent_login)) {
      for (const caller of W.callers) {
        const { path: p, id } = await pathFor(rt, W, caller);
        const opts = { token: caller.who ? caller.who.token : undefined };
        if (!['GET', 'HEAD'].includes(rt.method)) opts.body = declaredExample(W.doc, rt);
        const model = expected(rt, caller, W, id);
        const exp = model.allowed
          ? { allowed: false, status: 403, code: 'reauth_required', why: `${model.why}, password given ${2 * REAUTH_WINDOW} s ago`, reauth: true }
          : model;
        const r = await api(W.base, rt.method, p, opts);
        calls.push({ rt, caller, path: p, id, exp, status: r.status, problem: check(rt, caller, exp, r) });
      }
    }
  } finally {
    agePasswords(W.server.db, 0);
  }
  return calls;
}

// The audit trail's denied events of each signed-in caller from `from` (to
// `to`, when given) against `calls`' refusals: one for each, by the route's
// action, object and young person, none for an allowed call, and the
// refusals for the password with their reason. Returns the problems found.
async function auditProblems(W, po, calls, from, to) {
  const problems = [];
  for (const caller of W.callers) {
    if (!caller.who) continue;
    const refused = calls.filter((c) => c.caller === caller && !c.exp.allowed);
    const r = await api(W.base, 'GET', `/api/v1/audit?user_id=${caller.id}&limit=1000&from=${encodeURIComponent(from)}${to ? `&to=${encodeURIComponent(to)}` : ''}`, { token: po.token });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length < 1000, `${caller.key}: more than 1000 events; page the audit query`);
    const denied = r.json.items.filter((e) => e.outcome === 'denied' && e.user_id === caller.id);
    // The refusals for the password by their reason.
    const asked = refused.filter((c) => c.exp.reauth).length;
    const withReason = denied.filter((e) => e.reason === REAUTH_REASON).length;
    if (withReason !== asked) problems.push(`${caller.key}: ${asked} refusal(s) for the password but ${withReason} denied event(s) with reason "${REAUTH_REASON}"`);
    if (denied.length < refused.length) problems.push(`${caller.key}: ${refused.length} refusals but ${denied.length} denied events`);
    // More denied events than refusals: an allowed call was recorded as refused.
    if (denied.length > refused.length) problems.push(`${caller.key}: ${refused.length} refusals but ${denied.length} denied events (an allowed call audited as denied?)`);
    // Each refusal by its route's action, object type and id, and the young
    // person of a route scoped to one, whether refused by role or by the
    // dossier policy: every refusal shows in that young person's access log.
    const key = (action, type, id, youth) => `${action} ${type} ${id == null ? '-' : String(id)} youth ${youth == null ? '-' : String(youth)}`;
    const count = (events) => {
      const m = new Map();
      for (const e of events) {
        const k = key(e.action, e.object_type, e.object_id, e.youth_id);
        m.set(k, (m.get(k) || 0) + 1);
      }
      return m;
    };
    const have = count(denied);
    const other = count(r.json.items.filter((e) => e.outcome !== 'denied'));
    const want = new Map();
    const example = new Map();
    for (const c of refused) {
      const youth = c.rt.scope ? W.Y.id : null;
      const k = key(c.rt.audit, c.rt.object_type, c.id, youth);
      want.set(k, (want.get(k) || 0) + 1);
      if (!example.has(k)) example.set(k, []);
      example.get(k).push(`${c.rt.method} ${c.path} → ${c.status}`);
    }
    for (const [k, n] of want) {
      const h = have.get(k) || 0;
      if (h < n) {
        const o = other.get(k) || 0;
        const outcomes = [...new Set(r.json.items.filter((e) => key(e.action, e.object_type, e.object_id, e.youth_id) === k && e.outcome !== 'denied').map((e) => e.outcome))];
        problems.push(
          `${caller.key}: ${n} refusal(s) [${example.get(k).join('; ')}] but ${h} denied event(s) "${k}"` +
            (o ? `; ${o} such event(s) with outcome ${outcomes.join('/')} instead` : ''),
        );
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- the tests

describe('authorization matrix from the routing table (issue 7)', () => {
  let routes;
  let W;
  let calls;
  let matrixFrom;
  let reauthCalls;
  let reauthFrom;
  let reauthTo;
  let keyDir;

  before(async () => {
    const out = kring(['routes', '--json']);
    assert.equal(out.status, 0, `kring routes --json: ${out.stderr}`);
    routes = JSON.parse(out.stdout);
    // A research key, so that the research export answers rather than 503.
    keyDir = mkdtempSync(path.join(os.tmpdir(), 'kring-authz-'));
    const keyFile = path.join(keyDir, 'research.key');
    writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
    const w = await setupDossierWorld({ env: { KRING_RESEARCH_KEY: keyFile, KRING_REAUTH_WINDOW: String(REAUTH_WINDOW) } });
    try {
      W = await buildWorld(w);
      const d = await api(W.base, 'GET', '/api/v1/openapi.json');
      assert.equal(d.status, 200, d.text);
      W.doc = d.json;
    } catch (e) {
      await w.server.stop().catch(() => {});
      throw e;
    }
    // The password again, on the world as built; its audit events are those
    // from reauthFrom to reauthTo, the matrix's those after.
    await sleep(20);
    reauthFrom = new Date(Date.now() - 5).toISOString();
    reauthCalls = await runReauthPass(routes, W);
    await sleep(20);
    reauthTo = new Date(Date.now() - 5).toISOString();
    // Audit events of the matrix are those from here on.
    matrixFrom = reauthTo;
    calls = await runMatrix(routes, W);
    // AUTHZ_MATRIX_DUMP=FILE writes every call (route, caller, expectation, status) as JSON lines.
    if (process.env.AUTHZ_MATRIX_DUMP) {
      const lines = calls.map((c) =>
        JSON.stringify({ method: c.rt.method, path: c.path, caller: c.caller.key, expected: c.exp.allowed ? 'allowed' : c.exp.status, why: c.exp.why, status: c.status }),
      );
      writeFileSync(process.env.AUTHZ_MATRIX_DUMP, lines.join('\n') + '\n');
    }
  }, { timeout: 120000 });

  after(async () => {
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
    if (W) await W.server.stop();
  });

  it('the routing table has only kinds this test knows', () => {
    assert.ok(Array.isArray(routes) && routes.length > 50, `routes: ${routes && routes.length}`);
    const problems = routes.flatMap(unknownKinds);
    for (const h of [...HANDLER_RULES, ...RUN_LAST]) {
      if (!routes.some((rt) => rt.method === h.method && rt.pattern === h.pattern)) problems.push(`exception for ${h.method} ${h.pattern}: no such route any more`);
    }
    assert.deepEqual(problems, []);
    // The guard itself: a route of a new kind is not silently skipped.
    const invented = { method: 'GET', pattern: '/api/v1/invoices/{id}', public: false, roles: ['professional'], audit: 'read', object_type: 'invoice', scope: 'invoice', relations: ['team'], consent: [] };
    assert.match(unknownKinds(invented).join('\n'), /unknown scope kind invoice/);
    assert.match(unknownKinds({ ...invented, scope: null, pattern: '/api/v1/invoices/{id}' }).join('\n'), /unknown collection invoices/);
    assert.match(unknownKinds({ ...invented, scope: 'youth', relations: ['guardian'] }).join('\n'), /unknown relation guardian/);
  });

  it('an allowed call with {} to a route that declares required fields is answered on the first of them', () => {
    // The guard of the check above: it covers the routes it should.
    const withRequired = routes.filter((rt) => requiredFields(W.doc, rt).length);
    assert.ok(withRequired.length >= 35, `routes with required body fields: ${withRequired.length}`);
    const answered = calls.filter((c) => c.exp.allowed && requiredFields(W.doc, c.rt).length);
    assert.ok(answered.length >= withRequired.length, `allowed calls to them: ${answered.length}`);
    assert.ok(answered.every((c) => c.status === 400 || c.status === 422), answered.filter((c) => c.status !== 400 && c.status !== 422).map((c) => `${c.rt.method} ${c.path} as ${c.caller.key}: ${c.status}`).join('\n'));
    // And the check itself refuses a wrong answer.
    const rt = withRequired[0];
    const first = requiredFields(W.doc, rt)[0];
    const fake = (status, field) => ({ status, json: { error: { code: 'x', field } }, text: '' });
    assert.equal(check(rt, {}, { allowed: true }, fake(422, first), [first]), null);
    assert.match(check(rt, {}, { allowed: true }, fake(422, 'elsewhere'), [first]) || '', /expected 400, or 422/);
    assert.match(check(rt, {}, { allowed: true }, fake(409), [first]) || '', /expected 400, or 422/);
  });

  it('every route × caller: exactly the allowed combinations get through', () => {
    assert.equal(calls.length, routes.length * W.callers.length);
    const failures = calls.filter((c) => c.problem).map((c) => `${c.rt.method} ${c.rt.pattern} as ${c.caller.key} (${c.path}): ${c.problem}`);
    const allowed = calls.filter((c) => c.exp.allowed).length;
    process.stdout.write(`# authz matrix: ${routes.length} routes × ${W.callers.length} callers = ${calls.length} calls, ${allowed} allowed, ${calls.length - allowed} refused\n`);
    assert.deepEqual(failures, []);
  });

  it('the owner_kind rule is called both ways: allowed and refused, for the young person and the JIM', () => {
    const on = (key, allowed) => calls.filter((c) => OWNER_KIND_REQUIRED[c.rt.scope] && c.caller.key === key &&
      (allowed ? c.exp.allowed : c.exp.ownerKind));
    for (const key of ['the young person (Y)', 'the JIM of Y (J)']) {
      assert.ok(on(key, true).length > 0, `${key}: no allowed call on an action of their own`);
      assert.ok(on(key, false).length > 0, `${key}: no call refused by owner_kind`);
    }
  });

  it('a route with a body of its own goes all the way for the allowed callers', () => {
    for (const key of Object.keys(BODIES)) {
      const these = calls.filter((c) => `${c.rt.method} ${c.rt.pattern}` === key);
      assert.ok(these.length > 0, `${key}: not called`);
      const allowed = these.filter((c) => c.exp.allowed);
      assert.ok(allowed.length > 0 && allowed.length < these.length, `${key}: ${allowed.length} of ${these.length} allowed`);
      assert.deepEqual(allowed.filter((c) => c.status !== 200).map((c) => `${c.caller.key}: ${c.status}`), []);
    }
  });

  it('every route that asks for the password again refuses whom the matrix admits, past the window', () => {
    const flagged = routes.filter((rt) => rt.recent_login);
    assert.ok(flagged.length >= 14, `routes flagged recent_login: ${flagged.length}`);
    assert.equal(reauthCalls.length, flagged.length * W.callers.length);
    const failures = reauthCalls.filter((c) => c.problem).map((c) => `${c.rt.method} ${c.rt.pattern} as ${c.caller.key} (${c.path}): ${c.problem}`);
    assert.deepEqual(failures, []);
    // Each flagged route asked somebody: the pass is not refused before the check on every call.
    const asked = new Set(reauthCalls.filter((c) => c.exp.reauth).map((c) => `${c.rt.method} ${c.rt.pattern}`));
    assert.deepEqual(flagged.map((rt) => `${rt.method} ${rt.pattern}`).filter((k) => !asked.has(k)), []);
    process.stdout.write(`# authz matrix, the password again: ${flagged.length} routes × ${W.callers.length} callers, ${reauthCalls.filter((c) => c.exp.reauth).length} asked\n`);
  });

  it('every refusal of a signed-in caller is in the audit trail as denied', async () => {
    // The matrix ended with every caller's logout: sign the privacy officer in again.
    const po = await signIn(W.base, W.po);
    assert.deepEqual(await auditProblems(W, po, calls, matrixFrom), []);
    assert.deepEqual(await auditProblems(W, po, reauthCalls, reauthFrom, reauthTo), []);
  });
});
