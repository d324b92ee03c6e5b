// The studio's "Results" view (web/studio/lift-view.js): four numbers typed in give the lift with
// its 95 % interval, an impossible entry gives a sentence and marks the field. Screenshots at
// 1280 px and 390 px go to test-output/ (and SHOTS_DIR when set).

import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, newPage, screenshot, SITE, STRICT_CSP, startServer } from './helpers.mjs';

let server;
before(async () => {
  assert.ok(existsSync(path.join(SITE, 'studio', 'index.html')), 'dist/site/studio is missing: run scripts/build first');
  server = await startServer({ root: SITE, csp: STRICT_CSP });
});
after(async () => server && server.close());

for (const width of [1280, 390]) {
  test(`the results view computes the lift and its interval (${width} px)`, async () => {
    const browser = await launchBrowser({ viewport: { width, height: 800 } });
    const page = await newPage(browser);
    await page.goto(server.url('/studio/#results'));
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    assert.equal(await page.getAttribute('#tab-results', 'aria-selected'), 'true');
    const type = async (values) => {
      for (const [key, value] of Object.entries(values)) await page.fill(`[data-testid="lift-${key}"]`, String(value));
    };
    // before anything is typed: what the view needs, no field marked wrong
    assert.match(await page.textContent('[data-testid="lift-result"]'), /Enter the four numbers/);
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
    await type({ exposedVisitors: 20000, exposedConversions: 1300, heldOutVisitors: 2000, heldOutConversions: 100 });
    const result = await page.textContent('[data-testid="lift-result"]');
    assert.match(result, /Lift \+30\.0\u00a0%/);
    assert.match(result, /\+6\.6\u00a0% to \+58\.5\u00a0%/);
    assert.match(result, /raised conversion/);
    if (process.env.SHOTS_DIR) {
      mkdirSync(process.env.SHOTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(process.env.SHOTS_DIR, `lift-${width}.png`) });
    }
    await screenshot(page, `studio-lift-${width}`);
    await type({ heldOutConversions: 2500 });
    assert.match(await page.textContent('[data-testid="lift-result"]'), /More conversions than visitors among those held out/);
    assert.equal(await page.getAttribute('[data-testid="lift-heldOutConversions"]', 'aria-invalid'), 'true');
    assert.deepEqual(page.pageErrors, []);
    await browser.close();
  });
}
