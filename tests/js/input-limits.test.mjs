// Oversized input is refused on its length before it is copied into WASM memory (which never
// shrinks): every path from the page or the caller into either module, fed text of 8 million
// characters (or 20 MB of bytes), leaves memory.buffer.byteLength where it was.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { makeEngine } from '../../web/src/engine.mjs';
import { loadModule } from '../../web/src/wasm.mjs';
import { DIST, MemoryStorage, ROOT, START, defaultCatalogText, wasmBinary } from './dist-module.mjs';

const RUNTIME_GLUE = path.join(ROOT, 'build/wasm-product/bindings/shopper-segments-runtime.mjs');
const HUGE = 'x'.repeat(8 * 1024 * 1024);
const memoryOf = (Module) => Module.HEAPU8.buffer.byteLength;

async function modules() {
  assert.ok(existsSync(RUNTIME_GLUE), `${RUNTIME_GLUE} is missing: scripts/build makes it`);
  const { default: createSegRuntime } = await import(pathToFileURL(RUNTIME_GLUE).href);
  const Module = await loadModule(createSegRuntime, { wasmBinary });
  const { loadToolkit } = await import(pathToFileURL(path.join(DIST, 'shopper-segments-toolkit.mjs')).href);
  const kit = await loadToolkit();
  return { Module, kit, toolkit: { loaded: () => kit, load: async () => kit } };
}

const program = readFileSync(path.join(DIST, 'shopper-segments.catalog.bin'));

test('the runtime refuses oversized ids, traits, context, events, states and programs before copying them', async () => {
  const { Module, toolkit } = await modules();
  const warnings = [];
  const options = { program, now: () => START, onWarning: (kind) => warnings.push(kind) };
  // Every path once with ordinary input first: buffers that normal use needs are there.
  const warm = makeEngine(Module, { ...options, visitorId: 'visitor-1' }, toolkit);
  warm.setTraits({ tier: 'gold' });
  warm.setContext({ device: 'mobile' });
  warm.track('view_item', { item_id: 'p1', tags: ['a', 'b'] });
  warm.record('hero_bestsellers', 'shown');
  warm.load(warm.save());
  warm.explain('new_visitor');
  warm.dispose();
  const before = memoryOf(Module);

  // Each path on its own, so that a failure names the paths that copied before refusing.
  const grew = [];
  const results = {};
  const path = (name, run) => {
    const at = memoryOf(Module);
    results[name] = run();
    if (memoryOf(Module) !== at) grew.push(name);
  };
  let engine;
  path('visitorId', () => (engine = makeEngine(Module, { ...options, visitorId: HUGE }, toolkit)).visitorId.length);
  path('setTraits', () => engine.setTraits({ note: HUGE }));
  path('setTraits many', () => engine.setTraits(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => ['t' + i, 'v'.repeat(20)]))));
  path('setContext', () => engine.setContext({ note: HUGE }));
  path('track text', () => engine.track('view_item', { item_id: HUGE }));
  path('track list', () => engine.track('view_item', { tags: new Array(2000000).fill('tag') }));
  path('track fields', () => engine.track('view_item', Object.fromEntries(Array.from({ length: 100000 }, (_, i) => ['f' + i, i]))));
  path('track type', () => engine.track(HUGE, {}));
  path('record', () => engine.record(HUGE, 'shown'));
  path('load', () => engine.load(HUGE));
  path('loadProgram', () => engine.loadProgram(new Uint8Array(20 * 1024 * 1024)));
  engine.dispose();
  // A stored value with a state too large for any engine: discarded unread, with a warning.
  const storage = new MemoryStorage({ 'shopper-segments': JSON.stringify({ v: 1, id: 'someone', at: START, tabs: {}, state: HUGE }) });
  path('stored state', () => makeEngine(Module, { ...options, storage }, toolkit).dispose());

  assert.deepEqual(grew, [], 'WASM memory grew');
  assert.equal(memoryOf(Module), before);
  assert.ok(results.visitorId > 0 && results.visitorId <= 256, 'an id longer than 256 characters is not taken');
  assert.deepEqual([results.setTraits, results['setTraits many'], results.setContext, results.record], [false, false, false, false]);
  assert.deepEqual([results['track text'], results['track list'], results['track fields'], results['track type']], [true, true, true, true],
    'oversized events count, their text cut where the engine cuts it');
  assert.equal(results.load.ok, false);
  assert.equal(results.load.issues[0].code, 'state_too_large');
  assert.equal(results.loadProgram.issues[0].code, 'too_large');
  assert.ok(warnings.includes('storage_corrupt'));
  assert.ok(warnings.includes('too_large'));
});

test('the toolkit refuses oversized configurations, rules, ids and states before copying them', async () => {
  const { Module, kit, toolkit } = await modules();
  const engine = makeEngine(Module, { program, now: () => START }, toolkit);
  // Ordinary input first.
  kit.compile(defaultCatalogText);
  kit.validate(defaultCatalogText);
  kit.lint(defaultCatalogText);
  kit.describe({ count: 'view_item', within: '7d', gte: 2 });
  engine.explain('new_visitor');
  engine.explainOffer('hero_bestsellers');
  const replay = kit.startReplay(defaultCatalogText);
  // A log chunk of the largest piece that crosses at once (4 M units).
  const line = '{"visitor":"v1","ts":1795428000000,"type":"page_view"}\n';
  replay.replay.lines(line.repeat(Math.floor(4 * 1024 * 1024 / line.length)));
  const before = memoryOf(kit.Module);
  // One line of 8 M characters between two good ones, and 20 M characters of good lines: read in
  // pieces, the long line reported as too long at its own number.
  const bad = replay.replay.lines(line + HUGE + '\n' + line);
  assert.deepEqual(bad.map((b) => b.line - bad[0].line), [0]);
  assert.match(bad[0].message, /longer than/);
  assert.deepEqual(replay.replay.lines(line.repeat(Math.ceil(20 * 1024 * 1024 / line.length))), []);
  const after = replay.replay.lines('not json\n');
  assert.equal(after[0].line, bad[0].line + 1 + Math.ceil(20 * 1024 * 1024 / line.length) + 1, 'line numbers run on');
  replay.replay.dispose();

  const big = HUGE.slice(0, 4 * 1024 * 1024 + 1);
  assert.equal(kit.compile(big).issues[0].code, 'too_large');
  assert.equal(kit.validate(big).issues[0].code, 'too_large');
  assert.equal(kit.lint(big).issues[0].code, 'too_large');
  assert.equal(kit.startReplay(big).issues[0].code, 'too_large');
  assert.throws(() => kit.describe(big), /at most 4 MB/);
  assert.equal(engine.explain(HUGE).segment, undefined);
  engine.explainOffer(HUGE);
  kit.explain(program, HUGE, HUGE, 0, HUGE, START);
  engine.dispose();

  assert.equal(memoryOf(kit.Module), before, 'WASM memory did not grow');
});
