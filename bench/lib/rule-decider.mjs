// A decider for a peer whose rules are data evaluated synchronously (json-logic-js, GrowthBook):
// the catalogue's rules translated once, then per decision every segment rule and signal, and
// offer rules only when an offer has one (they also see the memberships, as seg_<id>).

import { membership, pickOffers } from './pick-offers.mjs';

/**
 * @param {any} model from readConfig
 * @param {(rule: any) => any} translate the peer's translation of one engine rule
 * @param {(rule: any, data: object) => unknown} holds the peer's evaluation (truthy: holds)
 */
export function makeRuleDecider(model, translate, holds) {
  const rules = new Map(model.segments.filter((s) => s.rule).map((s) => [s, translate(s.rule)]));
  const signals = new Map(model.segments.filter((s) => s.signals).map((s) => [s, s.signals.map((g) => translate(g.rule))]));
  const offerRules = new Map();
  for (const { offers } of model.slots) for (const o of offers) if (o.rule) offerRules.set(o, translate(o.rule));
  return (features) => {
    const m = membership(model, (s) => holds(rules.get(s), features), (s, _g, i) => holds(signals.get(s)[i], features));
    let data = null;  // built only when an offer has a rule
    const ruleHolds = (o) => {
      if (data === null) data = withMemberships(features, m);
      return Boolean(holds(offerRules.get(o), data));
    };
    return { segments: m, offers: pickOffers(model, m, ruleHolds) };
  };
}

export function withMemberships(features, m) {
  const data = { ...features };
  for (const [id, s] of m) data['seg_' + id] = s.member;
  return data;
}
