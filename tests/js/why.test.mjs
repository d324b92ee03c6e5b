// The shopper's "why am I seeing this?" reasons (web/src/why.mjs reasonLines) from the engine's
// explanations: conditions that held, and under a "not" the conditions that did not, said as such.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { reasonLines } from '../../web/src/why.mjs';
import { START, defaultCatalogText, engineAt } from './dist-module.mjs';

const leaf = (text, held) => ({ kind: 'count', text, held, value: 0 });
const node = (kind, held, children) => ({ kind, held, children, text: kind === 'not' ? 'the condition below does not hold, as required' : 'all of these hold' });

test('a new visitor is a new prospect because of what did not happen, and the reasons say so', async () => {
  const { engine } = await engineAt(START, { config: JSON.parse(defaultCatalogText) });
  const lines = reasonLines(engine.explain('new_prospect'));
  assert.deepEqual(lines, [
    'purchase ever: 0, needs >= 1 (not met, as required)',
    'trait customer_orders: not set, needs >= 1 (not met, as required)',
  ]);
  engine.dispose();
});

test('under a "not", a failed "all" gives its failed conditions, a failed "any" all of them', () => {
  const tree = node('all', true, [
    node('not', true, [node('all', false, [leaf('a: 3, needs >= 1', true), leaf('b: 0, needs >= 1', false)])]),
    node('not', true, [node('any', false, [leaf('c: 0, needs >= 2', false), leaf('d: 1, needs >= 5', false)])]),
    leaf('e: 4, needs >= 2', true),
  ]);
  assert.deepEqual(reasonLines({ tree }), [
    'b: 0, needs >= 1 (not met, as required)',
    'c: 0, needs >= 2 (not met, as required)',
    'd: 1, needs >= 5 (not met, as required)',
    'e: 4, needs >= 2',
  ]);
});

test('a "not" of a "not" gives the inner condition as held; nothing of a branch that did not count', () => {
  const tree = node('any', true, [
    node('not', true, [node('not', false, [leaf('f: 2, needs >= 1', true)])]),
    node('all', false, [leaf('g: 0, needs >= 1', false)]),
  ]);
  assert.deepEqual(reasonLines({ tree }), ['f: 2, needs >= 1']);
});

test('a scored segment gives the labels of the signals that held', () => {
  const explanation = { signals: [{ label: 'added then removed', held: true }, { label: 'size guide', held: false }, { label: 'viewed twice', held: true }] };
  assert.deepEqual(reasonLines(explanation), ['added then removed', 'viewed twice']);
});
