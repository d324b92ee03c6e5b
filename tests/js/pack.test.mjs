// The hot-path packing (web/src/pack.mjs) and the decision parser (web/src/decisions.mjs),
// tested without WASM: the exact strings that cross the boundary.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseDecisions } from '../../web/src/decisions.mjs';
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
  assert.deepEqual(packed.split(RS), ['#value' + US + '30', 'item_category' + US + 'coffee', 'item_category' + US + 'tea', 'item_id' + US + 't1']);
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

test('decisions parse with skipped offers and content from the configuration', () => {
  const content = new Map([['o1', { title: 'T' }]]);
  const packed = ['hero', 'o1', 'matched', 'trend_follower', '1', 'o0', 'capped_session'].join(US) + RS +
    ['cart', '', 'no_match', '', '0'].join(US);
  assert.deepEqual(parseDecisions(packed, content), [
    { slot: 'hero', offer: 'o1', reason: 'matched', segment: 'trend_follower', score: 1,
      skipped: [{ offer: 'o0', reason: 'capped_session' }], content: { title: 'T' } },
    { slot: 'cart', offer: null, reason: 'no_match', segment: null, score: 0, skipped: [], content: null },
  ]);
  assert.deepEqual(parseDecisions('', content), []);
});
