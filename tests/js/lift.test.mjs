// The studio's lift calculator (web/studio/lift.js): relative lift of exposed over held-out
// conversion with a 95 % interval from the log of the rate ratio (delta method). Worked examples
// (computed by hand from the formula in lift.js), the interval's coverage on simulated
// experiments with a known lift, and every bad input as an error value.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { percent, relativeLift } from '../../web/studio/lift.js';

const near = (actual, expected, what) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} vs ${expected}`);

test('worked examples: 12 % against 10 % is +20 %, not yet clear; 6.5 % against 5 % on more visitors is clear', () => {
  const a = relativeLift({ exposedVisitors: 1000, exposedConversions: 120, heldOutVisitors: 1000, heldOutConversions: 100 });
  assert.equal(a.ok, true);
  near(a.lift, 0.2, 'lift');
  near(a.low, -0.06589424893700613, 'low');
  near(a.high, 0.5415813448973079, 'high');
  assert.equal(a.verdict, 'unclear');
  const b = relativeLift({ exposedVisitors: 20000, exposedConversions: 1300, heldOutVisitors: 2000, heldOutConversions: 100 });
  near(b.lift, 0.3, 'lift');
  near(b.low, 0.0663387922589096, 'low');
  near(b.high, 0.5848621585077476, 'high');
  assert.equal(b.verdict, 'raised');
  const c = relativeLift({ exposedVisitors: 20000, exposedConversions: 700, heldOutVisitors: 2000, heldOutConversions: 100 });
  assert.equal(c.verdict, 'lowered');
  assert.ok(c.high < 0 && c.lift < 0);
  assert.equal(percent(0.2), '+20.0\u00a0%');
  assert.equal(percent(-0.0659), '\u22126.6\u00a0%');
  assert.equal(percent(0), '0.0\u00a0%');
});

test('the interval holds the true lift in about 95 % of simulated experiments', () => {
  // A seeded generator, so the test is the same every run.
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const binomial = (n, p) => { let x = 0; for (let i = 0; i < n; i++) if (random() < p) x += 1; return x; };
  const trueLift = 0.25;
  const runs = 400;
  let covered = 0;
  for (let i = 0; i < runs; i++) {
    const r = relativeLift({ exposedVisitors: 3000, exposedConversions: binomial(3000, 0.05 * (1 + trueLift)),
      heldOutVisitors: 3000, heldOutConversions: binomial(3000, 0.05) });
    if (r.ok && r.low <= trueLift && trueLift <= r.high) covered += 1;
  }
  const share = covered / runs;
  assert.ok(share > 0.92 && share < 0.98, `coverage ${share}`);
});

test('bad input is an error value with a code, the field and a sentence', () => {
  const good = { exposedVisitors: 100, exposedConversions: 10, heldOutVisitors: 100, heldOutConversions: 8 };
  const cases = [
    [{ ...good, exposedVisitors: -1 }, 'bad_value', 'exposedVisitors'],
    [{ ...good, heldOutConversions: 2.5 }, 'bad_value', 'heldOutConversions'],
    [{ ...good, exposedConversions: NaN }, 'bad_value', 'exposedConversions'],
    [{ ...good, heldOutVisitors: '100' }, 'bad_value', 'heldOutVisitors'],
    [{ ...good, exposedVisitors: 0, exposedConversions: 0 }, 'no_visitors', 'exposedVisitors'],
    [{ ...good, exposedConversions: 101 }, 'bad_value', 'exposedConversions'],
    [{ ...good, heldOutConversions: 101 }, 'bad_value', 'heldOutConversions'],
    [{ ...good, heldOutConversions: 0 }, 'no_conversions', 'heldOutConversions'],
    [{ ...good, exposedConversions: 0 }, 'no_conversions', 'exposedConversions'],
  ];
  for (const [input, code, field] of cases) {
    const out = relativeLift(input);
    assert.equal(out.ok, false, JSON.stringify(input));
    assert.equal(out.code, code, JSON.stringify(input));
    assert.equal(out.field, field, JSON.stringify(input));
    assert.ok(out.message.length > 10);
  }
  // Conversions equal to visitors: a rate of 1 is still a rate.
  assert.equal(relativeLift({ ...good, exposedConversions: 100 }).ok, true);
});
