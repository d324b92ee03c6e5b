// GrowthBook's targeting-condition evaluator (evalCondition from @growthbook/growthbook, the
// MongoDB-like syntax its feature rules use): each rule translated to a condition object.

import { nodeRequire } from '../lib/node-require.mjs';
import { makeRuleDecider } from '../lib/rule-decider.mjs';

export const name = 'growthbook';
export const packageName = '@growthbook/growthbook';

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function translate(node) {
  switch (node.op) {
    case 'all': return { $and: node.children.map(translate) };
    case 'any': return { $or: node.children.map(translate) };
    case 'not': return { $not: translate(node.child) };
    case 'segment': return { ['seg_' + node.id]: true };
    default: return { [node.feature]: comparison(node) };
  }
}

function comparison({ cmp, value, optional }) {
  const guard = optional ? { $exists: true } : {};
  switch (cmp) {
    case 'gte': return { ...guard, $gte: value };
    case 'gt': return { ...guard, $gt: value };
    case 'lte': return { ...guard, $lte: value };
    case 'lt': return { ...guard, $lt: value };
    case 'eq': return { $eq: value };
    case 'ne': return { $exists: true, $ne: value };
    case 'between': return { $exists: true, $gte: value[0], $lte: value[1] };
    case 'in': return { $in: value };
    case 'startsWith': return { $regex: '^' + escapeRegex(value) };
    case 'contains': return { $regex: escapeRegex(value) };
    case 'exists': return { $exists: value };
    default: throw new Error('growthbook: no translation for ' + cmp);
  }
}

/** @param growthbook the library: required in Node unless given (a page passes its bundled copy) */
export function makeDecider(model, growthbook = nodeRequire('@growthbook/growthbook')) {
  const { evalCondition } = growthbook;
  return makeRuleDecider(model, translate, (rule, data) => evalCondition(data, rule));
}
