// The peer translations decide like the engine: for every visitor of the OTTO sample and a few
// made-up journeys that reach the other rule forms (traits, since-between, coupons, sequences),
// each peer, given the features the engine computed, must name the same segments and, where the
// engine skipped nothing for caps or schedule, the same offers.   node --test bench/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { newEngine } from './lib/engine.mjs';
import { probeConfig, readFeatures } from './lib/features.mjs';
import { sampleLines } from './lib/replay-log.mjs';
import { readConfig } from './lib/rules.mjs';
import { scaleConfig } from './lib/scale-config.mjs';
import { PEERS } from './lib/decisions.mjs';
import { pageDecisionsBundle } from './lib/browser.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const catalog = JSON.parse(fs.readFileSync(path.join(root, 'src', 'catalog', 'default.json'), 'utf8'));
const wasmBinary = fs.readFileSync(path.join(root, 'dist', 'shopper-segments.wasm'));
const DAY = 86400000;
const T0 = 1795428000000;

function madeUpJourneys() {
  const at = (days, minutes = 0) => T0 + days * DAY + minutes * 60000;
  return [
    { name: 'loyal gold member', traits: { loyalty_tier: 'gold', customer_orders: 6, lifetime_value: 3200, newsletter: true, nps: 10 },
      context: { timezone: 'Europe/Vienna', country: 'AT' }, events: [
        ['view_item', { item_id: 'a', tags: ['new'] }, at(0)], ['view_item', { item_id: 'b', tags: ['new'] }, at(1)],
        ['page_view', { page_type: 'new_arrivals' }, at(2)], ['page_view', { page_type: 'new_arrivals' }, at(3)],
        ['view_item', { item_id: 'c', tags: ['launch'] }, at(3, 5)]] },
    { name: 'coffee buyer about to run out', traits: { customer_orders: 1 }, context: { timezone: 'America/New_York' }, events: [
        ['purchase', { value: 30, items: [{ item_id: 'k1', item_category: 'coffee' }] }, at(0)],
        ['view_item', { item_id: 'k1' }, at(25)]] },
    { name: 'coupon hunter with a cart', traits: {}, context: {}, events: [
        ['coupon_attempt', {}, at(0)], ['page_view', { page_type: 'sale' }, at(0, 1)], ['page_view', { page_type: 'sale' }, at(0, 2)],
        ['view_item_list', { sort: 'price_asc' }, at(0, 3)], ['add_to_cart', { item_id: 's', item_category: 'shoes' }, at(0, 4)],
        ['remove_from_cart', { item_id: 's' }, at(0, 5)], ['add_to_cart', { item_id: 's', item_category: 'shoes' }, at(0, 6)],
        ['exit_intent', {}, at(0, 7)]] },
    { name: 'spender who slowed down', traits: {}, context: {}, events: [
        ['purchase', { value: 400, coupon: 'X', items: [{ item_id: 'p1', item_category: 'razors' }] }, at(0)],
        ['purchase', { value: 100, items: [{ item_id: 'p2', item_category: 'shaving' }] }, at(100)],
        ['nps', { score: 9 }, at(120)], ['purchase', { value: 20 }, at(181)]] },
  ];
}

function sampleJourneys() {
  const byVisitor = new Map();
  for (const text of sampleLines(root)) {
    const { visitor, ts, type, ...fields } = JSON.parse(text);
    if (!byVisitor.has(visitor)) byVisitor.set(visitor, { name: visitor, traits: {}, context: {}, events: [] });
    byVisitor.get(visitor).events.push([type, fields, ts]);
  }
  return [...byVisitor.values()];
}

// `config` compiled by the toolkit once (lib/engine.mjs); `explain`: the toolkit loaded for explanations.
async function playedEngine(config, journey, options) {
  const { engine, clock } = await newEngine(root, wasmBinary, config, options);
  engine.setTraits(journey.traits);
  engine.setContext(journey.context);
  for (const [type, fields, at] of journey.events) {
    clock.t = at;
    engine.track(type, fields);
  }
  return engine;
}

async function checkAgreement(config, journeys) {
  const model = readConfig(config);
  const probe = probeConfig(config);
  const deciders = PEERS.map((peer) => ({ peer, decide: peer.makeDecider(model) }));
  let compared = 0;
  for (const journey of journeys) {
    const engine = await playedEngine(config, journey);
    const prober = await playedEngine(probe, journey, { explain: true });
    const features = await readFeatures(prober, probe, journey.traits, journey.context);
    const ours = engine.segments();
    const decisions = engine.decide();
    for (const { peer, decide } of deciders) {
      const theirs = await decide(features);
      for (const s of ours) {
        // Scored segments between exit and enter depend on history the stateless peers lack.
        const settled = s.score >= s.enter || s.score < s.exit;
        if (settled) assert.equal(theirs.segments.get(s.id).member, s.member, `${peer.name}, ${journey.name}: segment ${s.id}`);
      }
      for (const d of decisions) {
        if (d.skipped.length || !['matched', 'no_match'].includes(d.reason)) continue;
        assert.equal(theirs.offers[d.slot], d.offer, `${peer.name}, ${journey.name}: slot ${d.slot}`);
        compared++;
      }
    }
    engine.dispose();
    prober.dispose();
  }
  return compared;
}

test('peers decide like the engine on the OTTO sample and made-up journeys (catalogue)', async () => {
  const journeys = [...sampleJourneys(), ...madeUpJourneys()];
  const compared = await checkAgreement(catalog, journeys);
  assert.ok(compared >= journeys.length * PEERS.length, `only ${compared} slot decisions compared`);
});

test('peers decide like the engine at 100 segments (replicated, varied thresholds)', async () => {
  const compared = await checkAgreement(scaleConfig(catalog, 100), madeUpJourneys());
  assert.ok(compared > 0);
});

test('the scaled configuration has the asked number of segments and only known references', () => {
  const config = scaleConfig(catalog, 500);
  assert.equal(config.segments.length, 500);
  const ids = new Set(config.segments.map((s) => s.id));
  assert.equal(ids.size, 500);
  for (const offer of config.offers) for (const id of offer.segments ?? []) assert.ok(ids.has(id), offer.id + ' -> ' + id);
});

test('the peers that run in a page bundle for the browser, as the Chromium figures load them', () => {
  // scripts/bench measures them in Chromium from this bundle (bench/lib/page-decisions.mjs): a
  // Node-only import in a peer (node:module, createRequire) would break it only there.
  const bundle = pageDecisionsBundle(root).toString('utf8');
  assert.match(bundle, /export\s*\{[^}]*measureDecisions/);
  assert.doesNotMatch(bundle, /from\s*["']node:/);
  assert.match(bundle, /from\s*["']\/shopper-segments\.mjs["']/);  // the widget itself, from the site
});
