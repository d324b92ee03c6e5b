#!/usr/bin/env node
// Assembles the npm package `shopper-segments` from the built dist/ files (called by web/build.sh):
//   node web/package/make.mjs [OUT_DIR]       (default dist/package)
// The version is the CMake project's (CMakeLists.txt `project(... VERSION x.y.z)`), the one place
// it is written. The package has no dependencies and no install scripts. Its README for npm users
// and the notices of the third-party code compiled into the .wasm files are in this directory.
//
// "browser": { "node:fs/promises": false } tells bundlers that the ES modules' one Node-only import
// (reading the .wasm beside the module from disk, web/src/read-source.mjs) is not needed in a page.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const out = path.resolve(process.argv[2] || path.join(dist, 'package'));

export function projectVersion() {
  const match = /project\(\s*ShopperSegments\s+VERSION\s+([0-9]+\.[0-9]+\.[0-9]+)/.exec(readFileSync(path.join(root, 'CMakeLists.txt'), 'utf8'));
  if (!match) throw new Error('web/package/make.mjs: no project VERSION in CMakeLists.txt');
  return match[1];
}

const built = [
  'shopper-segments.mjs', 'shopper-segments.d.ts', 'shopper-segments.js', 'shopper-segments.wasm',
  'shopper-segments.catalog.bin', 'shopper-segments.catalog.json',
  'shopper-segments-toolkit.mjs', 'shopper-segments-toolkit.d.ts', 'shopper-segments-toolkit.wasm',
];
const own = ['README.md', 'THIRD-PARTY-NOTICES.md'];

const manifest = {
  name: 'shopper-segments',
  version: projectVersion(),
  description: 'On-device personalisation for online shops: visitor segments and on-page offers decided in the browser by a WebAssembly engine; nothing about the visitor leaves the device.',
  keywords: ['personalisation', 'segmentation', 'ecommerce', 'webassembly', 'privacy', 'on-device'],
  types: './shopper-segments.d.ts',
  module: './shopper-segments.mjs',
  exports: {
    '.': { types: './shopper-segments.d.ts', default: './shopper-segments.mjs' },
    './toolkit': { types: './shopper-segments-toolkit.d.ts', default: './shopper-segments-toolkit.mjs' },
    './script': './shopper-segments.js',
    './shopper-segments.js': './shopper-segments.js',
    './shopper-segments.mjs': { types: './shopper-segments.d.ts', default: './shopper-segments.mjs' },
    './shopper-segments.wasm': './shopper-segments.wasm',
    './shopper-segments.catalog.bin': './shopper-segments.catalog.bin',
    './shopper-segments.catalog.json': './shopper-segments.catalog.json',
    './shopper-segments-toolkit.mjs': { types: './shopper-segments-toolkit.d.ts', default: './shopper-segments-toolkit.mjs' },
    './shopper-segments-toolkit.wasm': './shopper-segments-toolkit.wasm',
    './package.json': './package.json',
  },
  browser: { 'node:fs/promises': false },
  // The classic script starts the widget when it runs; the ES modules only define functions.
  sideEffects: ['./shopper-segments.js'],
  files: [...built, ...own.filter((name) => name !== 'README.md'), 'CHANGELOG.md'],
  engines: { node: '>=18' },
};

function main() {
  for (const name of built) {
    if (!existsSync(path.join(dist, name))) throw new Error(`web/package/make.mjs: dist/${name} is missing (run web/build.sh)`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const name of built) copyFileSync(path.join(dist, name), path.join(out, name));
  for (const name of own) copyFileSync(path.join(root, 'web', 'package', name), path.join(out, name));
  if (existsSync(path.join(root, 'CHANGELOG.md'))) copyFileSync(path.join(root, 'CHANGELOG.md'), path.join(out, 'CHANGELOG.md'));
  else manifest.files = manifest.files.filter((name) => name !== 'CHANGELOG.md');
  writeFileSync(path.join(out, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`npm package: ${path.relative(process.cwd(), out) || '.'} (shopper-segments@${manifest.version})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
