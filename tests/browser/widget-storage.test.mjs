// Storage and privacy in a real browser: corrupted and full localStorage never break the page
// (one warning, memory fallback), forget() wipes everything, Global Privacy Control keeps state
// for the tab session only, and consent mode keeps nothing until consent(true).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { STRICT_CSP, launchBrowser, newPage, screenshot, startServer } from './helpers.mjs';
import { membersOf, openShopPage, shownOffer, widgetSite, widgetWarnings } from './widget-fixture.mjs';

const KEY = 'shopper-segments';

let site;
let consentSite;
before(() => {
  site = widgetSite();
  consentSite = widgetSite({ scriptAttributes: ' data-consent="required"' });
});
after(() => {
  site.remove();
  consentSite.remove();
});

// Every test gets its own browser profile and server (its own origin), so storage starts empty.
async function fresh(run, root = site.root) {
  const browser = await launchBrowser();
  const server = await startServer({ root, csp: STRICT_CSP });
  try {
    await run({ browser, server });
  } finally {
    await browser.close();
    await server.close();
  }
}

const stored = (page, area = 'localStorage') => page.evaluate(([k, a]) => window[a].getItem(k), [KEY, area]);

test('a corrupted stored value is discarded with one warning and replaced by a good one', () => fresh(async ({ browser, server }) => {
  const blank = await newPage(browser);
  await blank.goto(server.url('/blank.html'));
  await blank.evaluate((k) => localStorage.setItem(k, '{"v":1,"id":"x","state":"{\\"broken'), KEY);
  const page = await openShopPage(newPage, browser, server.url('/p1.html'));
  assert.equal(await shownOffer(page, 'hero'), 'hero_welcome');
  const warnings = widgetWarnings(page);
  assert.equal(warnings.length, 1, JSON.stringify(page.consoleMessages));
  assert.match(warnings[0].text, /discarded/);
  assert.deepEqual(page.pageErrors, []);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 20)));
  assert.equal(JSON.parse(await stored(page)).v, 1, 'the next save wrote a valid state');
}));

test('a full localStorage (quota exceeded) leaves the page working with one warning', () => fresh(async ({ browser, server }) => {
  // The page fills localStorage itself before any of its scripts run: Chromium counts the quota
  // in each page's own copy of the store and commits writes asynchronously, so a store filled by
  // another page may still have room here (the test once passed the widget a store with room).
  const fillingPage = async (context) => {
    const page = await newPage(context);
    await page.addInitScript(() => {
      let chunk = 'x'.repeat(1 << 20);
      let i = 0;
      while (chunk.length > 0) {
        try {
          localStorage.setItem('filler' + i++, chunk);
        } catch {
          chunk = chunk.slice(0, chunk.length >> 1);
        }
      }
      window.fillerKeys = i;
    });
    return page;
  };
  const page = await openShopPage(fillingPage, browser, server.url('/p1.html'));
  assert.ok((await page.evaluate(() => window.fillerKeys)) > 1);
  await page.click('#add');
  await page.waitForSelector('#cart [data-seg-offer-id="cart_free_shipping"]');
  assert.equal(await shownOffer(page, 'hero'), 'hero_welcome');
  const warnings = widgetWarnings(page);
  assert.equal(warnings.length, 1, JSON.stringify(page.consoleMessages));
  assert.match(warnings[0].text, /QuotaExceededError.*memory/);
  assert.deepEqual(page.pageErrors, []);
  assert.equal(await stored(page), null);
  await screenshot(page, 'widget-storage-full');
}));

test('forget() wipes the stored profile, the segments and the offers', () => fresh(async ({ browser, server }) => {
  await (await openShopPage(newPage, browser, server.url('/p1.html'))).close();
  const page = await openShopPage(newPage, browser, server.url('/p2.html'));
  assert.equal(await shownOffer(page, 'hero'), 'hero_new');
  assert.notEqual(await stored(page), null);
  await page.evaluate(() => window.ShopperSegments.forget());
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 20)));
  assert.equal(await stored(page), null);
  assert.deepEqual(await membersOf(page), []);
  await page.goto(server.url('/p3.html'));
  await page.evaluate(() => window.ShopperSegments.ready);
  assert.equal(await shownOffer(page, 'hero'), 'hero_welcome', 'after forget the visitor starts over');
}));

test('with Global Privacy Control state lives in the tab session only, never in localStorage', () => fresh(async ({ browser, server }) => {
  await browser.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const page = await openShopPage(newPage, browser, server.url('/p1.html'));
  await page.goto(server.url('/p2.html'));
  await page.evaluate(() => window.ShopperSegments.ready);
  assert.equal(await shownOffer(page, 'hero'), 'hero_new', 'personalisation works within the session');
  assert.equal(await stored(page), null);
  assert.notEqual(await stored(page, 'sessionStorage'), null);
  const gpc = await page.evaluate(() => window.ShopperSegments.explain('new_fan') !== null);
  assert.ok(gpc);
  const otherTab = await openShopPage(newPage, browser, server.url('/p3.html'));
  assert.equal(await shownOffer(otherTab, 'hero'), 'hero_welcome', 'a new tab session starts empty');
  assert.deepEqual(widgetWarnings(page), []);
}));

test('consent mode keeps nothing until consent(true), then merges this page into the stored profile', () => fresh(async ({ browser, server }) => {
  const page = await openShopPage(newPage, browser, server.url('/p1.html'));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 20)));
  assert.equal(await stored(page), null, 'no consent: nothing stored');
  await page.evaluate(() => window.ShopperSegments.consent(true));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 20)));
  assert.notEqual(await stored(page), null, 'consent given: this page\'s view is stored');
  // Next page: the shop's consent manager grants again; the stored view and this one both count.
  await page.goto(server.url('/p2.html'));
  await page.evaluate(() => window.ShopperSegments.ready);
  assert.equal(await shownOffer(page, 'hero'), 'hero_welcome', 'before consent only this page counts');
  await page.evaluate(() => window.ShopperSegments.consent(true));
  assert.deepEqual(await membersOf(page), ['new_fan']);
  await page.evaluate(() => window.ShopperSegments.consent(false));
  assert.equal(await stored(page), null, 'withdrawing consent wipes the stored state');
}, consentSite.root));
