// What a page downloads, gzip -9: this engine's script and .wasm, and each peer's browser build.
// Where a package ships a minified browser bundle, that file; where it ships none
// (json-logic-js ships one unminified file, json-rules-engine only CommonJS with dependencies),
// an esbuild --bundle --minify of its entry point, as a storefront's build would make it.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const gzipBytes = (buffer) => zlib.gzipSync(buffer, { level: 9 }).length;

// entry '-' reads `source` as the entry module (resolved from the repository root).
function esbuildMinified(root, entry, source) {
  const esbuild = path.join(root, 'node_modules', '.bin', 'esbuild');
  const args = ['--bundle', '--minify', '--format=iife', '--global-name=peer', '--platform=browser', '--log-level=error'];
  if (entry !== '-') args.push(entry);
  else args.push('--sourcefile=entry.mjs', '--loader=js');
  return execFileSync(esbuild, args, { cwd: root, input: source, maxBuffer: 1 << 26 });
}

/** @returns Array<{name, files: string, raw, gzip}> */
export function downloadSizes(root) {
  const nm = (...p) => path.join(root, 'node_modules', ...p);
  const rows = [];
  const ours = ['dist/shopper-segments.js', 'dist/shopper-segments.wasm'].map((f) => fs.readFileSync(path.join(root, f)));
  rows.push({ name: 'shopper-segments', files: 'dist/shopper-segments.js + dist/shopper-segments.wasm',
    raw: ours.reduce((n, b) => n + b.length, 0), gzip: ours.reduce((n, b) => n + gzipBytes(b), 0),
    parts: { js: gzipBytes(ours[0]), wasm: gzipBytes(ours[1]) } });
  const catalog = fs.readFileSync(path.join(root, 'dist', 'shopper-segments.catalog.json'));
  rows.push({ name: 'shopper-segments-catalog', files: 'dist/shopper-segments.catalog.json (the built-in catalogue, loaded only by pages without a configuration)',
    raw: catalog.length, gzip: gzipBytes(catalog) });
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
