// Exit intent on a phone: Chromium with touch emulation (390 px, isMobile, hasTouch) and real
// touch scroll gestures (DevTools Input.synthesizeScrollGesture). Reading down the page and
// scrolling back up slowly shows nothing; a fast flick back up shows the exit slot's offer, with
// an `exit_intent` event of signal fast_scroll_up. The rule of it: web/src/engagement.mjs.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newPage, screenshot, startServer } from './helpers.mjs';
import { openShopPage, shownOffer, widgetSite } from './widget-fixture.mjs';

let server;
let site;
before(async () => {
  site = widgetSite({ extraHead: '<meta name="viewport" content="width=device-width, initial-scale=1">', extraBody: '<div id="long" style="height:4000px">A long page to read.</div>' });
  server = await startServer({ root: site.root });
});
after(async () => {
  await server.close();
  site.remove();
});

// A finger drag from y0 to y1 (a finger moving up scrolls the page down) in `steps` moves `ms`
// apart. The event timestamps say that pace, so the fling after a fast drag has its speed; a slow
// drag also waits that long between moves (a slow finger gives no fling).
async function drag(cdp, y0, y1, steps, ms) {
  let at = Date.now() / 1000;
  const touch = (type, y) => cdp.send('Input.dispatchTouchEvent',
    { type, touchPoints: y === null ? [] : [{ x: 195, y }], timestamp: at });
  await touch('touchStart', y0);
  for (let i = 1; i <= steps; i++) {
    at += ms / 1000;
    if (ms >= 30) await new Promise((resolve) => setTimeout(resolve, ms));
    await touch('touchMove', y0 + ((y1 - y0) * i) / steps);
  }
  await touch('touchEnd', null);
}
const frames = (page, n) => page.evaluate((count) => new Promise((resolve) => {
  const next = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
  next(count);
}), n);

test('on a phone a fast flick back up shows the exit offer; reading and scrolling up slowly do not', async () => {
  const browser = await launchBrowser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await openShopPage(newPage, browser, server.url('/plain.html'));
  const cdp = await browser.newCDPSession(page);
  assert.equal(await page.evaluate(() => navigator.maxTouchPoints > 0), true, 'touch is emulated');

  for (let i = 0; i < 4; i++) await drag(cdp, 700, 200, 25, 40);  // reading down the page, slowly
  await frames(page, 10);
  const read = await page.evaluate(() => window.scrollY);
  assert.ok(read > 1200, `the drags scrolled the page (${read} px)`);
  await drag(cdp, 200, 600, 20, 60);  // back up slowly, as someone looking for something
  await frames(page, 10);
  assert.ok(await page.evaluate(() => window.scrollY) < read, 'the page went back up');
  assert.equal(await shownOffer(page, 'exit'), null, 'a slow scroll up is not leaving');
  assert.equal(await page.evaluate(() => document.getElementById('exit').hidden), true);

  await drag(cdp, 150, 650, 10, 8);  // a flick towards the address bar (62 px/ms)
  await page.waitForSelector('#exit[data-seg-offer-shown="exit_coupon"]');
  assert.equal(await page.evaluate(() => document.getElementById('exit').hidden), false);
  await screenshot(page, 'touch-exit-intent');
  assert.deepEqual(page.pageErrors, []);
  await browser.close();
});
