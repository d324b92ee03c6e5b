// The demo store (dist/site, or DEMO_SITE_ROOT) served the way a careful shop serves itself:
// with a strict Content-Security-Policy (no inline script or style), so every page of the demo
// tests also proves the demo needs no exception. Shared by demo.test.mjs and demo-config.test.mjs.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { SITE, STRICT_CSP, launchBrowser, newPage, startServer } from './helpers.mjs';

export const siteRoot = process.env.DEMO_SITE_ROOT ? path.resolve(process.env.DEMO_SITE_ROOT) : SITE;

/**
 * Serves the demo for the tests of the calling file, after checking that `files` were built.
 * @returns {{ base: string }} the site's root URL, set once the server runs
 */
export function serveDemo(files) {
  const site = { base: '' };
  let server = null;
  before(async () => {
    for (const file of files) {
      assert.ok(existsSync(path.join(siteRoot, file)), `${file} is missing from ${siteRoot}: run scripts/build first`);
    }
    server = await startServer({ root: siteRoot, csp: STRICT_CSP });
    site.base = server.url('/');
  });
  after(async () => {
    if (server) await server.close();
  });
  return site;
}

// A fresh visitor: its own browser profile (so its own storage), a laptop-sized window, and a
// record of page errors, console errors and requests, checked by `assertClean`.
export async function newVisitor(height = 800) {
  const browser = await launchBrowser({ viewport: { width: 1280, height } });
  const page = await newPage(browser);
  return { browser, page };
}

export function problems(page) {
  return page.pageErrors.map((e) => `page error: ${e}`)
    .concat(page.consoleMessages.filter((m) => m.type === 'error').map((m) => `console error: ${m.text}`));
}

export function assertClean(page, base) {
  assert.deepEqual(problems(page), [], 'no page or console errors (CSP violations included)');
  const foreign = page.requests.filter((url) => !url.startsWith(base));
  assert.deepEqual(foreign, [], 'no request leaves the shop');
}

// Waits until the widget is running on the page and its panel lists segments (queued events are
// then applied and saved, so navigating on loses nothing). `state` as Playwright's waitForSelector.
export async function settle(page, state = 'visible') {
  await page.waitForLoadState('load');
  await page.evaluate(() => window.ShopperSegments.ready.then(() => undefined));
  await page.waitForSelector('#seg-panel [data-panel-segment]', { state });
}

// Presses a panel control that reloads the page ("Forget me", "Come back in…") and settles on the
// new document. Waiting for its `load` event first matters: otherwise `settle` may read the old
// document, which the reload then destroys under it. `hidden`: the control sits in a collapsed
// panel, so it is clicked from the page's side.
export async function clickAndSettle(page, selector, { state = 'visible', hidden = false } = {}) {
  const press = hidden ? page.$eval(selector, (control) => control.click()) : page.click(selector);
  await Promise.all([page.waitForEvent('load'), press]);
  await settle(page, state);
}
