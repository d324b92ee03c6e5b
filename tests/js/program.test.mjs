// Programs in Node: the toolkit module compiles the same bytes every time and the same bytes as
// the native CLI (one engine everywhere); the runtime runs them like the JSON they came from, and
// refuses damaged ones with a code.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { DIST, ROOT, START, MINUTE, createEngine, defaultCatalogText, wasmBinary } from './dist-module.mjs';

const { loadToolkit } = await import(pathToFileURL(path.join(DIST, 'shopper-segments-toolkit.mjs')).href);
const toolkit = await loadToolkit();
const CLI = path.join(ROOT, 'build/native/src/cli/shopper-segments');

test('the toolkit compiles the catalogue to the same bytes every time, and to those of dist/', () => {
  const first = toolkit.compile(defaultCatalogText);
  const second = toolkit.compile(defaultCatalogText);
  assert.equal(first.ok, true);
  assert.deepEqual(first.program, second.program);
  assert.deepEqual(first.program, new Uint8Array(readFileSync(path.join(DIST, 'shopper-segments.catalog.bin'))));
  assert.equal(Buffer.from(first.program.subarray(0, 4)).toString('latin1'), 'SSEG');
});

test('the native CLI writes the same program as the toolkit module', () => {
  assert.ok(existsSync(CLI), `${CLI} is missing: scripts/build builds it`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seg-program-'));
  try {
    const out = path.join(dir, 'catalog.bin');
    execFileSync(CLI, ['compile', path.join(ROOT, 'src/catalog/default.json'), '-o', out]);
    assert.deepEqual(new Uint8Array(readFileSync(out)), toolkit.compile(defaultCatalogText).program);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an engine from the program decides like one from its JSON, event by event', async () => {
  let time = START;
  const fromJson = await createEngine({ wasmBinary, config: defaultCatalogText, now: () => time, visitorId: 'same' });
  const fromProgram = await createEngine({ wasmBinary, program: toolkit.compile(defaultCatalogText).program, now: () => time, visitorId: 'same' });
  const journey = [
    ['view_item', { item_id: 'a', tags: ['new'], price: 30 }],
    ['view_item', { item_id: 'b', tags: ['new'], price: 45 }],
    ['add_to_cart', { item_id: 'b', price: 45, quantity: 1 }],
    ['view_item', { item_id: 'c', tags: ['new', 'sale'], price: 20 }],
    ['remove_from_cart', { item_id: 'b', price: 45, quantity: 1 }],
    ['purchase', { value: 120, items: [{ item_category: 'shoes' }] }],
  ];
  for (const [type, fields] of journey) {
    time += 7 * MINUTE;
    fromJson.track(type, fields);
    fromProgram.track(type, fields);
    assert.deepEqual(fromProgram.segments(), fromJson.segments(), `after ${type}`);
    assert.deepEqual(fromProgram.decide(), fromJson.decide(), `after ${type}`);
  }
  fromJson.dispose();
  fromProgram.dispose();
});

test('damaged, truncated and foreign bytes are refused with a code; the engine keeps its program', async () => {
  const program = toolkit.compile(defaultCatalogText).program;
  const flipped = Uint8Array.from(program);
  flipped[flipped.length - 5] ^= 4;
  for (const [bytes, code] of [[flipped, 'program_checksum'], [program.subarray(0, 30), 'program_truncated'],
    [new TextEncoder().encode(defaultCatalogText), 'program_not_a_program']]) {
    await assert.rejects(createEngine({ wasmBinary, program: bytes }), (error) => error.issues[0].code === code);
  }
  const engine = await createEngine({ wasmBinary, program });
  const before = engine.segments().length;
  assert.deepEqual(engine.loadProgram(flipped).issues.map((i) => i.code), ['program_checksum']);
  assert.equal(engine.segments().length, before, 'the program in force stays');
  engine.dispose();
});

test('oversized input is refused on its length, before it is copied into WASM memory', async () => {
  const memory = () => toolkit.Module.HEAPU8.buffer.byteLength;
  const before = memory();
  const huge = '{"version":1,"name":"' + 'x'.repeat(5 * 1024 * 1024) + '"}';
  for (const result of [toolkit.compile(huge), toolkit.validate(huge), toolkit.startReplay(huge)]) {
    assert.equal(result.ok, false);
    assert.deepEqual(result.issues.map((i) => i.code), ['too_large']);
  }
  assert.deepEqual(toolkit.lint(huge).issues.map((i) => i.code), ['too_large']);
  assert.equal(memory(), before, 'the toolkit module did not grow');

  const engine = await createEngine({ wasmBinary, program: toolkit.compile(defaultCatalogText).program });
  assert.deepEqual(engine.loadProgram(new Uint8Array(17 * 1024 * 1024)).issues.map((i) => i.code), ['too_large']);
  engine.dispose();
});
