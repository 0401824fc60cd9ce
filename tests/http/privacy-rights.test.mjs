// The rights of the young person (issue 8): requests with their deadlines for
// the privacy officer, the complete export, the young person's statement in
// the file, and destruction after the privacy officer's approval, after which
// nothing of the person is readable: not through the API, not in the
// database file (searched byte by byte for the name and the BSN).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { assertError, ENGINE, dbQuery, kring } from './harness.mjs';
import { setupDossierWorld, createYouth, todayAmsterdam, addDays, yearsAgo, youthAccount } from './dossier-fixture.mjs';
import { requester, nominate, activateJim, validBsn } from './outcomes-fixture.mjs';

const OWN_REQUEST_NOTE = 'Mijn adres klopt niet, ik woon nu in Deventer';
const T = todayAmsterdam();
const GIVEN = 'Zwaantje';
const FAMILY = 'Oosterhout-Vermeulenstein';
const NETWORK = 'Gijsbertha Knoopsgat';
const STATEMENT = 'Ik ben het niet eens met wat er over mijn school staat.';
const NETWORK_CONTACT = 'Lindelaan 4, Zwolle, 06-12345678';
const CANDIDATE_CONTACT = 'Beukenweg 9, Kampen';
const CANDIDATE_NOTE = 'Melding bij Veilig Thuis over de neef in 2024';
const REMOVED_REASON = 'Oom Gerrit is overleden in maart';

describe('rights of the young person', () => {
  let w;
  let req;
  let y;
  let younger;
  let jim;
  const bsn = validBsn(73519264);
  const ids = {};
  let selfSession;
  // The young person's own login, made once (a second one is refused).
  const ownSession = async () => (selfSession ||= await youthAccount(w.base, w.pA, y.id));

  before(async () => {
    w = await setupDossierWorld();
    req = requester(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, {
      given_name: GIVEN,
      family_name: FAMILY,
      bsn,
      birth_date: yearsAgo(T, 14).replace(/-\d\d$/, '-01'),
      started_on: addDays(T, -200),
    });
    younger = await createYouth(w.base, w.pA, w.teamA.id, { birth_date: yearsAgo(T, 9).replace(/-\d\d$/, '-01') });
    const n = await req(w.pA, 'POST', `/youths/${y.id}/network`, { name: NETWORK, relation: 'tante', has_custody: false, contact: NETWORK_CONTACT });
    assert.equal(n.status, 201, n.text);
    const gone = await req(w.pA, 'POST', `/youths/${y.id}/network`, { name: 'Oom Gerrit', relation: 'oom', has_custody: false });
    assert.equal(gone.status, 201, gone.text);
    const removal = await req(w.pA, 'DELETE', `/network-members/${gone.json.id}`, { reason: REMOVED_REASON });
    assert.equal(removal.status, 204, removal.text);
    const candidate = await req(w.pA, 'POST', `/youths/${y.id}/nominations`, { name: 'Neef Teunis Dorrestein', relation: 'neef', contact: CANDIDATE_CONTACT, note: CANDIDATE_NOTE });
    assert.equal(candidate.status, 201, candidate.text);
    jim = await activateJim(w.base, w.pA, y.id, 'Oom Barend Kwikstaartje', addDays(T, -100));
    const a = await req(jim.jim, 'POST', `/jims/${jim.jimId}/activities`, { date: T, kind: 'contact', minutes: 60, km: 3, note: `Met ${GIVEN} naar school` });
    assert.equal(a.status, 201, a.text);
    const m = await req(w.pA, 'POST', `/youths/${y.id}/measurements`, { moment: 'T0', measured_on: addDays(T, -199), kind: 'satisfaction_youth', score: 7 });
    assert.equal(m.status, 201, m.text);
    await nominate(w.base, w.pA, y.id, 'Buurvrouw Hendrika Plompenburg');
  });

  after(async () => {
    if (w) await w.server.stop();
  });

  it('registers requests with their deadlines and refuses what the law does not allow', async () => {
    let r = await req(w.pA, 'POST', `/youths/${y.id}/requests`, { kind: 'access', requested_by: 'youth', received_on: addDays(T, -40) });
    assert.equal(r.status, 201, r.text);
    assert.ok(r.json.due_on >= addDays(T, -40 + 28) && r.json.due_on <= addDays(T, -40 + 31), `one month: ${r.json.due_on}`);
    ids.access = r.json.id;
    assert.equal(r.json.status, 'open');
    assertError(await req(w.pA, 'POST', `/youths/${y.id}/requests`, { kind: 'destruction', requested_by: 'parent' }), 422, 'validation_failed', 'requested_by');
    assertError(await req(w.pA, 'POST', `/youths/${younger.id}/requests`, { kind: 'destruction', requested_by: 'youth' }), 422, 'validation_failed', 'requested_by');
    assertError(await req(w.pA, 'POST', `/youths/${y.id}/requests`, { kind: 'erase', requested_by: 'youth' }), 422, 'validation_failed', 'kind');
    assertError(await req(w.pA, 'POST', `/youths/${y.id}/requests`, { kind: 'access', requested_by: 'youth', received_on: addDays(T, 1) }), 422, 'validation_failed', 'received_on');
    assertError(await req(w.pB, 'POST', `/youths/${y.id}/requests`, { kind: 'access', requested_by: 'youth' }), 404, 'not_found');
    assertError(await req(w.rs, 'POST', `/youths/${y.id}/requests`, { kind: 'access', requested_by: 'youth' }), 403, 'forbidden');
    r = await req(w.po, 'POST', `/youths/${y.id}/requests`, { kind: 'destruction', requested_by: 'youth', note: `Verzoek van ${GIVEN} zelf` });
    assert.equal(r.status, 201, r.text);
    ids.destruction = r.json.id;
    r = await req(w.pA, 'POST', `/youths/${younger.id}/requests`, { kind: 'destruction', requested_by: 'parent' });
    assert.equal(r.status, 201, 'a parent asks for a 9-year-old');
    // Every kind has its deadline: a month, three for destruction (31 Jan + 1 month = 28/29 Feb).
    const expected = { access: '2026-02-28', statement: '2026-02-28', correction: '2026-02-28', destruction: '2026-04-30' };
    for (const [kind, due] of Object.entries(expected)) {
      const k = await req(w.pA, 'POST', `/youths/${y.id}/requests`, { kind, requested_by: 'youth', received_on: '2026-01-31' });
      assert.equal(k.status, 201, `${kind}: ${k.text}`);
      assert.equal(k.json.due_on, due, `${kind} received 2026-01-31`);
      ids[`dated_${kind}`] = k.json.id;
    }
    const seen = () =>
      Number(dbQuery(w.server.db, {
        sqlite: `SELECT count(*) FROM audit_events WHERE youth_id = ${y.id} AND user_id = ${w.po.id} AND object_type = 'subject_request';`,
        postgresql: `SELECT count(*) FROM audit_events WHERE youth_id = ${y.id} AND user_id = ${w.po.id} AND object_type = 'subject_request';`,
      }).trim());
    const seenBefore = seen();
    const list = await req(w.po, 'GET', '/requests');
    assert.equal(list.status, 200, list.text);
    assert.equal(seen(), seenBefore + 1, 'the listing is in the young person\'s access log, once');
    const access = list.json.items.find((i) => i.id === ids.access);
    const destruction = list.json.items.find((i) => i.id === ids.destruction);
    assert.ok(access.overdue, 'an access request received 40 days ago is overdue');
    assert.ok(access.days_left < 0);
    assert.equal(destruction.overdue, false);
    for (const kind of ['access', 'statement', 'correction', 'destruction']) {
      const dated = list.json.items.find((i) => i.id === ids[`dated_${kind}`]);
      assert.equal(dated.overdue, true, `${kind} due ${dated.due_on} is overdue today`);
    }
    assert.ok(destruction.days_left >= 89 && destruction.days_left <= 92, `three months: ${destruction.days_left}`);
    assertError(await req(w.pA, 'GET', '/requests'), 403, 'forbidden');
  });

  it('adds the young person’s statement to the file', async () => {
    const s = await req(w.pA, 'POST', `/youths/${y.id}/statements`, { text: STATEMENT });
    assert.equal(s.status, 201, s.text);
    assertError(await req(w.pA, 'POST', `/youths/${y.id}/statements`, { text: '' }), 422, 'validation_failed', 'text');
    const d = await req(w.pA, 'GET', `/youths/${y.id}`);
    assert.equal(d.json.statements.length, 1);
    assert.equal(d.json.statements[0].text, STATEMENT);
  });

  it('corrects a personal field and keeps the old value', async () => {
    const p = await req(w.pA, 'PATCH', `/youths/${y.id}`, { family_name: 'Oosterhout', change_reason: 'schrijffout in de achternaam' });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.family_name, 'Oosterhout');
    const c = await req(w.pA, 'GET', `/youths/${y.id}/corrections`);
    assert.equal(c.status, 200, c.text);
    assert.equal(c.json.items.length, 1);
    assert.deepEqual(
      { field: c.json.items[0].field, old: c.json.items[0].old_value, new: c.json.items[0].new_value, reason: c.json.items[0].reason },
      { field: 'family_name', old: FAMILY, new: 'Oosterhout', reason: 'schrijffout in de achternaam' },
    );
    assertError(await req(w.pA, 'PATCH', `/youths/${y.id}`, { family_name: 'Oosterhoud', change_reason: 'x'.repeat(501) }), 422, 'validation_failed', 'change_reason');
    assert.equal((await req(w.pA, 'GET', `/youths/${y.id}`)).json.family_name, 'Oosterhout', 'a refused correction changes nothing');
    const same = await req(w.pA, 'PATCH', `/youths/${y.id}`, { family_name: 'Oosterhout' });
    assert.equal(same.status, 200);
    assert.equal((await req(w.pA, 'GET', `/youths/${y.id}/corrections`)).json.items.length, 1, 'no change, no correction');
    assertError(await req(w.pB, 'GET', `/youths/${y.id}/corrections`), 404, 'not_found');
  });

  it('gives the privacy officer the complete file with its access log, audited as an export', async () => {
    const r = await req(w.po, 'GET', `/youths/${y.id}/export`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.tables.youths[0].family_name, 'Oosterhout');
    assert.equal(r.json.tables.youth_corrections[0].old_value, FAMILY);
    assert.equal(r.json.tables.youths[0].bsn, bsn);
    assert.equal(r.json.tables.network_members[0].name, NETWORK);
    assert.equal(r.json.tables.jims.length, 1);
    assert.equal(r.json.tables.jim_activities.length, 1);
    assert.equal(r.json.tables.youth_statements[0].text, STATEMENT);
    assert.ok(r.json.access_log.length > 0, 'who looked at the file');
    assert.ok(r.json.tables.subject_requests.length >= 1, 'the requests about the file');
    // each request as it is stored: the note, who registered it and when
    const destructionRow = r.json.tables.subject_requests.find((x) => x.id === ids.destruction);
    assert.ok(destructionRow, JSON.stringify(r.json.tables.subject_requests));
    assert.equal(destructionRow.note, `Verzoek van ${GIVEN} zelf`);
    assert.equal(destructionRow.registered_by, w.po.id);
    assert.match(destructionRow.created_at, /^\d{4}-\d\d-\d\dT/);
    assert.ok('closed_by' in destructionRow && 'closed_on' in destructionRow);
    assert.equal(r.json.tables.subject_requests.find((x) => x.id === ids.access).registered_by, w.pA.id);
    assert.ok(r.json.people.some((p) => p.id === w.po.id), 'the privacy officer who registered a request is named in people');
    // A reason kring wrote itself in the history comes with its cause as data.
    const opened = r.json.tables.youth_history.find((h) => h.reason === 'dossier opened');
    assert.deepEqual(opened && opened.cause, { code: 'opened' });
    assert.ok(r.json.tables.youth_history.every((h) => 'cause' in h), 'every history row says its cause or null');
    // The young person's own copy leaves out what is about other people.
    const self = await ownSession();
    // a correction the young person asks for in kring: their own words stay in their copy
    const asked = await req(self, 'POST', `/youths/${y.id}/requests`, { kind: 'correction', note: OWN_REQUEST_NOTE });
    assert.equal(asked.status, 201, asked.text);
    const own = await req(self, 'GET', `/youths/${y.id}/export`);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.tables.youths[0].id, y.id);
    assert.equal(own.json.tables.youth_statements.length, 1);
    for (const other of ['jim_activities', 'jim_checkins', 'assessments', 'journal_entries', 'break_glass'])
      assert.ok(!(other in own.json.tables), `${other} is not in the young person's own copy`);
    // Nor the contact details of other people and the professionals' notes
    // about them, which the privacy officer's copy does hold.
    assert.equal(r.json.tables.network_members[0].contact, NETWORK_CONTACT);
    assert.ok(r.json.tables.nominations.some((x) => x.note === CANDIDATE_NOTE && x.contact === CANDIDATE_CONTACT));
    assert.ok('end_note' in r.json.tables.jims[0]);
    assert.ok(r.json.tables.network_members.some((x) => x.name === 'Oom Gerrit' && x.removed_reason === REMOVED_REASON));
    assert.equal(own.json.tables.network_members[0].name, NETWORK);
    assert.equal(own.json.tables.nominations.length, r.json.tables.nominations.length);
    assert.equal(own.json.tables.jims.length, 1);
    for (const row of own.json.tables.network_members) assert.ok(!('contact' in row) && !('removed_reason' in row), JSON.stringify(row));
    // That someone left the network is in the own copy, why (a professional's
    // note about that person) is not: the network API shows the young person
    // neither (team roles only), and the privacy officer decides (art. 15(4)).
    const gone = own.json.tables.network_members.find((x) => x.name === 'Oom Gerrit');
    assert.ok(gone && gone.removed_at, JSON.stringify(own.json.tables.network_members));
    assertError(await req(self, 'GET', `/youths/${y.id}/network?removed=true`), 403, 'forbidden');
    for (const row of own.json.tables.nominations) assert.ok(!('contact' in row) && !('note' in row), JSON.stringify(row));
    for (const row of own.json.tables.jims) assert.ok(!('end_note' in row), JSON.stringify(row));
    // the requests are in the own copy; a note someone else wrote on one is not, the young person's own is
    assert.equal(own.json.tables.subject_requests.length, r.json.tables.subject_requests.length + 1);
    for (const row of own.json.tables.subject_requests.filter((x) => x.id !== asked.json.id))
      assert.ok(!('note' in row) && 'registered_by' in row, JSON.stringify(row));
    assert.ok(!own.text.includes(`Verzoek van ${GIVEN} zelf`), 'the privacy officer\'s note is not in the own copy');
    const ownRequest = own.json.tables.subject_requests.find((x) => x.id === asked.json.id);
    assert.equal(ownRequest && ownRequest.note, OWN_REQUEST_NOTE);
    assert.ok(!own.text.includes(CANDIDATE_NOTE) && !own.text.includes(CANDIDATE_CONTACT) && !own.text.includes(NETWORK_CONTACT) &&
      !own.text.includes(REMOVED_REASON));
    assertError(await req(self, 'GET', `/youths/${younger.id}/export`), 404, 'not_found');
    assertError(await req(w.pA, 'GET', `/youths/${y.id}/export`), 403, 'forbidden');
    assertError(await req(w.rs, 'GET', `/youths/${y.id}/export`), 403, 'forbidden');
    const count = (outcome) => {
      const sql = `SELECT count(*) FROM audit_events WHERE action = 'export' AND youth_id = ${y.id} AND outcome = '${outcome}';`;
      return Number(dbQuery(w.server.db, { sqlite: sql, postgresql: sql }).trim());
    };
    assert.equal(count('success'), 2, 'both exports audited');
    assert.equal(count('denied'), 2, 'and both refusals, in the young person’s access log');
  });

  it('names each account the file holds by number, in both copies, with its display name and role', async () => {
    // Who made, changed or decided something (a `_by` column, author_id,
    // owner_user_id, user_id) was shown as a bare number when they were not
    // in the access log: the export now names them in `people`.
    const me = (await req(w.pA, 'GET', '/me')).json;
    const self = await ownSession();
    for (const who of [w.po, self]) {
      const r = await req(who, 'GET', `/youths/${y.id}/export`);
      assert.equal(r.status, 200, r.text);
      assert.ok(Array.isArray(r.json.people), 'the export has people');
      const named = new Map(r.json.people.map((p) => [p.id, p]));
      assert.equal(named.size, r.json.people.length, 'each account once');
      const ids = new Set();
      for (const rows of Object.values(r.json.tables)) {
        for (const row of rows) {
          for (const [k, v] of Object.entries(row)) {
            if (Number.isInteger(v) && /(_by|^author_id|^owner_user_id|^user_id)$/.test(k)) ids.add(v);
          }
        }
      }
      assert.ok(ids.has(me.id), 'the professional made things in the file');
      for (const id of ids) assert.ok(named.has(id), `account ${id} is named`);
      assert.deepEqual(named.get(me.id), { id: me.id, display_name: me.display_name, role: 'professional' });
      for (const p of r.json.people) assert.ok(ids.has(p.id), `only accounts the file holds: ${p.id}`);
    }
  });

  it('the complete export holds the whole access log, not only the newest 1000 events', async () => {
    const reads = 1001;
    for (let i = 0; i < reads; i += 8)
      await Promise.all(Array.from({ length: Math.min(8, reads - i) }, async () => {
        const r = await req(w.pA, 'GET', `/youths/${y.id}`);
        assert.equal(r.status, 200, r.text);
      }));
    const count = Number(dbQuery(w.server.db, {
      sqlite: `SELECT count(*) FROM audit_events WHERE youth_id = ${y.id};`,
      postgresql: `SELECT count(*) FROM audit_events WHERE youth_id = ${y.id};`,
    }).trim());
    assert.ok(count > 1000, `events of the young person: ${count}`);
    const page = await req(w.po, 'GET', `/youths/${y.id}/access-log`);
    assert.equal(page.json.items.length, 1000, 'the access-log page stops at 1000');
    // others=true leaves the caller's own events out before the 1000 are taken
    const others = await req(w.po, 'GET', `/youths/${y.id}/access-log?others=true`);
    assert.equal(others.status, 200, others.text);
    assert.ok(others.json.items.length > 0 && others.json.items.every((e) => !e.user || e.user.id !== w.po.id), 'none of the caller\'s own');
    const full = await req(w.po, 'GET', `/youths/${y.id}/access-log`);
    assert.ok(full.json.items.some((e) => e.user && e.user.id === w.po.id), 'the privacy officer\'s own reads are in the full list');
    assertError(await req(w.po, 'GET', `/youths/${y.id}/access-log?others=ja`), 422, 'validation_failed', 'others');
    const r = await req(w.po, 'GET', `/youths/${y.id}/export`);
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.ok(r.json.access_log.length >= count, `export has ${r.json.access_log.length} of ${count} events`);
    const ats = r.json.access_log.map((e) => e.at);
    assert.deepEqual(ats, [...ats].sort().reverse(), 'newest first');
  });

  it('closes a request once', async () => {
    const r = await req(w.po, 'POST', `/requests/${ids.access}/close`, { status: 'done', decision: `Kopie meegegeven aan ${GIVEN} ${FAMILY}` });
    assert.equal(r.status, 200, r.text);
    assertError(await req(w.po, 'POST', `/requests/${ids.access}/close`, { status: 'done' }), 409, 'conflict');
    assertError(await req(w.po, 'POST', `/requests/${ids.destruction}/close`, { status: 'refused' }), 422, 'validation_failed', 'decision');
    assertError(await req(w.po, 'POST', '/requests/999999/close', { status: 'done' }), 404, 'not_found');
  });

  it('destroys the file after approval and leaves nothing of the person readable', async () => {
    assertError(await req(w.po, 'POST', `/requests/${ids.destruction}/close`, { status: 'done' }), 422, 'validation_failed', 'confirm_youth_id');
    assertError(await req(w.po, 'POST', `/requests/${ids.destruction}/close`, { status: 'done', confirm_youth_id: younger.id }), 422, 'validation_failed', 'confirm_youth_id');
    // the request outlives the file: no text that could name the person goes with its closing
    assertError(await req(w.po, 'POST', `/requests/${ids.destruction}/close`, { status: 'done', confirm_youth_id: y.id, decision: `Vernietigd op verzoek van ${GIVEN}` }),
      422, 'validation_failed', 'decision');
    assert.equal((await req(w.pA, 'GET', `/youths/${y.id}`)).status, 200, 'nothing happened yet');
    const sql = (text) => dbQuery(w.server.db, { sqlite: text, postgresql: text }).trim();
    const jimUser = sql(`SELECT user_id FROM jims WHERE youth_id = ${y.id};`);
    assert.equal(sql(`SELECT count(*) FROM login_devices WHERE user_id = ${jimUser};`), '1', 'the JIM logged in from a browser');
    const r = await req(w.po, 'POST', `/requests/${ids.destruction}/close`, { status: 'done', confirm_youth_id: y.id });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.destroyed, true);
    assertError(await req(w.pA, 'GET', `/youths/${y.id}`), 404, 'not_found');
    assert.equal((await req(jim.jim, 'GET', '/me')).status, 401, 'the JIM’s sessions are gone');
    assert.equal(sql(`SELECT count(*) FROM login_devices WHERE user_id = ${jimUser};`), '0', 'and the browsers the JIM logged in from');
    assert.equal((await req(w.pA, 'GET', `/youths/${younger.id}`)).status, 200, 'other dossiers stay');
    assert.equal((await req(w.pA, 'GET', `/stats/outcomes?team_id=${w.teamA.id}`)).status, 200, 'the figures still answer');
    // What remains: the fact, the pseudonymous id, the intact audit trail.
    const q = (sql) => dbQuery(w.server.db, { sqlite: sql, postgresql: sql }).trim();
    assert.equal(q(`SELECT count(*) FROM destructions WHERE youth_id = ${y.id};`), '1');
    assert.equal(q(`SELECT count(*) FROM audit_events WHERE action = 'destroy' AND youth_id = ${y.id};`), '1');
    assert.equal(q(`SELECT count(*) FROM subject_requests WHERE youth_id = ${y.id} AND (note IS NOT NULL OR decision IS NOT NULL);`), '0', 'the requests keep no free text about the person');
    for (const table of ['youths', 'network_members', 'nominations', 'jims', 'measurements', 'youth_statements', 'youth_facts']) {
      const col = table === 'youths' ? 'id' : 'youth_id';
      assert.equal(q(`SELECT count(*) FROM ${table} WHERE ${col} = ${y.id};`), '0', table);
    }
    assert.equal(q(`SELECT count(*) FROM users WHERE display_name LIKE '%Kwikstaartje%';`), '0', 'the JIM account is renamed');
    if (ENGINE === 'sqlite') {
      assert.equal(kring(['audit', 'verify', '--db', w.server.db]).status, 0);
      const needles = [FAMILY, GIVEN, NETWORK, bsn, 'Kwikstaartje', 'Plompenburg', 'schrijffout', STATEMENT.slice(0, 30)];
      for (const file of [w.server.db, `${w.server.db}-wal`]) {
        if (!fs.existsSync(file)) continue;
        const bytes = fs.readFileSync(file);
        for (const needle of needles) assert.ok(!bytes.includes(Buffer.from(needle)), `${needle} still in ${file}`);
      }
    }
  });
  it('a destroyed file’s number is never given to a new young person', async () => {
    // The newest file is destroyed: SQLite would hand its row id to the next one, whose access
    // log would then show the destroyed person's events, and whose own destruction would fail.
    const gone = await createYouth(w.base, w.pA, w.teamA.id, { birth_date: yearsAgo(T, 15).replace(/-\d\d$/, '-01') });
    const ask = await req(w.po, 'POST', `/youths/${gone.id}/requests`, { kind: 'destruction', requested_by: 'youth' });
    assert.equal(ask.status, 201, ask.text);
    assert.equal((await req(w.pA, 'GET', `/youths/${gone.id}`)).status, 200, 'a read to show up in the access log');
    const closed = await req(w.po, 'POST', `/requests/${ask.json.id}/close`, { status: 'done', confirm_youth_id: gone.id });
    assert.equal(closed.status, 200, closed.text);
    assert.equal(closed.json.destroyed, true);
    const next = await createYouth(w.base, w.pA, w.teamA.id, { birth_date: yearsAgo(T, 15).replace(/-\d\d$/, '-01') });
    assert.ok(next.id > gone.id, `new id ${next.id} after destroyed ${gone.id}`);
    const log = await req(w.po, 'GET', `/youths/${next.id}/access-log`);
    assert.equal(log.status, 200, log.text);
    assert.deepEqual(log.json.items.filter((e) => e.action === 'destroy' || e.object_type === 'request'), [], 'nothing of the destroyed file');
    const again = await req(w.po, 'POST', `/youths/${next.id}/requests`, { kind: 'destruction', requested_by: 'youth' });
    assert.equal(again.status, 201, again.text);
    const done = await req(w.po, 'POST', `/requests/${again.json.id}/close`, { status: 'done', confirm_youth_id: next.id });
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.destroyed, true);
  });
});
