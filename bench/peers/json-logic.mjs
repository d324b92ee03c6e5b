// json-logic-js: each rule translated to a JsonLogic object, evaluated with jsonLogic.apply over
// the feature object (segment memberships added as seg_<id> for offer rules).

import { createRequire } from 'node:module';
import { membership, pickOffers } from '../lib/pick-offers.mjs';

const require = createRequire(import.meta.url);
export const name = 'json-logic-js';
export const packageName = 'json-logic-js';

export function translate(node) {
  switch (node.op) {
    case 'all': return { and: node.children.map(translate) };
    case 'any': return { or: node.children.map(translate) };
    case 'not': return { '!': translate(node.child) };
    case 'segment': return { '!!': { var: 'seg_' + node.id } };
    default: return comparison(node);
  }
}

function comparison({ feature, cmp, value, optional }) {
  const x = { var: feature };
  const present = { '!=': [x, null] };
  const guarded = (rule) => (optional ? { and: [present, rule] } : rule);
  switch (cmp) {
    case 'gte': return guarded({ '>=': [x, value] });
    case 'gt': return guarded({ '>': [x, value] });
    case 'lte': return guarded({ '<=': [x, value] });
    case 'lt': return guarded({ '<': [x, value] });
    case 'eq': return { '===': [x, value] };
    case 'ne': return { and: [present, { '!==': [x, value] }] };
    case 'between': return { and: [present, { '<=': [value[0], x, value[1]] }] };
    case 'in': return { in: [x, value] };
    case 'startsWith': return { '===': [{ substr: [x, 0, value.length] }, value] };
    case 'contains': return { and: [present, { in: [value, x] }] };
    case 'exists': return value ? present : { '==': [x, null] };
    default: throw new Error('json-logic: no translation for ' + cmp);
  }
}

export function makeDecider(model) {
  const jsonLogic = require('json-logic-js');
  const rules = new Map(model.segments.filter((s) => s.rule).map((s) => [s, translate(s.rule)]));
  const signals = new Map(model.segments.filter((s) => s.signals).map((s) => [s, s.signals.map((g) => translate(g.rule))]));
  const offerRules = new Map();
  for (const { offers } of model.slots) for (const o of offers) if (o.rule) offerRules.set(o, translate(o.rule));
  return (features) => {
    const m = membership(model, (s) => jsonLogic.apply(rules.get(s), features),
      (s, _g, i) => jsonLogic.apply(signals.get(s)[i], features));
    let data = null;  // offer rules see the memberships too; built only when an offer has a rule
    const ruleHolds = (o) => {
      if (data === null) data = withMemberships(features, m);
      return Boolean(jsonLogic.apply(offerRules.get(o), data));
    };
    return { segments: m, offers: pickOffers(model, m, ruleHolds) };
  };
}

export function withMemberships(features, m) {
  const data = { ...features };
  for (const [id, s] of m) data['seg_' + id] = s.member;
  return data;
}
