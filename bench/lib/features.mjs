// The peers' feature objects: one value per condition of the configuration, precomputed from the
// same visitor the engine sees. Values come from the engine itself (a probe configuration with one
// segment per event condition, read back through explain, which the owner toolkit answers: a
// Promise until the toolkit is loaded), so peers and engine decide on exactly the same numbers and
// their answers can be checked against each other.

import { allRules, eventConditions, featureName } from './rules.mjs';

/** A configuration whose segments are the distinct event conditions of `config`, no offers. */
export function probeConfig(config) {
  const probes = new Map();
  for (const rule of allRules(config)) {
    for (const condition of eventConditions(rule)) {
      const name = featureName(condition);
      if (!probes.has(name)) probes.set(name, condition);
    }
  }
  const segments = [...probes].map(([name, rule], i) => ({ id: 'probe_' + i, name, rule }));
  return { version: 1, settings: config.settings, segments, offers: [] };
}

/**
 * @param {any} probeEngine a JS API engine running probeConfig(config) compiled, fed the visitor's events
 * @param {object} traits the visitor's traits, @param {object} context its context
 */
export async function readFeatures(probeEngine, probe, traits = {}, context = {}) {
  const features = {};
  for (const segment of probe.segments) {
    const explanation = await probeEngine.explain(segment.id);
    const value = explanation.tree.value;
    if (value !== null && value !== undefined) features[segment.name] = value;
  }
  for (const [key, value] of Object.entries(traits)) features[featureName({ trait: key })] = value;
  for (const [key, value] of Object.entries(context)) features[featureName({ context: key })] = value;
  return features;
}
