// Persistence of the ES module with a storage: one versioned key, corrupted and foreign values,
// a full or forbidden store (memory fallback, one warning, never a throw), forget(), consent
// (setStorage later), and two tabs writing at the same time without losing either's events.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MINUTE, MemoryStorage, START, createEngine, engineAt, quotaError, wasmBinary } from './dist-module.mjs';

const KEY = 'shopper-segments';
const CONFIG = {
  version: 1,
  segments: [
    { id: 'viewer', rule: { count: 'view_item', within: '30d', gte: 1 } },
    { id: 'two_items', rule: { distinct: 'view_item.item_id', within: '30d', gte: 2 } },
  ],
  offers: [],
};

const tick = () => new Promise((resolve) => setImmediate(resolve));

function collectWarnings() {
  const warnings = [];
  return { warnings, onWarning: (kind, message) => warnings.push({ kind, message }) };
}

async function engineWith(storage, extra = {}) {
  let time = START;
  const engine = await createEngine({ wasmBinary, config: CONFIG, storage, now: () => time, ...extra });
  return { engine, advance: (ms) => (time += ms) };
}

const member = (engine, id) => engine.segments().find((s) => s.id === id).member;

test('state survives in one versioned key and comes back in a new engine', async () => {
  const storage = new MemoryStorage();
  const { engine } = await engineWith(storage);
  engine.track('view_item', { item_id: 'a' });
  await tick();
  assert.deepEqual([...storage.map.keys()], [KEY]);
  const saved = JSON.parse(storage.getItem(KEY));
  assert.equal(saved.v, 1);
  assert.equal(saved.id, engine.visitorId);
  assert.equal(typeof saved.state, 'string');
  const visitorId = engine.visitorId;
  engine.dispose();
  const again = await engineWith(storage);
  assert.equal(again.engine.visitorId, visitorId, 'the visitor id is kept with the state');
  assert.equal(member(again.engine, 'viewer'), true);
  again.engine.dispose();
});

for (const [name, value] of [['corrupted', '{"v":1,"id":"x","state":"{not json'], ['unparsable', '%%%'], ['foreign', '{"cart":[1,2]}'], ['a future version', '{"v":99,"id":"x","state":"{}"}']]) {
  test(`a ${name} stored value is discarded with one warning, and replaced by the next save`, async () => {
    const storage = new MemoryStorage({ [KEY]: value });
    const { warnings, onWarning } = collectWarnings();
    const { engine } = await engineWith(storage, { onWarning });
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.equal(warnings[0].kind, 'storage_corrupt');
    assert.equal(member(engine, 'viewer'), false);
    engine.track('view_item', { item_id: 'a' });
    await tick();
    assert.equal(JSON.parse(storage.getItem(KEY)).v, 1);
    engine.dispose();
  });
}

test('a full store (quota exceeded) falls back to memory with one warning and never throws', async () => {
  const storage = new MemoryStorage();
  storage.failWrites = quotaError();
  const { warnings, onWarning } = collectWarnings();
  const { engine } = await engineWith(storage, { onWarning });
  for (let i = 0; i < 5; i++) {
    engine.track('view_item', { item_id: 'item' + i });
    await tick();
  }
  assert.equal(member(engine, 'two_items'), true, 'the engine keeps working in memory');
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0].kind, 'storage_failed');
  assert.match(warnings[0].message, /QuotaExceededError/);
  engine.dispose();
});

test('a store that cannot even be read falls back to memory with one warning', async () => {
  const storage = new MemoryStorage();
  storage.failReads = Object.assign(new Error('denied'), { name: 'SecurityError' });
  const { warnings, onWarning } = collectWarnings();
  const { engine } = await engineWith(storage, { onWarning });
  engine.track('view_item', { item_id: 'a' });
  await tick();
  assert.equal(member(engine, 'viewer'), true);
  assert.deepEqual(warnings.map((w) => w.kind), ['storage_failed']);
  assert.equal(storage.map.size, 0);
  engine.dispose();
});

test('forget() removes the stored key', async () => {
  const storage = new MemoryStorage();
  const { engine } = await engineWith(storage);
  engine.track('view_item', { item_id: 'a' });
  await tick();
  assert.notEqual(storage.getItem(KEY), null);
  engine.forget();
  await tick();
  assert.equal(storage.getItem(KEY), null);
  assert.equal(member(engine, 'viewer'), false);
  engine.dispose();
});

test('setStorage after memory-only use (consent) merges the stored state with this page\'s events', async () => {
  const storage = new MemoryStorage();
  const earlier = await engineWith(storage);
  earlier.engine.track('view_item', { item_id: 'old' });
  earlier.engine.dispose();
  const { engine } = await engineWith(null);
  engine.track('view_item', { item_id: 'new' });
  assert.equal(member(engine, 'two_items'), false);
  engine.setStorage(storage);
  assert.equal(member(engine, 'two_items'), true, 'the stored view and this page\'s view both count');
  await tick();
  const reloaded = await engineWith(storage);
  assert.equal(member(reloaded.engine, 'two_items'), true, 'the merged state was saved');
  reloaded.engine.dispose();
  engine.setStorage(null);
  engine.dispose();
});

// Each "tab" gets its own event target as its global, so storage events reach only the other tab,
// as in a browser.
async function tab(storage) {
  const target = new EventTarget();
  const saved = { add: globalThis.addEventListener, remove: globalThis.removeEventListener };
  globalThis.addEventListener = target.addEventListener.bind(target);
  globalThis.removeEventListener = target.removeEventListener.bind(target);
  try {
    const opened = await engineWith(storage);
    return { ...opened, target };
  } finally {
    globalThis.addEventListener = saved.add;
    globalThis.removeEventListener = saved.remove;
  }
}

function deliver(toTab, storage, newValue) {
  toTab.target.dispatchEvent(Object.assign(new Event('storage'), { key: KEY, newValue, storageArea: storage }));
}

test('two tabs writing at the same moment both end with both events', async () => {
  const storage = new MemoryStorage();
  const a = await tab(storage);
  const b = await tab(storage);
  let changes = 0;
  b.engine.onExternalChange = () => changes++;
  a.engine.track('view_item', { item_id: 'from-a' });
  await tick();
  const writtenByA = storage.getItem(KEY);
  b.engine.track('view_item', { item_id: 'from-b' });  // B has not seen A's write yet
  await tick();
  const writtenByB = storage.getItem(KEY);
  assert.equal(member(a.engine, 'two_items'), false);
  assert.equal(member(b.engine, 'two_items'), false);
  // The browser now tells each tab about the other's write, in either order.
  deliver(a, storage, writtenByB);
  deliver(b, storage, writtenByA);
  assert.equal(member(a.engine, 'two_items'), true, 'tab A kept its event and took B\'s');
  assert.equal(member(b.engine, 'two_items'), true, 'tab B kept its event and took A\'s');
  assert.equal(changes, 1);
  await tick();
  // Both tabs wrote the merged state; each hears of the other's and nothing is lost or repeated.
  deliver(a, storage, storage.getItem(KEY));
  deliver(b, storage, storage.getItem(KEY));
  await tick();
  const fresh = await engineWith(storage);
  assert.equal(member(fresh.engine, 'two_items'), true);
  for (const engine of [a.engine, b.engine, fresh.engine]) engine.dispose();
});

test('forget() in one tab makes the other tab forget too, without writing back', async () => {
  const storage = new MemoryStorage();
  const a = await tab(storage);
  const b = await tab(storage);
  a.engine.track('view_item', { item_id: 'x' });
  await tick();
  deliver(b, storage, storage.getItem(KEY));
  assert.equal(member(b.engine, 'viewer'), true);
  a.engine.forget();
  deliver(b, storage, null);
  await tick();
  assert.equal(member(b.engine, 'viewer'), false);
  assert.equal(storage.getItem(KEY), null);
  a.engine.dispose();
  b.engine.dispose();
});

test('the time zone is saved with the state, and the next engine on that storage knows it', async () => {
  const storage = new MemoryStorage();
  const { engine } = await engineAt(START, { storage });
  assert.equal(engine.savedTimezone, null);
  engine.setContext({ timezone: 'Europe/Berlin', tz_offset: 60 });
  engine.track('page_view', {});
  await Promise.resolve();  // saves once per task
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(JSON.parse(storage.getItem('shopper-segments')).zone, 'Europe/Berlin');
  engine.dispose();
  const { engine: next } = await engineAt(START + 1000, { storage });
  assert.equal(next.savedTimezone, 'Europe/Berlin');
  next.dispose();
  // A state that could not be used brings no time zone either.
  const broken = new MemoryStorage({ 'shopper-segments': JSON.stringify({ v: 1, id: 'x', at: 0, tabs: {}, state: 'nonsense', zone: 'Asia/Tokyo' }) });
  const { engine: third } = await engineAt(START, { storage: broken, onWarning() {} });
  assert.equal(third.savedTimezone, null);
  third.dispose();
});
