// Name search finds a name however it is typed (docs/api-dossier.md): case
// and accents do not matter on either engine ("ozturk" finds "Öztürk",
// "İlayda" finds "Ilayda", "strasse" finds "Straße"); a changed name is found
// under its new spelling only; LIKE wildcards stay literal; lists follow
// Dutch surname order ("de Vries" under V); and dossiers from before the
// name keys existed are found and ordered after a restart.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, dbExec } from './harness.mjs';
import { setupDossierWorld, client, createYouth } from './dossier-fixture.mjs';

describe('name search without case or accents, lists in Dutch surname order', () => {
  let w;
  let c;
  let zoe;
  let ilayda;
  let server;
  const find = async (q) => {
    const r = await c.get(w.pA, `/youths?q=${encodeURIComponent(q)}&per_page=100`);
    assert.equal(r.status, 200, r.text);
    return r.json.items.map((i) => i.id);
  };

  before(async () => {
    w = await setupDossierWorld();
    server = w.server;
    c = client(w.base);
    zoe = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Zoë', family_name: 'Öztürk-Straße' });
    ilayda = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Ilayda', family_name: 'Yilmazoglu' });
  });
  after(async () => {
    if (server) await server.stop();
  });

  it('finds a name typed without accents, in other case, or across given and family name', async () => {
    for (const q of ['ozturk', 'ÖZTÜRK', 'Oztürk', 'zoe', 'ZOË', 'zoe oz', 'Zoë Öztürk', 'strasse', 'STRASSE'])
      assert.deepEqual(await find(q), [zoe.id], `q=${q}`);
  });

  it('finds a plain name typed with accents or dotted capitals', async () => {
    for (const q of ['İlayda', 'ILAYDA', 'Yilmaz', 'YILMAZOĞLU', 'yilmazoglu'])
      assert.deepEqual(await find(q), [ilayda.id], `q=${q}`);
  });

  it('finds a dossier by its number, only in the caller\'s teams', async () => {
    assert.deepEqual(await find(String(zoe.id)), [zoe.id]);
    assert.deepEqual(await find(String(ilayda.id)), [ilayda.id]);
    const asB = await c.get(w.pB, `/youths?q=${zoe.id}`);
    assert.deepEqual(asB.json.items, [], 'a number of another team finds nothing');
    assert.deepEqual(await find('999999'), []);
    const r = await c.get(w.pA, `/youths?q=${zoe.id}&page=2`);
    assert.equal(r.json.total, 1, 'the count past the last page counts the number too');
  });

  it('keeps LIKE wildcards literal', async () => {
    for (const q of ['%', '_', 'z%e', 'o_turk', '\\']) assert.deepEqual(await find(q), [], `q=${q}`);
  });

  it('finds a changed name under its new spelling only', async () => {
    const r = await c.patch(w.pA, `/youths/${ilayda.id}`, { family_name: 'Ünal', change_reason: 'naam gewijzigd' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(await find('unal'), [ilayda.id]);
    assert.deepEqual(await find('yilmazoglu'), []);
  });

  it('lists team B in Dutch surname order: "de Vries" under V, "De Smet" (Belgian) under D', async () => {
    const names = [
      ['Sanne', 'de Vries'], ['Jan', 'van den Berg'], ['Eva', "'t Hooft"], ['Tom', 'Bakker'],
      ['Lotte', 'De Smet'], ['Emre', 'Öztürk'], ['Anna', 'Bakker'], ['Bram', 'van Dijk'],
    ];
    for (const [given_name, family_name] of names) await createYouth(w.base, w.pB, w.teamB.id, { given_name, family_name });
    const r = await c.get(w.pB, '/youths?per_page=100');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((i) => `${i.given_name} ${i.family_name}`), [
      'Anna Bakker', 'Tom Bakker', 'Jan van den Berg', 'Lotte De Smet', 'Bram van Dijk',
      "Eva 't Hooft", 'Emre Öztürk', 'Sanne de Vries',
    ]);
    const page2 = await c.get(w.pB, '/youths?per_page=3&page=2');
    assert.deepEqual(page2.json.items.map((i) => i.family_name), ['De Smet', 'van Dijk', "'t Hooft"], 'pages follow the same order');
  });

  it('finds dossiers written before the name key existed, after a restart', async () => {
    await server.stop({ keepDir: true });
    server = null;
    dbExec(w.server.db, 'UPDATE youths SET name_key = NULL, sort_key = NULL');
    server = await startServer({ requireTotp: 'none', reuseDir: w.server.dir });
    c = client(server.base);
    assert.deepEqual(await find('ozturk'), [zoe.id]);
    assert.deepEqual(await find('unal'), [ilayda.id]);
    const b = await c.get(w.pB, '/youths?per_page=2');
    assert.deepEqual(b.json.items.map((i) => `${i.given_name} ${i.family_name}`), ['Anna Bakker', 'Tom Bakker'], 'sort keys filled too');
  });
});
