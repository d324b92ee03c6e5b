// The conformance vectors of the catalogue's personas and of the cart (tests/conformance/), run in
// Chromium through dist/shopper-segments.mjs as a page imports it: the third runner, beside the
// C++ engine (natively and as WebAssembly) and Node (tests/js/conformance.test.mjs). The steps and
// checks are the Node runner's own (tests/js/conformance-runner.mjs), imported by the page.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, launchBrowser, newPage, startServer } from './helpers.mjs';

const FILES = ['catalog-personas.json', 'lang-cart.json'];

let server = null;
let browser = null;
let page = null;

before(async () => {
  server = await startServer({ root: ROOT });
  browser = await launchBrowser();
  page = await newPage(browser);
  await page.goto(server.url('/tests/conformance/index.json'));
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

for (const file of FILES) {
  const vector = JSON.parse(readFileSync(path.join(ROOT, 'tests/conformance', file), 'utf8'));
  describe(`${file} in Chromium`, () => {
    for (const testCase of vector.cases) {
      test(testCase.name, async () => {
        const error = await page.evaluate(async ({ vector, testCase }) => {
          const { createEngine } = await import('/dist/shopper-segments.mjs');
          const { runCase } = await import('/tests/js/conformance-runner.mjs');
          const defaultCatalogText = await (await fetch('/src/catalog/default.json')).text();
          try {
            await runCase(vector, testCase, { createEngine, engineOptions: {}, defaultCatalogText });
            return null;
          } catch (e) {
            return String(e && e.message || e);
          }
        }, { vector, testCase });
        assert.equal(error, null);
      });
    }
  });
}

test('no page errors while the vectors ran', () => {
  assert.deepEqual(page.pageErrors, []);
});
