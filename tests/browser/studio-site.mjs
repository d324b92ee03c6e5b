// The studio (dist/site/studio) served with a strict CSP and one Chromium for the calling test
// file: each `openStudio` is a fresh browser context (its own storage), at the size asked for,
// with the page's uncaught errors collected. Shared by the studio-*.test.mjs files.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';

import { chromium } from 'playwright-core';

import { CHROMIUM, CHROMIUM_ARGS, OUTPUT, ROOT, STRICT_CSP, startServer } from './helpers.mjs';

/** Where the studio tests write screenshots. */
export const SHOTS = process.env.SHOTS_DIR || OUTPUT;
/** The built site holding studio/ (dist/site, or STUDIO_SITE_ROOT). */
export const SITE_ROOT = path.resolve(ROOT, process.env.STUDIO_SITE_ROOT || 'dist/site');

/**
 * Serves the studio and launches Chromium for the tests of the calling file.
 * @returns {{ server: Awaited<ReturnType<typeof startServer>> | null, browser: import('playwright-core').Browser | null }}
 *   filled in once the file's `before` has run
 */
export function serveStudio() {
  const site = { server: null, browser: null };
  before(async () => {
    assert.ok(existsSync(path.join(SITE_ROOT, 'studio', 'index.html')), `${SITE_ROOT}/studio is missing: run scripts/build first`);
    mkdirSync(OUTPUT, { recursive: true });
    mkdirSync(SHOTS, { recursive: true });
    site.server = await startServer({ root: SITE_ROOT, csp: STRICT_CSP });
    site.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** The studio at `#hash` in a fresh context, once it says it is ready. */
export async function openStudio(site, hash, { width = 1280, height = 900, ...contextOptions } = {}) {
  const context = await site.browser.newContext({ viewport: { width, height }, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(site.server.url(`/studio/#${hash}`));
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { page, context, errors };
}
