// Whether a peer's answer for a visitor is the engine's: the same memberships, and the same offer
// in every slot the engine filled without caps, cooldown or schedule skipping anything (the peers
// have no history, so those are the engine's alone). Used in Node (lib/decisions.mjs) and in the
// Chromium page (lib/page-decisions.mjs).

/** @returns {string[]} what differs, empty when they agree */
export function disagreements(engine, result) {
  const ours = new Set(engine.segments().filter((s) => s.member).map((s) => s.id));
  const theirs = new Set([...result.segments].filter(([, s]) => s.member).map(([id]) => id));
  const problems = [];
  for (const id of new Set([...ours, ...theirs])) if (ours.has(id) !== theirs.has(id)) problems.push('segment ' + id);
  for (const d of engine.decide()) {
    if (d.skipped.length > 0 || !['matched', 'no_match'].includes(d.reason)) continue;  // caps etc.: engine only
    if ((d.offer ?? null) !== (result.offers[d.slot] ?? null)) problems.push(`slot ${d.slot}: ${d.offer} vs ${result.offers[d.slot]}`);
  }
  return problems;
}
