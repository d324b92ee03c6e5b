// The owner's first stumble (issue 17): a new hero offer for a new segment at the default
// priority never shows, because the visitor's other segments have hero offers that rank higher.
// The simulator must say so, with the winner's name and the numbers that decided.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.mjs';
import { SHOTS as shots, openStudio, serveStudio } from './studio-site.mjs';

const studio = serveStudio();

/** The catalogue with a "sale hunter" segment and a hero offer for it at the default priority. */
function configWithSaleHunter() {
  const config = JSON.parse(readFileSync(path.join(ROOT, 'src/catalog/default.json'), 'utf8'));
  config.settings.control_group = 0;  // this visitor must see offers
  config.segments.push({ id: 'sale_hunter', name: 'Sale hunter', rule: { count: 'view_item', where: { tags: 'sale' } } });
  config.offers.push({ id: 'sale_hunter_hero', slot: 'hero', segments: ['sale_hunter'], content: { title: 'Sale picks for you' } });
  return config;
}

for (const width of [1280, 390]) {
  test(`at ${width} px the simulator says the new hero offer was outranked, by whom and why`, async () => {
    const { page, context, errors } = await openStudio(studio, 'edit', { width });
    await page.evaluate((text) => {
      const editor = document.getElementById('json-editor');
      editor.value = text;
      editor.dispatchEvent(new Event('input', { bubbles: true }));
    }, JSON.stringify(configWithSaleHunter(), null, 2));
    await page.waitForFunction(() => window.studio.store.state.issues.length === 0
      && window.studio.store.state.working.offers.some((o) => o.id === 'sale_hunter_hero'));
    await page.waitForFunction(() => window.studio.settled());

    await page.click('#tab-simulate');
    await page.click('#sim-reset');
    await page.waitForFunction(() => window.studio.sim.journey.actions.length === 0 && window.studio.sim.ready);
    await page.click('#ev-view-sale');
    await page.waitForSelector('[data-segment="sale_hunter"][data-member="true"]');

    const hero = page.locator('[data-testid="offer-results"] tr[data-slot="hero"]');
    const winner = await hero.getAttribute('data-offer');
    assert.ok(winner && winner !== 'sale_hunter_hero', `the hero slot shows ${winner}`);
    const config = configWithSaleHunter();
    const winnerOffer = config.offers.find((o) => o.id === winner);
    const fate = page.locator('[data-testid="offer-results"] [data-fates-slot="hero"] [data-fate-offer="sale_hunter_hero"]');
    assert.equal(await fate.getAttribute('data-fate-reason'), 'outranked');
    const words = await fate.textContent();
    // Names, not ids: the offer's title, the winner's title and both priorities.
    assert.ok(words.includes('“Sale picks for you”'), words);
    assert.ok(words.includes(`Lost to “${winnerOffer.content.title}” (priority ${winnerOffer.priority} > 0).`), words);
    assert.ok(!words.includes('sale_hunter_hero'), words);

    // The page does not scroll sideways because of the sentences.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await fate.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `studio-outranked-${width}.png`) });
    await page.locator('[data-testid="offer-results"]').screenshot({ path: path.join(shots, `studio-outranked-table-${width}.png`) });
    if (width === 1280) assert.ok(overflow <= 0, `scrolls sideways by ${overflow} px`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
