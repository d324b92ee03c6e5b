// Journeys through the test shop under the strict CSP: auto-tracked product views and clicks fill
// slots, offer text carrying HTML shows as text, a reload keeps the profile, exit intent opens its
// slot, pages may supply <template data-seg-offer>, "why am I seeing this?" explains, dismissing
// restores the page's own content, and GA4 dataLayer pushes are forwarded when asked.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { STRICT_CSP, launchBrowser, newPage, screenshot, startServer } from './helpers.mjs';
import { XSS_TEXT, membersOf, openShopPage, shownOffer, widgetSite, widgetWarnings } from './widget-fixture.mjs';

const TEMPLATE = `<template data-seg-offer="hero_new"><div class="banner">
  <h3 data-seg-field="title"></h3><p data-seg-field="body"></p><a data-seg-field="link">Open</a>
  <button type="button" data-seg-why>Why this?</button><button type="button" data-seg-dismiss>Close</button>
</div></template>`;

let browser;
let server;
let site;
let templated;
let templatedServer;
before(async () => {
  browser = await launchBrowser();
  site = widgetSite();
  server = await startServer({ root: site.root, csp: STRICT_CSP });
  templated = widgetSite({ scriptAttributes: ' data-why data-datalayer', extraBody: TEMPLATE });
  templatedServer = await startServer({ root: templated.root, csp: STRICT_CSP });
  // Record the widget's DOM events from the start of every page.
  await browser.addInitScript(() => {
    window.__segEvents = [];
    for (const name of ['ready', 'change', 'offer']) {
      document.addEventListener('shopper-segments:' + name, (event) => {
        window.__segEvents.push({ name, offer: event.detail.offer || null, entered: event.detail.entered || null });
      });
    }
  });
});
after(async () => {
  await browser.close();
  await server.close();
  await templatedServer.close();
  site.remove();
  templated.remove();
});

test('two new products viewed: the hero shows the new-in offer, its HTML-looking text stays text', async () => {
  const first = await openShopPage(newPage, browser, server.url('/p1.html'));
  assert.equal(await shownOffer(first, 'hero'), 'hero_welcome');
  await first.close();
  const page = await openShopPage(newPage, browser, server.url('/p2.html'));
  assert.deepEqual(await membersOf(page), ['new_fan']);
  assert.equal(await shownOffer(page, 'hero'), 'hero_new');
  assert.equal(await page.textContent('#hero .seg-offer__body'), XSS_TEXT);
  assert.equal(await page.locator('#hero img').count(), 0, 'no element was made from offer text');
  assert.equal(await page.evaluate(() => window.__injected), undefined);
  assert.equal(await page.getAttribute('#hero a.seg-offer__cta', 'href'), server.url('/new.html'));
  const events = await page.evaluate(() => window.__segEvents);
  assert.deepEqual(events.filter((e) => e.name === 'offer').map((e) => e.offer), ['hero_new']);
  assert.equal(events.filter((e) => e.name === 'ready').length, 1);
  await screenshot(page, 'widget-journey-new-fan');

  // A click on an auto-tracked button changes the segments and fills the cart slot at once.
  await page.click('#add');
  await page.waitForSelector('#cart [data-seg-offer-id="cart_free_shipping"]');
  const cta = page.locator('#cart .seg-offer__cta');
  assert.equal(await cta.evaluate((element) => element.tagName), 'SPAN', 'a javascript: link is not made a link');
  const change = (await page.evaluate(() => window.__segEvents)).find((e) => e.name === 'change');
  assert.deepEqual(change.entered, ['cart_starter']);
  assert.equal(await shownOffer(page, 'hero'), 'hero_new', 'the hero keeps its offer');
  await screenshot(page, 'widget-journey-cart');
  assert.deepEqual(page.pageErrors, []);
  assert.deepEqual(widgetWarnings(page), []);

  // Reload: the profile comes back from localStorage.
  await page.reload();
  await page.evaluate(() => window.ShopperSegments.ready);
  assert.ok((await membersOf(page)).includes('new_fan'));
  assert.equal(await shownOffer(page, 'hero'), 'hero_new');

  // Exit intent: the pointer leaves through the top; the exit slot appears with its offer.
  assert.equal(await page.isHidden('#exit'), true);
  await page.evaluate(() => document.dispatchEvent(new MouseEvent('mouseout', { clientX: 400, clientY: -2, bubbles: true })));
  await page.waitForSelector('#exit [data-seg-offer-id="exit_coupon"]');
  assert.equal(await page.isVisible('#exit'), true);
  await screenshot(page, 'widget-journey-exit');
  await page.close();
});

test('a page template renders the offer, explains it, and dismissing restores the page content', async () => {
  await openShopPage(newPage, browser, templatedServer.url('/p1.html')).then((p) => p.close());
  const page = await openShopPage(newPage, browser, templatedServer.url('/p2.html'));
  assert.equal(await shownOffer(page, 'hero'), 'hero_new');
  assert.equal(await page.textContent('#hero .banner h3'), 'Just landed');
  assert.equal(await page.textContent('#hero .banner p'), XSS_TEXT);
  await page.click('#hero [data-seg-why]');
  // The reasons come from the owner toolkit, loaded on this click: the note fills in.
  await page.waitForFunction(() => document.querySelector('#hero .seg-why li') !== null);
  const note = await page.textContent('#hero .seg-why');
  // In plain words: what the visit found, never the rule's event ids or signs.
  assert.match(note, /You looked at/);
  assert.doesNotMatch(note, /view_item|[<>=_]/);
  assert.match(note, /Nothing about your visit leaves this browser/);
  await screenshot(page, 'widget-template-why');
  // The slot was locked to the height of its own content before the offer replaced it.
  const locked = await page.evaluate(() => parseFloat(document.getElementById('hero').style.minHeight));
  assert.ok(locked > 0);
  await page.click('#hero [data-seg-dismiss]');
  assert.equal(await page.textContent('#hero h2'), 'Default hero of the page');
  assert.equal(await shownOffer(page, 'hero'), null);
  const height = await page.evaluate(() => document.getElementById('hero').getBoundingClientRect().height);
  assert.ok(Math.abs(height - locked) < 1, `the restored slot has its original height (${height} vs ${locked})`);
  await page.evaluate(() => window.ShopperSegments.track('view_item', { item_id: 'p9', tags: ['new'] }));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 20)));
  assert.equal(await shownOffer(page, 'hero'), null, 'a dismissed slot stays closed on this page');
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('GA4 dataLayer pushes are forwarded when data-datalayer is set, including earlier ones', async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    window.dataLayer = [{ event: 'gtm.js' }, { event: 'view_item', ecommerce: { items: [{ item_id: 'd1', price: 20 }] } }];
  });
  await page.goto(templatedServer.url('/plain.html'));
  await page.evaluate(() => window.ShopperSegments.ready);
  assert.equal(await shownOffer(page, 'cart'), null);
  await page.evaluate(() => window.dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 20, items: [{ item_id: 'd1', price: 20, quantity: 1 }] } }));
  await page.waitForSelector('#cart [data-seg-offer-id="cart_free_shipping"]');
  const views = await page.evaluate(async () => (await window.ShopperSegments.explain('busy_browser')).tree.value);
  assert.ok(views >= 1, 'the view_item pushed before the script counted');
  await page.close();
});
