// The shop owner's journey through the studio, on a desk (1280 px) and on a phone (390 px): create a
// "Sale hunter" segment and a capped hero offer for it by names, simulate a visitor who looks at
// sale items, read the checks, publish with the diff (by keyboard), raise the offer, publish again,
// and roll back in one click. On every tab: no sideways scrolling, every control labelled.
// Run: node --test tests/browser/studio-journey.test.mjs (after scripts/build). Screenshots in
// test-output/studio-journey-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { OUTPUT } from './helpers.mjs';
import { openStudio, serveStudio } from './studio-site.mjs';

const TABS = ['edit', 'simulate', 'checks', 'replay', 'publish'];

const studio = serveStudio();

const settle = (page) => page.waitForFunction(() => window.studio.settled());
const shot = (page, name) => page.screenshot({ path: path.join(OUTPUT, `studio-journey-${name}.png`), fullPage: true });

/** What sticks out sideways on the tab shown: the page, and any view or panel scrolling inside. */
function overflowOf(page) {
  return page.evaluate(() => {
    const out = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth) out.push(`page ${doc.scrollWidth}`);
    for (const el of document.querySelectorAll('.view:not([hidden]), .view:not([hidden]) > *, .view:not([hidden]) section, header.top')) {
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto') out.push(`${el.className || el.tagName} ${el.scrollWidth}>${el.clientWidth}`);
    }
    return out;
  });
}

/** Controls of the shown tab (and the header) that a screen reader could not name. */
function unlabelled(page) {
  return page.evaluate(() => {
    const visible = (el) => el.getClientRects().length > 0 && !el.closest('[hidden]');
    const named = (el) => {
      if ((el.getAttribute('aria-label') || '').trim() || el.getAttribute('aria-labelledby')) return true;
      if (el.tagName === 'BUTTON' || el.tagName === 'SUMMARY') return el.textContent.trim() !== '';
      if (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)) return true;
      return Boolean(el.closest('label'));
    };
    return [...document.querySelectorAll('header input, header button, header select, .view:not([hidden]) input, .view:not([hidden]) select, .view:not([hidden]) textarea, .view:not([hidden]) button, .view:not([hidden]) summary')]
      .filter((el) => visible(el) && !named(el))
      .map((el) => `${el.tagName} ${el.id || el.dataset.path || el.className}`);
  });
}

/** Presses Tab until `selector` has the focus (at most `limit` times): it is in the tab order. */
async function tabTo(page, selector, limit = 80) {
  for (let i = 0; i < limit; i += 1) {
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached with Tab`);
}

async function checkEveryTab(page, width, label) {
  for (const tab of TABS) {
    await page.click(`#tab-${tab}`);
    await settle(page);
    assert.deepEqual(await overflowOf(page), [], `${label}: ${tab} at ${width} px scrolls sideways`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= width, `${tab} at ${width} px`);
    assert.deepEqual(await unlabelled(page), [], `${label}: ${tab} has unlabelled controls`);
    await shot(page, `${width}-${label}-${tab}`);
  }
}

for (const width of [1280, 390]) {
  test(`the owner journey at ${width} px: a sale hunter segment, its hero offer, simulate, check, publish with the diff, roll back`, async () => {
    const { page, context, errors } = await openStudio(studio, 'edit', { width, height: 860 });
    await checkEveryTab(page, width, 'start');
    await page.click('#tab-edit');

    // --- a segment, by its name ------------------------------------------------------------------
    const start = await page.evaluate(() => JSON.parse(JSON.stringify(window.studio.store.state.working)));
    const seg = `/segments/${start.segments.length}`;
    await page.click('text=+ segment');
    await page.fill(`[data-path="${seg}/name"]`, 'Sale hunter');
    await page.fill(`[data-path="${seg}/rule/all/0/gte"]`, '3');
    await page.click(`[data-path="${seg}/rule/all/0/where"][data-role="where-add"]`);
    await page.fill(`[data-path="${seg}/rule/all/0/where/tags"][data-role="where-value"]`, 'sale');
    await page.waitForFunction(() => window.studio.store.state.issues.length === 0);
    assert.equal(await page.evaluate((i) => window.studio.store.state.working.segments[i].id, start.segments.length), 'sale_hunter');

    // --- a capped hero offer for it, picked by the segment's name ----------------------------------
    const off = `/offers/${start.offers.length}`;
    await page.click('text=+ offer');
    await page.fill(`[data-path="${off}/content/title"]`, 'Sale picks for you');
    const saleBox = page.locator('label.check', { hasText: /^\s*Sale hunter$/ });
    assert.equal(await saleBox.count(), 1, 'the audience lists segments by name');
    await saleBox.locator('input').check();
    await page.fill(`[data-path="${off}/caps/session"]`, '1');
    await page.waitForFunction(() => window.studio.store.state.issues.length === 0);
    const offer = await page.evaluate((i) => window.studio.store.state.working.offers[i], start.offers.length);
    assert.equal(offer.id, 'sale_picks_for_you');
    assert.deepEqual(offer.segments, ['sale_hunter']);
    assert.deepEqual(offer.caps, { session: 1 });
    assert.equal(offer.paused, true, 'a new offer starts paused');
    assert.match(await page.textContent(`.catalogue [data-pointer="${off}"]`), /paused/);
    await settle(page);
    await shot(page, `${width}-edit-offer`);

    // --- simulate a visitor who looks at sale items --------------------------------------------------
    await page.click('#tab-simulate');
    await page.click('#sim-reset');
    await page.waitForFunction(() => window.studio.sim.journey.actions.length === 0 && window.studio.sim.ready);
    for (let i = 0; i < 3; i += 1) await page.click('#ev-view-sale');
    await page.waitForSelector('[data-testid="segment-bars"] [data-segment="sale_hunter"][data-member="true"]');
    assert.match(await page.textContent('[data-testid="timeline"]'), /entered: [^\n]*Sale hunter/);
    const hero = '[data-testid="offer-results"] tr[data-slot="hero"]';
    const fate = '[data-fates-slot="hero"] [data-fate-offer="sale_picks_for_you"]';
    // paused: it shows to nobody, and the simulator says so
    assert.notEqual(await page.getAttribute(hero, 'data-offer'), 'sale_picks_for_you');
    assert.equal(await page.getAttribute(fate, 'data-fate-reason'), 'paused');

    // --- enabled: at priority 10 it loses the hero slot, and the simulator names what outranks it ----
    await page.click('#tab-edit');
    await page.check(`[data-path="${off}/paused"][data-role="enabled"]`);
    await page.waitForFunction((i) => window.studio.store.state.working.offers[i].paused === undefined, start.offers.length);
    await page.click('#tab-simulate');
    await page.waitForSelector(`${fate}[data-fate-reason="outranked"]`);
    assert.notEqual(await page.getAttribute(hero, 'data-offer'), 'sale_picks_for_you');
    assert.match(await page.textContent(fate), /Sale picks for you[\s\S]*(Lost to|outranked|ranked)/i);
    await shot(page, `${width}-simulate-loses`);

    // --- checks ------------------------------------------------------------------------------------
    await page.click('#tab-checks');
    await settle(page);
    assert.match(await page.textContent('.checks-summary'), /\d+ problems?, \d+ worth a look/);
    assert.ok(!(await page.textContent('[data-testid="findings"]')).includes('sale_hunter'), 'checks name segments, not ids');

    // --- publish with the diff, by keyboard -------------------------------------------------------
    await page.click('#tab-publish');
    await settle(page);
    await page.focus('#tab-publish');
    await tabTo(page, '#review-publish');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused control shows its focus');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#publish-dialog[open]');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.getElementById('publish-dialog').open);
    assert.equal(await page.evaluate(() => window.studio.versions.history().length), 0, 'Escape publishes nothing');
    await page.focus('#review-publish');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#publish-dialog[open] [data-testid="sizes-box"][data-ready="true"]', { timeout: 60000 });
    const diff = await page.textContent('[data-testid="config-diff"]');
    assert.match(diff, /added segment “Sale hunter”/);
    assert.match(diff, /added offer “Sale picks for you”/);
    assert.ok(!diff.includes('sale_hunter'), 'the diff names, not ids');
    const saleRow = page.locator('[data-testid="sizes-diff"] tr[data-segment="sale_hunter"]');
    assert.equal(await saleRow.getAttribute('data-published'), '—');
    assert.match(await saleRow.getAttribute('data-draft'), /^\d+$/);
    assert.deepEqual(await overflowOf(page), []);
    await shot(page, `${width}-publish-diff`);
    await tabTo(page, '#publish-note');
    await page.keyboard.type('sale hunters');
    await tabTo(page, '#confirm-publish');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.studio.versions.history().length === 1);
    await page.waitForFunction(() => document.getElementById('embed-snippet').value.includes('Sale picks for you'));

    // --- the offer is raised so it wins, published again --------------------------------------------
    await page.click('#tab-edit');
    await page.click(`.catalogue [data-pointer="${off}"]`);
    await page.fill(`[data-path="${off}/priority"]`, '500');
    await page.waitForFunction((i) => window.studio.store.state.working.offers[i].priority === 500, start.offers.length);
    await page.click('#tab-simulate');
    await page.waitForSelector(`${hero}[data-offer="sale_picks_for_you"]`);
    assert.match(await page.textContent(hero), /Sale picks for you[\s\S]*for segment “Sale hunter”/);
    await page.click('#tab-publish');
    await page.click('#review-publish');
    await page.waitForSelector('#publish-dialog[open] [data-testid="config-diff"]');
    const raised = await page.textContent('[data-testid="config-diff"]');
    assert.match(raised, /changed offer “Sale picks for you”[\s\S]*priority: 10 → 500/);
    await page.click('#confirm-publish');
    await page.waitForFunction(() => window.studio.versions.history().length === 2);

    // --- roll back in one click -----------------------------------------------------------------------
    const first = await page.evaluate(() => window.studio.versions.history()[1].id);
    await page.click(`[data-rollback="${first}"]`);
    await page.waitForFunction(() => window.studio.versions.history().length === 3);
    const rolled = await page.evaluate((i) => ({
      published: window.studio.versions.published().config.offers[i].priority,
      draft: window.studio.store.state.draft.offers[i].priority,
      kind: window.studio.versions.history()[0].kind,
    }), start.offers.length);
    assert.deepEqual(rolled, { published: 10, draft: 10, kind: 'rollback' });
    assert.match(await page.textContent('[data-testid="history"] .version.live'), /rolled back to the version of[\s\S]*sale hunters/);
    assert.match(await page.textContent('[data-testid="publish-status"]'), /Rolled back/);

    await checkEveryTab(page, width, 'end');
    assert.deepEqual(errors, []);
    await context.close();
  });
}
