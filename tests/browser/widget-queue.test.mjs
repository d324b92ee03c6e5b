// Calls made on window.ShopperSegments before the engine runs are queued, not lost: each returns a
// Promise of its eventual result (configure: { ok, issues }), the queued configuration already
// decides the first fill, and when the engine cannot start the queued calls reject like `ready`.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { STRICT_CSP, launchBrowser, newPage, startServer, widgetSettled } from './helpers.mjs';
import { CONFIG, shownOffer, widgetSite } from './widget-fixture.mjs';

// Runs right after the widget script (both deferred, in document order), before its engine starts.
const EARLY = `
const own = ${JSON.stringify({ ...CONFIG, offers: [{ id: 'hero_early', slot: 'hero', content: { title: 'Queued config' } }] })};
const calls = window.__early = {};
calls.configure = window.ShopperSegments.configure(own);
calls.bad = window.ShopperSegments.configure({ version: 1, offers: 'none' });
calls.track = window.ShopperSegments.track('view_item', { item_id: 'early' });
calls.kinds = Object.keys(calls).map((name) => calls[name] instanceof Promise);
calls.segmentsBefore = window.ShopperSegments.segments();
`;

async function siteWithEarlyScript(options) {
  const site = widgetSite({ ...options, extraBody: '<script src="/early.js" defer></script>' });
  writeFileSync(path.join(site.root, 'early.js'), EARLY);
  return site;
}

test('calls before ready return Promises of their results; the queued configuration decides the first fill', async () => {
  const site = await siteWithEarlyScript();
  const server = await startServer({ root: site.root, csp: STRICT_CSP });
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    await page.goto(server.url('/plain.html'));
    assert.equal(await widgetSettled(page), 'ready');
    const early = await page.evaluate(async () => ({
      kinds: window.__early.kinds,
      segmentsBefore: window.__early.segmentsBefore,
      configure: await window.__early.configure,
      bad: await window.__early.bad,
      track: await window.__early.track,
    }));
    assert.deepEqual(early.kinds, [true, true, true]);
    assert.deepEqual(early.segmentsBefore, [], 'reading calls answer empty before ready');
    assert.deepEqual(early.configure, { ok: true, issues: [] });
    assert.equal(early.bad.ok, false);
    assert.ok(early.bad.issues.length > 0 && early.bad.issues.every((i) => i.code && typeof i.path === 'string' && i.message));
    assert.equal(early.track, true);
    assert.equal(await shownOffer(page, 'hero'), 'hero_early', 'the queued configuration (not the bad one) stays in force');
    // After ready, configure answers at once.
    const now = await page.evaluate(() => {
      const result = window.ShopperSegments.configure({ version: 1, offers: 'none' });
      return { isPromise: result instanceof Promise, ok: result.ok };
    });
    assert.deepEqual(now, { isPromise: false, ok: false });
    assert.deepEqual(page.pageErrors, []);
  } finally {
    await browser.close();
    await server.close();
    site.remove();
  }
});

test('when the engine cannot start, queued calls reject with the reason, and so do later ones', async () => {
  const site = await siteWithEarlyScript({ configMode: 'url' });
  writeFileSync(path.join(site.root, 'config.json'), '{"version": 1, "segments": 7}');
  const server = await startServer({ root: site.root, csp: STRICT_CSP });
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    await page.goto(server.url('/plain.html'));
    const settled = await widgetSettled(page);
    assert.match(settled, /^failed: /);
    const outcome = await page.evaluate(async () => {
      const reason = (promise) => promise.then(() => 'resolved', (error) => 'failed: ' + error.message);
      return {
        configure: await reason(window.__early.configure),
        track: await reason(window.__early.track),
        later: await reason(window.ShopperSegments.track('view_item', { item_id: 'late' })),
      };
    });
    assert.deepEqual(outcome, { configure: settled, track: settled, later: settled });
    assert.equal(await shownOffer(page, 'hero'), null, 'the page keeps its own content');
    assert.deepEqual(page.pageErrors, []);
  } finally {
    await browser.close();
    await server.close();
    site.remove();
  }
});
