// Runs every vector of tests/conformance/ (format: tests/conformance/README.md) through the
// public JavaScript API of dist/shopper-segments.mjs; the C++ suite runs the same files, so the
// WASM build behind the JS facade must give the same answers as the native engine.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { ROOT, createEngine, defaultCatalogText, wasmBinary } from './dist-module.mjs';
import { runCase } from './conformance-runner.mjs';

const VECTORS = path.join(ROOT, 'tests/conformance');
const configArgument = (config) => (config === 'default' ? defaultCatalogText : config);

function vectorFiles() {
  const onDisk = readdirSync(VECTORS).filter((f) => f.endsWith('.json') && f !== 'index.json').sort();
  let listed = onDisk;
  try {
    const index = JSON.parse(readFileSync(path.join(VECTORS, 'index.json'), 'utf8'));
    listed = Array.isArray(index) ? index : index.files;
  } catch {
    // Without index.json every file on disk runs (the C++ runner insists on the index).
  }
  return { listed, onDisk };
}

async function runValidation(validation) {
  const engine = await createEngine({ wasmBinary, loadToolkit: true });
  try {
    const input = 'validate_text' in validation ? validation.validate_text : configArgument(validation.validate);
    const { issues } = engine.validate(input);
    for (const expected of validation.issues || []) {
      const found = issues.some((issue) => issue.code === expected.code &&
        (expected.path === undefined || issue.path === expected.path) &&
        (expected.path_prefix === undefined || issue.path.startsWith(expected.path_prefix)) &&
        (expected.message_contains === undefined || issue.message.includes(expected.message_contains)));
      assert.ok(found, `expected issue ${JSON.stringify(expected)}; got ${JSON.stringify(issues)}`);
    }
    if (validation.only) assert.equal(issues.length, (validation.issues || []).length, `issues: ${JSON.stringify(issues)}`);
  } finally {
    engine.dispose();
  }
}

const { listed, onDisk } = vectorFiles();

test('the conformance index names exactly the vector files', () => {
  assert.deepEqual([...listed].sort(), onDisk);
  assert.ok(onDisk.length > 0, 'no vectors found');
});

for (const file of listed) {
  const vector = JSON.parse(readFileSync(path.join(VECTORS, file), 'utf8'));
  describe(`${file}: ${vector.name}`, () => {
    for (const testCase of vector.cases || []) {
      test(testCase.name, () => runCase(vector, testCase, { createEngine, engineOptions: { wasmBinary }, defaultCatalogText }));
    }
    for (const validation of vector.validations || []) test(`validate: ${validation.name}`, () => runValidation(validation));
  });
}
