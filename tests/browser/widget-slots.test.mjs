// Slots follow every new decision: when the offer a slot shows no longer wins (no offer for this
// visitor, or the slot left the configuration) the page's own content comes back at the locked
// height, and a later winner fills the slot again; an offer that only its own cap now blocks stays.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { STRICT_CSP, launchBrowser, newPage, screenshot, startServer } from './helpers.mjs';
import { CONFIG, openShopPage, shownOffer, widgetSite } from './widget-fixture.mjs';

let browser;
let server;
let site;
before(async () => {
  browser = await launchBrowser();
  site = widgetSite();
  server = await startServer({ root: site.root, csp: STRICT_CSP });
});
after(async () => {
  await browser.close();
  await server.close();
  site.remove();
});

const configure = (page, config) => page.evaluate((c) => window.ShopperSegments.configure(c), config);
const slotState = (page, id) => page.evaluate((slotId) => {
  const element = document.getElementById(slotId);
  return { html: element.innerHTML, minHeight: element.style.minHeight, height: element.getBoundingClientRect().height };
}, id);
const withOffers = (keep) => ({ ...CONFIG, offers: CONFIG.offers.filter(keep) });

test('a slot whose offer no longer wins shows the page\'s own content again, at its locked height', async () => {
  const shop = await openShopPage(newPage, browser, server.url('/p3.html'));
  // The slot's own content as the page's markup has it, before any script ran.
  const before = await shop.evaluate(async () => {
    const markup = await (await fetch(location.href)).text();
    return { html: new DOMParser().parseFromString(markup, 'text/html').getElementById('hero').innerHTML };
  });
  assert.match(before.html, /Default hero of the page/);
  assert.equal(await shownOffer(shop, 'hero'), 'hero_welcome');
  const filled = await slotState(shop, 'hero');
  assert.notEqual(filled.html, before.html);
  assert.notEqual(filled.minHeight, '', 'the slot height was locked when the offer came');

  // Only the new-in offer is left for the hero, and this visitor is no new-in fan: offer null.
  const result = await configure(shop, withOffers((o) => o.id !== 'hero_welcome'));
  assert.deepEqual(result, { ok: true, issues: [] });
  await shop.waitForFunction(() => !document.getElementById('hero').hasAttribute('data-seg-offer-shown'));
  const decision = (await shop.evaluate(() => window.ShopperSegments.decide())).find((d) => d.slot === 'hero');
  assert.equal(decision.offer, null);
  let restored = await slotState(shop, 'hero');
  assert.equal(restored.html, before.html, 'the page\'s own content is back, node for node');
  assert.equal(restored.minHeight, filled.minHeight, 'the slot keeps its size');
  await screenshot(shop, 'widget-slot-restored');

  // A winner again fills the slot again, and a configuration without the slot empties it again.
  assert.equal((await configure(shop, CONFIG)).ok, true);
  await shop.waitForSelector('#hero [data-seg-offer-id="hero_welcome"]');
  assert.equal((await configure(shop, withOffers((o) => o.slot !== 'hero'))).ok, true);
  await shop.waitForFunction(() => !document.getElementById('hero').hasAttribute('data-seg-offer-shown'));
  restored = await slotState(shop, 'hero');
  assert.equal(restored.html, before.html);
  assert.equal(restored.minHeight, filled.minHeight);
  assert.equal(await shownOffer(shop, 'cart'), null, 'a slot that never showed an offer keeps its content');
  assert.deepEqual(shop.pageErrors, []);
  await shop.close();
});

test('an offer that only its own session cap now blocks stays in its slot', async () => {
  const capped = {
    ...CONFIG,
    offers: [{ id: 'hero_once', slot: 'hero', caps: { session: 1 }, content: { title: 'Once a session' } }],
  };
  const page = await openShopPage(newPage, browser, server.url('/plain.html'));
  assert.equal((await configure(page, capped)).ok, true);
  await page.waitForSelector('#hero [data-seg-offer-id="hero_once"]');
  // Shown once: every later decision is capped_session with no offer, and the slot keeps it.
  await page.evaluate(() => window.ShopperSegments.track('view_item', { item_id: 'p9' }));
  await page.waitForFunction(() => window.ShopperSegments.decide()
    .some((d) => d.slot === 'hero' && d.offer === null && d.skipped.some((s) => s.reason === 'capped_session')));
  await page.evaluate(() => window.ShopperSegments.refresh());
  assert.equal(await shownOffer(page, 'hero'), 'hero_once');
  await page.close();
});

test('a page that changes an offer event\'s content, pushes unreadable dataLayer entries or sends session_start changes nothing it should not', async () => {
  const ownSite = widgetSite({ scriptAttributes: ' data-datalayer' });
  const ownServer = await startServer({ root: ownSite.root, csp: STRICT_CSP });
  try {
    const shop = await openShopPage(newPage, browser, ownServer.url('/p3.html'));
    const renamed = { ...CONFIG, offers: CONFIG.offers.map((o) => (o.id === 'hero_welcome' ? { ...o, id: 'hero_hello' } : o)) };
    const outcome = await shop.evaluate(async (config) => {
      const errors = [];
      // A listener that rewrites what it is given (sloppy code would do so silently; this one says so).
      document.addEventListener('shopper-segments:offer', (event) => {
        'use strict';
        try {
          event.detail.content.title = 'Rewritten by the page';
        } catch (error) {
          errors.push(error.name);
        }
      });
      await window.ShopperSegments.configure(config);
      let pushed = 'ok';
      try {
        window.dataLayer.push({ get event() { throw new Error('boom'); } });
        window.dataLayer.push(new Proxy({}, { get() { throw new Error('boom'); }, ownKeys() { throw new Error('boom'); } }));
        window.dataLayer.push({ event: 'view_item', ecommerce: { get items() { throw new Error('boom'); } } });
      } catch (error) {
        pushed = error.message;
      }
      const sent = window.ShopperSegments.track('session_start', {});
      window.ShopperSegments.refresh();
      return {
        errors, pushed, sent,
        shown: document.getElementById('hero').getAttribute('data-seg-offer-shown'),
        title: document.querySelector('#hero .seg-offer__title').textContent,
        decided: window.ShopperSegments.decide().find((d) => d.slot === 'hero').content.title,
      };
    }, renamed);
    assert.equal(outcome.shown, 'hero_hello', 'the listener ran for a new offer');
    assert.deepEqual(outcome.errors, ['TypeError'], 'the content it was given cannot be changed');
    assert.equal(outcome.pushed, 'ok', 'the page\'s own dataLayer.push does not throw');
    assert.equal(outcome.sent, false, 'session_start is the engine\'s own');
    assert.equal(outcome.title, 'Welcome to the test shop');
    assert.equal(outcome.decided, 'Welcome to the test shop');
    assert.deepEqual(shop.pageErrors, []);
  } finally {
    await ownServer.close();
    ownSite.remove();
  }
});
