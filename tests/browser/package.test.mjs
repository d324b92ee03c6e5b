// The npm package (dist/package, made by web/package/make.mjs from web/build.sh) as a shop's
// developers get it: `npm pack`, installed offline from the tarball into an empty project, imported
// in Node (runtime and toolkit), bundled with esbuild into a small browser app that runs under the
// strict CSP in headless Chromium, and its classic script on a page of its own.
// Run: node --test tests/browser/package.test.mjs (after scripts/build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DIST, ROOT, STRICT_CSP, launchBrowser, newPage, offerShownUnlessControl, requestedPaths, startServer } from './helpers.mjs';

const PACKAGE = path.join(DIST, 'package');
const ESBUILD = path.join(ROOT, 'node_modules', '.bin', 'esbuild');
let work;
let project;
let installed;

const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

before(() => {
  assert.ok(existsSync(path.join(PACKAGE, 'package.json')), 'dist/package is missing: run scripts/build');
  work = mkdtempSync(path.join(os.tmpdir(), 'seg-package-'));
  // npm's own cache in the temporary directory: nothing of the machine's is read or written.
  const npm = (args, cwd) => run('npm', [...args, '--cache', path.join(work, 'npm-cache'), '--loglevel=error'], cwd);
  const [packed] = JSON.parse(npm(['pack', PACKAGE, '--json', '--pack-destination', work], work));
  const tarball = path.join(work, packed.filename);
  project = path.join(work, 'shop');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'shop', private: true, version: '1.0.0' }));
  npm(['install', '--offline', '--no-audit', '--no-fund', tarball], project);
  installed = path.join(project, 'node_modules', 'shopper-segments');
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the package: version, exports that resolve, types, no dependencies, side effects only in the classic script', () => {
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'shopper-segments');
  assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  assert.equal(manifest.dependencies, undefined);
  assert.deepEqual(manifest.sideEffects, ['./shopper-segments.js']);
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
      assert.ok(existsSync(path.join(installed, file)), `${subpath} -> ${file} is not in the tarball`);
    }
  }
  assert.equal(manifest.exports['.'].types, './shopper-segments.d.ts');
  assert.equal(manifest.exports['./toolkit'].types, './shopper-segments-toolkit.d.ts');
  assert.match(readFileSync(path.join(installed, 'README.md'), 'utf8'), /npm install shopper-segments/);
  // the lock file of the shop names the package alone
  const lock = JSON.parse(readFileSync(path.join(project, 'package-lock.json'), 'utf8'));
  assert.deepEqual(Object.keys(lock.packages).filter((key) => key), ['node_modules/shopper-segments']);
});

test('in Node: createEngine decides with the built-in catalogue, loadToolkit compiles, and the engine runs what it compiled', () => {
  writeFileSync(path.join(project, 'node-check.mjs'), `
    import { createEngine } from 'shopper-segments';
    import { loadToolkit } from 'shopper-segments/toolkit';
    import { readFileSync } from 'node:fs';
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const engine = await createEngine({ now: () => 1700000000000 });
    const catalogue = engine.decide();
    const toolkit = await loadToolkit();
    const config = { version: 1, segments: [{ id: 'looker', rule: { count: 'view_item', gte: 2 } }],
      offers: [{ id: 'nudge', slot: 'hero', segments: ['looker'], content: { title: 'Hello' } }] };
    const compiled = toolkit.compile(JSON.stringify(config));
    const own = await createEngine({ program: compiled.program, now: () => 1700000000000 });
    own.track('view_item', { item_id: 'a' });
    own.track('view_item', { item_id: 'b' });
    const catalogJson = JSON.parse(readFileSync(require.resolve('shopper-segments/shopper-segments.catalog.json'), 'utf8'));
    console.log(JSON.stringify({ slots: catalogue.map((d) => d.slot), ok: compiled.ok,
      magic: String.fromCharCode(...compiled.program.slice(0, 4)), decisions: own.decide(), segments: catalogJson.segments.length }));
  `);
  const answer = JSON.parse(run(process.execPath, ['node-check.mjs'], project));
  assert.ok(answer.slots.includes('hero'), JSON.stringify(answer.slots));
  assert.equal(answer.ok, true);
  assert.equal(answer.magic, 'SSEG');
  assert.equal(answer.decisions.find((d) => d.slot === 'hero').offer, 'nudge');
  assert.equal(answer.segments, 19);
});

test('in a browser: an app bundled with esbuild runs the package under the strict CSP', async () => {
  const site = path.join(project, 'public');
  mkdirSync(path.join(site, 'assets'), { recursive: true });
  writeFileSync(path.join(project, 'app.mjs'), `
    import { createEngine } from 'shopper-segments';
    const out = document.getElementById('out');
    createEngine({
      wasmUrl: '/assets/shopper-segments.wasm',                 // bundlers copy no .wasm: the app says where
      catalogProgramUrl: '/assets/shopper-segments.catalog.bin',
      now: () => Date.now(),
      visitorId: 'visitor-in-the-95-percent',  // a fixed visitor, not in the catalogue's 5 % control group (checked: its decisions have offers)
    }).then((engine) => {
      engine.track('view_item', { item_id: 'sku-1', item_category: 'tops', price: 49, tags: 'new' });
      const decisions = engine.decide();
      out.textContent = JSON.stringify({ decisions: decisions.map((d) => ({ slot: d.slot, offer: d.offer, reason: d.reason })) });
      out.dataset.done = 'ok';
    }, (error) => { out.textContent = String(error && error.message); out.dataset.done = 'failed'; });
  `);
  run(ESBUILD, ['app.mjs', '--bundle', '--format=esm', '--platform=browser', '--log-level=warning',
    '--outfile=public/app.js'], project);
  for (const name of ['shopper-segments.wasm', 'shopper-segments.catalog.bin']) {
    copyFileSync(path.join(installed, name), path.join(site, 'assets', name));
  }
  writeFileSync(path.join(site, 'favicon.ico'), '');  // the browser asks for it; a 404 would be a console error
  writeFileSync(path.join(site, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>shop</title><pre id="out"></pre><script type="module" src="/app.js"></script>\n');
  // the classic script from the package, with its .wasm under another name (data-wasm) and a program
  copyFileSync(path.join(installed, 'shopper-segments.js'), path.join(site, 'shopper-segments.js'));
  copyFileSync(path.join(installed, 'shopper-segments.catalog.bin'), path.join(site, 'segments.bin'));
  writeFileSync(path.join(site, 'script.html'), '<!doctype html><meta charset="utf-8"><title>shop</title>'
    + '<div data-seg-slot="hero">Our own banner</div>'
    + '<script src="/shopper-segments.js" data-wasm="/assets/shopper-segments.wasm" data-program="/segments.bin"></script>\n');

  const server = await startServer({ root: site, csp: STRICT_CSP });
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    await page.waitForSelector('#out[data-done]', { timeout: 30000 });
    const text = await page.textContent('#out');
    assert.equal(await page.getAttribute('#out', 'data-done'), 'ok', text);
    const { decisions } = JSON.parse(text);
    assert.ok(decisions.some((d) => d.slot === 'hero' && d.offer), text);
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(page.consoleMessages.filter((m) => m.type === 'error'), []);
    assert.deepEqual(requestedPaths(page, server.origin).filter((p) => p !== '/favicon.ico').sort(),
      ['/', '/app.js', '/assets/shopper-segments.catalog.bin', '/assets/shopper-segments.wasm']);

    const tag = await newPage(browser);
    await tag.goto(server.url('/script.html'));
    assert.equal(await tag.evaluate(() => window.ShopperSegments.ready.then(() => 'ready', (e) => 'failed: ' + e.message)), 'ready');
    await offerShownUnlessControl(tag);
    assert.deepEqual(tag.pageErrors, []);
    // nothing else: the catalogue's offers name no file a shop would not have
    assert.deepEqual(requestedPaths(tag, server.origin).filter((p) => p !== '/favicon.ico').sort(),
      ['/assets/shopper-segments.wasm', '/script.html', '/segments.bin', '/shopper-segments.js']);
  } finally {
    await browser.close();
    await server.close();
  }
});
