// The built-in catalogue runs on shops that have none of our files: every file its offers name
// (an image, today the only kind) must be one dist/ ships, or the shop's page asks its own server
// for it and gets a 404. Links are the shop's own pages and are not checked here.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { DIST, ROOT } from './dist-module.mjs';

const ASSET_FIELDS = ['image'];

function namedAssets(catalog) {
  const assets = [];
  for (const offer of catalog.offers || []) {
    for (const field of ASSET_FIELDS) {
      const value = offer.content && offer.content[field];
      if (value !== undefined) assets.push({ offer: offer.id, field, value });
    }
  }
  return assets;
}

// Where a page would fetch it: relative to the script (dist/), never the shop's own root.
const shipped = (value) => typeof value === 'string' && !/^([a-z]+:|\/)/i.test(value) && existsSync(path.join(DIST, value));

for (const [name, file] of [['the catalogue source', path.join(ROOT, 'src/catalog/default.json')], ['the shipped catalogue', path.join(DIST, 'shopper-segments.catalog.json')]]) {
  test(`every file ${name} names is shipped in dist/`, () => {
    const catalog = JSON.parse(readFileSync(file, 'utf8'));
    assert.ok(catalog.offers.length > 0);
    const missing = namedAssets(catalog).filter((asset) => !shipped(asset.value));
    assert.deepEqual(missing, [], 'named but not shipped (a 404 on every shop)');
  });
}

test('the shipped program carries the same offers as the catalogue source, naming no file either', async () => {
  const { loadToolkit } = await import(path.join(DIST, 'shopper-segments-toolkit.mjs'));
  const kit = await loadToolkit();
  const engine = kit.newEngine();
  try {
    assert.equal(engine.useProgram(readFileSync(path.join(DIST, 'shopper-segments.catalog.bin'))), null);
    const names = JSON.parse(engine.programJson());
    assert.equal(names.contents.length, JSON.parse(readFileSync(path.join(ROOT, 'src/catalog/default.json'), 'utf8')).offers.length);
    for (const content of names.contents) for (const field of ASSET_FIELDS) assert.ok(content[field] === undefined || shipped(content[field]), JSON.stringify(content));
  } finally {
    engine.delete();
  }
});
