// json-logic-js: each rule translated to a JsonLogic object, evaluated with jsonLogic.apply over
// the feature object (segment memberships added as seg_<id> for offer rules).

import { nodeRequire } from '../lib/node-require.mjs';
import { makeRuleDecider } from '../lib/rule-decider.mjs';

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

/** @param jsonLogic the library: required in Node unless given (a page passes its bundled copy) */
export function makeDecider(model, jsonLogic = nodeRequire('json-logic-js')) {
  return makeRuleDecider(model, translate, (rule, data) => jsonLogic.apply(rule, data));
}
