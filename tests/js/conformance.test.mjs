// Runs every vector of tests/conformance/ (format: tests/conformance/README.md) through the
// public JavaScript API of dist/shopper-segments.mjs; the C++ suite runs the same files, so the
// WASM build behind the JS facade must give the same answers as the native engine.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { ROOT, createEngine, defaultCatalogText, wasmBinary } from './dist-module.mjs';

const VECTORS = path.join(ROOT, 'tests/conformance');
const DEFAULT_START = 1795428000000;
const UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };

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

function nextTime(previous, at) {
  if (at === undefined) return previous;
  if (typeof at === 'number') return at;
  const match = /^\+(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(at);
  assert.ok(match, `bad relative time ${JSON.stringify(at)}`);
  return previous + Number(match[1]) * UNIT_MS[match[2]];
}

const configArgument = (config) => (config === 'default' ? defaultCatalogText : config);

function checkExpect(engine, expect, where) {
  const needsSegments = ['segments_include', 'segments_exclude', 'segments_exact', 'scores'].some((k) => k in expect);
  const needsDecisions = ['offers', 'reasons', 'via', 'skipped_include', 'fates'].some((k) => k in expect);
  if (needsSegments) {
    const segments = engine.segments();
    const byId = new Map(segments.map((s) => [s.id, s]));
    const members = segments.filter((s) => s.member).map((s) => s.id);
    for (const id of expect.segments_include || []) {
      assert.ok(members.includes(id), `${where}: expected member of ${id}; members: ${members.join(', ') || '(none)'}`);
    }
    for (const id of expect.segments_exclude || []) {
      assert.ok(byId.has(id), `${where}: ${id} is not a known segment`);
      assert.ok(!byId.get(id).member, `${where}: expected not a member of ${id}; members: ${members.join(', ')}`);
    }
    if (expect.segments_exact) {
      assert.deepEqual([...members].sort(), [...expect.segments_exact].sort(), `${where}: members`);
    }
    for (const [id, score] of Object.entries(expect.scores || {})) {
      assert.ok(byId.has(id), `${where}: ${id} is not a known segment`);
      assert.ok(Math.abs(byId.get(id).score - score) <= 1e-9, `${where}: score of ${id} is ${byId.get(id).score}, expected ${score}`);
    }
  }
  if (needsDecisions) {
    const decisions = new Map(engine.decide().map((d) => [d.slot, d]));
    const decision = (slot) => {
      assert.ok(decisions.has(slot), `${where}: slot ${slot} is not in the decision (${[...decisions.keys()].join(', ')})`);
      return decisions.get(slot);
    };
    for (const [slot, offer] of Object.entries(expect.offers || {})) {
      const d = decision(slot);
      assert.equal(d.offer, offer, `${where}: offer in ${slot} (reason ${d.reason}, via ${d.segment})`);
    }
    for (const [slot, reason] of Object.entries(expect.reasons || {})) {
      assert.equal(decision(slot).reason, reason, `${where}: reason in ${slot}`);
    }
    for (const [slot, segment] of Object.entries(expect.via || {})) {
      assert.equal(decision(slot).segment || '', segment, `${where}: segment behind ${slot}`);
    }
    for (const [slot, entries] of Object.entries(expect.skipped_include || {})) {
      const skipped = decision(slot).skipped;
      for (const entry of entries) {
        assert.ok(skipped.some((s) => s.offer === entry.offer && (entry.reason === undefined || s.reason === entry.reason)),
          `${where}: ${slot} should skip ${entry.offer} (${entry.reason}); skipped: ${JSON.stringify(skipped)}`);
      }
    }
    for (const [slot, wanted] of Object.entries(expect.fates || {})) {
      // decide() gives ids; each fate's segment and what ranked a winner higher (`because`) are the
      // toolkit's explainSlot(), which must agree with decide() on the rest.
      const fates = decision(slot).fates;
      const explained = engine.explainSlot(slot);
      assert.ok(explained && Array.isArray(explained.fates), `${where}: explainSlot(${slot}) answers at once`);
      const same = fates.length === wanted.length && explained.fates.length === wanted.length && wanted.every((w, i) => Object.keys(w).every((key) =>
        (key === 'because' || key === 'segment' || (fates[i][key] ?? '') === w[key]) && (explained.fates[i][key] ?? '') === w[key]));
      assert.ok(same, `${where}: ${slot} fates ${JSON.stringify(fates)} / ${JSON.stringify(explained.fates)}, expected ${JSON.stringify(wanted)}`);
    }
  }
}

async function runCase(vector, testCase) {
  const config = testCase.config !== undefined ? testCase.config : vector.config;
  let time = testCase.start !== undefined ? testCase.start : DEFAULT_START;
  const engine = await createEngine({
    wasmBinary,
    visitorId: testCase.visitor || 'v1',
    now: () => time,
    config: config === undefined || config === 'default' ? undefined : config,
  });
  try {
    testCase.steps.forEach((step, i) => {
      const next = nextTime(time, step.at);
      assert.ok(next >= time, `step ${i}: time goes backwards`);
      time = next;
      const where = `step ${i}`;
      if (step.track) {
        assert.equal(engine.track(step.track.type, step.track.fields || {}), true, `${where}: track`);
      } else if (step.traits) {
        assert.equal(engine.setTraits(step.traits), true, `${where}: traits`);
      } else if (step.context) {
        assert.equal(engine.setContext(step.context), true, `${where}: context`);
      } else if (step.record) {
        const result = engine.record(step.record.offer, step.record.outcome);
        if ('returns' in step.record) assert.equal(result, step.record.returns, `${where}: record result`);
      } else if (step.configure) {
        const result = engine.configure(configArgument(step.configure.config));
        assert.equal(result.ok, step.configure.ok, `${where}: configure ok (${JSON.stringify(result.issues)})`);
        const codes = result.issues.map((issue) => issue.code);
        for (const code of step.configure.codes || []) assert.ok(codes.includes(code), `${where}: configure issue ${code} in ${codes}`);
      } else if (step.expect) {
        checkExpect(engine, step.expect, where);
      }
    });
  } finally {
    engine.dispose();
  }
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
    for (const testCase of vector.cases || []) test(testCase.name, () => runCase(vector, testCase));
    for (const validation of vector.validations || []) test(`validate: ${validation.name}`, () => runValidation(validation));
  });
}
