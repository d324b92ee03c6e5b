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
