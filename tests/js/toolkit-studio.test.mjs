// What the studio asks the owner toolkit (dist/shopper-segments-toolkit.mjs) beyond compiling:
// lint(), describe() and language() carry the C++ answers across the boundary intact. The answers
// themselves are tested in C++ (tests/unit/unit-lint.cpp, unit-describe.cpp, unit-language.cpp).
// Run: node --test tests/js/toolkit-studio.test.mjs (after web/build.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const modulePath = path.join(ROOT, 'dist/shopper-segments-toolkit.mjs');
if (!existsSync(modulePath)) throw new Error('dist/shopper-segments-toolkit.mjs is missing: run scripts/build (or web/build.sh) first');
const { loadToolkit } = await import(pathToFileURL(modulePath).href);
const toolkit = await loadToolkit({ wasmBinary: readFileSync(path.join(ROOT, 'dist/shopper-segments-toolkit.wasm')) });
const catalogue = readFileSync(path.join(ROOT, 'src/catalog/default.json'), 'utf8');

test('lint: findings with severity, code, path, message and related; issues instead for an invalid config', () => {
  const config = {
    version: 1,
    segments: [{ id: 'impossible', name: 'Impossible – “never”', rule: { all: [
      { count: 'view_item', within: '7d', gte: 3 }, { count: 'view_item', within: '7d', lte: 1 }] } }],
    offers: [{ id: 'o', slot: 'hero', segments: ['impossible'], content: { title: 'Für dich' } }],
  };
  const { issues, findings } = toolkit.lint(config);
  assert.deepEqual(issues, []);
  assert.deepEqual(findings.map((f) => [f.severity, f.code, f.path]), [
    ['error', 'segment_never_holds', '/segments/0/rule/all/1'],
    ['error', 'offer_never_wins', '/offers/0/segments'],
    ['warning', 'slot_without_fallback', '/offers/0/slot'],
  ]);
  // Text beyond ASCII survives both ways.
  assert.match(findings[0].message, /^Segment “Impossible – “never”” can never hold/);
  assert.match(findings[1].message, /Offer “Für dich” can never show/);
  // The same from JSON text; the catalogue has notes only.
  assert.deepEqual(toolkit.lint(catalogue).findings.map((f) => f.severity), ['note']);
  const invalid = toolkit.lint({ version: 1, segments: [{ id: 'a', rule: { count: 'x', gte: 'two' } }] });
  assert.deepEqual(invalid.findings, []);
  assert.deepEqual(invalid.issues.map((i) => [i.code, i.path]), [['type_mismatch', '/segments/0/rule/gte']]);
});

test('describe: rules and segments in words, named segments by name; text that is not JSON throws', () => {
  assert.equal(toolkit.describe({ count: 'view_item', where: { tags: 'new' }, within: '7d', gte: 3 }),
    'viewed an item (tags is new) at least 3 times in the last 7 days');
  assert.equal(toolkit.describe({ not: { count: 'purchase', within: 'lifetime', gte: 1 } }), 'never bought');
  assert.equal(toolkit.describe({ segment: 'vip' }, [{ id: 'vip', name: 'Very important' }, null, 5]),
    'in the segment "Very important"');
  assert.equal(toolkit.describe({ id: 's', score: { signals: [{ weight: 2, label: 'Größe', rule: { count: 'a' } }], enter: 2 } }),
    'a score of at least 2 from 1 signal: Größe (+2)');
  assert.equal(toolkit.describe({}), '(unrecognised rule)');
  assert.throws(() => toolkit.describe('{"count":'), /not valid JSON/);
  // The module keeps working after the failed call.
  assert.equal(toolkit.describe('{"count":"purchase"}'), 'bought at least once');
});

test('language: the descriptor the studio renders its pickers from', () => {
  const language = toolkit.language();
  assert.deepEqual(language.kinds.map((k) => k.key),
    ['all', 'any', 'not', 'count', 'distinct', 'sum', 'avg', 'share', 'trend', 'since', 'sequence', 'cart', 'trait', 'context', 'segment']);
  assert.deepEqual(language.cart_measures.map((m) => m.key), ['value', 'quantity', 'items']);
  assert.equal(language.kinds.find((k) => k.key === 'cart').group, 'cart');
  assert.deepEqual(language.kinds.find((k) => k.key === 'since').comparisons, ['gte', 'gt', 'lte', 'lt', 'between']);
  assert.deepEqual(language.weekdays.map((d) => d.key), ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  assert.equal(language.events.find((e) => e.key === 'view_item').label, 'viewed an item');
  // A fresh object each time: a caller changing its copy changes nothing else.
  language.kinds.length = 0;
  assert.equal(toolkit.language().kinds.length, 15);
});

test('canonicalDuration gives the short form the configuration stores, null for anything else', () => {
  assert.equal(toolkit.canonicalDuration('7 days'), '7d');
  assert.equal(toolkit.canonicalDuration('1 week'), '1w');
  assert.equal(toolkit.canonicalDuration('36 hours'), '36h');
  assert.equal(toolkit.canonicalDuration('30 minutes'), '30m');
  assert.equal(toolkit.canonicalDuration('7d'), '7d');
  for (const bad of ['7 dayz', 'seven days', '', '7', 'x'.repeat(5000)]) assert.equal(toolkit.canonicalDuration(bad), null, bad);
});

test('lint warns about an event that is neither GA4\'s nor declared, with a suggestion', () => {
  const config = { version: 1, segments: [{ id: 'a', rule: { count: 'viewed product', gte: 2 } }],
    offers: [{ id: 'o', slot: 'hero', segments: ['a'], content: { title: 't' } }] };
  const { findings } = toolkit.lint(config);
  const unknown = findings.filter((f) => f.code === 'unknown_event');
  assert.equal(unknown.length, 1);
  assert.equal(unknown[0].severity, 'warning');
  assert.equal(unknown[0].path, '/segments/0/rule/count');
  assert.match(unknown[0].message, /did you mean “view_item”\?/);
});
