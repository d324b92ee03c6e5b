// What the benchmark measures is what it says it measures (behaviour only, never timing):
// the WASM core figures run the runtime's plain exports on the catalogue's program; GrowthBook's
// start-up payload is the catalogue's rules; and in Chromium (when installed) the bench's pages
// reach `ready`, the program page without the owner toolkit and without compiling, the JSON page
// with both (so the check of bench/lib/browser.mjs can tell them apart).   node --test bench/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

import { launchBrowser, newPage, startServer } from '../tests/browser/helpers.mjs';
import { benchSite, haveChromium, programPageView } from './lib/browser.mjs';
import { coreEngines, loadRuntime } from './lib/core.mjs';
import { catalogueProgram, newEngine } from './lib/engine.mjs';
import { growthbookPayload } from './lib/growthbook-page.mjs';
import { probeConfig, readFeatures } from './lib/features.mjs';
import { nodeRequire } from './lib/node-require.mjs';
import { readRule } from './lib/rules.mjs';
import { DECISION_CONTEXT, DECISION_TRAITS, decisionHistory, feed, START_MS } from './lib/workload.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const catalog = JSON.parse(fs.readFileSync(path.join(root, 'src', 'catalog', 'default.json'), 'utf8'));
const wasmBinary = fs.readFileSync(path.join(root, 'dist', 'shopper-segments.wasm'));

test('the WASM core figures run the catalogue program through the plain exports, deciding every slot', async () => {
  const core = coreEngines(await loadRuntime(root, wasmBinary), catalogueProgram(root));
  const address = core.newEngine('bench-test');
  assert.equal(core.setTraits(address, DECISION_TRAITS), '[]');
  const { engine, clock } = await newEngine(root, wasmBinary);
  clock.t = START_MS;
  assert.equal(core.decide(address, START_MS), engine.decide().length);
  assert.ok(engine.decide().length > 0);
  core.delete(address);
  engine.dispose();
});

test("GrowthBook's start-up payload holds the catalogue: a feature per segment and per offer, and rule segments decide as the engine", async () => {
  const payload = growthbookPayload(catalog);
  const ids = Object.keys(payload.features);
  assert.equal(ids.length, catalog.segments.length + catalog.offers.length);
  for (const s of catalog.segments) assert.ok(ids.includes('seg_' + s.id), s.id);
  for (const o of catalog.offers) assert.deepEqual(payload.features['offer_' + o.id].rules[0].force, o.content ?? {});

  // The decision visitor, as the engine sees it and as GrowthBook's attributes give it.
  const { engine, clock } = await newEngine(root, wasmBinary);
  engine.setTraits(DECISION_TRAITS);
  engine.setContext(DECISION_CONTEXT);
  const probe = probeConfig(catalog);
  const prober = await newEngine(root, wasmBinary, probe, { explain: true });
  prober.engine.setTraits(DECISION_TRAITS);
  const { steps, end } = decisionHistory();
  feed(engine, clock, steps);
  feed(prober.engine, prober.clock, steps);
  clock.t = prober.clock.t = end;
  const attributes = await readFeatures(prober.engine, probe, DECISION_TRAITS, DECISION_CONTEXT);
  const { GrowthBook } = nodeRequire('@growthbook/growthbook');
  const gb = new GrowthBook({ attributes });
  await gb.init({ payload, streaming: false });
  const refersToSegment = (rule) => JSON.stringify(readRule(rule)).includes('"op":"segment"');
  let compared = 0;
  for (const s of engine.segments()) {
    const segment = catalog.segments.find((c) => c.id === s.id);
    if (!segment.rule || refersToSegment(segment.rule)) continue;  // scored, or reads another segment: not in the attributes
    assert.equal(gb.evalFeature('seg_' + s.id).on, s.member, s.id);
    compared++;
  }
  assert.ok(compared >= 5, `only ${compared} segments compared`);
  engine.dispose();
  prober.engine.dispose();
});

test("the bench's pages in Chromium: a program page never loads the toolkit or compiles; the JSON page does on its first view", { skip: !haveChromium() && 'no Chromium' }, async () => {
  const site = benchSite(root, {}, { pageDecisions: false });
  const server = await startServer({ root: site.root, cacheSeconds: 3600 });
  const browser = await launchBrowser();
  try {
    for (const view of ['first', 'repeat']) {
      const { times, problems } = await programPageView(browser, server, view);
      assert.deepEqual(problems, []);
      assert.ok(times.ready !== null && times.wasm !== null && times.configured !== null);
      assert.equal(times.compiled, null);
      if (view === 'repeat') assert.ok(times.painted !== null, 'a returning visitor is painted from storage');
    }
    const page = await newPage(browser);
    await page.goto(server.url('/load.html'));
    await page.waitForFunction(() => window.loadTimes !== undefined, null, { timeout: 20000 });
    assert.equal((await page.evaluate(() => window.loadTimes)).slots, catalog.offers.reduce((set, o) => set.add(o.slot), new Set()).size);
    assert.equal(page.requests.filter((url) => url.includes('shopper-segments-toolkit')).length, 0);
    await page.close();
    const gbPage = await newPage(browser);
    await gbPage.goto(server.url('/growthbook.html'));
    await gbPage.waitForFunction(() => performance.getEntriesByName('shopper-segments:ready').length > 0, null, { timeout: 20000 });
    assert.ok((await gbPage.evaluate(() => window.growthbookFeaturesOn)) > 0);
    await gbPage.close();
  } finally {
    await browser.close();
  }
  // A new browser: the JSON page's first view compiles with the toolkit (what the check looks for).
  const fresh = await launchBrowser();
  try {
    const page = await newPage(fresh);
    await page.goto(server.url('/start-json.html'));
    await page.waitForFunction(() => performance.getEntriesByName('shopper-segments:ready').length > 0, null, { timeout: 20000 });
    assert.ok(await page.evaluate(() => performance.getEntriesByName('shopper-segments:compiled').length === 1));
    assert.ok(page.requests.some((url) => url.endsWith('/shopper-segments-toolkit.wasm')));
  } finally {
    await fresh.close();
    await server.close();
    site.remove();
  }
});
