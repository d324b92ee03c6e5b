// The script tag on a page served with a strict Content-Security-Policy: it runs, fills slots and
// makes no request beyond its own files (and the configuration); with WebAssembly blocked the page
// keeps its own content and gets exactly one console warning.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { STRICT_CSP, launchBrowser, newPage, requestedPaths, screenshot, startServer, widgetSettled } from './helpers.mjs';
import { shownOffer, widgetSite } from './widget-fixture.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

async function withSite(siteOptions, csp, run) {
  const site = widgetSite(siteOptions);
  const server = await startServer({ root: site.root, csp });
  try {
    await run(server);
  } finally {
    await server.close();
    site.remove();
  }
}

test('under script-src \'self\' \'wasm-unsafe-eval\' the widget starts and fills the hero slot', async () => {
  await withSite({}, STRICT_CSP, async (server) => {
    const page = await newPage(browser);
    await page.goto(server.url('/plain.html'));
    assert.equal(await widgetSettled(page), 'ready');
    assert.equal(await shownOffer(page, 'hero'), 'hero_welcome');
    assert.equal(await page.textContent('#hero .seg-offer__title'), 'Welcome to the test shop');
    await screenshot(page, 'widget-csp-ready');
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(page.consoleMessages, [], 'no console output at all: no CSP violation, no warning');
    // Interactions afterwards add no request either. The page gives JSON, so its first view loads
    // the owner toolkit (module and .wasm) to compile it: the documented extra request.
    await page.evaluate(() => {
      for (let i = 0; i < 20; i++) window.ShopperSegments.track('view_item', { item_id: 'x' + i });
    });
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    assert.deepEqual(requestedPaths(page, server.origin).sort(), ['/plain.html', '/shopper-segments-toolkit.mjs',
      '/shopper-segments-toolkit.wasm', '/shopper-segments.js', '/shopper-segments.wasm']);
    await page.close();
  });
});

test('a visitor who was only shown offers keeps that state to the next page, without a warning', async () => {
  await withSite({}, STRICT_CSP, async (server) => {
    const page = await newPage(browser);
    await page.goto(server.url('/plain.html'));
    assert.equal(await widgetSettled(page), 'ready');
    assert.equal(await shownOffer(page, 'hero'), 'hero_welcome');
    await page.close();
    const next = await newPage(browser);
    await next.goto(server.url('/plain.html'));
    assert.equal(await widgetSettled(next), 'ready');
    // No event yet, so the saved state has no event time; it used to be refused as damaged.
    assert.deepEqual(next.consoleMessages, [], 'the stored state is read back as it was saved');
    const saved = await next.evaluate(() => JSON.parse(localStorage.getItem('shopper-segments')));
    assert.ok(JSON.parse(saved.state).offers.hero_welcome, 'the shown offer is still counted');
    await next.close();
  });
});

test('with data-config the configuration and the toolkit that compiles it are the only extra requests', async () => {
  await withSite({ configMode: 'url' }, STRICT_CSP, async (server) => {
    const page = await newPage(browser);
    await page.goto(server.url('/p1.html'));
    assert.equal(await widgetSettled(page), 'ready');
    await page.click('#add');
    await page.waitForSelector('#cart [data-seg-offer-id="cart_free_shipping"]');
    assert.deepEqual(requestedPaths(page, server.origin).sort(),
      ['/config.json', '/p1.html', '/shopper-segments-toolkit.mjs', '/shopper-segments-toolkit.wasm',
        '/shopper-segments.js', '/shopper-segments.wasm']);
    assert.deepEqual(page.consoleMessages, []);
    await page.close();
  });
});

test('with WebAssembly blocked the page keeps its content and gets one warning', async () => {
  await withSite({}, "default-src 'self'; script-src 'self'", async (server) => {
    const page = await newPage(browser);
    await page.goto(server.url('/p1.html'));
    const settled = await widgetSettled(page);
    assert.match(settled, /^failed: /);
    // Calls still work (queued, never thrown), reads answer empty.
    const answers = await page.evaluate(() => {
      const s = window.ShopperSegments;
      s.track('view_item', { item_id: 'z' });
      s.setTraits({ customer_orders: 1 });
      s.forget();
      return { segments: s.segments(), decide: s.decide(), explain: s.explain('new_fan') };
    });
    assert.deepEqual(answers, { segments: [], decide: [], explain: null });
    assert.equal(await page.textContent('#hero h2'), 'Default hero of the page');
    assert.equal(await shownOffer(page, 'hero'), null);
    await screenshot(page, 'widget-wasm-blocked');
    const warnings = page.consoleMessages.filter((m) => m.type === 'warning');
    assert.equal(warnings.length, 1, JSON.stringify(page.consoleMessages));
    assert.match(warnings[0].text, /^\[shopper-segments\] personalisation is off.*WebAssembly/);
    assert.deepEqual(page.pageErrors, []);
    await page.close();
  });
});
