// The ES module's public API (docs/BINDINGS.md "JavaScript facade") and what it does with bad input.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DAY, MINUTE, START, createEngine, defaultCatalogText, engineAt, wasmBinary } from './dist-module.mjs';

const SMALL_CONFIG = {
  version: 1,
  segments: [
    { id: 'sale_fan', name: 'Sale fan', rule: { count: 'page_view', where: { page_type: 'sale' }, within: '7d', gte: 2 } },
    { id: 'big_cart', name: 'Big cart', rule: { sum: 'add_to_cart.price', within: 'session', gte: 100 } },
  ],
  offers: [
    { id: 'sale_banner', slot: 'hero', segments: ['sale_fan'], priority: 10, caps: { session: 1 },
      content: { title: 'Sale <b>now</b>', body: 'Up to 50% off', cta: 'Shop the sale', link: '/sale' } },
    { id: 'welcome', slot: 'hero', content: { title: 'Welcome' } },
  ],
};

test('createEngine starts with the built-in catalogue', async () => {
  const { engine } = await engineAt(START);
  const segments = engine.segments();
  assert.ok(segments.length >= 19, 'the catalogue has the 19 segments of docs/CATALOG.md');
  const trend = segments.find((s) => s.id === 'trend_follower');
  assert.equal(trend.name, 'Trend follower');
  assert.equal(trend.member, false);
  const slots = engine.decide().map((d) => d.slot).sort();
  assert.deepEqual(slots, ['cart_incentive', 'exit_intent', 'hero', 'product_nudge', 'thank_you']);
  engine.dispose();
});

test('track, segments and decide follow the injected clock, with offer content', async () => {
  const { engine, clock } = await engineAt(START, { config: SMALL_CONFIG, visitorId: 'visitor-a' });
  assert.deepEqual(engine.decide().map((d) => [d.slot, d.offer, d.reason]), [['hero', 'welcome', 'matched']]);
  assert.equal(engine.track('page_view', { page_type: 'sale' }), true);
  clock.time += MINUTE;
  engine.track('page_view', { page_type: 'sale' });
  assert.equal(engine.segments().find((s) => s.id === 'sale_fan').member, true);
  const [hero] = engine.decide();
  assert.equal(hero.offer, 'sale_banner');
  assert.equal(hero.segment, 'sale_fan');
  assert.equal(hero.content.title, 'Sale <b>now</b>');
  // Eight days later both views have left the 7-day window (precision: up to one bucket more).
  clock.time += 9 * DAY;
  assert.equal(engine.segments().find((s) => s.id === 'sale_fan').member, false);
  engine.dispose();
});

test('a decision says whether its offer shows by a rule of its own, through every configure path', async () => {
  const ruled = {
    version: 1,
    segments: [],
    offers: [
      { id: 'small_cart', slot: 'cart', rule: { sum: 'add_to_cart.price', within: 'session', lt: 50 }, priority: 1, content: { title: 'Free shipping from 50' } },
      { id: 'everyone', slot: 'cart', content: { title: 'Delivery' } },
    ],
  };
  const { engine, clock } = await engineAt(START, { config: ruled, visitorId: 'visitor-rule' });
  const cart = () => engine.decide().find((d) => d.slot === 'cart');
  assert.deepEqual([cart().offer, cart().segment, cart().rule], ['small_cart', null, true]);
  engine.track('add_to_cart', { item_id: 'coat', price: 129 });
  clock.time += MINUTE;
  assert.deepEqual([cart().offer, cart().rule], ['everyone', false]);
  // Another configuration, then this one again: the second time it comes from the module's
  // compiled configurations, and the flags come with it.
  assert.equal(engine.configure(SMALL_CONFIG).ok, true);
  assert.deepEqual(engine.decide().map((d) => [d.offer, d.rule]), [['welcome', false]]);
  assert.equal(engine.configure(ruled).ok, true);
  assert.deepEqual([cart().offer, cart().rule], ['everyone', false]);
  engine.forget();
  assert.deepEqual([cart().offer, cart().rule], ['small_cart', true]);
  // explainOffer: the rule's tree with its value, held or not, and an error for an unknown offer.
  const why = engine.explainOffer('small_cart');
  assert.deepEqual([why.offer, why.slot, why.held, why.tree.kind, why.tree.value], ['small_cart', 'cart', true, 'sum', 0]);
  engine.track('add_to_cart', { item_id: 'coat', price: 129 });
  clock.time += MINUTE;
  assert.deepEqual([engine.explainOffer('small_cart').held, engine.explainOffer('small_cart').tree.value], [false, 129]);
  assert.equal(engine.explainOffer('everyone').tree, null);
  assert.equal(engine.explainOffer('nope').error.code, 'unknown_offer');
  engine.dispose();
});

test('numbers and lists in fields reach the engine', async () => {
  const { engine } = await engineAt(START, { config: SMALL_CONFIG });
  engine.track('add_to_cart', { item_id: 'a', price: 60, tags: ['new', 'sale'] });
  assert.equal(engine.segments().find((s) => s.id === 'big_cart').member, false);
  engine.track('add_to_cart', { item_id: 'b', price: 45.5 });
  assert.equal(engine.segments().find((s) => s.id === 'big_cart').member, true);
  engine.dispose();
});

test('record feeds caps: a shown offer capped per session gives way to the next one', async () => {
  const { engine, clock } = await engineAt(START, { config: SMALL_CONFIG });
  engine.track('page_view', { page_type: 'sale' });
  engine.track('page_view', { page_type: 'sale' });
  assert.equal(engine.decide()[0].offer, 'sale_banner');
  assert.equal(engine.record('sale_banner', 'shown'), true);
  clock.time += MINUTE;
  const [hero] = engine.decide();
  assert.equal(hero.offer, 'welcome');
  assert.deepEqual(hero.skipped.map(({ offer, reason }) => ({ offer, reason })), [{ offer: 'sale_banner', reason: 'capped_session' }]);
  assert.equal(hero.skipped[0].content, engine.decide().find((d) => d.slot === 'hero').skipped[0].content, 'the program\'s content, not a copy');
  assert.equal(typeof hero.skipped[0].content.title, 'string');
  assert.equal(engine.record('no_such_offer', 'shown'), false);
  assert.equal(engine.record('sale_banner', 'liked'), false);
  engine.dispose();
});

test('explain returns the segment explanation as an object', async () => {
  const { engine } = await engineAt(START, { config: SMALL_CONFIG });
  engine.track('page_view', { page_type: 'sale' });
  const explanation = engine.explain('sale_fan');
  assert.equal(typeof explanation, 'object');
  assert.match(JSON.stringify(explanation), /sale_fan/);
  engine.dispose();
});

test('configure keeps the old configuration when the new one has issues', async () => {
  const { engine } = await engineAt(START, { config: SMALL_CONFIG });
  const bad = engine.configure({ version: 1, segments: [{ id: 'x', rule: { count: 'view_item', withn: '7d' } }] });
  assert.equal(bad.ok, false);
  assert.ok(bad.issues.some((i) => i.code === 'unknown_key' && i.path.startsWith('/segments/0/rule')), JSON.stringify(bad.issues));
  for (const issue of bad.issues) assert.deepEqual(Object.keys(issue).sort(), ['code', 'message', 'path']);
  assert.deepEqual(engine.decide().map((d) => d.offer), ['welcome']);
  const syntax = engine.configure('{"version": 1,');
  assert.equal(syntax.ok, false);
  assert.equal(syntax.issues[0].code, 'json_syntax');
  const cyclic = {};
  cyclic.self = cyclic;
  assert.equal(engine.configure(cyclic).ok, false);
  assert.deepEqual(engine.validate(SMALL_CONFIG), { ok: true, issues: [] });
  assert.equal(engine.validate({ version: 2 }).ok, false);
  engine.dispose();
});

test('a configuration with issues rejects createEngine with the issues', async () => {
  await assert.rejects(createEngine({ wasmBinary, config: { version: 1, segments: 'no' } }), (error) => {
    assert.ok(Array.isArray(error.issues) && error.issues.length > 0);
    assert.equal(error.issues[0].code, 'type_mismatch');
    return true;
  });
});

test('save and load carry the visitor to another engine', async () => {
  const first = await engineAt(START, { config: SMALL_CONFIG });
  first.engine.track('page_view', { page_type: 'sale' });
  first.engine.track('page_view', { page_type: 'sale' });
  const state = first.engine.save();
  assert.equal(typeof JSON.parse(state), 'object');
  first.engine.dispose();
  const second = await engineAt(START + MINUTE, { config: SMALL_CONFIG });
  assert.deepEqual(second.engine.load(state), { ok: true, issues: [] });
  assert.equal(second.engine.segments().find((s) => s.id === 'sale_fan').member, true);
  const garbage = second.engine.load('{"not": "a state"}');
  assert.equal(garbage.ok, false);
  assert.ok(garbage.issues.every((i) => i.code.startsWith('state_') || i.code === 'bad_version'), JSON.stringify(garbage.issues));
  assert.equal(second.engine.segments().find((s) => s.id === 'sale_fan').member, false, 'a bad state leaves the visitor empty');
  second.engine.dispose();
});

test('forget wipes the visitor and gives a new visitor id', async () => {
  const { engine } = await engineAt(START, { config: SMALL_CONFIG, visitorId: 'before' });
  engine.track('page_view', { page_type: 'sale' });
  engine.track('page_view', { page_type: 'sale' });
  assert.equal(engine.decide()[0].offer, 'sale_banner');
  engine.record('sale_banner', 'shown');
  engine.forget();  // this sequence crashed the allocator of an earlier build (emmalloc)
  assert.notEqual(engine.visitorId, 'before');
  assert.equal(engine.decide()[0].offer, 'welcome');
  assert.equal(engine.segments().find((s) => s.id === 'sale_fan').member, false);
  engine.dispose();
});

test('bad input is refused without throwing', async () => {
  const { engine } = await engineAt(START, { config: SMALL_CONFIG });
  assert.equal(engine.track(), false);
  assert.equal(engine.track(''), false);
  assert.equal(engine.track(42, {}), false);
  assert.equal(engine.track('page_view', 'not fields'), true, 'fields that are not an object are ignored');
  assert.equal(engine.track('x'.repeat(10000), { ['k'.repeat(5000)]: 'v'.repeat(100000) }), true);
  const many = {};
  for (let i = 0; i < 1000; i++) many['f' + i] = i;
  assert.equal(engine.track('page_view', many), true);
  assert.equal(engine.setTraits(null), false);
  assert.equal(engine.setTraits([1, 2]), false);
  assert.equal(engine.setTraits({ customer_orders: 2, tier: 'gold', vip: true, tags: ['a'], gone: null }), true);
  assert.equal(engine.setContext('Europe/Berlin'), false);
  assert.equal(typeof engine.explain('no_such_segment'), 'object');
  assert.equal(engine.load(12).ok, false);
  assert.equal(engine.configure(undefined).ok, false);
  assert.ok(Array.isArray(engine.decide()));
  engine.dispose();
});

test('a disposed engine says so instead of touching freed memory', async () => {
  const { engine } = await engineAt(START);
  engine.dispose();
  engine.dispose();
  assert.throws(() => engine.track('page_view'), /disposed/);
  assert.throws(() => engine.load('{}'), /disposed/);
  assert.throws(() => engine.configure({ version: 1 }), /disposed/);
});

test('the module finds the .wasm beside itself when no bytes are given', async () => {
  const engine = await createEngine({ now: () => START });
  assert.ok(engine.segments().length > 0);
  engine.dispose();
});

test('the module exports the built-in catalogue and validation without an engine', async () => {
  const { defaultCatalog, validateConfig } = await import('../../dist/shopper-segments.mjs');
  const catalogue = JSON.parse(await defaultCatalog({ wasmBinary }));
  assert.deepEqual(catalogue, JSON.parse(defaultCatalogText));
  assert.deepEqual(await validateConfig(catalogue, { wasmBinary }), { ok: true, issues: [] });
  const bad = await validateConfig('{"version": 1', { wasmBinary });
  assert.equal(bad.issues[0].code, 'json_syntax');
});

test('the hot path carries any text: non-ASCII values match, long events grow the buffer', async () => {
  const config = {
    version: 1,
    segments: [
      { id: 'cafe', name: 'Café', rule: { count: 'view_item', where: { item_category: 'Café ☕ «crème»' }, gte: 2 } },
      { id: 'long', name: 'Long', rule: { count: 'search', gte: 1 } },
    ],
  };
  const { engine, clock } = await engineAt(START, { config });
  engine.track('view_item', { item_category: 'Café ☕ «crème»' });
  clock.time += MINUTE;
  engine.track('view_item', { item_category: 'Cafe' });
  assert.equal(engine.segments()[0].member, false, 'the ASCII look-alike does not count');
  engine.track('view_item', { item_category: 'Café ☕ «crème»', tags: ['ß', '日本'] });
  assert.equal(engine.segments()[0].member, true);
  // 200 KB of fields (the engine keeps 64 fields of 256 bytes): the buffer grows, nothing breaks.
  const fields = {};
  for (let i = 0; i < 400; i++) fields['k' + i] = 'é'.repeat(250) + i;
  assert.equal(engine.track('search', fields), true);
  assert.equal(engine.segments()[1].member, true);
  engine.track('view_item', { item_category: 'Café ☕ «crème»' });
  assert.equal(engine.segments()[0].score, 1);
  engine.dispose();
});

test('contextKeys names the context the rules read, each once, and follows configure', async () => {
  const { engine } = await engineAt(START, { config: SMALL_CONFIG });
  assert.deepEqual(engine.contextKeys(), []);
  const result = engine.configure({
    version: 1,
    segments: [
      { id: 'de', name: 'DE', rule: { all: [{ context: 'country', eq: 'DE' }, { context: 'timezone', eq: 'Europe/Berlin' }] } },
      { id: 'de_again', name: 'DE again', rule: { any: [{ context: 'country', in: ['DE', 'AT'] }, { trait: 'tier', eq: 'gold' }] } },
    ],
  });
  assert.equal(result.ok, true);
  assert.deepEqual(engine.contextKeys().sort(), ['country', 'timezone']);
  engine.dispose();
});

test('engines made with a configuration compiled before share it, and stay separate visitors', async () => {
  const configs = [0, 1, 2, 3, 4, 5].map((n) => ({
    version: 1,
    segments: [{ id: 'viewer' + n, name: 'Viewer ' + n, rule: { count: 'view_item', gte: n + 1 } }],
    offers: [{ id: 'offer' + n, slot: 'hero', segments: ['viewer' + n], content: { title: 'Offer ' + n } }],
  }));
  const made = [];
  for (const config of configs) made.push(await engineAt(START, { config }));
  // The first configuration again, after more than the few kept were compiled: still right.
  for (const n of [0, 5, 0]) {
    const { engine, clock } = await engineAt(START, { config: configs[n] });
    for (let i = 0; i <= n; i++) {
      assert.equal(engine.decide()[0].offer, null, `not yet after ${i} views`);
      engine.track('view_item', { item_id: 'x' + i });
      clock.time += MINUTE;
    }
    assert.deepEqual(engine.segments().map((s) => [s.id, s.member]), [['viewer' + n, true]]);
    assert.deepEqual(engine.decide()[0].content, { title: 'Offer ' + n });
    engine.dispose();
  }
  // The engines made first kept their own (empty) visitors.
  for (const [n, { engine }] of made.entries()) {
    assert.deepEqual(engine.segments().map((s) => [s.id, s.member]), [['viewer' + n, false]]);
    engine.dispose();
  }
  // A configuration with issues is reported every time, never kept.
  for (let i = 0; i < 2; i++) {
    const { engine } = await engineAt(START, { config: configs[1] });
    const result = engine.configure({ version: 1, segments: [{ id: 'bad', rule: { count: 'x', gte: 'many' } }] });
    assert.equal(result.ok, false);
    assert.deepEqual(engine.segments().map((s) => s.id), ['viewer1']);
    engine.dispose();
  }
});

test('configurations and saved states carry any text through the input buffer, whatever its size', async () => {
  // Segment names, where values and traits outside ASCII (2-, 3- and 4-byte UTF-8), in a
  // configuration written into the same buffer the hot path uses, after a small one grew it.
  const config = {
    version: 1,
    segments: [
      { id: 'cafe', name: 'Café fan ☕ 🎉', rule: { count: 'view_item', where: { item_category: 'Crème brûlée 🍮' }, within: '7d', gte: 1 } },
      { id: 'vip', name: 'Größter Kunde', rule: { trait: 'tier', eq: 'платина' } },
    ],
    offers: [{ id: 'dessert', slot: 'hero', segments: ['cafe'], content: { title: 'Süß – 20 % off 🍰' } }],
  };
  const { engine, clock } = await engineAt(START, { config: { version: 1 } });
  clock.time += MINUTE;
  const long = { ...config, segments: [...config.segments], offers: [...config.offers] };
  for (let i = 0; i < 300; i++) long.segments.push({ id: `filler_${i}`, name: `Füller ${i} ✓`, rule: { count: 'page_view', within: '1d', gte: i + 1 } });
  assert.deepEqual(engine.configure(long), { ok: true, issues: [] });
  assert.deepEqual(engine.configure(config), { ok: true, issues: [] });
  assert.equal(engine.segments().find((s) => s.id === 'cafe').name, 'Café fan ☕ 🎉');
  engine.track('view_item', { item_category: 'Crème brûlée 🍮' });
  engine.setTraits({ tier: 'платина' });
  assert.deepEqual(engine.segments().filter((s) => s.member).map((s) => s.id).sort(), ['cafe', 'vip']);
  assert.equal(engine.decide()[0].content.title, 'Süß – 20 % off 🍰');
  const state = engine.save();
  engine.dispose();
  const other = await engineAt(clock.time + MINUTE, { config });
  assert.deepEqual(other.engine.load(state), { ok: true, issues: [] });
  assert.deepEqual(other.engine.segments().filter((s) => s.member).map((s) => s.id).sort(), ['cafe', 'vip']);
  // A bad byte count can not reach past the text: a configuration cut short is a syntax issue.
  const cut = other.engine.configure(JSON.stringify(config).slice(0, 40));
  assert.equal(cut.issues[0].code, 'json_syntax');
  other.engine.dispose();
});

test('setTraits refuses what would not load again, and whatever it took loads (issue 15)', async () => {
  // Before, 64 lists of 64 long strings were all taken and the next page view lost the profile.
  const { engine, clock } = await engineAt(START);
  engine.track('page_view', {});
  assert.equal(engine.setTraits({ tier: 'gold', orders: 3 }), true);
  const long = Array.from({ length: 60 }, (_, i) => `${i}`.padEnd(200, 'x'));
  assert.equal(engine.setTraits({ favourites: long }), false);  // 12 KB saved: over 4 KB
  const state = engine.save();
  assert.ok(state.length <= 16 * 1024);
  engine.dispose();
  const other = await engineAt(clock.time + MINUTE);
  assert.deepEqual(other.engine.load(state), { ok: true, issues: [] });
  other.engine.dispose();
});

test('a GA4 view_cart with several items states the cart; offers quote its numbers, formatted by the page', async () => {
  const { engine } = await engineAt(START, {
    config: {
      version: 1,
      settings: { currency: 'EUR' },
      segments: [
        { id: 'sale_in_cart', rule: { cart: 'items', where: { tags: 'sale' }, gte: 1 } },
        { id: 'two_units', rule: { cart: 'quantity', eq: 5 } },
      ],
      offers: [{ id: 'nudge', slot: 'cart', content: { title: '{amount_left:200} to go', body: '{cart_quantity} items, {cart_value}' } }],
    },
  });
  engine.track('view_cart', { value: 140, items: [
    { item_id: 'coat', item_category: 'coats', price: 120, quantity: 1 },
    { item_id: 'sock', tags: 'sale', price: 5, quantity: 4 },
  ] });
  const members = engine.segments().filter((s) => s.member).map((s) => s.id);
  assert.deepEqual(members.sort(), ['sale_in_cart', 'two_units']);
  const [decision] = engine.decide();
  assert.deepEqual(decision.numbers, { 'amount_left:200': 60, cart_quantity: 5, cart_value: 140 });
  assert.equal(decision.currency, 'EUR');
  const { withNumbers } = await import('../../web/src/offer-numbers.mjs');
  const shown = withNumbers(decision, 'de-DE', decision.currency);
  assert.equal(shown.content.title, `60,00\u00a0€ to go`);
  assert.equal(shown.content.body, '5 items, 140,00\u00a0€');
  assert.equal(decision.content.title, '{amount_left:200} to go', 'the program\'s own content is not changed');
  assert.equal(withNumbers(decision, 'en-US', '').content.body, '5 items, 140');
  engine.dispose();
});

test('the module exports the widget\'s withNumbers: a decision\'s numbers written into its text, the program\'s content unchanged', async () => {
  const { withNumbers } = await import('../../dist/shopper-segments.mjs');
  const content = { title: '{amount_left:50} to free shipping', body: 'Your cart holds {cart_value} ({cart_quantity} item). From {amount:50} it ships free.' };
  const { engine } = await engineAt(START, {
    config: { version: 1, settings: { currency: 'EUR' }, segments: [], offers: [{ id: 'free_shipping', slot: 'cart', content }] },
  });
  engine.track('add_to_cart', { item_id: 'scarf', price: 39, quantity: 1 });
  const [decision] = engine.decide();
  assert.deepEqual(decision.numbers, { 'amount_left:50': 11, cart_value: 39, cart_quantity: 1, 'amount:50': 50 });
  const shown = withNumbers(decision, 'en', decision.currency);
  assert.equal(shown.content.title, '€11.00 to free shipping');
  assert.equal(shown.content.body, 'Your cart holds €39.00 (1 item). From €50.00 it ships free.');
  assert.equal(decision.content.title, content.title);
  assert.equal(withNumbers(decision, 'en', '').content.title, '11 to free shipping');
  engine.dispose();
});
