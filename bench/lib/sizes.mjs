// What a page downloads, gzip -9: this engine's storefront runtime (script + .wasm), the built-in
// catalogue's compiled program, the owner toolkit (loaded only by pages that give JSON and for
// explanations), and each peer's browser build. Where a package ships a minified browser bundle,
// that file; where it ships none (json-logic-js ships one unminified file, json-rules-engine only
// CommonJS with dependencies), an esbuild --bundle --minify of its entry point, as a storefront's
// build would make it.
// gzip: GNU `gzip -9`, as web/build.sh prints the budgets (zlib's level 9, which the size test
// uses, is 0.5 to 1 % larger on these files: `zlib` beside each of ours).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const zlibBytes = (buffer) => zlib.gzipSync(buffer, { level: 9 }).length;

let haveGnuGzip = null;
/** gzip -9 of `buffer`: GNU gzip when installed, else zlib. */
export function gzipBytes(buffer) {
  if (haveGnuGzip === null) {
    try {
      execFileSync('gzip', ['--version'], { stdio: 'ignore' });
      haveGnuGzip = true;
    } catch {
      haveGnuGzip = false;
    }
  }
  return haveGnuGzip ? execFileSync('gzip', ['-9c'], { input: buffer, maxBuffer: 1 << 26 }).length : zlibBytes(buffer);
}

// entry '-' reads `source` as the entry module (resolved from the repository root).
function esbuildMinified(root, entry, source) {
  const esbuild = path.join(root, 'node_modules', '.bin', 'esbuild');
  const args = ['--bundle', '--minify', '--format=iife', '--global-name=peer', '--platform=browser', '--log-level=error'];
  if (entry !== '-') args.push(entry);
  else args.push('--sourcefile=entry.mjs', '--loader=js');
  return execFileSync(esbuild, args, { cwd: root, input: source, maxBuffer: 1 << 26 });
}

function ourFiles(root, name, files, what) {
  const buffers = files.map((f) => fs.readFileSync(path.join(root, f)));
  const parts = Object.fromEntries(files.map((f, i) => [path.basename(f), gzipBytes(buffers[i])]));
  return { name, files: files.join(' + ') + (what ? ` (${what})` : ''), raw: buffers.reduce((n, b) => n + b.length, 0),
    gzip: Object.values(parts).reduce((n, b) => n + b, 0), zlib: buffers.reduce((n, b) => n + zlibBytes(b), 0), parts };
}

/** @returns Array<{name, files: string, raw, gzip, zlib?, parts?}> */
export function downloadSizes(root) {
  const nm = (...p) => path.join(root, 'node_modules', ...p);
  const rows = [];
  rows.push(ourFiles(root, 'shopper-segments', ['dist/shopper-segments.js', 'dist/shopper-segments.wasm'],
    'the storefront runtime: the classic script and its .wasm'));
  rows.push(ourFiles(root, 'shopper-segments-module', ['dist/shopper-segments.mjs', 'dist/shopper-segments.wasm'],
    'the runtime as an ES module, for bundlers'));
  rows.push(ourFiles(root, 'shopper-segments-catalog-program', ['dist/shopper-segments.catalog.bin'],
    "the built-in catalogue compiled: what a page without a program of its own fetches"));
  rows.push(ourFiles(root, 'shopper-segments-catalog-json', ['dist/shopper-segments.catalog.json'],
    'the same catalogue as JSON: the studio, defaultCatalog(); no page needs it'));
  rows.push(ourFiles(root, 'shopper-segments-toolkit', ['dist/shopper-segments-toolkit.mjs', 'dist/shopper-segments-toolkit.wasm'],
    'the owner toolkit: only pages that give JSON (first view), and explanations'));
  const glue = path.join('build', 'wasm-product', 'bindings', 'shopper-segments-runtime.mjs');
  if (fs.existsSync(path.join(root, glue))) {
    rows.push(ourFiles(root, 'shopper-segments-runtime-glue', [glue],
      "the runtime's Emscripten glue alone, as emitted (closure); bundled into the script"));
  }
  const jsonLogic = esbuildMinified(root, nm('json-logic-js', 'logic.js'));
  rows.push({ name: 'json-logic-js', files: 'json-logic-js/logic.js, esbuild --minify (no minified file shipped)',
    raw: jsonLogic.length, gzip: gzipBytes(jsonLogic) });
  const growthbook = fs.readFileSync(nm('@growthbook', 'growthbook', 'dist', 'bundles', 'index.min.js'));
  rows.push({ name: 'growthbook', files: '@growthbook/growthbook/dist/bundles/index.min.js (whole SDK, shipped)',
    raw: growthbook.length, gzip: gzipBytes(growthbook) });
  // What evalCondition alone costs a page when a bundler drops the rest of the SDK.
  const evalOnly = esbuildMinified(root, '-', "export { evalCondition } from '@growthbook/growthbook';");
  rows.push({ name: 'growthbook-evalCondition', files: '@growthbook/growthbook, only evalCondition, esbuild --bundle --minify (tree-shaken)',
    raw: evalOnly.length, gzip: gzipBytes(evalOnly) });
  const rulesEngine = esbuildMinified(root, nm('json-rules-engine', 'dist', 'index.js'));
  rows.push({ name: 'json-rules-engine', files: 'json-rules-engine/dist/index.js + dependencies, esbuild --bundle --minify (no browser bundle shipped)',
    raw: rulesEngine.length, gzip: gzipBytes(rulesEngine) });
  return rows;
}
