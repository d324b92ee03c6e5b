// json-rules-engine: every segment rule and signal is one rule of a first engine, every offer rule
// one rule of a second engine whose facts include the memberships; both run per decision and are
// awaited (the library is promise-based), so a decision is two `await engine.run(facts)`.

import { createRequire } from 'node:module';
import { membership, pickOffers } from '../lib/pick-offers.mjs';
import { withMemberships } from '../lib/rule-decider.mjs';

const require = createRequire(import.meta.url);
export const name = 'json-rules-engine';
export const packageName = 'json-rules-engine';

const OPERATORS = { gte: 'greaterThanInclusive', gt: 'greaterThan', lte: 'lessThanInclusive', lt: 'lessThan',
  eq: 'equal', ne: 'differentAndPresent', in: 'in', startsWith: 'startsWith', contains: 'contains' };

// Top-level conditions must be all / any / not; a lone comparison is wrapped in `all`.
export function translate(node) {
  switch (node.op) {
    case 'all': return { all: node.children.map(translate) };
    case 'any': return { any: node.children.map(translate) };
    case 'not': return { not: translate(node.child) };
    case 'segment': return { fact: 'seg_' + node.id, operator: 'equal', value: true };
    default: return comparison(node);
  }
}

function comparison({ feature, cmp, value }) {
  if (cmp === 'between') {
    return { all: [
      { fact: feature, operator: 'greaterThanInclusive', value: value[0] },
      { fact: feature, operator: 'lessThanInclusive', value: value[1] },
    ] };
  }
  if (cmp === 'exists') return { fact: feature, operator: value ? 'present' : 'absent', value: true };
  // Numeric operators of json-rules-engine are false for a missing (undefined) fact: the guard is built in.
  return { fact: feature, operator: OPERATORS[cmp], value };
}

function topLevel(condition) {
  return 'all' in condition || 'any' in condition || 'not' in condition ? condition : { all: [condition] };
}

function newEngine(Engine) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('present', (fact) => fact !== undefined && fact !== null);
  engine.addOperator('absent', (fact) => fact === undefined || fact === null);
  engine.addOperator('startsWith', (fact, prefix) => typeof fact === 'string' && fact.startsWith(prefix));
  engine.addOperator('differentAndPresent', (fact, value) => fact !== undefined && fact !== null && fact !== value);
  return engine;
}

export function makeDecider(model) {
  const { Engine } = require('json-rules-engine');
  const segmentEngine = newEngine(Engine);
  for (const s of model.segments) {
    if (s.rule) segmentEngine.addRule({ name: s.id, conditions: topLevel(translate(s.rule)), event: { type: s.id } });
    s.signals?.forEach((g, i) => segmentEngine.addRule({
      name: s.id + '#' + i, conditions: topLevel(translate(g.rule)), event: { type: s.id + '#' + i } }));
  }
  const offerEngine = newEngine(Engine);
  let offerRules = 0;
  for (const { offers } of model.slots) {
    for (const o of offers) {
      if (!o.rule) continue;
      offerEngine.addRule({ name: o.id, conditions: topLevel(translate(o.rule)), event: { type: o.id } });
      offerRules++;
    }
  }
  return async (features) => {
    const held = new Set((await segmentEngine.run(features)).events.map((e) => e.type));
    const m = membership(model, (s) => held.has(s.id), (s, _g, i) => held.has(s.id + '#' + i));
    let offersHeld = new Set();
    if (offerRules > 0) {
      offersHeld = new Set((await offerEngine.run(withMemberships(features, m))).events.map((e) => e.type));
    }
    return { segments: m, offers: pickOffers(model, m, (o) => offersHeld.has(o.id)) };
  };
}
