// The studio's published version and history (web/studio/versions.js), its stored-state loaders
// fed junk (versions, history files, the saved draft of store.js), and the diff of two
// configurations by names (web/studio/config-diff.js). Configurations are validated by the real
// owner toolkit (dist/, after web/build.sh). Run: node --test tests/js/studio-versions.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import {
  createVersions, readVersions, parseHistoryFile, VERSIONS_KEY, VERSIONS_BACKUP_KEY, MAX_VERSIONS, HISTORY_FILE_FORMAT,
} from '../../web/studio/versions.js';
import { readSaved, STUDIO_STORAGE_KEY } from '../../web/studio/store.js';
import { diffConfigs } from '../../web/studio/config-diff.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const modulePath = path.join(ROOT, 'dist/shopper-segments-toolkit.mjs');
if (!existsSync(modulePath)) throw new Error('dist/shopper-segments-toolkit.mjs is missing: run scripts/build (or web/build.sh) first');
const { loadToolkit } = await import(pathToFileURL(modulePath).href);
const toolkit = await loadToolkit({ wasmBinary: readFileSync(path.join(ROOT, 'dist/shopper-segments-toolkit.wasm')) });
const validate = (config) => toolkit.validate(JSON.stringify(config));
const catalogue = () => JSON.parse(readFileSync(path.join(ROOT, 'src/catalog/default.json'), 'utf8'));

function memoryStorage(initial = {}) {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => { map.set(k, String(v)); },
    removeItem: (k) => { map.delete(k); },
  };
}

/** A deterministic stream of pseudo-random numbers (xorshift), so a failure can be replayed. */
function random(seed) {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 2 ** 32; };
}

/** Junk of every JSON shape, with hostile keys and long strings, and some near-miss versions. */
function junk(rand, depth = 0) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const kind = Math.floor(rand() * (depth > 3 ? 6 : 10));
  switch (kind) {
    case 0: return null;
    case 1: return rand() < 0.5;
    case 2: return pick([0, -1, 1e308, -0, 3.5, Number.MAX_SAFE_INTEGER, 1700000000000]);
    case 3: return pick(['', 'x'.repeat(2000), '__proto__', 'constructor', 'publish', 'rollback', 'v1', '<img onerror=1>', '\u0000\ud800']);
    case 4: return pick([[], {}, { version: 1 }, { version: 1, history: [] }]);
    case 5: return { id: pick(['v1', '', 5, 'a b', 'x'.repeat(70)]), at: pick([1, -5, 'now', 1e20]), kind: pick(['publish', 'rollback', 'x']), config: pick([catalogue(), {}, 5, null]) };
    case 6: return Array.from({ length: Math.floor(rand() * 5) }, () => junk(rand, depth + 1));
    default: {
      const out = {};
      for (let i = Math.floor(rand() * 5); i > 0; i -= 1) out[pick(['version', 'history', 'publishedId', '__proto__', 'constructor', 'id', 'config', 'kind', 'at', 'format'])] = junk(rand, depth + 1);
      return out;
    }
  }
}

test('publish, history newest first, rollback recorded as a version of its own, stored and read back', () => {
  const storage = memoryStorage();
  let clock = 1_000;
  let n = 0;
  const make = () => createVersions({ storage, validate, initialConfig: catalogue(), now: () => clock, newId: () => `v${(n += 1)}` });
  const versions = make();
  assert.equal(versions.published().entry, null, 'nothing published yet: the shop runs the catalogue');
  assert.deepEqual(versions.published().config, catalogue());

  const first = catalogue();
  first.segments[0].priority = 99;
  assert.equal(versions.publish(first, { note: 'first' }).ok, true);
  clock += 10;
  const second = catalogue();
  second.offers.pop();
  const published = versions.publish(second);
  assert.equal(published.ok, true);
  assert.deepEqual(versions.published().config, second);
  assert.deepEqual(versions.history().map((e) => [e.id, e.kind]), [['v2', 'publish'], ['v1', 'publish']]);

  clock += 10;
  const back = versions.rollback('v1');
  assert.equal(back.ok, true);
  assert.deepEqual(versions.published().config, first);
  assert.deepEqual(versions.history()[0], { id: 'v3', at: 1020, kind: 'rollback', of: 'v1', note: 'first', config: first });

  // an invalid configuration is never published
  const refused = versions.publish({ version: 1, segments: [{ id: 'Bad Id' }] });
  assert.equal(refused.ok, false);
  assert.ok(refused.issues.length > 0);
  assert.equal(versions.history().length, 3);

  // read back by a new page: the same published version and history
  const again = make();
  assert.deepEqual(again.problems, []);
  assert.deepEqual(again.published().config, first);
  assert.deepEqual(again.history(), versions.history());
});

test('going back to the built-in catalogue is a version of its own: the one it replaces can be rolled back to', () => {
  const storage = memoryStorage();
  let clock = 1_000;
  let n = 0;
  const make = () => createVersions({ storage, validate, initialConfig: catalogue(), now: () => (clock += 10), newId: () => `v${(n += 1)}` });
  const versions = make();
  // nothing published: the shop runs the catalogue already, and going back to it is refused
  assert.equal(versions.runsCatalogue(), true);
  const nothing = versions.publishCatalogue();
  assert.equal(nothing.ok, false);
  assert.equal(nothing.issues[0].code, 'unchanged');
  assert.equal(versions.history().length, 0);
  assert.equal(storage.getItem(VERSIONS_KEY), null, 'nothing was written');

  const own = catalogue();
  own.offers = own.offers.filter((o) => o.slot !== 'hero');
  own.settings.currency = 'CHF';
  assert.equal(versions.publish(own, { note: 'no hero banners' }).ok, true);
  assert.equal(versions.runsCatalogue(), false);

  const back = versions.publishCatalogue();
  assert.equal(back.ok, true);
  assert.equal(back.entry.kind, 'catalogue');
  assert.deepEqual(versions.published().config, catalogue());
  assert.deepEqual(versions.catalogue(), catalogue());
  assert.equal(versions.runsCatalogue(), true);
  assert.deepEqual(versions.history().map((e) => [e.id, e.kind]), [['v2', 'catalogue'], ['v1', 'publish']]);
  // a copy: changing the catalogue object the studio holds later does not change the version
  versions.catalogue().segments[0].priority = 1;
  assert.equal(versions.published().config.segments[0].priority, catalogue().segments[0].priority);
  versions.catalogue().segments[0].priority = catalogue().segments[0].priority;
  // once is enough
  assert.equal(versions.publishCatalogue().issues[0].code, 'unchanged');

  // read back by a new page, then rolled back to the owner's version in one step
  const again = make();
  assert.deepEqual(again.problems, []);
  assert.equal(again.published().entry.kind, 'catalogue');
  assert.equal(again.runsCatalogue(), true);
  const rolled = again.rollback('v1');
  assert.equal(rolled.ok, true);
  assert.deepEqual(again.published().config, own);
  assert.equal(again.runsCatalogue(), false);
  assert.deepEqual(again.history().map((e) => [e.id, e.kind, e.of ?? null]), [['v3', 'rollback', 'v1'], ['v2', 'catalogue', null], ['v1', 'publish', null]]);

  // and a history with a "catalogue" version exports and imports as a whole
  const file = again.exportText();
  const parsed = parseHistoryFile(file, validate);
  assert.equal(parsed.ok, true);
  assert.deepEqual(parsed.entries.map((e) => e.kind), ['publish', 'catalogue', 'rollback']);
  const bad = JSON.parse(file);
  bad.history[1].kind = 'built-in';
  assert.equal(parseHistoryFile(JSON.stringify(bad), validate).issues[0].path, '/history/1/kind');
});

test('going back to the catalogue when the browser refuses to store: refused with a reason, nothing changes', () => {
  const storage = memoryStorage();
  let n = 0;
  const versions = createVersions({ storage, validate, initialConfig: catalogue(), now: () => 5_000 + n, newId: () => `v${(n += 1)}` });
  const own = catalogue();
  own.segments[0].priority = 3;
  assert.equal(versions.publish(own).ok, true);
  const stored = storage.getItem(VERSIONS_KEY);
  storage.setItem = () => { const error = new Error('full'); error.name = 'QuotaExceededError'; throw error; };
  const refused = versions.publishCatalogue();
  assert.equal(refused.ok, false);
  assert.equal(refused.issues[0].code, 'storage_failed');
  assert.deepEqual(versions.published().config, own);
  assert.equal(versions.history().length, 1);
  assert.equal(storage.getItem(VERSIONS_KEY), stored);
});

test('the history is bounded, and the published version is never the one dropped', () => {
  const storage = memoryStorage();
  let clock = 0;
  let n = 0;
  const versions = createVersions({ storage, validate, initialConfig: catalogue(), now: () => (clock += 1), newId: () => `v${(n += 1)}` });
  const config = catalogue();
  for (let i = 0; i < MAX_VERSIONS + 5; i += 1) {
    config.segments[0].priority = i;
    assert.equal(versions.publish(config).ok, true);
  }
  assert.equal(versions.history().length, MAX_VERSIONS);
  assert.equal(versions.history()[0].config.segments[0].priority, MAX_VERSIONS + 4);
  // roll back to the oldest kept: it is published, and the next drop spares it
  const oldest = versions.history().at(-1).id;
  versions.rollback(oldest);
  assert.equal(versions.history().length, MAX_VERSIONS);
  assert.ok(storage.getItem(VERSIONS_KEY).length < 5_000_000, 'a bounded history fits localStorage');
});

test('export then import into another browser gives the same versions; the published version stays', () => {
  let n = 0;
  const here = createVersions({ storage: memoryStorage(), validate, initialConfig: catalogue(), now: () => 5_000 + n, newId: () => `a${(n += 1)}` });
  const config = catalogue();
  config.segments[1].priority = 1;
  here.publish(config, { note: 'here' });
  const file = here.exportText();
  assert.equal(JSON.parse(file).format, HISTORY_FILE_FORMAT);

  let m = 0;
  const thereStorage = memoryStorage();
  const there = createVersions({ storage: thereStorage, validate, initialConfig: catalogue(), now: () => 9_000 + m, newId: () => `b${(m += 1)}` });
  there.publish(catalogue(), { note: 'there' });
  const result = there.importText(file);
  assert.deepEqual(result, { ok: true, added: 1, skipped: 0, known: 0 });
  assert.deepEqual(there.history().map((e) => e.note), ['there', 'here']);
  assert.equal(there.published().entry.note, 'there', 'an import does not publish');
  assert.deepEqual(there.importText(file), { ok: true, added: 0, skipped: 0, known: 1 }, 'importing twice adds nothing');
});

test('a corrupted or hostile history file is refused with a reason, and nothing stored changes', () => {
  const storage = memoryStorage();
  let n = 0;
  const versions = createVersions({ storage, validate, initialConfig: catalogue(), now: () => 100 + n, newId: () => `v${(n += 1)}` });
  versions.publish(catalogue());
  const stored = storage.getItem(VERSIONS_KEY);
  const good = JSON.parse(versions.exportText());
  const invalidConfig = { ...good, history: [{ ...good.history[0], id: 'other', config: { version: 1, segments: [{ id: 'x', rule: { count: 'view_item', gte: 'two' } }] } }] };
  const cases = [
    ['not json', 'json_syntax'],
    [JSON.stringify({ history: [] }), 'bad_value'],
    [JSON.stringify({ ...good, version: 2 }), 'bad_value'],
    [JSON.stringify({ ...good, history: {} }), 'type_mismatch'],
    [JSON.stringify({ ...good, history: [5] }), 'type_mismatch'],
    [JSON.stringify({ ...good, history: [{ ...good.history[0], id: '../../etc' }] }), 'bad_value'],
    [JSON.stringify({ ...good, history: [{ ...good.history[0], id: 'x', kind: 'delete' }] }), 'bad_value'],
    [JSON.stringify({ ...good, history: [good.history[0], good.history[0]] }), 'duplicate_id'],
    [JSON.stringify(invalidConfig), 'invalid_config'],
    ['{"format":"shopper-segments-studio-history","version":1,"history":[],"x":"' + 'y'.repeat(8 * 1024 * 1024) + '"}', 'too_large'],
  ];
  for (const [text, code] of cases) {
    const result = versions.importText(text);
    assert.equal(result.ok, false, text.slice(0, 80));
    assert.equal(result.issues[0].code, code, text.slice(0, 80));
    assert.equal(typeof result.issues[0].path, 'string');
    assert.ok(result.issues[0].message.length > 10);
    assert.equal(storage.getItem(VERSIONS_KEY), stored, 'nothing stored changed');
  }
  assert.equal(invalidConfig.history.length, 1);
  assert.equal(versions.importText(JSON.stringify(invalidConfig)).issues[0].path, '/history/0/config/segments/0/rule/gte');
  // 3000 junk files: refused or imported, never thrown, never touching the prototype
  const rand = random(17);
  for (let i = 0; i < 3000; i += 1) {
    const value = i % 3 === 0 ? { format: HISTORY_FILE_FORMAT, version: 1, history: junk(rand) } : junk(rand);
    const result = parseHistoryFile(JSON.stringify(value) ?? 'undefined', validate);
    assert.equal(typeof result.ok, 'boolean');
    if (result.ok) for (const entry of result.entries) assert.deepEqual(Object.keys(entry).filter((k) => !['id', 'at', 'kind', 'config', 'note', 'of'].includes(k)), []);
  }
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.constructor, Object);
});

test('stored versions fed junk: the studio starts, keeps what it can read, and backs up what it cannot', () => {
  const rand = random(42);
  let backups = 0;
  for (let i = 0; i < 3000; i += 1) {
    const value = junk(rand);
    const raw = i % 7 === 0 ? `${JSON.stringify(value)}`.slice(0, Math.floor(rand() * 40)) : JSON.stringify(value);
    const read = readVersions(raw ?? null, validate);
    assert.ok(Array.isArray(read.state.history));
    assert.ok(read.state.publishedId === null || read.state.history.some((e) => e.id === read.state.publishedId));
    for (const e of read.state.history) assert.equal(validate(e.config).ok, true);
    // the whole object over a storage holding it: starts, publishes, and keeps the junk aside
    const storage = memoryStorage(raw === undefined ? {} : { [VERSIONS_KEY]: raw });
    const versions = createVersions({ storage, validate, initialConfig: catalogue(), now: () => 1, newId: () => `n${i}` });
    assert.ok(versions.published().config);
    assert.equal(versions.publish(catalogue()).ok, true);
    if (read.unreadable) {
      assert.equal(storage.getItem(VERSIONS_BACKUP_KEY), raw, 'what could not be read is kept');
      backups += 1;
    }
  }
  assert.ok(backups > 100, `junk backed up ${backups} times`);
  // a good history with one bad entry: the good entries are kept, the raw text backed up
  const good = { id: 'g1', at: 5, kind: 'publish', config: catalogue() };
  const mixed = JSON.stringify({ version: 1, publishedId: 'g1', history: [good, { id: 'bad', at: 6, kind: 'publish', config: { version: 1, segments: 5 } }] });
  const read = readVersions(mixed, validate);
  assert.deepEqual(read.state.history.map((e) => e.id), ['g1']);
  assert.equal(read.state.publishedId, 'g1');
  assert.equal(read.unreadable, true);
  assert.equal(read.problems[0].path, '/history/1/config/segments');
  // storage that refuses to write: publishing says so and changes nothing
  const full = memoryStorage();
  full.setItem = () => { throw Object.assign(new Error('full'), { name: 'QuotaExceededError' }); };
  const versions = createVersions({ storage: full, validate, initialConfig: catalogue() });
  const refused = versions.publish(catalogue());
  assert.equal(refused.ok, false);
  assert.equal(refused.issues[0].code, 'storage_failed');
  assert.equal(versions.published().entry, null);
});

test('the saved draft fed junk reads as null or as a well-formed saved draft', () => {
  const rand = random(7);
  for (let i = 0; i < 3000; i += 1) {
    const value = i % 2 ? { version: 1, draft: junk(rand), draftText: junk(rand), working: junk(rand), workingSavedAt: junk(rand) } : junk(rand);
    const raw = i % 5 === 0 ? JSON.stringify(value)?.slice(0, 30) : JSON.stringify(value);
    const saved = readSaved(memoryStorage(raw === undefined ? {} : { [STUDIO_STORAGE_KEY]: raw }));
    if (saved === null) continue;
    assert.deepEqual(Object.keys(saved).sort(), ['draft', 'draftText', 'version', 'working', 'workingSavedAt']);
    for (const key of ['draft', 'working']) assert.ok(saved[key] === null || (typeof saved[key] === 'object' && !Array.isArray(saved[key])), key);
    assert.ok(saved.draftText === null || typeof saved.draftText === 'string');
    assert.ok(saved.workingSavedAt === null || Number.isFinite(saved.workingSavedAt));
  }
  const throwing = { getItem() { throw new Error('denied'); } };
  assert.equal(readSaved(throwing), null);
});

test('the diff of two configurations names what was added, removed and changed, field by field', () => {
  const before = catalogue();
  const after = catalogue();
  after.segments.push({ id: 'sale_hunter', name: 'Sale hunter', rule: { count: 'view_item', where: { tags: 'sale' }, within: '30d', gte: 3 } });
  const removed = after.offers.splice(1, 1)[0];
  after.offers[0].priority = 1;
  after.offers[0].content.title = 'New title';
  after.segments[0].rule = { count: 'view_item', gte: 1 };
  after.settings = { ...(after.settings || {}), control_group: 0 };
  const diff = diffConfigs(before, after);
  assert.deepEqual(diff.segments.added, [{ id: 'sale_hunter', name: 'Sale hunter' }]);
  assert.deepEqual(diff.offers.removed, [{ id: removed.id, name: removed.content.title }]);
  assert.deepEqual(diff.offers.changed.map((c) => [c.name, c.fields.map((f) => f.field)]), [['New title', ['priority', 'content.title']]]);
  assert.deepEqual(diff.segments.changed.map((c) => [c.id, c.fields.map((f) => f.field)]), [[before.segments[0].id, ['rule']]]);
  assert.ok(diff.settings.some((f) => f.field === 'control_group' && f.after === 0));
  assert.equal(diff.count, 5 + (before.settings && before.settings.control_group === 0 ? -1 : 0));
  assert.equal(diffConfigs(before, catalogue()).count, 0);
  // junk on either side never throws
  const rand = random(3);
  for (let i = 0; i < 500; i += 1) assert.equal(typeof diffConfigs(junk(rand), junk(rand)).count, 'number');
});

test('the saved simulator journey fed junk: read as null or as a journey the simulator replays without throwing', async () => {
  const { readJourney, createSimulator } = await import('../../web/studio/simulator.js');
  const { createEngine } = await import('./dist-module.mjs');
  const { wasmBinary } = await import('./dist-module.mjs');
  const rand = random(99);
  const start = Date.UTC(2026, 0, 5, 9);
  const action = () => {
    const pick = (list) => list[Math.floor(rand() * list.length)];
    return rand() < 0.5 ? junk(rand) : {
      kind: pick(['event', 'traits', 'context', 'record', 'clock', 'x', 5]),
      at: pick([start + Math.floor(rand() * 1e9), -1, 'soon', 1e300, start]),
      type: pick(['view_item', 'add_to_cart', 'purchase', '', 5, 'x'.repeat(300), '__proto__']),
      fields: junk(rand), traits: junk(rand), context: junk(rand),
      offer: pick(['welcome_bestsellers_hero', '', 7]), outcome: pick(['shown', 'dismissed', 'x']), label: junk(rand),
    };
  };
  const journeys = [];
  for (let i = 0; i < 3000; i += 1) {
    const value = i % 2 ? { version: 1, visitorId: junk(rand), start: rand() < 0.9 ? start : junk(rand), now: junk(rand), actions: Array.from({ length: Math.floor(rand() * 8) }, action) } : junk(rand);
    const raw = i % 9 === 0 ? JSON.stringify(value)?.slice(0, 25) : JSON.stringify(value);
    const journey = readJourney(raw);
    if (journey === null) continue;
    assert.equal(typeof journey.visitorId, 'string');
    assert.ok(journey.actions.every((a, k) => Number.isFinite(a.at) && (k === 0 || a.at >= journey.actions[k - 1].at)));
    assert.ok(journey.now >= (journey.actions.at(-1)?.at ?? journey.start));
    if (journey.actions.length) journeys.push(raw);
  }
  assert.ok(journeys.length > 200, `${journeys.length} journeys with actions`);
  // A sample of them replayed by the simulator on the catalogue with the real engine.
  const config = catalogue();
  for (const raw of journeys.slice(0, 60)) {
    const storage = memoryStorage({ 'shopper-segments-studio:journey:v1': raw });
    const sim = createSimulator({ createEngine: (options) => createEngine({ wasmBinary, loadToolkit: true, ...options }), storage });
    await sim.run(config);
    assert.ok(sim.ready);
    assert.equal(sim.timeline.length, sim.journey.actions.length + 1);
    assert.ok(Array.isArray(sim.decide()));
  }
});
