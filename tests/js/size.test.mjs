// A guard against size regressions: what a storefront downloads, the classic script plus the
// .wasm, compressed with gzip -9, must stay within 80 KB (81,920 bytes).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

import { DIST } from './dist-module.mjs';

const LIMIT = 81920;
const gzipped = (file) => gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length;

test('gzip -9 of shopper-segments.js + shopper-segments.wasm is at most 80 KB', () => {
  const js = gzipped('shopper-segments.js');
  const wasm = gzipped('shopper-segments.wasm');
  console.log(`download: js ${js} B + wasm ${wasm} B = ${js + wasm} B (limit ${LIMIT} B)`);
  assert.ok(js + wasm <= LIMIT, `js ${js} B + wasm ${wasm} B = ${js + wasm} B exceeds ${LIMIT} B`);
});
