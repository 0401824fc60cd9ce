// The text limits of the web front end agree with the server's. A field of
// web/pages/*.js with maxlength="N" (ui.js keeps its text within N code
// points, as the server counts) must hold exactly as much as the API field
// it is sent as takes: the maxLength GET /api/v1/openapi.json publishes for
// that field of the route's declared body (api/input.h), which is the limit
// the server checks before the handler runs (the same constant as the
// handler's own rule). The field -> route + body field mapping is the one
// thing written down here (FIELDS); every field with a limit must be in it
// or in NOT_A_BODY_TEXT with a reason, so a new field, a changed limit on
// either side or a route that stops publishing one fails here.
//
// On the server's side, each limit is also tried: limit+1 emoji is 422 on
// the field (counted in code points, not bytes), limit emoji is not.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, api } from './harness.mjs';
import { setupDossierWorld, createYouth, letters } from './dossier-fixture.mjs';

// 'page.js field-id' (the id as the source writes it; a "#2" after it for
// the second field with that id in the page) -> [route, body field].
const FIELDS = {
  'admin.js org-name': ['POST /api/v1/organisations', 'name'],
  'admin.js team-name': ['POST /api/v1/teams', 'name'],
  'admin.js user-username': ['POST /api/v1/users', 'username'],
  'admin.js user-display-name': ['POST /api/v1/users', 'display_name'],
  'admin.js tr-course': ['POST /api/v1/users/{id}/trainings', 'course'],
  'admin.js tr-provider': ['POST /api/v1/users/{id}/trainings', 'provider'],
  'dossier.js ch-reason': ['PATCH /api/v1/youths/{id}', 'change_reason'],
  'dossier.js account-username': ['POST /api/v1/youths/{id}/account', 'username'],
  'dossier.js nw-name': ['POST /api/v1/youths/{id}/network', 'name'],
  'dossier.js nw-relation': ['POST /api/v1/youths/{id}/network', 'relation'],
  'dossier.js nw-contact': ['POST /api/v1/youths/{id}/network', 'contact'],
  'dossier.js nw-edit-name': ['PATCH /api/v1/network-members/{id}', 'name'],
  'dossier.js nw-edit-relation': ['PATCH /api/v1/network-members/{id}', 'relation'],
  'dossier.js nw-edit-contact': ['PATCH /api/v1/network-members/{id}', 'contact'],
  'dossier.js nw-edit-reason': ['PATCH /api/v1/network-members/{id}', 'change_reason'],
  'dossier.js nw-remove-reason': ['DELETE /api/v1/network-members/{id}', 'reason'],
  'dossier.js jim-end-note': ['POST /api/v1/jims/{id}/end', 'note'],
  'dossier.js nom-name': ['POST /api/v1/youths/{id}/nominations', 'name'],
  'dossier.js nom-relation': ['POST /api/v1/youths/{id}/nominations', 'relation'],
  'dossier.js nom-contact': ['POST /api/v1/youths/{id}/nominations', 'contact'],
  'dossier.js nom-note': ['POST /api/v1/youths/{id}/nominations', 'note'],
  "dossier.js p + 'return-reason'": ['POST /api/v1/nominations/{id}/return-decline', 'reason'],
  "dossier.js p + 'reason'": ['POST /api/v1/nominations/{id}/assessment', 'reason'],
  "dossier.js p + 'username'": ['POST /api/v1/nominations/{id}/activate', 'username'],
  "dossier.js p + 'edit-title'": ['PATCH /api/v1/goals/{id}', 'title'],
  "dossier.js p + 'edit-description'": ['PATCH /api/v1/goals/{id}', 'description'],
  'dossier.js goal-title': ['POST /api/v1/youths/{id}/goals', 'title'],
  'dossier.js goal-description': ['POST /api/v1/youths/{id}/goals', 'description'],
  // ActionFields: the fields of adding an action and of correcting one (ALSO)
  "dossier.js p + 'description'": ['POST /api/v1/goals/{id}/actions', 'description'],
  "dossier.js p + 'owner'": ['POST /api/v1/goals/{id}/actions', 'owner'],
  'dossier.js jr-text': ['POST /api/v1/youths/{id}/journal', 'text'],
  'dossiers.js nd-given-name': ['POST /api/v1/youths', 'given_name'],
  'dossiers.js nd-family-name': ['POST /api/v1/youths', 'family_name'],
  'dossiers.js nd-municipality': ['POST /api/v1/youths', 'municipality'],
  'dossiers.js bg-reason': ['POST /api/v1/youths/{id}/break-glass', 'reason'],
  "dossiers.js 'bgr-note-' + g.id": ['POST /api/v1/break-glass/{id}/review', 'note'],
  "jimtime.js p + 'note'": ['POST /api/v1/jims/{id}/activities', 'note'],
  "jimtime.js p + 'note' #2": ['POST /api/v1/statements/{id}/reject', 'note'],
  'jimtime.js cost-description': ['POST /api/v1/jims/{id}/costs', 'description'],
  'jimtime.js cost-receipt': ['POST /api/v1/jims/{id}/costs', 'receipt_note'],
  'jimtime.js ci-note': ['POST /api/v1/jims/{id}/checkins', 'note'],
  'meetings.js mt-location': ['POST /api/v1/youths/{id}/meetings', 'location'],
  'meetings.js mt-agenda': ['POST /api/v1/youths/{id}/meetings', 'agenda'],
  'meetings.js em-location': ['PATCH /api/v1/meetings/{id}', 'location'],
  'meetings.js em-agenda': ['PATCH /api/v1/meetings/{id}', 'agenda'],
  'meetings.js pt-name': ['POST /api/v1/meetings/{id}/participants', 'name'],
  'meetings.js pt-organisation': ['POST /api/v1/meetings/{id}/participants', 'organisation'],
  'meetings.js pt-role': ['POST /api/v1/meetings/{id}/participants', 'role'],
  'meetings.js mt-minutes': ['PATCH /api/v1/meetings/{id}', 'minutes'],
  'meetings.js dc-text': ['POST /api/v1/meetings/{id}/decisions', 'text'],
  'meetings.js ma-description': ['POST /api/v1/meetings/{id}/actions', 'description'],
  'meetings.js ma-owner-name': ['POST /api/v1/meetings/{id}/actions', 'owner_name'],
  'outcomes.js ms-instrument': ['POST /api/v1/youths/{id}/measurements', 'instrument'],
  'outcomes.js ev-note': ['POST /api/v1/youths/{id}/events', 'note'],
  'privacy.js new-request-note': ['POST /api/v1/youths/{id}/requests', 'note'],
  "privacy.js id + '-decision'": ['POST /api/v1/requests/{id}/close', 'decision'],
  'rights.js rights-correction': ['POST /api/v1/youths/{id}/requests', 'note'],
  'rights.js rights-statement': ['POST /api/v1/youths/{id}/statements', 'text'],
  "support.js p + 'note'": ['POST /api/v1/alerts/{id}/acknowledge', 'note'],
  "youth.js p + 'view'": ['POST /api/v1/goals/{id}/views', 'text'],
};

// The same statement note is sent to approve as well as to reject.
// An action's fields (ActionFields) are sent to add it and to correct it.
const ALSO = {
  "jimtime.js p + 'note' #2": [['POST /api/v1/statements/{id}/approve', 'note']],
  "dossier.js p + 'description'": [['PATCH /api/v1/goal-actions/{id}', 'description']],
  "dossier.js p + 'owner'": [['PATCH /api/v1/goal-actions/{id}', 'owner']],
};

// Fields with a maxlength that is not the limit of a text in a body.
const NOT_A_BODY_TEXT = {
  // numbers: the limit is on the digits typed; the server's range is the
  // body's minimum/maximum, told at the field when it refuses
  'admin.js cs-placement-year': 'a euro amount, sent as a number of cents',
  'admin.js cs-home-year': 'a euro amount, sent as a number of cents',
  'admin.js cs-rate': 'a percentage',
  'dossier.js jr-minutes': 'minutes, a number',
  "jimtime.js p + 'km'": 'kilometres, a number',
  'jimtime.js p + name': 'hours or minutes, a number',
  'jimtime.js cost-amount': 'a euro amount, sent as cents',
  'outcomes.js ms-scale-min': 'a number',
  'outcomes.js ms-scale-max': 'a number',
  'outcomes.js ms-score': 'a number',
  'outcomes.js at-share': 'a number',
  'outcomes.js at-late': 'a number',
  "support.js 'os-' + k": 'an organisation setting, a number',
  'audit.js audit-youth': 'a dossier number in the query string',
  'privacy.js new-request-youth': 'a dossier number, sent in the path',
  'dossiers.js nd-bsn': 'a BSN typed with spaces (11), sent as its 9 digits',
  // TotpField, of the login (login-totp) and of the password asked again (reauth-totp)
  'totp-field.js id': 'a one-time code of 6 digits (spaces allowed)',
  // search filters: query strings, no body
  'audit.js audit-username': 'a filter in the query string',
  'dossiers.js ds-q': 'a search in the query string',
  'stats.js sf-municipality': 'a filter in the query string',
  // the TextArea of rights.js's TextCard: its max is the card's (rights-correction, rights-statement)
  "rights.js id + '-text'": 'the max of its TextCard, mapped above',
  // composite: split before it is sent
  // (the page checks the count and each name before it sends them; 2100
  // holds 20 names of 100 with their commas)
  'dossier.js ev-participants': 'names split at commas into participants[] (1 to 20, each at most 100)',
  // inside an array of the body, which openapi.json describes as an array
  // only: its limit is tried against the server below (SCORE_COMMENT)
  "dossier.js 'ev-comment-' + g.id": 'scores[].comment of POST /api/v1/youths/{id}/evaluations',
};

// The one limit FIELDS cannot take from openapi.json: scores[].comment.
const SCORE_COMMENT = "dossier.js 'ev-comment-' + g.id";

// Every field component of the pages with a limit: { key, max } with max
// a number, or the source text when it is not a constant. A TextCard
// (rights.js) passes its max on to the TextArea it holds.
function pageFields() {
  const dir = path.join(ROOT, 'web', 'pages');
  const out = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
    const src = fs.readFileSync(path.join(dir, file), 'utf8');
    const seen = {};
    for (const part of src.split(/(?=<\$\{\w+\}|<input\b|<textarea\b)/).slice(1)) {
      const tag = part.split('/>')[0];
      const card = /^<\$\{TextCard\}/.test(tag);
      const m = card ? /\bmax=\$\{(\d+)\}/.exec(tag) : /\bmaxlength=(?:"([^"]*)"|\$\{([^}]*)\})/.exec(tag);
      if (!m) continue;
      const id = /\bid=(?:"([^"]+)"|\$\{([^}]+)\})/.exec(tag);
      assert.ok(id, `${file}: a field with a limit but no id: ${tag.slice(0, 120)}`);
      let key = `${file} ${id[1] || id[2]}`;
      seen[key] = (seen[key] || 0) + 1;
      if (seen[key] > 1) key += ` #${seen[key]}`;
      out.push({ key, max: m[1] !== undefined && /^\d+$/.test(m[1]) ? Number(m[1]) : m[1] || m[2] });
    }
  }
  return out;
}

const schemaOf = (doc, route) => {
  const [method, p] = route.split(' ');
  const op = doc.paths[p] && doc.paths[p][method.toLowerCase()];
  return op && op.requestBody && op.requestBody.content['application/json'].schema;
};

describe('the web front end keeps the server\'s text limits', () => {
  let w;
  let doc;
  const fields = pageFields();

  before(async () => {
    w = await setupDossierWorld();
    const r = await api(w.base, 'GET', '/api/v1/openapi.json');
    assert.equal(r.status, 200);
    doc = r.json;
  });

  after(async () => {
    if (w) await w.server.stop();
  });

  it('every field with a limit is mapped to the body field it is sent as, or said not to be a body text', () => {
    assert.ok(fields.length >= 60, `found only ${fields.length} fields: does the parser still read the pages?`);
    const keys = fields.map((f) => f.key);
    const problems = [];
    for (const k of keys) if (!(k in FIELDS) && !(k in NOT_A_BODY_TEXT)) problems.push(`${k}: not in FIELDS nor NOT_A_BODY_TEXT`);
    for (const k of [...Object.keys(FIELDS), ...Object.keys(NOT_A_BODY_TEXT)]) if (!keys.includes(k)) problems.push(`${k}: no such field with a limit any more`);
    assert.deepEqual(problems, []);
  });

  it('each mapped field holds exactly the maxLength openapi.json publishes for its body field', () => {
    const problems = [];
    for (const f of fields.filter((x) => x.key in FIELDS)) {
      for (const [route, name] of [FIELDS[f.key], ...(ALSO[f.key] || [])]) {
        const s = schemaOf(doc, route);
        const prop = s && s.properties[name];
        if (!prop) problems.push(`${f.key}: ${route} has no body field ${name}`);
        else if (prop.maxLength === undefined) problems.push(`${f.key}: ${route} ${name} publishes no maxLength (declare .max in its input_field)`);
        else if (prop.maxLength !== f.max) problems.push(`${f.key}: the browser keeps ${f.max}, ${route} ${name} takes ${prop.maxLength}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the server refuses the limit + 1 character (code points, not bytes) with 422 on the field, and takes the limit', async () => {
    const y = await createYouth(w.base, w.pA, w.teamA.id);
    const char = '\u{1F331}'; // one code point, two UTF-16 units, four bytes
    // A body each of these routes takes, with `text` in the field under test;
    // each candidate another person (the same one twice is 409 already_nominated).
    let candidate = 0;
    const bodies = {
      'POST /api/v1/youths/{id}/nominations': (field, text) => [`/api/v1/youths/${y.id}/nominations`, { name: `Tante ${letters(++candidate)}`, relation: 'tante', [field]: text }],
      'POST /api/v1/youths/{id}/network': (field, text) => [`/api/v1/youths/${y.id}/network`, { name: 'Oma Lang', relation: 'oma', has_custody: false, [field]: text }],
      'POST /api/v1/youths/{id}/journal': (field, text) => [`/api/v1/youths/${y.id}/journal`, { kind: 'contact', text: 'Gesprek', shared: false, [field]: text }],
      'POST /api/v1/youths/{id}/goals': (field, text) => [`/api/v1/youths/${y.id}/goals`, { title: 'Een doel', author_kind: 'youth', [field]: text }],
    };
    const checked = [];
    for (const f of fields.filter((x) => x.key in FIELDS)) {
      const [route, name] = FIELDS[f.key];
      if (!bodies[route]) continue;
      const [p, over] = bodies[route](name, char.repeat(f.max + 1));
      const r = await api(w.base, 'POST', p, { token: w.pA.token, body: over });
      assert.equal(r.status, 422, `${f.key}: ${route} ${name} at ${f.max + 1}: ${r.text.slice(0, 200)}`);
      assert.equal(r.json.error.field, name, `${route}: ${r.text.slice(0, 200)}`);
      // names hold letters only: the limit of those is tried in letters
      const fits = name === 'name' ? 'é'.repeat(f.max) : char.repeat(f.max);
      const [p2, ok] = bodies[route](name, fits);
      const r2 = await api(w.base, 'POST', p2, { token: w.pA.token, body: ok });
      assert.equal(r2.status, 201, `${f.key}: ${route} ${name} at ${f.max}: ${r2.text.slice(0, 200)}`);
      checked.push(`${route} ${name}`);
    }
    assert.ok(checked.length >= 10, checked.join(', '));
  });

  it('the comment of an evaluation score (inside an array) holds what the browser keeps', async () => {
    const max = fields.find((f) => f.key === SCORE_COMMENT).max;
    const y = await createYouth(w.base, w.pA, w.teamA.id);
    const g = await api(w.base, 'POST', `/api/v1/youths/${y.id}/goals`, { token: w.pA.token, body: { title: 'Naar school', author_kind: 'youth' } });
    assert.equal(g.status, 201, g.text);
    const evaluate = (comment) => api(w.base, 'POST', `/api/v1/youths/${y.id}/evaluations`, {
      token: w.pA.token, body: { participants: ['Sam'], scores: [{ goal_id: g.json.id, score: 6, comment }] },
    });
    const over = await evaluate('\u{1F331}'.repeat(max + 1));
    assert.equal(over.status, 422, over.text.slice(0, 200));
    assert.equal(over.json.error.field, 'scores');
    const fits = await evaluate('\u{1F331}'.repeat(max));
    assert.equal(fits.status, 201, fits.text.slice(0, 200));
  });
});
