// Reads the engine's rule language (docs/RULES.md) into a small tree the peer translators share:
//   { op: 'all' | 'any', children } | { op: 'not', child } | { op: 'segment', id }
//   | { op: 'cmp', feature, cmp, value, optional }
// Every condition on events, traits or context becomes a comparison on one named feature, the
// value a peer finds precomputed in its feature object (peers have no time windows of their own).

// 'cart' reads the visitor's cart now (value, quantity, items): a number the engine computes, like the
// event forms, so it is precomputed for the peers the same way.
const EVENT_FORMS = ['count', 'distinct', 'sum', 'avg', 'share', 'trend', 'since', 'sequence', 'cart'];
const COMPARISONS = ['gte', 'gt', 'lte', 'lt', 'eq', 'ne', 'between', 'in', 'startsWith', 'contains', 'exists'];
// Forms whose value may be "no value" (never happened, no events): comparisons on it are false.
const OPTIONAL_FORMS = new Set(['avg', 'share', 'trend', 'since', 'trait', 'context']);
const UNIT_MS = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

export function durationMs(value) {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(value);
  if (!match) throw new Error('not a duration: ' + value);
  return Number(match[1]) * UNIT_MS[match[2]];
}

function comparisonOf(rule) {
  if ('sequence' in rule) return { cmp: 'gte', value: rule.sequence.length };  // steps done (explain's value)
  const keys = COMPARISONS.filter((key) => key in rule);
  if (keys.length > 1) throw new Error('more than one comparison: ' + JSON.stringify(rule));
  if (keys.length === 0) return { cmp: 'gte', value: 1 };  // a bare count means "at least once"
  const cmp = keys[0];
  let value = rule[cmp];
  if ('since' in rule) value = cmp === 'between' ? value.map(durationMs) : durationMs(value);
  return { cmp, value };
}

/** The condition without its comparison: what identifies the feature. */
export function featureCondition(rule) {
  const condition = {};
  for (const key of Object.keys(rule).sort()) if (!COMPARISONS.includes(key)) condition[key] = rule[key];
  return condition;
}

/** A readable, unique feature name made of [a-z0-9_] (dots would be paths to json-logic and GrowthBook). */
export function featureName(rule) {
  if ('trait' in rule) return 'trait_' + slug(rule.trait);
  if ('context' in rule) return 'context_' + slug(rule.context);
  const text = JSON.stringify(featureCondition(rule));
  return 'f_' + slug(text.replace(/["{}\[\]]/g, ' ')).slice(0, 80) + '_' + hash(text);
}

function slug(text) {
  return String(text).toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

export function formOf(rule) {
  for (const key of [...EVENT_FORMS, 'trait', 'context', 'segment']) if (key in rule) return key;
  throw new Error('unknown rule form: ' + JSON.stringify(rule));
}

/** @returns the tree described at the top of this file */
export function readRule(rule) {
  if ('all' in rule) return { op: 'all', children: rule.all.map(readRule) };
  if ('any' in rule) return { op: 'any', children: rule.any.map(readRule) };
  if ('not' in rule) return { op: 'not', child: readRule(rule.not) };
  const form = formOf(rule);
  if (form === 'segment') return { op: 'segment', id: rule.segment };
  const { cmp, value } = comparisonOf(rule);
  return { op: 'cmp', feature: featureName(rule), cmp, value, optional: OPTIONAL_FORMS.has(form) };
}

/** Every event condition (not traits, context or segments) in a rule, as written. */
export function eventConditions(rule, out = []) {
  if ('all' in rule) rule.all.forEach((r) => eventConditions(r, out));
  else if ('any' in rule) rule.any.forEach((r) => eventConditions(r, out));
  else if ('not' in rule) eventConditions(rule.not, out);
  else if (EVENT_FORMS.includes(formOf(rule))) out.push(rule);
  return out;
}

/** Every rule of a configuration: segment rules, signals and offer rules. */
export function allRules(config) {
  const rules = [];
  for (const segment of config.segments) {
    if (segment.rule) rules.push(segment.rule);
    for (const signal of segment.score?.signals ?? []) rules.push(signal.rule);
  }
  for (const offer of config.offers) if (offer.rule) rules.push(offer.rule);
  return rules;
}

/**
 * The configuration as plain data the peers evaluate: segments (rule tree, or signals with weights
 * and an entry threshold) and offers grouped by slot, in configuration order.
 */
export function readConfig(config) {
  const segments = config.segments.map((segment) => ({
    id: segment.id,
    priority: segment.priority ?? 0,
    rule: segment.rule ? readRule(segment.rule) : null,
    signals: segment.score ? segment.score.signals.map((s) => ({ weight: s.weight, rule: readRule(s.rule) })) : null,
    enter: segment.score ? segment.score.enter : 1,
  }));
  const slots = new Map();
  config.offers.forEach((offer, order) => {
    if (!slots.has(offer.slot)) slots.set(offer.slot, []);
    slots.get(offer.slot).push({
      id: offer.id,
      order,
      priority: offer.priority ?? 0,
      segments: offer.segments ?? [],
      rule: offer.rule ? readRule(offer.rule) : null,
    });
  });
  return { segments, slots: [...slots].map(([slot, offers]) => ({ slot, offers })) };
}

