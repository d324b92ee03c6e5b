// Two tabs of one browser share the profile: each picks up the other's changes through the
// `storage` event, and events tracked in both tabs at the same moment are all kept.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { STRICT_CSP, launchBrowser, newPage, screenshot, startServer } from './helpers.mjs';
import { membersOf, openShopPage, shownOffer, widgetSite, widgetWarnings } from './widget-fixture.mjs';

const viewCount = (page) => page.evaluate(async () => (await window.ShopperSegments.explain('busy_browser')).tree.value);

test('two tabs see each other\'s events, also when both track at once', async () => {
  const site = widgetSite();
  const server = await startServer({ root: site.root, csp: STRICT_CSP });
  const browser = await launchBrowser();
  try {
    const tabA = await openShopPage(newPage, browser, server.url('/p1.html'));
    assert.deepEqual(await membersOf(tabA), []);
    assert.equal(await shownOffer(tabA, 'hero'), 'hero_welcome');

    // Tab B loads the stored view of p1 and adds p2: two new items make a new-in fan.
    const tabB = await openShopPage(newPage, browser, server.url('/p2.html'));
    assert.deepEqual(await membersOf(tabB), ['new_fan']);
    // Tab A hears of it without a reload, and its hero follows.
    await tabA.waitForFunction(() => window.ShopperSegments.segments().some((s) => s.id === 'new_fan' && s.member));
    await tabA.waitForSelector('#hero [data-seg-offer-id="hero_new"]');
    await screenshot(tabA, 'widget-tabs-a-after-b');

    // Both tabs track in the same moment, before either can hear of the other's write.
    await Promise.all([
      tabA.evaluate(() => window.ShopperSegments.track('view_item', { item_id: 'a-side' })),
      tabB.evaluate(() => window.ShopperSegments.track('view_item', { item_id: 'b-side' })),
    ]);
    for (const tab of [tabA, tabB]) {
      await tab.waitForFunction(() => window.ShopperSegments.segments().some((s) => s.id === 'busy_browser' && s.member));
    }
    assert.equal(await viewCount(tabA), 4);
    assert.equal(await viewCount(tabB), 4);

    // A third tab opened now starts from the merged profile.
    const tabC = await openShopPage(newPage, browser, server.url('/plain.html'));
    assert.equal(await viewCount(tabC), 4);
    for (const tab of [tabA, tabB, tabC]) assert.deepEqual(tab.pageErrors, []);
  } finally {
    await browser.close();
    await server.close();
    site.remove();
  }
});

// Each tab tracks `size` events, saves, then keeps its thread busy for a moment, so that both tabs
// have written before either hears of the other's write: the race at its widest.
async function burstThenHold(page, size, tag) {
  await page.evaluate(async ({ size, tag }) => {
    for (let i = 0; i < size; i++) window.ShopperSegments.track('view_item', { item_id: tag + i });
    await Promise.resolve();  // the save (once per task) runs here
    const until = Date.now() + 400;
    while (Date.now() < until) { /* hold the thread: the other tab's storage event must wait */ }
  }, { size, tag });
}

async function countsSettle(tabs, expected) {
  let counts = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    counts = await Promise.all(tabs.map(viewCount));
    if (counts.every((c) => c === expected)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return counts;
}

test('two tabs each tracking a burst far larger than the journal, at the same moment, keep every event', async () => {
  const site = widgetSite();
  const server = await startServer({ root: site.root, csp: STRICT_CSP });
  const browser = await launchBrowser();
  try {
    const tabA = await openShopPage(newPage, browser, server.url('/plain.html'));
    const tabB = await openShopPage(newPage, browser, server.url('/plain.html'));
    for (const tab of [tabA, tabB]) await tab.evaluate(() => window.ShopperSegments.loadToolkit());
    assert.equal(await viewCount(tabA), 0);
    const size = 1200;  // the journal once kept at most 512 operations
    await Promise.all([burstThenHold(tabA, size, 'a'), burstThenHold(tabB, size, 'b')]);
    assert.deepEqual(await countsSettle([tabA, tabB], 2 * size), [2 * size, 2 * size], 'each tab counts both bursts, once');
    // And the stored profile holds them: a new tab starts from both bursts.
    const tabC = await openShopPage(newPage, browser, server.url('/plain.html'));
    await tabC.evaluate(() => window.ShopperSegments.loadToolkit());
    assert.equal(await viewCount(tabC), 2 * size);
    for (const tab of [tabA, tabB, tabC]) {
      assert.deepEqual(tab.pageErrors, []);
      assert.deepEqual(widgetWarnings(tab), []);
    }
  } finally {
    await browser.close();
    await server.close();
    site.remove();
  }
});

// A tab that has not heard of the other tab's write (here: both tabs deaf to `storage` events, the
// widest form of that race) and then leaves: it writes its changes into the store before it goes.
test('a tab that leaves before hearing of the other tab\'s write still leaves its events in the profile', async () => {
  const site = widgetSite();
  const server = await startServer({ root: site.root, csp: STRICT_CSP });
  const browser = await launchBrowser();
  const deafPage = async (context) => {
    const page = await newPage(context);
    // Registered before the widget's own listener, so the widget never hears of the other tab.
    await page.addInitScript(() => addEventListener('storage', (event) => event.stopImmediatePropagation()));
    return page;
  };
  try {
    const tabA = await openShopPage(deafPage, browser, server.url('/plain.html'));
    const tabB = await openShopPage(deafPage, browser, server.url('/plain.html'));
    const track = (tab, tag, count) => tab.evaluate(async ({ tag, count }) => {
      for (let i = 0; i < count; i++) window.ShopperSegments.track('view_item', { item_id: tag + i });
      await Promise.resolve();  // saved at the end of this task
    }, { tag, count });
    await track(tabA, 'a', 5);
    await track(tabB, 'b', 3);  // written over A's write, without A's 5 views
    // A leaves for another page (pagehide), as a shopper clicking a link does.
    await tabA.goto(server.url('/plain.html?next'));
    await tabA.evaluate(() => window.ShopperSegments.ready.then(() => window.ShopperSegments.loadToolkit()));
    assert.equal(await viewCount(tabA), 8, 'the next page of A starts from both tabs\' views');
    const tabC = await openShopPage(newPage, browser, server.url('/plain.html'));
    await tabC.evaluate(() => window.ShopperSegments.loadToolkit());
    assert.equal(await viewCount(tabC), 8);
    for (const tab of [tabA, tabB, tabC]) assert.deepEqual(tab.pageErrors, []);
  } finally {
    await browser.close();
    await server.close();
    site.remove();
  }
});
