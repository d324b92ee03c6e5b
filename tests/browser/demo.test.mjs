// The demo store (web/demo, built into dist/site) in headless Chromium: every page works with and
// without the widget, and the journeys of issue 4 item 7 make the visitor a trend follower, a
// hesitant prospect and a cart abandoner, with the offers of the built-in catalogue in the slots.
// Screenshots of home, product, cart and the panel go to test-output/.
//
// Run: node --test tests/browser/demo.test.mjs   (after scripts/build; DEMO_SITE_ROOT overrides dist/site)
// Served with the strict CSP of a real storefront; each test is a new visitor in a fresh profile.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { assertClean as assertCleanPage, clickAndSettle, newVisitor, problems, serveDemo, settle } from './demo-site.mjs';
import { OUTPUT } from './helpers.mjs';

const HOUR = 3600000;
const DAY = 24 * HOUR;

const site = serveDemo(['index.html', 'assets/styles.css', 'shopper-segments.js', 'shopper-segments.wasm']);
const assertClean = ({ page }) => assertCleanPage(page, site.base);

// Opens a page and waits until the widget is running there.
async function open(page, file) {
  await page.goto(site.base + file);
  await settle(page);
}

// The catalogue keeps 5 % of visitors as a control group that never sees offers; a journey that
// checks offers needs a visitor outside it. "Forget me" starts a new visitor with a new id.
async function outsideControlGroup(page) {
  for (let attempt = 0; attempt < 30; attempt++) {
    const inControl = await page.evaluate(() => window.ShopperSegments.decide().some((d) => d.reason === 'control_group'));
    if (!inControl) return;
    await clickAndSettle(page, '#forget-me');
  }
  assert.fail('30 fresh visitors in a row were all in the 5 % control group');
}

async function viewProduct(page, id) {
  await open(page, `product.html?id=${id}`);
  assert.equal(await page.textContent('#product-name'), await page.evaluate((pid) => window.ShopData.byId(pid).name, id));
}

const memberSelector = (id) => `#seg-panel [data-panel-segment="${id}"][data-member="true"]`;

async function isMember(page, id) {
  return page.evaluate((segment) => window.ShopperSegments.segments().some((s) => s.id === segment && s.member), id);
}

describe('demo store pages', () => {
  test('every page renders its content, the panel and no errors, and asks nothing from elsewhere', async () => {
    const visitor = await newVisitor();
    const { page } = visitor;
    const pages = {
      'index.html': '#home-new .card',
      'category.html?c=coffee': '#list-grid .card',
      'new.html': '#list-grid .card',
      'sale.html': '#list-grid .card',
      'bestsellers.html': '#list-grid .card',
      'search.html?q=linen': '#list-grid .card',
      'product.html?id=shoe-court-sneaker': '#add-to-cart',
      'cart.html': '#cart-lines',
      'help.html#returns': '#returns.current',
    };
    for (const [file, selector] of Object.entries(pages)) {
      await open(page, file);
      assert.ok(await page.locator(selector).count() > 0, `${file} shows ${selector}`);
      assert.equal(await page.locator('#site-header .cart-count').count(), 1, `${file} has the header`);
    }
    await open(page, 'category.html?c=shaving');
    const shaving = await page.locator('#list-grid .card').evaluateAll((cards) => cards.map((c) => c.dataset.productId));
    assert.deepEqual(shaving.sort(), ['shave-blades', 'shave-cream', 'shave-safety-razor']);
    await open(page, 'search.html?q=dress');
    assert.ok((await page.textContent('#list-title')).includes('dress'));
    assertClean(visitor);
    await visitor.browser.close();
  });

  test('without the widget the shop still sells and every slot keeps its own content', async () => {
    const visitor = await newVisitor();
    const { page } = visitor;
    await page.route('**/shopper-segments.js', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.goto(site.base + 'index.html');
    await page.waitForSelector('#seg-panel .panel-status');
    assert.match(await page.textContent('#seg-panel .panel-status'), /did not load/);
    assert.match(await page.textContent('[data-seg-slot="hero"]'), /Soft layers, warm colours/);

    await page.goto(site.base + 'product.html?id=top-breton');
    assert.match(await page.textContent('[data-seg-slot="product_nudge"]'), /Delivered in 1–3 working days/);
    await page.click('#add-to-cart');
    assert.equal(await page.textContent('#cart-count'), '1');
    await page.goto(site.base + 'cart.html');
    assert.equal(await page.locator('.cart-line').count(), 1);
    assert.match(await page.textContent('[data-seg-slot="cart_incentive"]'), /away from free shipping/);
    await page.goto(site.base + 'checkout.html');
    await page.click('#place-order');
    await page.waitForURL(/thank-you\.html/);
    assert.match(await page.textContent('#thanks-text'), /Order FH-\d{6} is confirmed/);
    const errors = problems(page).filter((p) => !/404|Failed to load resource/.test(p));
    assert.deepEqual(errors, [], 'the missing widget is the only error');
    await visitor.browser.close();
  });

  test('screenshots of home, product, cart and the panel at 1280x800', async () => {
    const visitor = await newVisitor();
    const { page } = visitor;
    await open(page, 'new.html');
    await viewProduct(page, 'dress-wrap-midi');
    await page.click('#add-to-cart');
    await viewProduct(page, 'acc-sunglasses');
    await viewProduct(page, 'shoe-trail-runner');
    await open(page, 'index.html');
    await page.screenshot({ path: path.join(OUTPUT, 'demo-home.png') });
    await open(page, 'product.html?id=dress-wrap-midi');
    await page.screenshot({ path: path.join(OUTPUT, 'demo-product.png') });
    await open(page, 'cart.html');
    await page.screenshot({ path: path.join(OUTPUT, 'demo-cart.png') });
    // The whole panel: a window tall enough to show segments and offers at once.
    await page.setViewportSize({ width: 1280, height: 1900 });
    await page.locator('#seg-panel').screenshot({ path: path.join(OUTPUT, 'demo-panel.png') });
    for (const name of ['home', 'product', 'cart', 'panel']) {
      assert.ok(existsSync(path.join(OUTPUT, `demo-${name}.png`)));
    }
    assertClean(visitor);
    await visitor.browser.close();
  });
});

describe('demo store journeys', () => {
  test('browsing new arrivals makes a trend follower, and the home hero then shows new arrivals', async () => {
    const visitor = await newVisitor();
    const { page } = visitor;
    await open(page, 'index.html');
    await outsideControlGroup(page);
    assert.equal(await isMember(page, 'trend_follower'), false, 'not a trend follower before the journey');

    for (const id of ['top-linen-camp', 'dress-wrap-midi', 'shoe-court-sneaker']) {
      await open(page, 'new.html');
      await page.click(`.card[data-product-id="${id}"] a`);
      await page.waitForURL(/product\.html\?id=/);
      await settle(page);
    }
    await open(page, 'index.html');
    await page.waitForSelector(memberSelector('trend_follower'));
    const hero = page.locator('[data-seg-slot="hero"]');
    assert.equal(await hero.getAttribute('data-seg-offer-shown'), 'new_arrivals_hero');
    assert.match(await hero.textContent(), /Just landed/);
    assert.equal(await page.getAttribute('#seg-panel [data-panel-slot="hero"]', 'data-offer'), 'new_arrivals_hero');
    // The panel says what became of the hero offers that lost, with names and priorities.
    const lost = page.locator('#seg-panel [data-panel-slot="hero"] [data-fate-reason="outranked"]').first();
    await lost.waitFor();
    assert.match(await lost.textContent(), /^“[^”]+” Lost to “Just landed” \(priority 50 > \d+\)\.$/);

    // The offer's call to action leads to this shop's new-arrivals page.
    await hero.locator('a.seg-offer__cta').click();
    await page.waitForURL(/new\.html$/);
    await settle(page);
    assert.equal(await page.textContent('#list-title'), 'New in');
    assertClean(visitor);
    await visitor.browser.close();
  });

  test('cart cycles, the size guide and the return policy make a hesitant prospect with the fit nudge', async () => {
    const visitor = await newVisitor();
    const { page } = visitor;
    await open(page, 'index.html');
    await outsideControlGroup(page);
    const product = 'top-organic-tee';

    await viewProduct(page, product);
    await page.click('#add-to-cart');
    await open(page, 'cart.html');
    await page.click(`.cart-line[data-product-id="${product}"] .remove`);
    assert.equal(await page.locator('.cart-line').count(), 0);
    await viewProduct(page, product);
    await page.click('#add-to-cart');
    await page.click('#open-size-guide');
    await page.keyboard.press('Escape');
    await page.click('#open-returns');
    await page.keyboard.press('Escape');
    assert.equal(await isMember(page, 'hesitant_prospect'), false, 'three of four points so far');

    await viewProduct(page, product);  // the third look at the same product
    await page.waitForSelector(memberSelector('hesitant_prospect'));
    const nudge = page.locator('[data-seg-slot="product_nudge"]');
    await page.waitForSelector('[data-seg-slot="product_nudge"][data-seg-offer-shown="fit_and_returns_nudge"]');
    assert.match(await nudge.textContent(), /Not sure yet\?/);
    assertClean(visitor);
    await visitor.browser.close();
  });

  test('the cart is the cart: add a 39 tee, remove it, add it again; the nudge quotes what is left, in euro', async () => {
    const visitor = await newVisitor();
    const { page } = visitor;
    await open(page, 'cart.html');
    await outsideControlGroup(page);
    const incentive = '[data-seg-slot="cart_incentive"]';
    // An empty cart: no "free shipping from 50" nudge.
    await page.waitForSelector(`${incentive}[data-seg-offer-shown="delivery_returns_cart"]`);
    assert.doesNotMatch(await page.textContent(incentive), /free shipping/i);

    await viewProduct(page, 'top-breton');
    await page.click('#add-to-cart');
    await open(page, 'cart.html');
    await page.waitForSelector(`${incentive}[data-seg-offer-shown="free_shipping_threshold_cart"]`);
    await page.click('.cart-line .remove');
    await settle(page);
    await page.waitForSelector(`${incentive}[data-seg-offer-shown="delivery_returns_cart"]`);
    assert.equal(await page.locator('.cart-line').count(), 0);

    await viewProduct(page, 'top-breton');
    await page.click('#add-to-cart');
    await open(page, 'cart.html');
    await page.waitForSelector(`${incentive}[data-seg-offer-shown="free_shipping_threshold_cart"]`);
    const text = await page.textContent(incentive);
    assert.match(text, /€11\.00 to free shipping/, 'the cart holds 39, not 78');
    assert.match(text, /Your cart holds €39\.00\. Orders from €50\.00 ship free\./);
    assert.deepEqual(await page.evaluate(() => {
      const d = window.ShopperSegments.decide().find((x) => x.slot === 'cart_incentive');
      return d.numbers;
    }), { 'amount_left:50': 11, cart_value: 39, 'amount:50': 50 });
    assertClean(visitor);
    await visitor.browser.close();
  });

  test('a cart left for 3 days makes a cart abandoner: the hero shows the cart, the cart page what is left to free shipping', async () => {
    const visitor = await newVisitor();
    const { page } = visitor;
    await open(page, 'index.html');
    await outsideControlGroup(page);

    await viewProduct(page, 'acc-canvas-tote');
    await page.click('#add-to-cart');
    await open(page, 'cart.html');
    assert.equal(await isMember(page, 'cart_abandoner'), false, 'a fresh cart is not abandoned');
    // Less than 50 in the cart: the free-shipping nudge, shown by its own rule, and both the
    // shopper's "why" and the panel say so (not "every visitor").
    const incentive = '[data-seg-slot="cart_incentive"]';
    await page.waitForSelector(`${incentive}[data-seg-offer-shown="free_shipping_threshold_cart"]`);
    await page.click(`${incentive} [data-seg-why]`);
    await page.waitForFunction((selector) => document.querySelector(selector + ' .seg-why li') !== null, incentive);
    const why = await page.textContent(`${incentive} .seg-why`);
    assert.match(why, /You see this because of your visits on this device/);
    assert.match(why, /Your cart comes to 35/, 'the held condition, in plain words');
    assert.doesNotMatch(why, /add_to_cart|[<>=_]/);
    assert.match(await page.textContent('#seg-panel [data-panel-slot="cart_incentive"]'), /free_shipping_threshold_cart · by its own rule/);

    await clickAndSettle(page, `#seg-panel [data-jump="${3 * DAY}"]`);
    assert.match(page.url(), /cart\.html/);
    assert.match(await page.textContent('#clock-state'), /\+3 days/);
    const shifted = await page.evaluate(() => window.DemoClock.now() - Date.now());
    assert.ok(Math.abs(shifted - 3 * DAY) < HOUR, 'the demo clock runs 3 days ahead');
    await page.waitForSelector(memberSelector('cart_abandoner'));
    // What is left to free shipping is more specific than the general reassurance about shipping.
    await page.waitForSelector('[data-seg-slot="cart_incentive"][data-seg-offer-shown="free_shipping_threshold_cart"]');
    assert.match(await page.textContent('[data-seg-slot="cart_incentive"]'), /€15\.00 to free shipping/);
    assert.equal(await page.locator('.cart-line').count(), 1, 'the cart itself was kept');
    await open(page, 'index.html');
    await page.waitForSelector('[data-seg-slot="hero"][data-seg-offer-shown="cart_reminder_hero"]');
    assert.match(await page.textContent('[data-seg-slot="hero"]'), /Your cart is waiting[\s\S]*You left €35\.00 in your cart/);

    // "Forget me" wipes the visitor, the clock and the cart.
    await clickAndSettle(page, '#forget-me');
    assert.equal(await isMember(page, 'cart_abandoner'), false);
    assert.equal(await page.evaluate(() => window.DemoClock.offset()), 0);
    assert.equal(await page.locator('.cart-line').count(), 0);
    assertClean(visitor);
    await visitor.browser.close();
  });

  test('leaving with a full cart opens the exit-intent overlay with the saved-cart offer; Escape closes it', async () => {
    const visitor = await newVisitor();
    const { page } = visitor;
    await open(page, 'index.html');
    await outsideControlGroup(page);
    await viewProduct(page, 'acc-wool-scarf');
    await page.click('#add-to-cart');
    await open(page, 'cart.html');
    const overlay = page.locator('.exit-overlay[data-seg-slot="exit_intent"]');
    assert.equal(await overlay.isHidden(), true, 'no overlay before the pointer leaves');

    // The pointer leaves through the top of the window, as on the way to another tab.
    await page.evaluate(() => document.documentElement.dispatchEvent(
      new MouseEvent('mouseout', { bubbles: true, clientX: 400, clientY: -1, relatedTarget: null })));
    await page.waitForSelector('.exit-overlay[data-seg-offer-shown="cart_reminder_exit"]', { state: 'visible' });
    assert.match(await overlay.textContent(), /Your cart is saved/);
    assert.equal(await isMember(page, 'cart_abandoner'), true, 'leaving with a full cart is abandoning it');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.exit-overlay[data-seg-slot="exit_intent"]', { state: 'hidden' });
    const exit = await page.evaluate(() => window.ShopperSegments.decide().find((d) => d.slot === 'exit_intent'));
    assert.notEqual(exit.offer, 'cart_reminder_exit', 'a dismissed offer does not come straight back');
    assertClean(visitor);
    await visitor.browser.close();
  });

  test('sale pages, cheapest-first sorting and a coupon try make a coupon seeker, whose offer applies its code', async () => {
    const visitor = await newVisitor();
    const { page } = visitor;
    await open(page, 'index.html');
    await outsideControlGroup(page);
    await open(page, 'sale.html');
    await page.selectOption('#sort', 'price_asc');
    const prices = await page.locator('#list-grid .price-now').allTextContents();
    const numbers = prices.map((p) => Number(p.replace(/[^0-9.]/g, '')));
    assert.deepEqual(numbers, numbers.slice().sort((a, b) => a - b), 'sorted cheapest first');
    await page.click('.card[data-product-id="top-merino-knit"] a');
    await page.waitForURL(/product\.html/);
    await settle(page);
    await page.click('#add-to-cart');
    await open(page, 'sale.html');
    await open(page, 'cart.html');
    await page.fill('#coupon', 'FREESTUFF');
    await page.click('#coupon-form button[type="submit"]');
    assert.match(await page.textContent('#coupon-message'), /not a valid code/);
    await page.waitForSelector(memberSelector('coupon_seeker'));
    await page.waitForSelector('[data-seg-slot="cart_incentive"][data-seg-offer-shown="cart_coupon"]');

    await page.click('[data-seg-slot="cart_incentive"] a.seg-offer__cta');
    await page.waitForURL(/cart\.html\?coupon=SAVE10/);
    await settle(page);
    assert.match(await page.textContent('#coupon-message'), /SAVE10 applied/);
    assert.match(await page.textContent('#totals'), /Discount \(SAVE10\)/);
    assertClean(visitor);
    await visitor.browser.close();
  });

  test('the newsletter sign-up and a 10 on the NPS question make a subscriber and a brand advocate', async () => {
    const visitor = await newVisitor();
    const { page } = visitor;
    await open(page, 'index.html');
    await outsideControlGroup(page);
    await page.fill('#newsletter-form input[type="email"]', 'sam@example.com');
    await page.click('#newsletter-form button');
    await page.waitForSelector('.newsletter-done');
    await page.click('.nps-score[data-score="10"]');
    await page.waitForSelector('.nps-thanks');
    await page.waitForSelector(memberSelector('newsletter_subscriber'));
    await page.waitForSelector(memberSelector('brand_advocate'));
    await open(page, 'index.html');
    assert.equal(await page.getAttribute('[data-seg-slot="hero"]', 'data-seg-offer-shown'), 'subscriber_stories_hero');
    assertClean(visitor);
    await visitor.browser.close();
  });

  test('checkout and purchase send the order, and the thank-you slot asks for a review', async () => {
    const visitor = await newVisitor();
    const { page } = visitor;
    await open(page, 'index.html');
    await outsideControlGroup(page);

    await viewProduct(page, 'coffee-espresso');
    await page.click('#add-to-cart');
    await open(page, 'cart.html?coupon=SAVE10');
    assert.match(await page.textContent('#coupon-message'), /SAVE10 applied/);
    await page.click('#to-checkout');
    await page.waitForURL(/checkout\.html/);
    await settle(page);
    await page.click('#place-order');
    await page.waitForURL(/thank-you\.html/);
    await settle(page);
    await page.waitForSelector(memberSelector('review_candidate'));
    await page.waitForSelector('[data-seg-slot="thank_you"][data-seg-offer-shown]');
    assert.equal(await page.getAttribute('[data-seg-slot="thank_you"]', 'data-seg-offer-shown'), 'review_stars_thank_you');
    assert.match(await page.textContent('.order-summary'), /with SAVE10/);
    assert.equal(await isMember(page, 'new_prospect'), false, 'a buyer is no longer a prospect');

    // A reload of the thank-you page does not count the order twice.
    await page.reload();
    await settle(page);
    assert.equal(await isMember(page, 'one_time_buyer'), true, 'exactly one purchase');
    assertClean(visitor);
    await visitor.browser.close();
  });
});

// The shop's own stored values (its cart in localStorage, the last order in sessionStorage) may be
// damaged or written by hand: each bad line or order is left out, and no page breaks.
test('damaged stored carts and orders are left out and break no page', async () => {
  const visitor = await newVisitor();
  const { page } = visitor;
  const good = { id: 'top-breton', size: '', qty: 2 };
  const carts = [
    ['{', 0], ['null', 0], ['[]', 0], ['"cart"', 0], [JSON.stringify({ lines: 'x', coupon: 5 }), 0],
    [JSON.stringify({ lines: [null, 1, 'x', [], { id: 'no-such-product', size: '', qty: 1 }, { ...good, qty: '2' },
      { ...good, qty: 1e9 }, { ...good, qty: -1 }, { ...good, qty: 1.5 }, { ...good, size: null }, { id: { toString: 1 }, size: '', qty: 1 }, good] }), 2],
  ];
  for (const [stored, count] of carts) {
    await page.goto(site.base + 'index.html');
    await page.evaluate((value) => localStorage.setItem('fernhill.cart', value), stored);
    await open(page, 'cart.html');
    assert.equal(await page.textContent('#cart-count'), String(count), stored);
    assert.equal(await page.locator('.cart-line').count(), count ? 1 : 0, stored);
    assert.doesNotMatch(await page.textContent('main'), /NaN|undefined|null/, stored);
  }
  const placed = { number: 'FH-123456', email: 'a@example.com', currency: 'EUR', coupon: '', value: 42, discount: 0,
    shipping: 0, tracked: true, items: [{ item_id: 'top-breton', item_name: 'Breton Top', price: 42, quantity: 1 }] };
  const orders = ['{', '[]', JSON.stringify({ ...placed, items: 'x' }), JSON.stringify({ ...placed, items: [null] }),
    JSON.stringify({ ...placed, value: 'a lot' }), JSON.stringify({ ...placed, items: [{ ...placed.items[0], quantity: 0 }] })];
  for (const stored of orders) {
    await page.evaluate((value) => sessionStorage.setItem('fernhill.lastOrder', value), stored);
    await open(page, 'thank-you.html');
    assert.equal(await page.textContent('#thanks-title'), 'No recent order', stored);
  }
  await page.evaluate((value) => sessionStorage.setItem('fernhill.lastOrder', value), JSON.stringify(placed));
  await open(page, 'thank-you.html');
  assert.match(await page.textContent('#thanks-text'), /Order FH-123456 is confirmed/);
  assertClean(visitor);
  await visitor.browser.close();
});
