// Larger configurations for the 100- and 500-segment figures: the catalogue's segments repeated
// with renamed ids (`<id>_<copy>`) and varied thresholds, and its offers repeated with them (same
// slots, pointing at the copy's segments). Conditions keep their shape, so the visitor's profile
// and the peers' feature objects stay the same; only the number of rules grows.

const VARIED_FORMS = new Set(['count', 'distinct', 'sum', 'avg', 'trait']);
const ORDER_KEYS = ['gte', 'gt', 'lte', 'lt'];

function varyRule(rule, copy, rename) {
  if (Array.isArray(rule)) return rule.map((r) => varyRule(r, copy, rename));
  if (rule === null || typeof rule !== 'object') return rule;
  const out = {};
  for (const [key, value] of Object.entries(rule)) out[key] = key === 'where' ? value : varyRule(value, copy, rename);
  if (typeof out.segment === 'string') out.segment = rename(out.segment);
  const form = Object.keys(rule).find((k) => VARIED_FORMS.has(k));
  if (copy > 0 && form && !('per' in rule)) {
    for (const key of ORDER_KEYS) {
      if (typeof out[key] !== 'number') continue;
      // Counts move by whole steps, amounts by a quarter per step, so copies split visitors differently.
      out[key] = form === 'count' || form === 'distinct' ? out[key] + (copy % 3) : out[key] * (1 + 0.25 * (copy % 4));
    }
  }
  return out;
}

/** @returns a configuration with exactly `count` segments (count >= the catalogue's) */
export function scaleConfig(catalog, count) {
  const base = catalog.segments;
  const segments = [];
  const offers = [];
  for (let copy = 0; segments.length < count; copy++) {
    const suffix = copy === 0 ? '' : '_' + copy;
    const rename = (id) => id + suffix;
    const kept = new Set();
    for (const segment of base) {
      if (segments.length >= count) break;
      const s = varyRule(segment, copy, rename);
      s.id = rename(segment.id);
      s.name = segment.name + (copy ? ' ' + copy : '');
      segments.push(s);
      kept.add(segment.id);
    }
    for (const offer of catalog.offers) {
      const refs = [...(offer.segments ?? []), ...segmentRefs(offer.rule)];
      if (!refs.every((id) => kept.has(id))) continue;
      const o = varyRule(offer, copy, rename);
      o.id = rename(offer.id);
      if (offer.segments) o.segments = offer.segments.map(rename);
      offers.push(o);
    }
  }
  return { ...catalog, segments, offers };
}

function segmentRefs(rule, out = []) {
  if (rule === null || typeof rule !== 'object') return out;
  if (typeof rule.segment === 'string') out.push(rule.segment);
  for (const value of Object.values(rule)) if (typeof value === 'object') segmentRefs(value, out);
  return out;
}
