// The page contract of the two modules: a page that gives a compiled program (data-program, or
// inline) runs it with the storefront runtime alone; bad program bytes leave the page its own
// content; a page that gives JSON loads the toolkit once and then runs the program kept for that
// configuration; a returning visitor's slots are drawn from the last page before the engine is
// ready, with no layout shift and no swap from the page's own content.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';

import { DIST, ROOT, STRICT_CSP, launchBrowser, makeSite, newPage, requestedPaths, screenshot, startServer, widgetSettled } from './helpers.mjs';
import { CONFIG } from './widget-fixture.mjs';

const { loadToolkit } = await import(pathToFileURL(path.join(DIST, 'shopper-segments-toolkit.mjs')).href);

let browser;
let server;
let site;
let program;

// A page with a new item on it (tracked on load), or a plain page (nothing tracked: the decision
// stays the same from one view to the next).
function shopPage({ script, head = '', product = true }) {
  const main = product
    ? '<article data-seg-track="view_item" data-seg-item-id="p1" data-seg-tags="new" data-seg-price="49.5"><h1>Linen shirt</h1></article>'
    : '<h1>About us</h1>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop</title>${head}
<link rel="stylesheet" href="/shop.css">
<script src="/shopper-segments.js" ${script} defer></script>
</head><body>
<section id="hero" data-seg-slot="hero"><h2>Default hero of the page</h2><p>Seasonal picks.</p></section>
<main>${main}</main>
<aside id="cart" data-seg-slot="cart"><p>Default cart note</p></aside>
</body></html>`;
}

function base64(bytes) {
  return Buffer.from(bytes).toString('base64');
}

before(async () => {
  const compiled = (await loadToolkit()).compile(JSON.stringify(CONFIG));
  assert.equal(compiled.ok, true, JSON.stringify(compiled.issues));
  program = compiled.program;
  const damaged = Uint8Array.from(program);
  damaged[damaged.length - 3] ^= 0x20;  // a flipped bit in the body: the checksum no longer holds
  const otherVersion = Uint8Array.from(program);
  otherVersion[4] = 99;  // the format version follows the magic
  site = makeSite({
    'segments.bin': Buffer.from(program),
    'damaged.bin': Buffer.from(damaged),
    'other-version.bin': Buffer.from(otherVersion),
    'truncated.bin': Buffer.from(program.subarray(0, 40)),
    'config.json': JSON.stringify(CONFIG),
    'program.html': shopPage({ script: 'data-program="/segments.bin"' }),
    'inline.html': shopPage({ script: '', head: `<script type="text/plain" id="shopper-segments-program">${base64(program)}</script>` }),
    'damaged.html': shopPage({ script: 'data-program="/damaged.bin"' }),
    'other-version.html': shopPage({ script: 'data-program="/other-version.bin"' }),
    'truncated.html': shopPage({ script: 'data-program="/truncated.bin"' }),
    'json.html': shopPage({ script: 'data-config="/config.json"', product: false }),
    'about.html': shopPage({ script: 'data-program="/segments.bin"', product: false }),
    // Slots of a fixed height, as a shop that cares about layout shift gives them.
    'shop.css': '#hero { height: 160px; overflow: hidden; } #cart { height: 80px; overflow: hidden; }',
    'favicon.ico': '',
  });
  server = await startServer({ root: site.root, csp: STRICT_CSP });
});
after(async () => {
  await browser?.close();
  await server.close();
  site.remove();
});

async function freshBrowser() {
  if (browser) await browser.close();
  browser = await launchBrowser();
  return browser;
}

const shown = (page, id) => page.evaluate((slot) => document.getElementById(slot).getAttribute('data-seg-offer-shown'), id);
const TOOLKIT = /shopper-segments-toolkit\.(mjs|wasm)$/;

test('a page with data-program runs it with the runtime alone: no toolkit, no JSON', async () => {
  const context = await freshBrowser();
  const page = await newPage(context);
  await page.goto(server.url('/program.html'));
  assert.equal(await widgetSettled(page), 'ready');
  assert.equal(await shown(page, 'hero'), 'hero_welcome');
  const project = /project\(ShopperSegments VERSION ([0-9.]+)/.exec(readFileSync(path.join(ROOT, 'CMakeLists.txt'), 'utf8'))[1];
  assert.equal(await page.evaluate(() => window.ShopperSegments.version), project, 'the script says the project\'s version');
  const paths = requestedPaths(page, server.origin).filter((p) => p !== '/favicon.ico');
  assert.deepEqual(paths.sort(), ['/program.html', '/segments.bin', '/shop.css', '/shopper-segments.js', '/shopper-segments.wasm'].sort());
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'warning' || m.type === 'error'), []);
  await screenshot(page, 'widget-program-page');
});

test('an inline program (base64) runs the same', async () => {
  const context = await freshBrowser();
  const page = await newPage(context);
  await page.goto(server.url('/inline.html'));
  assert.equal(await widgetSettled(page), 'ready');
  assert.equal(await shown(page, 'hero'), 'hero_welcome');
  assert.ok(!page.requests.some((url) => TOOLKIT.test(url) || url.endsWith('.bin')), page.requests.join('\n'));
});

for (const [file, code] of [['damaged', 'program_checksum'], ['other-version', 'program_version'], ['truncated', 'program_truncated']]) {
  test(`a ${file} program leaves the page its own content and says why once (${code})`, async () => {
    const context = await freshBrowser();
    const page = await newPage(context);
    await page.goto(server.url(`/${file}.html`));
    const settled = await widgetSettled(page);
    assert.match(settled, /^failed: /);
    assert.equal(await shown(page, 'hero'), null);
    assert.match(await page.evaluate(() => document.getElementById('hero').textContent), /Default hero of the page/);
    const warnings = page.consoleMessages.filter((m) => m.type === 'warning');
    assert.equal(warnings.length, 1, JSON.stringify(page.consoleMessages));
    assert.match(warnings[0].text, /personalisation is off/);
    assert.deepEqual(page.pageErrors, []);
  });
}

test('a page that gives JSON compiles it with the toolkit once; the next view runs the kept program', async () => {
  const context = await freshBrowser();
  const first = await newPage(context);
  await first.goto(server.url('/json.html'));
  assert.equal(await widgetSettled(first), 'ready');
  assert.equal(await shown(first, 'hero'), 'hero_welcome');
  assert.ok(first.requests.some((url) => url.endsWith('/shopper-segments-toolkit.wasm')), 'the first view loads the toolkit');
  const second = await newPage(context);
  await second.goto(server.url('/json.html'));
  assert.equal(await widgetSettled(second), 'ready');
  assert.equal(await shown(second, 'hero'), 'hero_welcome');
  assert.ok(!second.requests.some((url) => TOOLKIT.test(url)), second.requests.join('\n'));
});

test('"why am I seeing this?" on a program page loads the toolkit on that click and gives reasons', async () => {
  const context = await freshBrowser();
  const page = await newPage(context);
  await page.goto(server.url('/program.html'));
  assert.equal(await widgetSettled(page), 'ready');
  // Two new items: the new-in fan's hero wins (offer with a segment, so the note has reasons).
  await page.evaluate(() => {
    window.ShopperSegments.track('view_item', { item_id: 'p2', tags: 'new' });
    window.ShopperSegments.track('view_item', { item_id: 'p3', tags: 'new' });
  });
  await page.waitForSelector('#hero [data-seg-offer-id="hero_new"]');
  const why = await page.evaluate((id) => {
    const explanation = window.ShopperSegments.explain(id);
    return typeof explanation.then === 'function' ? 'promise' : 'value';
  }, 'new_fan');
  assert.equal(why, 'promise', 'before the toolkit is loaded an explanation is a Promise');
  const explanation = await page.evaluate((id) => Promise.resolve(window.ShopperSegments.explain(id)), 'new_fan');
  assert.equal(explanation.member, true);
  assert.ok(page.requests.some((url) => url.endsWith('/shopper-segments-toolkit.wasm')));
});

test('a returning visitor sees the last offer from the first paint: no swap from the page content, no layout shift', async () => {
  const context = await freshBrowser();
  // Every change of the hero from the first moment of the page, and every layout shift.
  await context.addInitScript(() => {
    window.__heroChanges = [];
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
    new MutationObserver(() => {
      const hero = document.getElementById('hero');
      if (!hero) return;
      const state = hero.getAttribute('data-seg-offer-shown') || 'page';
      if (window.__heroChanges[window.__heroChanges.length - 1] !== state) window.__heroChanges.push(state);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const first = await newPage(context);
  await first.goto(server.url('/about.html'));
  assert.equal(await widgetSettled(first), 'ready');
  assert.equal(await shown(first, 'hero'), 'hero_welcome');
  await first.close();

  const again = await newPage(context);
  await again.goto(server.url('/about.html'));
  assert.equal(await widgetSettled(again), 'ready');
  const seen = await again.evaluate(() => ({
    changes: window.__heroChanges,
    shifts: window.__shifts,
    painted: performance.getEntriesByName('shopper-segments:painted').map((e) => e.startTime),
    ready: performance.getEntriesByName('shopper-segments:ready').map((e) => e.startTime),
  }));
  assert.equal(seen.painted.length, 1, 'the slots were painted from the stored decision');
  assert.ok(seen.painted[0] < seen.ready[0], 'painted before the engine was ready');
  // The hero went from the page's markup straight to the offer, once, and stayed.
  assert.deepEqual(seen.changes.filter((state, i) => i > 0 || state !== 'page'), ['hero_welcome']);
  assert.equal(seen.shifts.reduce((sum, value) => sum + value, 0), 0, `layout shifts: ${seen.shifts}`);
  await screenshot(again, 'widget-returning-visitor');
});
