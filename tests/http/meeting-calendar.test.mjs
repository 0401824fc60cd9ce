// The meeting invite (.ics) and the personal calendar feed, parsed with a
// real iCalendar parser (Debian's python3-icalendar, /usr/bin/python3), and
// checked byte by byte for CRLF and line folding at 75 octets.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { assertError, rawRequest } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, yearsAgo, youthWithJim } from './dossier-fixture.mjs';

const PARSER = String.raw`
import sys, json
from icalendar import Calendar
raw = sys.stdin.buffer.read()
cal = Calendar.from_ical(raw)
def s(v):
    return None if v is None else (v.decode() if isinstance(v, bytes) else str(v))
out = {"name": cal.name, "method": s(cal.get("METHOD")), "version": s(cal.get("VERSION")),
       "prodid": s(cal.get("PRODID")), "timezones": [], "events": [], "errors": []}
for comp in cal.walk():
    for e in getattr(comp, "errors", []) or []:
        out["errors"].append([comp.name, str(e)])
    if comp.name == "VTIMEZONE":
        out["timezones"].append({"tzid": s(comp.get("TZID")), "parts": [
            {"name": sc.name, "offset_to": s(sc.get("TZOFFSETTO").to_ical()) if sc.get("TZOFFSETTO") is not None else None}
            for sc in comp.subcomponents]})
    elif comp.name == "VEVENT":
        ev = {}
        for key in ("UID", "SUMMARY", "LOCATION", "DESCRIPTION", "STATUS", "SEQUENCE"):
            ev[key.lower()] = s(comp.get(key))
        for key in ("DTSTART", "DTEND", "DTSTAMP"):
            p = comp.get(key)
            ev[key.lower()] = None if p is None else {
                "value": p.to_ical().decode(), "tzid": s(p.params.get("TZID")),
                "offset": None if getattr(p.dt, "utcoffset", None) is None or p.dt.utcoffset() is None else p.dt.utcoffset().total_seconds()}
        out["events"].append(ev)
print(json.dumps(out))
`;

// Parses iCalendar bytes with python3-icalendar; fails the test on a parse error.
function parseIcs(bytes) {
  const r = spawnSync('/usr/bin/python3', ['-c', PARSER], { input: bytes, encoding: 'utf8', timeout: 20000 });
  assert.ifError(r.error);
  assert.equal(r.status, 0, `icalendar could not parse the file:\n${r.stderr}\n--- ics ---\n${Buffer.from(bytes).toString('utf8')}`);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.errors, [], 'no property parse errors');
  return out;
}

// The raw bytes of a GET (fetch's text() would hide byte-level details).
async function getRaw(url, token) {
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(20000) });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

// RFC 5545 §3.1: CRLF line ends, lines of at most 75 octets (without CRLF).
function assertWellFormed(bytes, what) {
  const text = bytes.toString('latin1');
  assert.ok(text.endsWith('\r\n'), `${what}: ends with CRLF`);
  const lines = text.slice(0, -2).split('\r\n');
  for (const l of lines) {
    assert.ok(!l.includes('\n') && !l.includes('\r'), `${what}: a bare LF or CR in ${JSON.stringify(l)}`);
    assert.ok(Buffer.byteLength(l, 'latin1') <= 75, `${what}: line of ${Buffer.byteLength(l, 'latin1')} octets: ${JSON.stringify(Buffer.from(l, 'latin1').toString('utf8'))}`);
  }
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.equal(lines[lines.length - 1], 'END:VCALENDAR');
  // Folding must not cut a UTF-8 sequence in half: the whole file decodes.
  assert.ok(!bytes.toString('utf8').includes('\uFFFD'), `${what}: valid UTF-8 (a fold split a character?)`);
  return lines;
}

describe('meeting invites and the calendar feed', () => {
  let w;
  let c;
  let y;
  let mJan;
  let mJul;
  let mOther;
  const today = todayAmsterdam();
  // A location long enough to need folding, with multi-byte characters.
  const LONG_LOCATION = 'Buurthuis De Eénhoorn, zaal Ærø — Kerkstraat 12, 3701 AB Zeist (ingang aan de achterzijde, bel bij de coördinator)';

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await youthWithJim(w.base, w.pA, w.teamA.id, {
      name: 'Oom Kees',
      youth: { given_name: 'Noor', family_name: 'Veldhuizen', birth_date: yearsAgo(today, 17) },
    });
    // Whoever of the team makes a meeting takes part in it.
    const mk = async (body, who = w.pA) => {
      const r = await c.post(who, `/youths/${y.youth.id}/meetings`, body);
      assert.equal(r.status, 201, `create meeting: ${r.status} ${r.text}`);
      return r.json;
    };
    mJan = await mk({ kind: 'safety_table', starts_at: '2027-01-14T09:30:00Z', ends_at: '2027-01-14T11:00:00Z', location: LONG_LOCATION, agenda: 'Veiligheidstafel' });
    mJul = await mk({ kind: 'network', starts_at: '2027-07-14T09:30:00Z', ends_at: '2027-07-14T10:45:00Z', location: 'Wijkcentrum' });
    mOther = await mk({ kind: 'evaluation', starts_at: '2027-03-01T13:00:00Z', ends_at: '2027-03-01T14:00:00Z', location: 'Kantoor' }, w.tA);
    for (const [m, body] of [[mJan, { name: 'Mevr. Jansen', organisation: 'Raad voor de Kinderbescherming' }]]) {
      const r = await c.post(w.pA, `/meetings/${m.id}/participants`, body);
      assert.equal(r.status, 201, `participant: ${r.status} ${r.text}`);
    }
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const ics = async (m, who = w.pA) => {
    const r = await getRaw(`${w.base}/api/v1/meetings/${m.id}.ics`, who.token);
    assert.equal(r.status, 200, `GET ${m.id}.ics: ${r.status} ${r.bytes.toString('utf8')}`);
    return r;
  };

  describe('the invite of one meeting', () => {
    it('text/calendar, CRLF, lines of at most 75 octets, and a strict parser reads it', async () => {
      const r = await ics(mJan);
      assert.match(r.headers.get('content-type') || '', /^text\/calendar\b/i);
      const lines = assertWellFormed(r.bytes, 'invite');
      assert.ok(lines.some((l) => l.startsWith(' ') || l.startsWith('\t')), 'the long LOCATION was folded');
      const cal = parseIcs(r.bytes);
      assert.equal(cal.name, 'VCALENDAR');
      assert.equal(cal.version, '2.0');
      assert.ok(cal.prodid, 'PRODID');
      assert.equal(cal.events.length, 1);
      assert.equal(cal.events[0].location, LONG_LOCATION, 'LOCATION unfolds to the full text');
    });

    it('METHOD:REQUEST and a VTIMEZONE for Europe/Amsterdam (+0100 standard, +0200 summer)', async () => {
      const cal = parseIcs((await ics(mJan)).bytes);
      assert.equal(cal.method, 'REQUEST');
      const tz = cal.timezones.find((t) => t.tzid === 'Europe/Amsterdam');
      assert.ok(tz, `VTIMEZONE Europe/Amsterdam: ${JSON.stringify(cal.timezones)}`);
      assert.ok(tz.parts.some((p) => p.name === 'STANDARD' && p.offset_to === '+0100'), JSON.stringify(tz));
      assert.ok(tz.parts.some((p) => p.name === 'DAYLIGHT' && p.offset_to === '+0200'), JSON.stringify(tz));
    });

    it('DTSTART;TZID=Europe/Amsterdam in local time: 09:30Z is 10:30 in January and 11:30 in July', async () => {
      const jan = parseIcs((await ics(mJan)).bytes).events[0];
      assert.equal(jan.dtstart.tzid, 'Europe/Amsterdam');
      assert.equal(jan.dtstart.value, '20270114T103000');
      assert.equal(jan.dtstart.offset, 3600);
      assert.equal(jan.dtend.value, '20270114T120000');
      const jul = parseIcs((await ics(mJul)).bytes).events[0];
      assert.equal(jul.dtstart.tzid, 'Europe/Amsterdam');
      assert.equal(jul.dtstart.value, '20270714T113000');
      assert.equal(jul.dtstart.offset, 7200);
      assert.equal(jul.dtend.value, '20270714T124500');
      const raw = (await ics(mJul)).bytes.toString('utf8');
      assert.match(raw, /\r\nDTSTART;TZID=Europe\/Amsterdam:20270714T113000\r\n/);
    });

    it('on the DST change days the local time follows the real rules (last Sunday of March and October)', async () => {
      const mk = async (starts_at, ends_at) => {
        const r = await c.post(w.pA, `/youths/${y.youth.id}/meetings`, { kind: 'other', starts_at, ends_at, location: 'Online' });
        assert.equal(r.status, 201, r.text);
        return parseIcs((await ics(r.json)).bytes).events[0];
      };
      // 28 March 2027: 01:00Z clocks go 02:00 → 03:00
      assert.equal((await mk('2027-03-28T00:30:00Z', '2027-03-28T01:30:00Z')).dtstart.value, '20270328T013000');
      assert.equal((await mk('2027-03-28T01:30:00Z', '2027-03-28T02:30:00Z')).dtstart.value, '20270328T033000');
      // 30 October 2027 still summer time; 31 October 01:00Z clocks go 03:00 → 02:00
      assert.equal((await mk('2027-10-30T09:30:00Z', '2027-10-30T10:30:00Z')).dtstart.value, '20271030T113000');
      assert.equal((await mk('2027-10-31T09:30:00Z', '2027-10-31T10:30:00Z')).dtstart.value, '20271031T103000');
    });

    it('TEXT values are escaped (RFC 5545 §3.3.11) and the event has a UTC DTSTAMP', async () => {
      const r = await ics(mJan);
      const unfolded = r.bytes.toString('utf8').replace(/\r\n[ \t]/g, '');
      assert.match(unfolded, /\r\nLOCATION:Buurthuis De Eénhoorn\\, zaal Ærø — Kerkstraat 12\\, 3701 AB Zeist/, 'commas in LOCATION escaped as \\,');
      const ev = parseIcs(r.bytes).events[0];
      assert.ok(ev.dtstamp, 'DTSTAMP present');
      assert.match(ev.dtstamp.value, /^\d{8}T\d{6}Z$/);
    });

    it('a cancelled meeting: STATUS:CANCELLED with a higher SEQUENCE, same UID', async () => {
      const r = await c.post(w.pA, `/youths/${y.youth.id}/meetings`, { kind: 'network', starts_at: '2027-02-10T15:00:00Z', ends_at: '2027-02-10T16:00:00Z', location: 'Wijkcentrum' });
      assert.equal(r.status, 201, r.text);
      const before = parseIcs((await ics(r.json)).bytes).events[0];
      assert.notEqual(before.status, 'CANCELLED');
      const p = await c.patch(w.pA, `/meetings/${r.json.id}`, { cancelled: true });
      assert.equal(p.status, 200, p.text);
      const after = parseIcs((await ics(r.json)).bytes).events[0];
      assert.equal(after.status, 'CANCELLED');
      assert.equal(after.uid, before.uid);
      assert.ok(Number(after.sequence) > Number(before.sequence));
    });

    it('an unknown meeting is 404', async () => {
      assertError(await c.get(w.pA, '/meetings/999999.ics'), 404, 'not_found');
    });

    it('SUMMARY names the first name and not the family name (nor does the rest of the file)', async () => {
      const r = await ics(mJan);
      const ev = parseIcs(r.bytes).events[0];
      assert.ok(ev.summary && ev.summary.includes('Noor'), `SUMMARY: ${ev.summary}`);
      assert.ok(!ev.summary.includes('Veldhuizen'), `no family name in SUMMARY: ${ev.summary}`);
      assert.ok(!r.bytes.toString('utf8').replace(/\r\n[ \t]/g, '').includes('Veldhuizen'), 'the family name is nowhere in the invite');
    });

    it('UID stays the same across a PATCH; SEQUENCE follows the meeting\'s sequence and rises', async () => {
      const before = parseIcs((await ics(mJul)).bytes).events[0];
      assert.ok(before.uid && before.uid.length > 0);
      assert.equal(Number(before.sequence), mJul.sequence);
      const p = await c.patch(w.pA, `/meetings/${mJul.id}`, { starts_at: '2027-07-14T10:00:00Z', ends_at: '2027-07-14T11:00:00Z' });
      assert.equal(p.status, 200, p.text);
      assert.ok(p.json.sequence > mJul.sequence);
      const after = parseIcs((await ics(mJul)).bytes).events[0];
      assert.equal(after.uid, before.uid, 'UID stable');
      assert.equal(Number(after.sequence), p.json.sequence, 'SEQUENCE = the meeting\'s sequence');
      assert.ok(Number(after.sequence) > Number(before.sequence), `SEQUENCE rises: ${before.sequence} → ${after.sequence}`);
      assert.equal(after.dtstart.value, '20270714T120000');
      const other = parseIcs((await ics(mJan)).bytes).events[0];
      assert.notEqual(other.uid, after.uid, 'another meeting has another UID');
    });

    it('another team 404, admin 403, no session 401; the JIM without consent 403 no_consent', async () => {
      assertError(await c.get(w.pB, `/meetings/${mJan.id}.ics`), 404, 'not_found');
      assertError(await c.get(w.admin, `/meetings/${mJan.id}.ics`), 403, 'forbidden');
      assertError(await c.get(null, `/meetings/${mJan.id}.ics`), 401, 'not_authenticated');
      assertError(await c.get(y.jim, `/meetings/${mJan.id}.ics`), 403, 'no_consent');
    });
  });

  describe('the personal feed', () => {
    let url1;
    const feedUrl = (u) => new URL(u, w.base).toString();

    it('POST gives a secret URL that works without a session and lists the caller\'s meetings', async () => {
      const r = await c.post(w.pA, '/me/calendar-feed', {});
      assert.equal(r.status, 201, r.text);
      assert.equal(typeof r.json.url, 'string');
      url1 = feedUrl(r.json.url);
      assert.match(new URL(url1).pathname, /^\/api\/v1\/calendar\/[^/]+\.ics$/);
      assert.ok(new URL(url1).pathname.length > '/api/v1/calendar/.ics'.length + 20, 'a long secret token');
      const f = await getRaw(url1);
      assert.equal(f.status, 200, f.bytes.toString('utf8'));
      assert.match(f.headers.get('content-type') || '', /^text\/calendar\b/i);
      assertWellFormed(f.bytes, 'feed');
      const cal = parseIcs(f.bytes);
      const uids = cal.events.map((e) => e.uid);
      const janUid = parseIcs((await ics(mJan)).bytes).events[0].uid;
      const julUid = parseIcs((await ics(mJul)).bytes).events[0].uid;
      const otherUid = parseIcs((await ics(mOther)).bytes).events[0].uid;
      assert.ok(uids.includes(janUid) && uids.includes(julUid), `pA's meetings in the feed: ${JSON.stringify(uids)}`);
      assert.ok(!uids.includes(otherUid), 'a meeting pA is not a participant of is not in the feed');
      assert.ok(cal.timezones.some((t) => t.tzid === 'Europe/Amsterdam'), 'the feed carries the VTIMEZONE');
      assert.ok(!f.bytes.toString('utf8').replace(/\r\n[ \t]/g, '').includes('Veldhuizen'), 'no family name in the feed');
    });

    it('the URL uses the Host header only when it is a plain host name; otherwise localhost (and the answer is whole)', async () => {
      const post = (host) =>
        rawRequest(
          w.base,
          Buffer.concat([
            Buffer.from('POST /api/v1/me/calendar-feed HTTP/1.1\r\nHost: '),
            Buffer.isBuffer(host) ? host : Buffer.from(host),
            Buffer.from(`\r\nAuthorization: Bearer ${w.pA.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`),
          ]),
        );
      for (const host of [Buffer.from([0x6b, 0xff, 0x72]), 'evil.example/<script>', 'a b']) {
        const r = await post(host);
        assert.equal(r.status, 201, r.text);
        assert.match(r.json.url, /^http:\/\/localhost\/api\/v1\/calendar\/[^/]+\.ics$/, r.text);
        assert.equal((await getRaw(feedUrl(new URL(r.json.url).pathname))).status, 200, 'the URL it gave works');
      }
      const ok = await post('kring.example.nl:8443');
      assert.equal(ok.status, 201, ok.text);
      assert.ok(ok.json.url.startsWith('http://kring.example.nl:8443/api/v1/calendar/'), ok.text);
      const again = await c.post(w.pA, '/me/calendar-feed', {});
      url1 = feedUrl(again.json.url);
    });

    it('each user has their own feed', async () => {
      const r = await c.post(w.tA, '/me/calendar-feed', {});
      assert.equal(r.status, 201, r.text);
      const f = await getRaw(feedUrl(r.json.url));
      assert.equal(f.status, 200);
      const cal = parseIcs(f.bytes);
      const otherUid = parseIcs((await ics(mOther)).bytes).events[0].uid;
      assert.deepEqual(cal.events.map((e) => e.uid), [otherUid]);
    });

    it('a second POST replaces the URL: the old one answers 404', async () => {
      const r = await c.post(w.pA, '/me/calendar-feed', {});
      assert.equal(r.status, 201, r.text);
      const url2 = feedUrl(r.json.url);
      assert.notEqual(url2, url1);
      assert.equal((await getRaw(url1)).status, 404, 'old URL revoked');
      assert.equal((await getRaw(url2)).status, 200, 'new URL works');
      url1 = url2;
    });

    it('the secret token never reaches the server log', async () => {
      const token = new URL(url1).pathname.split('/').pop().replace(/\.ics$/, '');
      assert.ok(token.length >= 20);
      assert.ok(!w.server.stderr().includes(token), 'feed token in the server log');
      assert.ok(!w.server.stdout().includes(token), 'feed token on stdout');
    });

    it('a JIM\'s feed shows the young person\'s meetings only with share_meetings consent, like the invite', async () => {
      const part = await c.post(w.pA, `/meetings/${mOther.id}/participants`, { user_id: y.jim.id });
      assert.equal(part.status, 201, part.text);
      const r = await c.post(y.jim, '/me/calendar-feed', {});
      assert.equal(r.status, 201, r.text);
      const url = feedUrl(r.json.url);
      const otherUid = parseIcs((await ics(mOther)).bytes).events[0].uid;
      const uids = async () => {
        const f = await getRaw(url);
        assert.equal(f.status, 200);
        return parseIcs(f.bytes).events.map((e) => e.uid);
      };
      assertError(await c.get(y.jim, `/meetings/${mOther.id}.ics`), 403, 'no_consent');
      assert.ok(!(await uids()).includes(otherUid), 'without consent the JIM\'s feed must not carry the meeting the invite route refuses (403 no_consent)');
      const g = await c.post(w.pA, `/youths/${y.youth.id}/consents`, { scope: 'share_meetings', given_by: 'youth' });
      assert.equal(g.status, 201, g.text);
      assert.ok((await uids()).includes(otherUid), 'with consent it is in the feed');
      const wd = await c.post(w.pA, `/consents/${g.json.id}/withdraw`, {});
      assert.equal(wd.status, 200, wd.text);
      assert.ok(!(await uids()).includes(otherUid), 'after withdrawal it is gone again');
    });

    it('DELETE revokes it (204, then 404); an unknown token is 404; the feed needs a session to manage', async () => {
      const d = await c.del(w.pA, '/me/calendar-feed');
      assert.equal(d.status, 204, d.text);
      assert.equal((await getRaw(url1)).status, 404, 'revoked URL');
      assert.equal((await getRaw(`${w.base}/api/v1/calendar/${'A'.repeat(43)}.ics`)).status, 404);
      assertError(await c.post(null, '/me/calendar-feed', {}), 401, 'not_authenticated');
    });
  });
});
