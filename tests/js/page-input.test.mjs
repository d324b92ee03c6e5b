// What a page hands the engine is read once and defensively: offer content is what the engine
// returned (the caller cannot change it afterwards, nor a configuration object after it was
// read), a throwing getter never makes a call throw, the engine's own events cannot be sent, and
// whatever setTraits accepts loads again.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { configureKept } from '../../web/src/page-program.mjs';
import { cachedProgram } from '../../web/src/program-cache.mjs';
import { MemoryStorage, START, engineAt } from './dist-module.mjs';

const CONFIG = {
  version: 1,
  segments: [
    { id: 'viewer', rule: { count: 'view_item', within: '7d', gte: 1 } },
    { id: 'returning', rule: { count: 'session_start', within: '30d', gte: 2 } },
  ],
  offers: [{ id: 'hello', slot: 'hero', content: { title: 'Hello', body: 'Welcome', link: '/hello' } }],
};

function collect() {
  const warnings = [];
  return { warnings, onWarning: (kind, message) => warnings.push({ kind, message }) };
}

test('offer content is what the engine returned: changing a decision, an offer event\'s detail or the configuration changes nothing', async () => {
  const config = structuredClone(CONFIG);
  const { engine } = await engineAt(START, { config });
  const [first] = engine.decide();
  assert.equal(first.content.title, 'Hello');
  // A caller changing what it was given (a page's shopper-segments:offer listener gets the same objects).
  assert.throws(() => { first.content.title = 'Changed'; }, TypeError);
  assert.throws(() => { first.content.link = 'javascript:alert(1)'; }, TypeError);
  assert.throws(() => { engine.pageSettings().storageKey = 'elsewhere'; }, TypeError);
  config.offers[0].content.title = 'Changed after configure';
  const [again] = engine.decide();
  assert.deepEqual({ ...again.content }, { title: 'Hello', body: 'Welcome', link: '/hello' });
  engine.dispose();
});

test('a configuration object is read once: the program kept under its text is the program of that text', async () => {
  const { engine } = await engineAt(START);
  // A getter that answers differently on each read (a page's reactive object, or an attacker's).
  let reads = 0;
  const config = structuredClone(CONFIG);
  Object.defineProperty(config.offers[0].content, 'title', { enumerable: true, get: () => (++reads === 1 ? 'First read' : 'Later read') });
  const store = new MemoryStorage();
  const result = await configureKept(engine, config, store);
  assert.equal(result.ok, true, JSON.stringify(result.issues));
  assert.equal(engine.decide()[0].content.title, 'First read');
  const keptText = JSON.stringify({ ...CONFIG, offers: [{ ...CONFIG.offers[0], content: { ...CONFIG.offers[0].content, title: 'First read' } }] });
  assert.deepEqual(cachedProgram(store, keptText), engine.program, 'kept under the text it was compiled from');
  engine.dispose();
});

test('a throwing getter or Proxy never makes a call throw: a warning, the rest of the input used', async () => {
  const { warnings, onWarning } = collect();
  const { engine } = await engineAt(START, { config: CONFIG, onWarning });
  const fields = { item_id: 'p1' };
  Object.defineProperty(fields, 'price', { enumerable: true, get() { throw new Error('boom'); } });
  assert.equal(engine.track('view_item', fields), true, 'tracked without the field that could not be read');
  assert.equal(engine.segments().find((s) => s.id === 'viewer').member, true);
  const hostile = new Proxy({}, { ownKeys() { throw new Error('boom'); } });
  assert.equal(engine.track('view_item', hostile), false);
  const list = ['a', 'b'];
  list[Symbol.iterator] = function* endless() { for (;;) yield 'x'; };
  Object.defineProperty(list, 1, { get() { throw new Error('boom'); } });
  assert.equal(engine.track('view_item', { tags: list, items: [{ get item_id() { throw new Error('boom'); } }] }), true);
  assert.equal(engine.setTraits(hostile), false);
  assert.equal(engine.setTraits({ get tier() { throw new Error('boom'); } }), false);
  assert.equal(engine.setContext({ get device() { throw new Error('boom'); } }), false);
  assert.equal(engine.load({ get format() { throw new Error('boom'); } }).ok, false);
  assert.equal((await engine.configure({ get version() { throw new Error('boom'); } })).ok, false);
  await engine.explain({ toString() { throw new Error('boom'); } });
  assert.ok(warnings.some((w) => w.kind === 'bad_input'));
  for (const w of warnings) assert.doesNotMatch(w.message, /boom/, 'the page\'s own error text is not echoed');
  engine.dispose();
});

test('the page cannot send the engine\'s own session_start', async () => {
  const { warnings, onWarning } = collect();
  const { engine, clock } = await engineAt(START, { config: CONFIG, onWarning });
  const sessions = async () => (await engine.explain('returning')).tree.value;
  engine.track('page_view', {});
  assert.equal(await sessions(), 1);
  for (let i = 0; i < 5; i++) assert.equal(engine.track('session_start', {}), false);
  assert.equal(await sessions(), 1, 'only the engine counts sessions');
  assert.equal(engine.segments().find((s) => s.id === 'returning').member, false);
  assert.deepEqual([...new Set(warnings.map((w) => w.kind))], ['reserved_event']);
  clock.time += 2 * 60 * 60 * 1000;
  engine.track('page_view', {});
  assert.equal(await sessions(), 2, 'a real new session still counts');
  engine.dispose();
});

test('whatever setTraits accepts loads again; traits that would not are refused whole, the profile untouched', async () => {
  const storage = new MemoryStorage();
  const { warnings, onWarning } = collect();
  const { engine } = await engineAt(START, { config: CONFIG, storage, onWarning });
  engine.track('view_item', { item_id: 'p1' });
  // 64 traits of 64 strings of 200 characters: 800 K of JSON the engine would take in.
  const big = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => ['trait' + i, Array.from({ length: 64 }, (_, j) => String(j).padEnd(200, 'x'))]));
  let accepted = 0;
  for (let n = 1; n <= 64; n *= 2) if (engine.setTraits(big(n))) accepted = n;
  assert.ok(accepted < 64, 'some of these are refused');
  assert.ok(warnings.some((w) => w.kind === 'too_large'));
  await new Promise((resolve) => setImmediate(resolve));
  const stored = JSON.parse(storage.getItem('shopper-segments'));
  assert.ok(stored.state.length <= 1024 * 1024, `stored state ${stored.state.length} characters`);
  engine.dispose();
  const { warnings: later, onWarning: laterWarning } = collect();
  const { engine: next } = await engineAt(START + 1000, { config: CONFIG, storage, onWarning: laterWarning });
  assert.deepEqual(later, [], 'the next page loads it without a warning');
  assert.equal(next.segments().find((s) => s.id === 'viewer').member, true, 'the profile came back');
  next.dispose();
});
