// Shared helpers for the browser tests: a static server on a free port (web/serve.mjs), Debian's
// Chromium driven by playwright-core with the flags of docs/TOOLCHAIN.md and a fresh user-data-dir,
// pages that collect console messages and requests, and screenshots in test-output/<name>.png.
//
//   const server = await startServer({ root: SITE, csp: STRICT_CSP });
//   const browser = await launchBrowser();
//   const page = await newPage(browser);
//   await page.goto(server.url('/'));
//   await screenshot(page, 'home');
//   page.consoleMessages / page.requests / page.pageErrors
//   await browser.close(); await server.close();

import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { after } from 'node:test';
import { chromium } from 'playwright-core';

import { startServer as startStaticServer } from '../../web/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const SITE = path.join(DIST, 'site');
export const OUTPUT = path.join(ROOT, 'test-output');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];
/** The policy of a strict storefront (docs/ARCHITECTURE.md, docs/TOOLCHAIN.md pitfall 4). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
export const WIDGET_FILES = ['shopper-segments.js', 'shopper-segments.wasm', 'shopper-segments.mjs', 'shopper-segments.catalog.json',
  'shopper-segments.catalog.bin', 'shopper-segments-toolkit.mjs', 'shopper-segments-toolkit.wasm'];

/**
 * Serves `root` on 127.0.0.1 at a free port.
 * @returns {Promise<{ origin: string, url(p?: string): string, close(): Promise<void> }>}
 */
export async function startServer({ root = SITE, csp = '', log = false, cacheSeconds = 0 } = {}) {
  if (!existsSync(root)) throw new Error(`${root} does not exist: run scripts/build first`);
  const server = await startStaticServer({ root, port: 0, host: '127.0.0.1', csp, log, cacheSeconds });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const handle = {
    origin,
    url: (p = '/') => origin + p,
    close: () => new Promise((resolve) => {
      leftOpen.delete(handle);
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  leftOpen.add(handle);
  return handle;
}

/**
 * Chromium with a fresh, temporary user-data-dir; every page of it shares one origin storage,
 * so two pages are two tabs of the same browser.
 * @returns {Promise<import('playwright-core').BrowserContext>} close() also removes the profile
 */
export async function launchBrowser(options = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'seg-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1200, height: 800 },
    ...options,
  });
  const close = context.close.bind(context);
  context.close = async () => {
    leftOpen.delete(context);
    await close();
    rmSync(profile, { recursive: true, force: true });
  };
  leftOpen.add(context);
  return context;
}

// A test that fails before its own close() would leave Chromium or a server running, and the test
// file would then hang until the runner's timeout: under `node --test`, whatever is still open is
// closed once the file's tests are done. Registered when this module is first imported, at the
// top level of the file's root test (registered from inside a `before` hook, it ran right after
// that hook). Scripts outside the runner, like the benches, close their own.
const leftOpen = new Set();
if (process.env.NODE_TEST_CONTEXT) {
  after(async () => {
    for (const thing of [...leftOpen]) await thing.close().catch(() => {});
  });
}

/**
 * A new page (tab) that records console messages, uncaught errors and every request it makes.
 * @param {import('playwright-core').BrowserContext} context
 */
export async function newPage(context) {
  const page = await context.newPage();
  page.consoleMessages = [];
  page.pageErrors = [];
  page.requests = [];
  page.on('console', (message) => page.consoleMessages.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => page.pageErrors.push(String(error)));
  page.on('request', (request) => page.requests.push(request.url()));
  return page;
}

/** The page's requests as paths (same origin) or full URLs (anything else). */
export function requestedPaths(page, origin) {
  return page.requests.map((url) => (url.startsWith(origin + '/') ? url.slice(origin.length) : url));
}

/** Saves a full-page screenshot to test-output/<name>.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(OUTPUT, { recursive: true });
  const file = path.join(OUTPUT, name + '.png');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * A throw-away site: the built widget files at its root plus the given pages.
 * @param {Record<string, string>} files path -> content
 * @returns {{ root: string, remove(): void }}
 */
export function makeSite(files) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'seg-site-'));
  for (const name of WIDGET_FILES) {
    const source = path.join(DIST, name);
    if (!existsSync(source)) throw new Error(`${source} is missing: run scripts/build first`);
    cpSync(source, path.join(root, name));
  }
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Resolves when window.ShopperSegments.ready settles; returns 'ready' or the rejection text. */
export function widgetSettled(page) {
  return page.evaluate(() => window.ShopperSegments.ready.then(() => 'ready', (error) => 'failed: ' + error.message));
}

/**
 * Waits until `slot` shows an offer, unless this visitor fell into the configuration's control
 * group (the built-in catalogue holds 5 % of visitors out, by a hash of their random id): then
 * checks that the slot keeps the page's own content. Returns 'shown' or 'control_group'.
 */
export async function offerShownUnlessControl(page, slot = 'hero') {
  const decision = await page.evaluate((name) => window.ShopperSegments.decide().find((d) => d.slot === name), slot);
  if (decision && decision.reason === 'control_group') {
    const shown = await page.evaluate((name) => document.querySelector(`[data-seg-slot="${name}"]`).getAttribute('data-seg-offer-shown'), slot);
    if (shown !== null) throw new Error(`a visitor in the control group was shown ${shown}`);
    return 'control_group';
  }
  await page.waitForSelector(`[data-seg-slot="${slot}"][data-seg-offer-shown]`, { timeout: 30000 });
  return 'shown';
}
