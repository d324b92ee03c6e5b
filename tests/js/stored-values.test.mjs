// Loaders of what the widget keeps in the browser besides the engine's state, fed junk: the last
// decisions painted before the engine is ready (store.mjs readPaint) and the program compiled from
// a page's JSON (program-cache.mjs, page-program.mjs). Junk is ignored or replaced, never thrown,
// never drawn, never run.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { readPaint } from '../../web/src/store.mjs';
import { PROGRAM_CACHE_KEY, cacheProgram, cachedProgram, textHash } from '../../web/src/program-cache.mjs';
import { engineForPage } from '../../web/src/page-program.mjs';
import { loadModule } from '../../web/src/wasm.mjs';
import { DIST, ROOT, MemoryStorage, defaultCatalogText, wasmBinary } from './dist-module.mjs';

// A small deterministic generator of JSON-like values, hostile keys and long strings included.
function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const KEYS = ['hero', 'cart', '__proto__', 'constructor', 'offer', 'content', 'title', 'body', 'cta', 'link', 'image', ''];
function junk(random, depth = 0) {
  const r = random();
  if (depth > 3 || r < 0.15) return null;
  if (r < 0.3) return random() * 1e6 - 5e5;
  if (r < 0.45) return random() < 0.1 ? 'x'.repeat(2500) : KEYS[Math.floor(random() * KEYS.length)] + String(Math.floor(random() * 9));
  if (r < 0.55) return random() < 0.5;
  if (r < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => junk(random, depth + 1));
  const object = {};
  for (let i = Math.floor(random() * 5); i > 0; i--) object[KEYS[Math.floor(random() * KEYS.length)]] = junk(random, depth + 1);
  return object;
}

function checkPaint(paint) {
  if (paint === null) return;
  assert.equal(Object.getPrototypeOf(paint), null, 'slot names stay plain keys');
  const slots = Object.keys(paint);
  assert.ok(slots.length <= 16);
  for (const slot of slots) {
    const { offer, content } = paint[slot];
    assert.equal(typeof offer, 'string');
    assert.ok(offer.length > 0 && offer.length <= 2000);
    for (const [field, value] of Object.entries(content)) {
      assert.ok(['title', 'body', 'cta', 'link', 'image'].includes(field), field);
      assert.equal(typeof value, 'string');
      assert.ok(value.length <= 2000);
    }
  }
}

test('readPaint takes only well-formed paints, whatever the stored value (3000 random values)', () => {
  const random = lcg(14);
  let kept = 0;
  for (let i = 0; i < 3000; i++) {
    const value = junk(random);
    // Also as JSON went through storage, where "__proto__" comes back as an own key.
    for (const saved of [{ paint: value }, JSON.parse(JSON.stringify({ paint: value }))]) {
      const paint = readPaint(saved);
      checkPaint(paint);
      if (paint && Object.keys(paint).length) kept++;
    }
  }
  const good = { paint: { hero: { offer: 'o1', content: { title: 'T', link: '/x' } }, cart: { offer: 'o2', content: {} } } };
  assert.deepEqual({ ...readPaint(good) }, good.paint);
  assert.equal(readPaint(JSON.parse('{"paint":{"__proto__":{"offer":"o","content":{}}}}')).__proto__.offer, 'o');
  assert.equal(({}).offer, undefined, 'no prototype was touched');
  assert.ok(kept < 3000, 'most junk is refused');
});

const RUNTIME_GLUE = path.join(ROOT, 'build/wasm-product/bindings/shopper-segments-runtime.mjs');

test('a kept program that is junk is compiled again from the JSON and kept anew', async () => {
  assert.ok(existsSync(RUNTIME_GLUE), `${RUNTIME_GLUE} is missing: scripts/build makes it`);
  const { default: createSegRuntime } = await import(pathToFileURL(RUNTIME_GLUE).href);
  const Module = await loadModule(createSegRuntime, { wasmBinary });
  const { loadToolkit } = await import(pathToFileURL(path.join(DIST, 'shopper-segments-toolkit.mjs')).href);
  const kit = await loadToolkit();
  let loads = 0;
  const toolkit = { loaded: () => kit, load: async () => (loads++, kit) };
  const good = kit.compile(defaultCatalogText).program;
  const hash = textHash(defaultCatalogText);
  const random = lcg(18);
  const stored = [
    'not json', '{}', '[]', 'null', JSON.stringify({ hash, program: 42 }), JSON.stringify({ hash, program: '***' }),
    JSON.stringify({ hash, program: Buffer.from(good.subarray(0, 50)).toString('base64') }),
    JSON.stringify({ hash, program: Buffer.from(Buffer.from(good).map((b, i) => (i === 40 ? b ^ 1 : b))).toString('base64') }),
    ...Array.from({ length: 20 }, () => JSON.stringify({ hash, program: Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))).toString('base64') })),
  ];
  for (const value of stored) {
    const storage = new MemoryStorage({ [PROGRAM_CACHE_KEY]: value });
    const cached = cachedProgram(storage, defaultCatalogText);
    assert.ok(cached === null || cached instanceof Uint8Array);
    const before = loads;
    const engine = await engineForPage(Module, { configText: defaultCatalogText }, { now: () => 0 }, { toolkit, store: storage, onCompiled() {} });
    assert.equal(loads, before + 1, `compiled again after ${value.slice(0, 40)}`);
    assert.equal(engine.segments().length, 19);
    assert.deepEqual(cachedProgram(storage, defaultCatalogText), good, 'the good program is kept now');
    engine.dispose();
  }
  // And a good kept program runs without the toolkit.
  const storage = new MemoryStorage();
  cacheProgram(storage, defaultCatalogText, good);
  const before = loads;
  const engine = await engineForPage(Module, { configText: defaultCatalogText }, { now: () => 0 }, { toolkit, store: storage, onCompiled() {} });
  assert.equal(loads, before);
  engine.dispose();
});

// The stored wrapper of the engine's state (store.mjs decodeSaved), field by field: a bad field is
// left out and named, every good one is kept as it was.
const GOOD = {
  state: '{"format":"x"}',
  id: 'visitor-7',
  at: 1795428000000,
  tabs: { '0123456789abcdef': [12, 1795428000000], fedcba9876543210: [3, 1795427000000] },
  zone: 'America/Argentina/Buenos_Aires',
  paint: { hero: { offer: 'hero_new', content: { title: 'New' } } },
};
const JUNK = {
  state: [null, 42, {}, ['x'], 'x'.repeat(1024 * 1024 + 1)],  // past what the engine reads
  id: ['', 'x'.repeat(257), 'x'.repeat(3000000), 42, null, {}, ['a']],
  at: [null, 'yesterday', {}, [], Infinity],
  tabs: [42, 'tabs', [], null, { '': 1 }, { a: -1 }, { a: 1.5 }, { a: 'x' }, { a: [1, 'x'] }, { a: [1, 2, 3] }, { ['k'.repeat(33)]: 1 }],
  zone: [42, '', 'Europe/Berlin; drop', 'x'.repeat(100), {}, '../../etc'],
  paint: [42, 'x', [], { hero: 'x' }, { hero: { offer: '' } }],
};

test('every stored field is checked on its own: a bad one is named and left out, the good ones kept (3000 random wrappers)', async () => {
  const { decodeSaved } = await import('../../web/src/store.mjs');
  const random = lcg(6);
  const fields = Object.keys(GOOD);
  for (let i = 0; i < 3000; i++) {
    const value = { v: 1 };
    const bad = new Set();
    for (const field of fields) {
      const r = random();
      if (r < 0.6) value[field] = GOOD[field];
      else if (r < 0.9) {
        const options = JUNK[field];
        value[field] = options[Math.floor(random() * options.length)];
        bad.add(field);
      } else if (random() < 0.5) value[field] = junk(random);
    }
    const saved = decodeSaved(JSON.stringify(value));
    assert.ok(saved !== undefined, 'a wrapper of this version is never discarded whole');
    const where = JSON.stringify(value).slice(0, 200);
    if (value.state === GOOD.state) assert.equal(saved.state, GOOD.state, where);
    else assert.ok(saved.state === null || typeof value.state === 'string', where);
    if (value.id === GOOD.id) assert.equal(saved.id, GOOD.id, where);
    else assert.ok(saved.id === '' || (typeof saved.id === 'string' && saved.id.length <= 256), where);
    if (value.zone === GOOD.zone) assert.equal(saved.zone, GOOD.zone, where);
    if (value.tabs === GOOD.tabs) assert.deepEqual(saved.tabs, GOOD.tabs, where);
    if (value.paint === GOOD.paint) assert.deepEqual({ ...saved.paint }, GOOD.paint, where);
    if (value.at === GOOD.at) assert.equal(saved.at, GOOD.at, where);
    // Named when bad; the state counts as bad also when it is missing.
    const named = new Set(saved.invalid);
    const names = { state: 'state', id: 'id', at: 'at', tabs: 'tabs', zone: 'zone', paint: 'paint' };
    for (const field of bad) assert.ok(named.has(names[field]), `${field} named in ${JSON.stringify(saved.invalid)} for ${where}`);
    for (const field of fields) if (value[field] === GOOD[field]) assert.ok(!named.has(names[field]), `${field} is good: ${where}`);
    assert.equal(typeof saved.tabs, 'object');
    for (const mark of Object.values(saved.tabs)) assert.ok(Number.isSafeInteger(mark[0]) && Number.isFinite(mark[1]));
  }
  for (const raw of ['nonsense', '[]', 'null', '{"v":2,"state":"{}"}', '42']) assert.equal(decodeSaved(raw), undefined, raw);
});

test('one bad stored field, in an engine: one warning, that field replaced, the visitor\'s profile and everything else kept', async () => {
  const { MINUTE, createEngine } = await import('./dist-module.mjs');
  const CONFIG = { version: 1, segments: [{ id: 'viewer', rule: { count: 'view_item', within: '30d', gte: 2 } }], offers: [] };
  let time = 1795428000000;
  const open = (storage, onWarning = () => {}) => createEngine({ wasmBinary, config: CONFIG, storage, now: () => time, onWarning });
  const storage = new MemoryStorage();
  const first = await open(storage);
  first.setContext({ timezone: 'Europe/Berlin' });
  first.track('view_item', { item_id: 'a' });
  first.track('view_item', { item_id: 'b' });
  first.dispose();
  const good = JSON.parse(storage.getItem('shopper-segments'));
  good.paint = { hero: { offer: 'hero_new', content: { title: 'New' } } };
  // A state within the size limit that the engine refuses is bad too.
  const junk = { ...JUNK, state: [...JUNK.state, 'x'.repeat(70000), '{"format":"shopper-segments-state"}'] };
  for (const field of ['id', 'at', 'tabs', 'zone', 'paint', 'state']) {
    for (const bad of junk[field]) {
      time += MINUTE;
      const value = { ...good, [field]: bad };
      const store = new MemoryStorage({ 'shopper-segments': JSON.stringify(value) });
      const warnings = [];
      const engine = await open(store, (kind, message) => warnings.push({ kind, message }));
      const where = `${field} = ${JSON.stringify(bad).slice(0, 60)}`;
      assert.equal(warnings.length, 1, `${where}: ${JSON.stringify(warnings)}`);
      assert.equal(warnings[0].kind, 'storage_corrupt');
      const member = engine.segments().find((s) => s.id === 'viewer').member;
      assert.equal(member, field !== 'state', `${where}: the profile is kept unless it is the bad field`);
      if (field === 'id') assert.ok(engine.visitorId.length > 0 && engine.visitorId.length <= 256 && engine.visitorId !== good.id, where);
      else assert.equal(engine.visitorId, good.id, where);
      if (field !== 'zone' && field !== 'state') assert.equal(engine.savedTimezone, 'Europe/Berlin', where);
      await new Promise((resolve) => setImmediate(resolve));
      const rewritten = JSON.parse(store.getItem('shopper-segments'));
      assert.equal(rewritten.id, engine.visitorId, `${where}: the id is written back as checked`);
      // The time zone and the last offers describe the profile: they go with its state.
      if (field !== 'paint' && field !== 'state') assert.deepEqual(rewritten.paint, good.paint, `${where}: the last offers are kept`);
      engine.dispose();
      // The next page reads the rewritten value without a warning.
      const again = [];
      const next = await open(store, (kind, message) => again.push({ kind, message }));
      assert.deepEqual(again, [], where);
      next.dispose();
    }
  }
});
