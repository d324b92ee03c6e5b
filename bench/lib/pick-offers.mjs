// The offer choice every peer shares, in plain JavaScript, as docs/RULES.md "Decisions" orders it:
// per slot, the offers whose segments (any) and rule hold, by offer priority, then the highest
// priority of the matching segments, then that segment's score, then configuration order.
// Peers have no history, so caps, cooldown, suppression, schedule, holdout and the control group
// are left out: their best case (the engine checks all of them).

/**
 * @param {{slots: Array<{slot: string, offers: any[]}>}} model from readConfig
 * @param {Map<string, {member: boolean, score: number, priority: number}>} segments
 * @param {(offer: any) => boolean} ruleHolds the peer's evaluation of an offer's own rule
 * @returns {Record<string, string | null>} slot -> offer id
 */
export function pickOffers(model, segments, ruleHolds) {
  const chosen = {};
  for (const { slot, offers } of model.slots) {
    let best = null;
    let bestPriority = 0;
    let bestScore = 0;
    for (const offer of offers) {
      let segmentPriority = 0;
      let score = 0;
      if (offer.segments.length > 0) {
        let found = false;
        for (const id of offer.segments) {
          const s = segments.get(id);
          if (!s.member) continue;
          if (!found || s.priority > segmentPriority || (s.priority === segmentPriority && s.score > score)) {
            segmentPriority = s.priority;
            score = s.score;
          }
          found = true;
        }
        if (!found) continue;
      }
      if (offer.rule !== null && !ruleHolds(offer)) continue;
      if (best === null || offer.priority > best.priority ||
          (offer.priority === best.priority && (segmentPriority > bestPriority ||
            (segmentPriority === bestPriority && score > bestScore)))) {
        best = offer;
        bestPriority = segmentPriority;
        bestScore = score;
      }
    }
    chosen[slot] = best === null ? null : best.id;
  }
  return chosen;
}

/** Membership from held rules and signals (no exit threshold: peers keep no state between calls). */
export function membership(model, ruleHeld, signalHeld) {
  const segments = new Map();
  for (const segment of model.segments) {
    let score;
    if (segment.signals === null) {
      score = ruleHeld(segment) ? 1 : 0;
    } else {
      score = 0;
      segment.signals.forEach((signal, i) => {
        if (signalHeld(segment, signal, i)) score += signal.weight;
      });
    }
    segments.set(segment.id, { member: score >= segment.enter, score, priority: segment.priority });
  }
  return segments;
}
