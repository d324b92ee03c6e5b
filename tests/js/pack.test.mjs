// The hot-path packing (web/src/pack.mjs) and the result readers (web/src/native.mjs), tested
// without WASM: the exact bytes and numbers that cross the boundary.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { readDecisions, readSegments } from '../../web/src/native.mjs';
import { packFields } from '../../web/src/pack.mjs';

const RS = '\x1e';
const US = '\x1f';

test('strings, numbers and lists pack as records; numbers carry #', () => {
  assert.equal(
    packFields({ item_id: 'sku1', price: 19.9, tags: ['new', 'sale'] }),
    ['item_id' + US + 'sku1', '#price' + US + '19.9', 'tags' + US + 'new', 'tags' + US + 'sale'].join(RS),
  );
});

test('GA4 items contribute every item string field under its own name', () => {
  const packed = packFields({ value: 30, items: [{ item_category: 'coffee', price: 10 }, { item_category: 'tea', item_id: 't1' }] });
  assert.deepEqual(packed.split(RS), ['#value' + US + '30', 'item_category' + US + 'coffee',
    'item_id' + US + 't1', 'item_category' + US + 'tea', '#price' + US + '0', '#quantity' + US + '1']);
});

test('GA4 items with an item_id: the id first, then its fields, then its price and quantity, item by item', () => {
  const packed = packFields({ value: 140, items: [
    { item_category: 'coats', price: 120, item_id: 'coat', quantity: 1 },
    { item_id: 'sock', price: 5, quantity: 4, tags: 'sale' },
  ] });
  assert.deepEqual(packed.split(RS), ['#value' + US + '140',
    'item_id' + US + 'coat', 'item_category' + US + 'coats', '#price' + US + '120', '#quantity' + US + '1',
    'item_id' + US + 'sock', 'tags' + US + 'sale', '#price' + US + '5', '#quantity' + US + '4']);
});

test('bad values are dropped, never thrown', () => {
  assert.equal(packFields(null), '');
  assert.equal(packFields('text'), '');
  assert.equal(packFields({ a: NaN, b: Infinity, c: undefined, d: null, e: {}, f: () => 1, '': 'x' }), '');
  assert.equal(packFields({ ok: true }), 'ok' + US + 'true');
});

test('separator characters cannot forge records or numeric keys', () => {
  const packed = packFields({ ['a' + RS + 'b']: 'x' + US + 'y' + RS + '#price' + US + '1', '#fake': 'text' });
  assert.deepEqual(packed.split(RS), ['ab' + US + 'xy#price1', 'fake' + US + 'text']);
});

const names = {
  slots: ['hero', 'cart'],
  offers: ['o0', 'o1', 'o2'],
  segments: [{ id: 'trend_follower', name: 'Trend follower', enter: 1, exit: 1, priority: 2 }, { id: 'vip', name: 'VIP', enter: 3, exit: 2, priority: 0 }],
  reasons: ['matched', 'no_match', 'control_group', 'out_of_schedule', 'held_out', 'capped_session', 'capped_day',
    'capped_week', 'suppressed_converted', 'suppressed_dismissed', 'cooling_down', 'paused', 'outranked', 'not_in_segment', 'rule_not_met'],
};

test('decisions read from numbers, with every fate, the skipped offers among them, and content from the program', () => {
  const contents = names.offers.map((id) => (id === 'o1' ? { title: 'T' } : {}));  // by offer index
  const program = (ruled = []) => ({ ...names, contents, ruled });
  // Three numbers of something else first: the reader starts where it is told. Per slot: slot,
  // offer, segment, reason, score, skipped count, fate count, then per fate: offer, reason, by,
  // (the skipped offers are the first fates).
  const heap = new Float64Array([9, 9, 9, 2,
    0, 1, 0, 0, 1, 1, 2, /* o0 capped */ 0, 5, -1, /* o2 outranked by o1 */ 2, 12, 1,
    1, -1, -1, 1, 0, 0, 1, /* o2 paused */ 2, 11, -1]);
  assert.deepEqual(readDecisions(heap, 3, program()), [
    { slot: 'hero', offer: 'o1', reason: 'matched', segment: 'trend_follower', rule: false, score: 1,
      skipped: [{ offer: 'o0', reason: 'capped_session', content: {} }],
      fates: [{ offer: 'o0', reason: 'capped_session' }, { offer: 'o2', reason: 'outranked', by: 'o1' }],
      content: { title: 'T' } },
    { slot: 'cart', offer: null, reason: 'no_match', segment: null, rule: false, score: 0, skipped: [],
      fates: [{ offer: 'o2', reason: 'paused' }], content: null },
  ]);
  // `ruled[i]`: offer i has a rule of its own; no offer never has one.
  assert.deepEqual(readDecisions(heap, 3, program([false, true])).map((d) => d.rule), [true, false]);
  assert.deepEqual(readDecisions(heap, 3, program([true, false])).map((d) => d.rule), [false, false]);
  assert.deepEqual(readDecisions(new Float64Array([0]), 0, program()), []);
});

test('segments read from numbers with their names from the configuration', () => {
  const heap = new Float64Array([2, 1, 1, 0, 2.5]);
  assert.deepEqual(readSegments(heap, 0, names), [
    { enter: 1, exit: 1, id: 'trend_follower', member: true, name: 'Trend follower', priority: 2, score: 1 },
    { enter: 3, exit: 2, id: 'vip', member: false, name: 'VIP', priority: 0, score: 2.5 },
  ]);
});
