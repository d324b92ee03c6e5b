// The studio's checks before publishing (web/studio/checks.js), run in Chromium on the module the
// studio ships: contradictions it must find, and no false alarm on the built-in catalogue.
// Run: node --test tests/browser/studio-checks.test.mjs (after scripts/build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, STRICT_CSP, startServer } from './helpers.mjs';

const repo = ROOT;
const siteRoot = path.resolve(repo, process.env.STUDIO_SITE_ROOT || 'dist/site');
const catalogue = JSON.parse(readFileSync(path.join(repo, 'src/catalog/default.json'), 'utf8'));

let server;
let browser;
let page;

before(async () => {
  assert.ok(existsSync(path.join(siteRoot, 'studio', 'checks.js')), `${siteRoot}/studio is missing: run scripts/build first`);
  server = await startServer({ root: siteRoot, csp: STRICT_CSP });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.goto(server.url('/studio/otto-sample.txt'));
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

const check = (config) => page.evaluate(async (c) => (await import('/studio/checks.js')).runChecks(c), config);

function withSegments(...segments) {
  return { version: 1, segments, offers: [{ id: 'fallback', slot: 'hero', content: { title: 't' } }] };
}

const codes = (findings, code) => findings.filter((f) => f.code === code);

test('the built-in catalogue has no problems and nothing worth a look', async () => {
  const findings = await check(catalogue);
  assert.deepEqual(findings.filter((f) => f.severity !== 'note'), []);
});

test('contradictory counts under an all can never hold; compatible ones can', async () => {
  const findings = await check(withSegments(
    { id: 'three_and_one', rule: { all: [
      { count: 'view_item', where: { tags: 'new' }, within: '7d', gte: 3 },
      { count: 'view_item', where: { tags: 'new' }, within: '7d', lte: 1 }] } },
    { id: 'nested', rule: { all: [{ all: [{ count: 'add_to_cart', gt: 2 }] }, { count: 'add_to_cart', within: 'lifetime', lt: 3 }] } },
    { id: 'bought_and_never', rule: { all: [{ count: 'purchase', gte: 1 }, { not: { count: 'purchase', within: 'lifetime', gte: 1 } }] } },
    { id: 'share_over_one', rule: { share: 'view_item', where: { tags: 'sale' }, gt: 1 } },
    { id: 'fine_other_window', rule: { all: [{ count: 'view_item', within: '7d', gte: 3 }, { count: 'view_item', within: '30d', lte: 1 }] } },
    { id: 'fine_sum', rule: { all: [{ sum: 'purchase.value', gt: 2 }, { sum: 'purchase.value', lt: 3 }] } },
    { id: 'fine_any', rule: { any: [{ count: 'view_item', gte: 3 }, { count: 'view_item', lte: 1 }] } },
  ));
  const never = codes(findings, 'segment_never_holds').map((f) => f.message.split(' ')[1]);
  assert.deepEqual(never.sort(), ['bought_and_never', 'nested', 'share_over_one', 'three_and_one']);
  const first = codes(findings, 'segment_never_holds').find((f) => f.message.includes('three_and_one'));
  assert.equal(first.path, '/segments/0/rule/all/1');
});

test('score signals whose weights cannot reach enter, and segments that need them, never hold', async () => {
  const findings = await check(withSegments(
    { id: 'short', score: { signals: [{ weight: 1, rule: { count: 'a' } }, { weight: 2, rule: { count: 'b' } }], enter: 4 } },
    { id: 'reaches', score: { signals: [{ weight: 1, rule: { count: 'a' } }, { weight: 3, rule: { count: 'b' } }], enter: 4 } },
    { id: 'needs_short', rule: { all: [{ segment: 'short' }, { count: 'view_item' }] } },
  ));
  const never = codes(findings, 'segment_never_holds');
  assert.deepEqual(never.map((f) => f.path).sort(), ['/segments/0/score/enter', '/segments/2/rule/all/0']);
});

test('offers beaten by an always-on higher-priority offer, ties, missing fallbacks and identical segments', async () => {
  const config = {
    version: 1,
    segments: [
      { id: 'a', rule: { count: 'view_item', within: '7d', gte: 2 } },
      { id: 'b', rule: { count: 'view_item', gte: 2, within: '7d' } },
    ],
    offers: [
      { id: 'always', slot: 'hero', priority: 50, content: { title: 't' } },
      { id: 'beaten', slot: 'hero', segments: ['a'], priority: 10, content: { title: 't' } },
      { id: 'above', slot: 'hero', segments: ['a'], priority: 60, content: { title: 't' } },
      { id: 'capped_fallback', slot: 'cart', priority: 50, caps: { session: 1 }, content: { title: 't' } },
      { id: 'under_capped', slot: 'cart', segments: ['a'], priority: 5, content: { title: 't' } },
      { id: 'tie_1', slot: 'nudge', segments: ['a'], priority: 5, content: { title: 't' } },
      { id: 'tie_2', slot: 'nudge', segments: ['a', 'b'], priority: 5, content: { title: 't' } },
    ],
  };
  const findings = await check(config);
  assert.deepEqual(codes(findings, 'offer_never_wins').map((f) => f.path), ['/offers/1/priority']);
  assert.deepEqual(codes(findings, 'slot_without_fallback').map((f) => f.message.split(' ')[1]), ['nudge']);
  assert.deepEqual(codes(findings, 'offers_tie').map((f) => f.path), ['/offers/6/priority']);
  assert.deepEqual(codes(findings, 'identical_segments').map((f) => f.path), ['/segments/1']);
});
