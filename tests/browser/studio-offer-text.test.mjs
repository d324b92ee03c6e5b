// Offer texts that quote the visitor's numbers ({amount_left:50}, {cart_value}, docs/RULES.md
// "Numbers in offer texts") read in the studio as the shopper reads them: the simulator writes the
// engine's numbers into the winning offer's text with the storefront's own withNumbers(), and the
// offer editor's preview shows the engine's numbers for an example cart and says so, while the form
// keeps the text as typed.
// Run: node --test tests/browser/studio-offer-text.test.mjs (after scripts/build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.mjs';
import { SHOTS as shots, openStudio as open, serveStudio } from './studio-site.mjs';

const catalogue = JSON.parse(readFileSync(path.join(ROOT, 'src/catalog/default.json'), 'utf8'));
const freeShipping = catalogue.offers.find((o) => o.id === 'free_shipping_threshold_cart');

const studio = serveStudio();
const openStudio = (hash, width = 1280) => open(studio, hash, { width });

test('the catalogue quotes the numbers this test reads (its free-shipping offer, in euro)', () => {
  assert.equal(catalogue.settings.currency, 'EUR');
  assert.equal(freeShipping.slot, 'cart_incentive');
  assert.equal(freeShipping.content.title, '{amount_left:50} to free shipping');
  assert.equal(freeShipping.content.body, 'Your cart holds {cart_value}. Orders from {amount:50} ship free.');
});

test('the simulator shows a decided offer’s text with the visitor’s numbers: a 39 item in the cart, €11.00 to free shipping', async () => {
  const { page, context, errors } = await openStudio('simulate');
  await page.click('#sim-reset');
  await page.waitForFunction(() => window.studio.sim.journey.actions.length === 0 && window.studio.sim.ready);
  await page.selectOption('.sim-controls select[id^="cat"]', 'accessories');
  await page.fill('.sim-controls input[id^="price"]', '39');
  await page.click('#ev-view');
  await page.click('#ev-add');
  const row = '[data-testid="offer-results"] tr[data-slot="cart_incentive"]';
  await page.waitForSelector(`${row}[data-offer="free_shipping_threshold_cart"]`);
  assert.equal((await page.textContent(`${row} .shown-title`)).trim(), '€11.00 to free shipping');
  assert.match(await page.textContent(`${row} .shown-text`), /^Your cart holds €39\.00\. Orders from €50\.00 ship free\. \[Keep shopping\]$/);
  // the timeline says what the shopper saw at that step, in the same words
  assert.match(await page.textContent('[data-testid="timeline"]'), /cart_incentive → €11\.00 to free shipping/);
  // no offer text the simulator shows is a raw template
  const shown = await page.locator('[data-testid="offer-results"] .shown-title, [data-testid="offer-results"] .shown-text, [data-testid="timeline"] .offers-changed').allTextContents();
  assert.ok(shown.length >= 3, shown.join(' | '));
  for (const text of shown) assert.ok(!text.includes('{'), `a raw placeholder is shown: ${text}`);

  // another item, of 5: the numbers follow the cart (44, so 6 left)
  await page.fill('.sim-controls input[id^="price"]', '5');
  await page.click('#ev-view');
  await page.click('#ev-add');
  await page.waitForFunction((selector) => document.querySelector(`${selector} .shown-title`)?.textContent.trim() === '€6.00 to free shipping', row);
  await page.locator('.sim-results').screenshot({ path: path.join(shots, 'studio-offer-text-simulator-1280.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the offer editor previews an example cart and says so; the form keeps the placeholders', async () => {
  const { page, context, errors } = await openStudio('edit');
  const index = catalogue.offers.indexOf(freeShipping);
  await page.click(`.catalogue [data-pointer="/offers/${index}"]`);
  await page.waitForSelector('.offer-preview[data-example="ready"]');
  assert.equal(await page.textContent('[data-testid="offer-preview"] .preview-title'), '€11.00 to free shipping');
  assert.equal(await page.textContent('[data-testid="offer-preview"] .preview-body'), 'Your cart holds €39.00. Orders from €50.00 ship free.');
  assert.match(await page.textContent('[data-testid="preview-example"]'), /^Shown with a cart of one item worth €39\.00 as an example/);
  assert.equal(await page.inputValue(`[data-path="/offers/${index}/content/title"]`), '{amount_left:50} to free shipping');
  assert.equal(await page.inputValue(`[data-path="/offers/${index}/content/body"]`), freeShipping.content.body);

  // typing a new threshold: the preview follows, the field keeps the text as typed
  await page.fill(`[data-path="/offers/${index}/content/title"]`, 'Only {amount_left:60} to go');
  await page.waitForFunction(() => document.querySelector('[data-testid="offer-preview"] .preview-title').textContent === 'Only €21.00 to go');
  // a text without placeholders has no example sentence
  await page.fill(`[data-path="/offers/${index}/content/title"]`, 'Free shipping soon');
  await page.fill(`[data-path="/offers/${index}/content/body"]`, 'Keep going.');
  await page.waitForSelector('.offer-preview[data-example="none"]');
  assert.equal(await page.textContent('[data-testid="offer-preview"] .preview-title'), 'Free shipping soon');
  assert.equal(await page.locator('[data-testid="preview-example"]').count(), 0);
  // a placeholder being typed (not one the engine knows): the text as typed, no example
  await page.fill(`[data-path="/offers/${index}/content/title"]`, 'Only {amount_lef to go');
  await page.waitForSelector('.offer-preview[data-example="none"]');
  assert.equal(await page.textContent('[data-testid="offer-preview"] .preview-title'), 'Only {amount_lef to go');

  // without a currency the amounts are plain numbers, as on the shop
  await page.fill(`[data-path="/offers/${index}/content/title"]`, '{amount_left:50} to free shipping');
  await page.evaluate(() => {
    const draft = JSON.parse(JSON.stringify(window.studio.store.state.draft));
    delete draft.settings.currency;
    window.studio.store.setDraft(draft, 'test');
  });
  await page.click(`.catalogue [data-pointer="/offers/${index}"]`);
  await page.waitForFunction(() => document.querySelector('[data-testid="offer-preview"] .preview-title').textContent === '11 to free shipping');
  assert.match(await page.textContent('[data-testid="preview-example"]'), /worth 39 as an example/);
  await page.locator('.preview-holder').screenshot({ path: path.join(shots, 'studio-offer-text-preview.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
