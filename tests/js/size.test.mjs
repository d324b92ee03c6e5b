// Sizes (deterministic for a build, so asserted): what a storefront downloads and what it runs.
//
// The budgets of the two-module issue are 30 KB gzip -9 for the runtime's script + .wasm and 4 KB
// for the catalogue's program. Neither is met yet (BENCHMARKS.md "Sizes" gives the floor: the
// evaluation core alone is about 21 KB of .wasm and the widget's JavaScript about 11 KB), so this
// test holds the line where the split left them, and checks what the split is for: the runtime
// carries no configuration compiler and is a fraction of the toolkit.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

import { DIST } from './dist-module.mjs';

// script + .wasm, gzip -9 (66.0 KB at the split; 81.4 KB before it). Raised for the cart (issue
// 16: cart state and conditions, their state and program format, the placeholders and their
// formatting): +3,463 B .wasm and +712 B script, gzip, measured against main when it was merged
// (main itself then measured 70,775 B: 14,731 B script + 56,044 B .wasm, over the 67 KB this
// line held; that growth is not the cart's). 74,950 B with the cart.
// 74 KB (issue 16 items 3-5: the why note's placement and ARIA, exit intent on touch screens, the
// opt-in data-report pushes): +691 B script and +52 B .wasm (the `why` texts) over main's 74,931 B
// when merged, 75,674 B in all.
// Then the engine computes offers' numbers (seg_offer_numbers), the page keeping no placeholder
// arithmetic: +916 B .wasm, -141 B script, 75,226 B in all.
const RUNTIME_CEILING = 74 * 1024;
const PROGRAM_CEILING = 4608;        // the catalogue's program, gzip -9 (4.4 KB; its JSON is 5.7 KB)
const read = (file) => readFileSync(path.join(DIST, file));
const gzipped = (file) => gzipSync(read(file), { level: 9 }).length;

test('the storefront download (script + runtime .wasm, gzip -9) stays within its ceiling', () => {
  const js = gzipped('shopper-segments.js');
  const wasm = gzipped('shopper-segments.wasm');
  console.log(`runtime download: js ${js} B + wasm ${wasm} B = ${js + wasm} B (ceiling ${RUNTIME_CEILING} B; budget 30720 B)`);
  assert.ok(js + wasm <= RUNTIME_CEILING, `js ${js} B + wasm ${wasm} B = ${js + wasm} B exceeds ${RUNTIME_CEILING} B`);
});

test('the catalogue ships compiled, smaller than its JSON, within its ceiling', () => {
  const program = gzipped('shopper-segments.catalog.bin');
  const json = gzipped('shopper-segments.catalog.json');
  console.log(`catalogue: program ${program} B, JSON ${json} B (ceiling ${PROGRAM_CEILING} B; budget 4096 B)`);
  assert.ok(program <= PROGRAM_CEILING, `${program} B exceeds ${PROGRAM_CEILING} B`);
  assert.ok(program < json, 'the program is smaller than the JSON it was compiled from');
});

// The names a WASM module exports, as the engine that compiles it reads them.
const exportNames = (bytes) => WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);

test('the runtime has no compiler: none of the toolkit\'s exports, and a fraction of its size', () => {
  const runtime = exportNames(read('shopper-segments.wasm'));
  const toolkit = exportNames(read('shopper-segments-toolkit.wasm'));
  // Export names are minified; both modules export the same runtime calls and the toolkit more.
  assert.ok(toolkit.length > runtime.length, `toolkit exports ${toolkit.length}, runtime ${runtime.length}`);
  const runtimeBytes = read('shopper-segments.wasm').length;
  const toolkitBytes = read('shopper-segments-toolkit.wasm').length;
  console.log(`wasm raw: runtime ${runtimeBytes} B, toolkit ${toolkitBytes} B`);
  assert.ok(runtimeBytes * 2 < toolkitBytes, 'the runtime is less than half the toolkit');
  // No text of the JSON compiler's messages is in the runtime.
  const text = read('shopper-segments.wasm').toString('latin1');
  for (const phrase of ['Did you mean', 'A configuration is', 'is not valid JSON here']) {
    assert.ok(!text.includes(phrase), `the runtime holds "${phrase}"`);
  }
});
