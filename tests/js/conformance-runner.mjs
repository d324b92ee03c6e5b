// One journey of tests/conformance/ (format: tests/conformance/README.md) through the public
// JavaScript API: shared by tests/js/conformance.test.mjs (Node) and
// tests/browser/conformance.test.mjs (Chromium), so both run the very same steps and checks.
// No Node module here: it is imported by a page too.

const DEFAULT_START = 1795428000000;
const UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };

// node:assert's few calls this file makes, for a browser.
const assert = {
  ok(value, message) {
    if (!value) throw new Error(message || 'assertion failed');
  },
  equal(actual, expected, message) {
    if (actual !== expected) throw new Error(`${message}: ${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`);
  },
  deepEqual(actual, expected, message) {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${message}: ${JSON.stringify(actual)} differs from ${JSON.stringify(expected)}`);
  },
};

export function nextTime(previous, at) {
  if (at === undefined) return previous;
  if (typeof at === 'number') return at;
  const match = /^\+(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(at);
  assert.ok(match, `bad relative time ${JSON.stringify(at)}`);
  return previous + Number(match[1]) * UNIT_MS[match[2]];
}

function checkExpect(engine, expect, where) {
  const needsSegments = ['segments_include', 'segments_exclude', 'segments_exact', 'scores'].some((k) => k in expect);
  const needsDecisions = ['offers', 'reasons', 'via', 'skipped_include', 'decision_scores', 'numbers', 'fates'].some((k) => k in expect);
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
    for (const [slot, score] of Object.entries(expect.decision_scores || {})) {
      assert.ok(Math.abs(decision(slot).score - score) <= 1e-9, `${where}: score behind ${slot}`);
    }
    for (const [slot, wanted] of Object.entries(expect.numbers || {})) {
      const d = decision(slot);
      assert.ok(d.offer !== null, `${where}: no offer in ${slot} to quote numbers`);
      for (const [token, value] of Object.entries(wanted)) {
        assert.ok(d.numbers && Math.abs(d.numbers[token] - value) <= 1e-9,
          `${where}: ${d.offer} quotes ${token} = ${d.numbers && d.numbers[token]}, expected ${value}`);
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
    for (const [slot, entries] of Object.entries(expect.skipped_include || {})) {
      const skipped = decision(slot).skipped;
      for (const entry of entries) {
        assert.ok(skipped.some((s) => s.offer === entry.offer && (entry.reason === undefined || s.reason === entry.reason)),
          `${where}: ${slot} should skip ${entry.offer} (${entry.reason}); skipped: ${JSON.stringify(skipped)}`);
      }
    }
  }
}

/**
 * @param {(options: object) => Promise<any>} createEngine the ES module's createEngine
 * @param {object} engineOptions added to every createEngine call (wasmBinary in Node)
 * @param {string} defaultCatalogText the catalogue's JSON, for `configure` steps naming "default"
 */
export async function runCase(vector, testCase, { createEngine, engineOptions = {}, defaultCatalogText }) {
  const configArgument = (config) => (config === 'default' ? defaultCatalogText : config);
  const config = testCase.config !== undefined ? testCase.config : vector.config;
  let time = testCase.start !== undefined ? testCase.start : DEFAULT_START;
  const open = () => createEngine({
    ...engineOptions,
    visitorId: testCase.visitor || 'v1',
    now: () => time,
    config: config === undefined || config === 'default' ? undefined : config,
  });
  let engine = await open();
  try {
    for (const [i, step] of testCase.steps.entries()) {
      const next = nextTime(time, step.at);
      assert.ok(next >= time, `step ${i}: time goes backwards`);
      // A reload leaves the page at the previous step's time; the next page loads the state.
      const saved = step.reload ? engine.save() : null;
      time = next;
      const where = `step ${i}`;
      if (step.reload) {
        engine.dispose();
        engine = await open();
        const loaded = engine.load(saved);
        assert.ok(loaded.ok, `${where}: reload: ${JSON.stringify(loaded.issues)}`);
      } else if (step.track) {
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
    }
  } finally {
    engine.dispose();
  }
}
