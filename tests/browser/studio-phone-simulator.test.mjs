// The simulator on a phone (390 px): its results sit below every control, so a summary of the last
// step (what it changed, the segments the visitor is in, each slot's offer) sticks to the bottom
// of the screen while the controls are in view; on a desk (1280 px) the results are beside the
// controls and the summary is not shown. Screenshots in test-output/ (or SHOTS_DIR).
// Run: node --test tests/browser/studio-phone-simulator.test.mjs (after scripts/build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SHOTS as shots, openStudio, serveStudio } from './studio-site.mjs';

const studio = serveStudio();

async function simulateAt(width, height) {
  const { page, context, errors } = await openStudio(studio, 'simulate', { width, height });
  await page.click('#sim-reset');
  await page.waitForFunction(() => window.studio.sim.journey.actions.length === 0 && window.studio.sim.ready);
  return { page, context, errors };
}

/** How much of the element is on the screen: 'whole', 'part' or 'none'. */
function onScreen(page, selector) {
  return page.evaluate((s) => {
    const box = document.querySelector(s).getBoundingClientRect();
    if (box.height === 0 || box.bottom <= 0 || box.top >= window.innerHeight) return 'none';
    return box.top >= 0 && box.bottom <= window.innerHeight ? 'whole' : 'part';
  }, selector);
}

test('at 390 px each shop action shows what it changed on the screen where it was taken', async () => {
  const { page, context, errors } = await simulateAt(390, 844);
  const summary = '[data-testid="sim-summary"]';
  await page.fill('.sim-controls input[id^="price"]', '39');
  await page.click('#ev-view');
  await page.click('#ev-add');
  await page.waitForFunction((s) => /added sku-1 .* to the cart/.test(document.querySelector(s).textContent), summary);
  // the results are far below the button just pressed; the summary is on the screen, whole
  assert.equal(await onScreen(page, '.sim-results'), 'none', 'this test is about the results being out of view on a phone');
  assert.equal(await onScreen(page, summary), 'whole');
  assert.equal(await onScreen(page, '#ev-add'), 'whole', 'the summary does not hide the button pressed');
  const text = await page.textContent(summary);
  assert.match(text, /Last step: added sku-1 \(dresses, 39\) to the cart — entered Cross-sell candidate; 2 slots changed offer\./);
  assert.match(text, /In 2 segments: .*Cross-sell candidate/);
  assert.match(await page.textContent(`${summary} [data-summary-slot="cart_incentive"]`), /€11\.00 to free shipping/);
  assert.equal(await page.getAttribute(`${summary} [data-summary-slot="cart_incentive"]`, 'class'), 'changed');
  assert.equal(await page.getAttribute(`${summary} [data-summary-slot="hero"]`, 'class'), '');
  assert.equal(await page.locator(`${summary} [data-summary-slot]`).count(), await page.locator('[data-testid="offer-results"] tr[data-slot]').count());
  await page.screenshot({ path: path.join(shots, 'studio-phone-simulator-390.png') });

  // a control further down (the clock): the summary follows, and says when nothing changed
  await page.click('[data-clock="+1 hour"]');
  await page.waitForFunction((s) => /Last step: 1 hour later/.test(document.querySelector(s).textContent), summary);
  assert.equal(await onScreen(page, summary), 'whole');
  assert.match(await page.textContent(summary), /entered Cart abandoner/);
  await page.click('#ev-size');
  await page.waitForFunction((s) => /Last step: read the size guide — no segment or offer changed\./.test(document.querySelector(s).textContent), summary);
  assert.equal(await onScreen(page, summary), 'whole');

  // its button leads to the full results (and why)
  await page.click(`${summary} button`);
  await page.waitForFunction(() => document.querySelector('.sim-results').getBoundingClientRect().top < 5);
  assert.notEqual(await onScreen(page, '.sim-results'), 'none');
  await page.screenshot({ path: path.join(shots, 'studio-phone-simulator-390-results.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 1280 px the results are beside the controls and the phone summary is not shown', async () => {
  const { page, context, errors } = await simulateAt(1280, 900);
  await page.fill('.sim-controls input[id^="price"]', '39');
  await page.click('#ev-view');
  await page.click('#ev-add');
  await page.waitForSelector('[data-testid="offer-results"] tr[data-slot="cart_incentive"][data-offer="free_shipping_threshold_cart"]');
  assert.equal(await page.isVisible('[data-testid="sim-summary"]'), false);
  assert.notEqual(await onScreen(page, '[data-testid="segment-bars"]'), 'none');
  assert.notEqual(await onScreen(page, '#ev-add'), 'none');
  await page.screenshot({ path: path.join(shots, 'studio-phone-simulator-1280.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
