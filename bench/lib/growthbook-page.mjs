// GrowthBook in a page, for the start-up figure beside this engine's (lib/browser.mjs): the
// catalogue translated into a GrowthBook feature payload, and the script the page runs. The script
// is GrowthBook's shipped browser bundle (dist/bundles/index.min.js, the whole SDK, global
// `growthbook`) with a User Timing mark before it and, after it, the start every GrowthBook page
// makes: fetch the payload (a cached file, as this engine's program), initialise the SDK with it,
// and evaluate every feature once for the visitor's attributes: then `shopper-segments:ready`, the
// mark this engine's widget sets after its first decision.
//
// The payload carries what the catalogue carries: one boolean feature per segment (forced on by
// the segment's rule translated to a GrowthBook condition, as bench/peers/growthbook.mjs does; a
// scored segment by any of its signals) and one feature per offer (its content, forced by its
// segments and its own rule). GrowthBook has no history, so the attributes are the decision
// visitor's precomputed feature values (lib/features.mjs), written into the script. The payload
// is for the start-up cost: its answers are not compared (the peers' translations are, in Node
// and in the page's decision figure).

import fs from 'node:fs';
import path from 'node:path';

import { translate } from '../peers/growthbook.mjs';
import { readConfig, readRule } from './rules.mjs';

/** {features: {...}} for the configuration: segments and offers as GrowthBook features. */
export function growthbookPayload(config) {
  const model = readConfig(config);
  const features = {};
  for (const segment of model.segments) {
    const condition = segment.rule ? translate(segment.rule) : { $or: segment.signals.map((s) => translate(s.rule)) };
    features['seg_' + segment.id] = { defaultValue: false, rules: [{ id: 'r_' + segment.id, condition, force: true }] };
  }
  for (const offer of config.offers) {
    const parts = [];
    if (offer.segments && offer.segments.length) parts.push({ $or: offer.segments.map((id) => ({ ['seg_' + id]: true })) });
    if (offer.rule) parts.push(translate(readRule(offer.rule)));
    const rule = { id: 'r_' + offer.id, force: offer.content || {} };
    if (parts.length) rule.condition = parts.length === 1 ? parts[0] : { $and: parts };
    features['offer_' + offer.id] = { defaultValue: null, rules: [rule] };
  }
  return { features };
}

/** The page's script: the mark, GrowthBook's bundle, then fetch, init and evaluate every feature. */
export function growthbookScript(root, payloadUrl, attributes) {
  const bundle = fs.readFileSync(path.join(root, 'node_modules', '@growthbook', 'growthbook', 'dist', 'bundles', 'index.min.js'), 'utf8');
  return `performance.mark('shopper-segments:start');
${bundle}
;(async () => {
  const response = await fetch(${JSON.stringify(payloadUrl)}, { credentials: 'same-origin' });
  const payload = await response.json();
  const gb = new growthbook.GrowthBook({ attributes: ${JSON.stringify(attributes)} });
  await gb.init({ payload, streaming: false });
  let on = 0;
  for (const key of Object.keys(gb.getFeatures())) if (gb.evalFeature(key).on) on++;
  window.growthbookFeaturesOn = on;
  performance.mark('shopper-segments:ready');
})();
`;
}
