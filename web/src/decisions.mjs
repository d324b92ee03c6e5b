// Parses the packed string the WASM `decide` call returns (docs/BINDINGS.md): one record per slot,
// separated by RS; fields separated by US: slot, offer, reason, segment, score, then pairs of
// (skipped offer, its reason). Offer content comes from the configuration the facade holds.

import { RS, US } from './pack.mjs';

/**
 * @param {string} packed
 * @param {Map<string, object>} contentByOffer
 */
export function parseDecisions(packed, contentByOffer) {
  const decisions = [];
  if (packed === '') return decisions;
  for (const record of packed.split(RS)) {
    const f = record.split(US);
    const offer = f[1] || null;
    const skipped = [];
    for (let i = 5; i + 1 < f.length; i += 2) skipped.push({ offer: f[i], reason: f[i + 1] });
    decisions.push({
      slot: f[0],
      offer,
      reason: f[2],
      segment: f[3] || null,
      score: Number(f[4]) || 0,
      skipped,
      content: offer === null ? null : contentByOffer.get(offer) || {},
    });
  }
  return decisions;
}
