// The floor: the rules as the plain JavaScript one would write by hand, one function per segment,
// signal and offer rule. The source is generated from the configuration (so 100 and 500 segments
// get the same treatment) and compiled once by V8; evaluation is property reads and comparisons.

import { membership, pickOffers } from '../lib/pick-offers.mjs';

export const name = 'plain-js';

function expression(node, sets) {
  switch (node.op) {
    case 'all': return node.children.length ? '(' + node.children.map((c) => expression(c, sets)).join(' && ') + ')' : 'true';
    case 'any': return node.children.length ? '(' + node.children.map((c) => expression(c, sets)).join(' || ') + ')' : 'false';
    case 'not': return '!' + expression(node.child, sets);
    case 'segment': return `m.get(${JSON.stringify(node.id)}).member`;
    default: return comparison(node, sets);
  }
}

function comparison({ feature, cmp, value, optional }, sets) {
  const x = 'f.' + feature;
  const guard = optional ? `${x} != null && ` : '';
  const v = JSON.stringify(value);
  switch (cmp) {
    case 'gte': return `(${guard}${x} >= ${v})`;
    case 'gt': return `(${guard}${x} > ${v})`;
    case 'lte': return `(${guard}${x} <= ${v})`;
    case 'lt': return `(${guard}${x} < ${v})`;
    case 'eq': return `(${x} === ${v})`;
    case 'ne': return `(${x} != null && ${x} !== ${v})`;
    case 'between': return `(${x} != null && ${x} >= ${value[0]} && ${x} <= ${value[1]})`;
    case 'in': sets.push(new Set(value)); return `inSet(${x}, s[${sets.length - 1}])`;
    case 'startsWith': return `(typeof ${x} === 'string' && ${x}.startsWith(${v}))`;
    case 'contains': return `(${x} != null && ${x}.includes(${v}))`;
    case 'exists': return value ? `(${x} !== undefined)` : `(${x} === undefined)`;
    default: throw new Error('plain-js: no translation for ' + cmp);
  }
}

// A list-valued trait is "in" a list when they share an element.
function inSet(x, set) {
  if (Array.isArray(x)) return x.some((e) => set.has(e));
  return set.has(x);
}

function compile(node, sets) {
  return new Function('inSet', 's', `return (f, m) => ${expression(node, sets)};`);
}

export function makeDecider(model) {
  const sets = [];
  const fn = (node) => compile(node, sets)(inSet, sets);
  const rules = new Map(model.segments.filter((s) => s.rule).map((s) => [s, fn(s.rule)]));
  const signals = new Map(model.segments.filter((s) => s.signals).map((s) => [s, s.signals.map((g) => fn(g.rule))]));
  const offerRules = new Map();
  for (const { offers } of model.slots) for (const o of offers) if (o.rule) offerRules.set(o, fn(o.rule));
  return (features) => {
    const m = membership(model, (s) => rules.get(s)(features), (s, _g, i) => signals.get(s)[i](features));
    return { segments: m, offers: pickOffers(model, m, (o) => offerRules.get(o)(features, m)) };
  };
}
