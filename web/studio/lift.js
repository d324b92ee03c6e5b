// The lift of an offer from the shop's own analytics: visitors and conversions of those who saw it
// (exposed, GA4 view_promotion) and of those held out of it (shopper_segments_holdout). Pure
// arithmetic, no DOM, so tests/js/lift.test.mjs checks it.
//
// Method: the relative lift is the ratio of the two conversion rates minus one. Its 95 %
// confidence interval comes from the log of that ratio, whose standard error by the delta method
// (Katz et al., 1978) is sqrt(1/x_e - 1/n_e + 1/x_h - 1/n_h); the interval is
// exp(ln(ratio) +- 1.96 * SE) - 1. It needs at least one conversion in each group (a rate of
// zero has no logarithm) and assumes visitors were held out at random, as the engine's holdout
// hash does.

export const Z_95 = 1.959963984540054;

/**
 * @param {{ exposedVisitors: number, exposedConversions: number, heldOutVisitors: number, heldOutConversions: number }} input
 * @returns {{ ok: true, exposedRate: number, heldOutRate: number, lift: number, low: number, high: number, verdict: string }
 *   | { ok: false, code: string, field: string, message: string }}
 */
export function relativeLift(input) {
  const fields = [
    ['exposedVisitors', 'Visitors who saw the offer'],
    ['exposedConversions', 'Conversions of those who saw it'],
    ['heldOutVisitors', 'Visitors held out'],
    ['heldOutConversions', 'Conversions of those held out'],
  ];
  for (const [field, label] of fields) {
    const value = input[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      return { ok: false, code: 'bad_value', field, message: `${label}: a whole number, 0 or more.` };
    }
  }
  const { exposedVisitors: ne, exposedConversions: xe, heldOutVisitors: nh, heldOutConversions: xh } = input;
  if (ne === 0 || nh === 0) {
    return { ok: false, code: 'no_visitors', field: ne === 0 ? 'exposedVisitors' : 'heldOutVisitors', message: 'Each group needs at least one visitor.' };
  }
  if (xe > ne) return { ok: false, code: 'bad_value', field: 'exposedConversions', message: 'More conversions than visitors among those who saw the offer.' };
  if (xh > nh) return { ok: false, code: 'bad_value', field: 'heldOutConversions', message: 'More conversions than visitors among those held out.' };
  if (xe === 0 || xh === 0) {
    return { ok: false, code: 'no_conversions', field: xe === 0 ? 'exposedConversions' : 'heldOutConversions',
      message: 'Each group needs at least one conversion before the lift can be estimated; wait for more data.' };
  }
  const exposedRate = xe / ne;
  const heldOutRate = xh / nh;
  const logRatio = Math.log(exposedRate / heldOutRate);
  const se = Math.sqrt(1 / xe - 1 / ne + 1 / xh - 1 / nh);
  const lift = Math.exp(logRatio) - 1;
  const low = Math.exp(logRatio - Z_95 * se) - 1;
  const high = Math.exp(logRatio + Z_95 * se) - 1;
  const verdict = low > 0 ? 'raised' : high < 0 ? 'lowered' : 'unclear';
  return { ok: true, exposedRate, heldOutRate, lift, low, high, verdict };
}

/** "+12.3 %" */
export function percent(share) {
  const value = Math.round(share * 1000) / 10;
  return `${value > 0 ? '+' : value < 0 ? '\u2212' : ''}${Math.abs(value).toFixed(1)}\u00a0%`;
}
