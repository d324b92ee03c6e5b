// scripts/release (scripts/lib/release.mjs), run into a temporary directory with its own changelog:
// versioned, content-hashed names whose hashes are the files', Subresource Integrity hashes that
// match the files, the embed snippet and the changelog entry; then the snippet on a page under the
// strict CSP (the script finds its hashed .wasm through data-wasm), and a changed .wasm refused.
// Run: node --test tests/browser/release.test.mjs (after scripts/build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DIST, ROOT, STRICT_CSP, launchBrowser, newPage, offerShownUnlessControl, requestedPaths, startServer, widgetSettled } from './helpers.mjs';

const version = /project\(\s*ShopperSegments\s+VERSION\s+([0-9.]+)/.exec(readFileSync(path.join(ROOT, 'CMakeLists.txt'), 'utf8'))[1];
const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const hash8 = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);
let work;
let out;
let changelog;

function release(...args) {
  return execFileSync(path.join(ROOT, 'scripts', 'release'), ['--no-build', ...args], { cwd: ROOT, encoding: 'utf8' });
}

before(() => {
  assert.ok(existsSync(path.join(DIST, 'shopper-segments.js')), 'dist/ is missing: run scripts/build');
  work = mkdtempSync(path.join(os.tmpdir(), 'seg-release-'));
  out = path.join(work, 'release');
  changelog = path.join(work, 'CHANGELOG.md');
  copyFileSync(path.join(ROOT, 'CHANGELOG.md'), changelog);
  release('--out', out, '--changelog', changelog, '--base', '/assets/', '--date', '2030-01-02');
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('names carry the version and the content hash, integrity hashes match the files, the snippet names them', () => {
  const manifest = JSON.parse(readFileSync(path.join(out, 'release.json'), 'utf8'));
  assert.equal(manifest.version, version);
  const v = version.replace(/\./g, '\\.');
  const patterns = {
    script: new RegExp(`^shopper-segments\\.${v}\\.[0-9a-f]{8}\\.js$`),
    wasm: new RegExp(`^shopper-segments\\.${v}\\.[0-9a-f]{8}\\.wasm$`),
    program: new RegExp(`^shopper-segments\\.catalog\\.${v}\\.[0-9a-f]{8}\\.bin$`),
  };
  const sources = { script: 'shopper-segments.js', wasm: 'shopper-segments.wasm', program: 'shopper-segments.catalog.bin' };
  for (const [key, pattern] of Object.entries(patterns)) {
    const file = manifest.files[key];
    assert.match(file.name, pattern);
    const bytes = readFileSync(path.join(out, file.name));
    assert.deepEqual(bytes, readFileSync(path.join(DIST, sources[key])), `${file.name} is dist/${sources[key]}`);
    assert.equal(file.name.split('.').at(-2), hash8(bytes));
    assert.equal(file.integrity, sri(bytes));
    assert.equal(file.bytes, bytes.length);
  }
  assert.deepEqual(readdirSync(out).sort(), [manifest.files.program.name, manifest.files.script.name, manifest.files.wasm.name,
    'release.json', 'shopper-segments-toolkit.mjs', 'shopper-segments-toolkit.wasm', 'snippet.html'].sort());

  const snippet = readFileSync(path.join(out, 'snippet.html'), 'utf8').trim();
  assert.equal(snippet, manifest.snippet);
  const { script, wasm, program } = manifest.files;
  const attribute = (name) => new RegExp(`\\s${name}="([^"]*)"`).exec(snippet)?.[1];
  assert.equal(attribute('src'), `/assets/${script.name}`);
  assert.equal(attribute('integrity'), script.integrity);
  assert.equal(attribute('crossorigin'), 'anonymous');
  assert.equal(attribute('data-wasm'), `/assets/${wasm.name}`);
  assert.equal(attribute('data-wasm-integrity'), wasm.integrity);
  assert.equal(attribute('data-program'), `/assets/${program.name}`);
  assert.equal(attribute('data-program-integrity'), program.integrity);

  const text = readFileSync(changelog, 'utf8');
  const entry = text.slice(text.indexOf(`## ${version} — 2030-01-02`));
  assert.ok(text.includes(`## ${version} — 2030-01-02`), text);
  assert.ok(text.indexOf('## Unreleased') < text.indexOf(`## ${version} `), 'Unreleased stays on top');
  for (const file of [script, wasm, program]) assert.ok(entry.includes(file.name) && entry.includes(file.integrity), file.name);
  assert.ok(entry.includes(snippet));
  // releasing the same version again replaces its entry, notes kept
  const notes = entry.split(/^Files/m)[0];
  release('--out', out, '--changelog', changelog, '--base', '/assets/', '--date', '2030-01-02');
  const again = readFileSync(changelog, 'utf8');
  assert.equal(again.split(`## ${version} `).length, 2);
  assert.ok(again.includes(notes));
});

test('a program of the shop\'s own is released under its name; a file that is no program is refused', () => {
  const own = path.join(work, 'segments.bin');
  copyFileSync(path.join(DIST, 'shopper-segments.catalog.bin'), own);
  const other = path.join(work, 'other');
  release('--out', other, '--changelog', path.join(work, 'other.md'), '--program', own);
  const manifest = JSON.parse(readFileSync(path.join(other, 'release.json'), 'utf8'));
  assert.match(manifest.files.program.name, new RegExp(`^segments\\.${version.replace(/\./g, '\\.')}\\.[0-9a-f]{8}\\.bin$`));
  assert.ok(manifest.snippet.includes(`data-program="/${manifest.files.program.name}"`));
  writeFileSync(path.join(work, 'not-a-program.bin'), 'hello');
  assert.throws(() => execFileSync(path.join(ROOT, 'scripts', 'release'),
    ['--no-build', '--out', other, '--changelog', path.join(work, 'other.md'), '--program', path.join(work, 'not-a-program.bin')],
    { cwd: ROOT, stdio: 'pipe' }), /not a compiled program/);
});

test('the snippet runs on a page under the strict CSP; a changed .wasm is refused by its integrity', async () => {
  const manifest = JSON.parse(readFileSync(path.join(out, 'release.json'), 'utf8'));
  const site = path.join(work, 'site');
  cpSync(out, path.join(site, 'assets'), { recursive: true });
  writeFileSync(path.join(site, 'favicon.ico'), '');
  const page = (snippet) => '<!doctype html><meta charset="utf-8"><title>shop</title>'
    + '<div data-seg-slot="hero">Our own banner</div>\n' + snippet + '\n';
  writeFileSync(path.join(site, 'index.html'), page(manifest.snippet));
  // the same snippet, but the server has another .wasm under the released name
  mkdirSync(path.join(site, 'changed', 'assets'), { recursive: true });
  cpSync(out, path.join(site, 'changed', 'assets'), { recursive: true });
  const wasmFile = path.join(site, 'changed', 'assets', manifest.files.wasm.name);
  const bytes = readFileSync(wasmFile);
  bytes[bytes.length - 1] ^= 1;
  writeFileSync(wasmFile, bytes);
  writeFileSync(path.join(site, 'changed', 'index.html'), page(manifest.snippet.replaceAll('"/assets/', '"/changed/assets/')));

  const server = await startServer({ root: site, csp: STRICT_CSP });
  const browser = await launchBrowser();
  try {
    const shop = await newPage(browser);
    await shop.goto(server.url('/'));
    assert.equal(await widgetSettled(shop), 'ready');
    await offerShownUnlessControl(shop);
    assert.deepEqual(shop.pageErrors, []);
    const { script, wasm, program } = manifest.files;
    assert.deepEqual(requestedPaths(shop, server.origin).filter((p) => p !== '/favicon.ico').sort(),
      ['/', `/assets/${program.name}`, `/assets/${script.name}`, `/assets/${wasm.name}`].sort());

    const changed = await newPage(browser);
    await changed.goto(server.url('/changed/'));
    assert.match(await widgetSettled(changed), /^failed/);
    assert.equal(await changed.textContent('[data-seg-slot="hero"]'), 'Our own banner');
    // refused by the browser's integrity check, not by a failed compile
    assert.ok(changed.consoleMessages.some((m) => /integrity/i.test(m.text)), JSON.stringify(changed.consoleMessages));
  } finally {
    await browser.close();
    await server.close();
  }
});
