// Checks before publishing (pure, no DOM): segments that can never hold, offers that can never
// win, slots without a fallback, and overlaps worth a look. Each finding has the JSON Pointer of
// its place so the studio can link to it. These are static: they read the config, not a visitor,
// and they are conservative (a finding is reported only when it is certain, except "notes").
import { ruleKind, comparisonOf } from './vocabulary.js';

const UNIT_MS = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };

export function durationMs(value) {
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(String(value || ''));
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

/** Same JSON whatever the order of object keys. */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

const EVENT_NUMERIC = new Set(['count', 'distinct', 'sum', 'avg', 'share', 'trend', 'since']);
const ALWAYS_VALUED = new Set(['count', 'distinct', 'sum']);  // 0 when nothing happened
const INTEGER_KINDS = new Set(['count', 'distinct']);

/** The quantity a condition measures, ignoring its comparison: equal keys measure the same thing. */
function measureKey(rule, kind) {
  const { gte, gt, lte, lt, eq, ne, between, in: _in, startsWith, contains, exists, ...rest } = rule;
  if (kind !== 'since' && EVENT_NUMERIC.has(kind) && rest.within === undefined) rest.within = 'lifetime';  // the default window
  return canonical(rest);
}

/** A numeric interval [lo, hi] with open/closed ends that a condition requires, or null. */
function interval(rule, kind, negate = false) {
  let op = comparisonOf(rule);
  let value = op ? rule[op] : undefined;
  if (!op && kind === 'count') { op = 'gte'; value = 1; }
  const num = (v) => (kind === 'since' ? durationMs(v) : typeof v === 'number' ? v : null);
  if (op === 'between') {
    if (negate || !Array.isArray(value)) return null;
    const lo = num(value[0]); const hi = num(value[1]);
    return lo === null || hi === null ? null : { lo, hi, loOpen: false, hiOpen: false };
  }
  if (!['gte', 'gt', 'lte', 'lt', 'eq'].includes(op)) return null;
  const v = num(value);
  if (v === null) return null;
  if (negate) {
    if (op === 'eq') return null;
    op = { gte: 'lt', gt: 'lte', lte: 'gt', lt: 'gte' }[op];
  }
  switch (op) {
    case 'gte': return { lo: v, hi: Infinity, loOpen: false, hiOpen: false };
    case 'gt': return { lo: v, hi: Infinity, loOpen: true, hiOpen: false };
    case 'lte': return { lo: -Infinity, hi: v, loOpen: false, hiOpen: false };
    case 'lt': return { lo: -Infinity, hi: v, loOpen: false, hiOpen: true };
    case 'eq': return { lo: v, hi: v, loOpen: false, hiOpen: false };
    default: return null;
  }
}

function domain(kind) {
  if (kind === 'count' || kind === 'distinct' || kind === 'since') return { lo: 0, hi: Infinity, loOpen: false, hiOpen: false };
  if (kind === 'share') return { lo: 0, hi: 1, loOpen: false, hiOpen: false };
  if (kind === 'trend') return { lo: -1, hi: Infinity, loOpen: false, hiOpen: false };
  return { lo: -Infinity, hi: Infinity, loOpen: false, hiOpen: false };
}

function intersect(a, b) {
  const lo = a.lo > b.lo ? a : b.lo > a.lo ? b : { lo: a.lo, loOpen: a.loOpen || b.loOpen };
  const hi = a.hi < b.hi ? a : b.hi < a.hi ? b : { hi: a.hi, hiOpen: a.hiOpen || b.hiOpen };
  return { lo: lo.lo, loOpen: lo.loOpen, hi: hi.hi, hiOpen: hi.hiOpen };
}

function isEmpty(iv, integer) {
  if (integer) {
    const lo = iv.loOpen ? Math.floor(iv.lo) + 1 : Math.ceil(iv.lo);
    const hi = iv.hiOpen ? Math.ceil(iv.hi) - 1 : Math.floor(iv.hi);
    return lo > hi;
  }
  return iv.lo > iv.hi || (iv.lo === iv.hi && (iv.loOpen || iv.hiOpen));
}

/** The conditions that must all hold for `rule` (through nested all and not-of-a-condition). */
function conjuncts(rule, path, out) {
  const kind = ruleKind(rule);
  if (kind === 'all' && Array.isArray(rule.all)) {
    rule.all.forEach((child, i) => conjuncts(child, `${path}/all/${i}`, out));
  } else if (kind === 'not' && rule.not && ALWAYS_VALUED.has(ruleKind(rule.not))) {
    out.push({ rule: rule.not, kind: ruleKind(rule.not), path: `${path}/not`, negate: true });
  } else if (kind) {
    out.push({ rule, kind, path, negate: false });
  }
  return out;
}

/**
 * Why `rule` can never hold, or null. `neverSegments` maps segment ids already known never to hold.
 * Returns { path, reason }.
 */
export function whyNever(rule, path, neverSegments = new Map()) {
  const kind = ruleKind(rule);
  if (!kind) return null;
  if (kind === 'any') {
    if (!Array.isArray(rule.any)) return null;
    if (rule.any.length === 0) return { path, reason: 'an "any" with no conditions never holds' };
    const reasons = rule.any.map((child, i) => whyNever(child, `${path}/any/${i}`, neverSegments));
    return reasons.every(Boolean) ? { path, reason: `none of its alternatives can hold (${reasons[0].reason}, ...)` } : null;
  }
  if (kind === 'segment') {
    return neverSegments.has(rule.segment) ? { path, reason: `it needs segment ${rule.segment}, which can never hold` } : null;
  }
  if (kind === 'all') {
    if (!Array.isArray(rule.all)) return null;
    for (let i = 0; i < rule.all.length; i += 1) {
      const child = rule.all[i];
      if (ruleKind(child) === 'all') continue;  // looked at through conjuncts below
      const inner = whyNever(child, `${path}/all/${i}`, neverSegments);
      if (inner) return inner;
    }
  }
  // Contradictions among the conditions that must all hold.
  const atoms = conjuncts(rule, path, []);
  const byMeasure = new Map();
  for (const atom of atoms) {
    if (!EVENT_NUMERIC.has(atom.kind) && atom.kind !== 'trait' && atom.kind !== 'context') continue;
    const iv = interval(atom.rule, atom.kind, atom.negate);
    const key = `${atom.kind}|${measureKey(atom.rule, atom.kind)}`;
    if (!byMeasure.has(key)) byMeasure.set(key, []);
    byMeasure.get(key).push({ ...atom, iv });
  }
  for (const group of byMeasure.values()) {
    const kindOf = group[0].kind;
    let acc = domain(kindOf);
    const used = [];
    for (const atom of group) {
      if (!atom.iv) continue;
      acc = intersect(acc, atom.iv);
      used.push(atom);
      if (isEmpty(acc, INTEGER_KINDS.has(kindOf))) {
        const where = used.length > 1 ? `${used[0].path} and ${atom.path}` : atom.path;
        return { path: atom.path, reason: used.length > 1 ? `the conditions at ${where} contradict each other (no number satisfies both)` : `the condition at ${where} asks for a value that cannot occur` };
      }
    }
    // trait/context: two different required equal values
    const eqs = group.filter((a) => !a.negate && comparisonOf(a.rule) === 'eq').map((a) => a);
    for (let i = 1; i < eqs.length; i += 1) {
      if (canonical(eqs[i].rule.eq) !== canonical(eqs[0].rule.eq)) {
        return { path: eqs[i].path, reason: `the conditions at ${eqs[0].path} and ${eqs[i].path} require two different values of the same thing` };
      }
    }
  }
  // A condition together with its own negation.
  const plain = new Map(atoms.filter((a) => !a.negate).map((a) => [canonical(a.rule), a]));
  for (const child of Array.isArray(rule.all) ? rule.all : []) {
    if (ruleKind(child) === 'not' && plain.has(canonical(child.not))) {
      return { path: plain.get(canonical(child.not)).path, reason: 'it requires a condition and also its opposite ("not" of the same condition)' };
    }
  }
  return null;
}

function segmentNever(segment, path, neverSegments) {
  if (segment.rule) return whyNever(segment.rule, `${path}/rule`, neverSegments);
  const score = segment.score;
  if (score && Array.isArray(score.signals) && typeof score.enter === 'number') {
    let reachable = 0;
    score.signals.forEach((signal, i) => {
      const w = typeof signal.weight === 'number' ? signal.weight : 0;
      if (w > 0 && !(signal.rule && whyNever(signal.rule, `${path}/score/signals/${i}/rule`, neverSegments))) reachable += w;
    });
    if (reachable < score.enter) {
      return { path: `${path}/score/enter`, reason: `the signals that can hold add up to at most ${reachable}, below the entry threshold ${score.enter}` };
    }
  }
  return null;
}

function servesEveryone(offer) {
  return !(Array.isArray(offer.segments) && offer.segments.length) && !offer.rule;
}

function neverBlocked(offer) {
  return !offer.caps && offer.cooldown === undefined && !offer.suppress && !offer.schedule && !(typeof offer.holdout === 'number' && offer.holdout > 0);
}

export function runChecks(config) {
  const findings = [];
  if (!config || typeof config !== 'object') return findings;
  const segments = Array.isArray(config.segments) ? config.segments : [];
  const offers = Array.isArray(config.offers) ? config.offers : [];

  // Segments that can never hold; repeated so that references to them are caught too.
  const never = new Map();
  for (let pass = 0; pass < 4; pass += 1) {
    let grew = false;
    segments.forEach((segment, i) => {
      if (!segment || never.has(segment.id)) return;
      const why = segmentNever(segment, `/segments/${i}`, never);
      if (why) { never.set(segment.id, { ...why, index: i }); grew = true; }
    });
    if (!grew) break;
  }
  for (const [id, why] of never) {
    findings.push({ severity: 'error', code: 'segment_never_holds', path: why.path,
      message: `Segment ${id} can never hold: ${why.reason}.` });
  }

  // Offers that can never win.
  const priority = (o) => (typeof o.priority === 'number' ? o.priority : 0);
  offers.forEach((offer, i) => {
    if (!offer) return;
    const segs = Array.isArray(offer.segments) ? offer.segments : [];
    if (segs.length && segs.every((s) => never.has(s))) {
      findings.push({ severity: 'error', code: 'offer_never_wins', path: `/offers/${i}/segments`,
        message: `Offer ${offer.id} can never show: every segment it serves (${segs.join(', ')}) can never hold.` });
      return;
    }
    if (offer.rule) {
      const why = whyNever(offer.rule, `/offers/${i}/rule`, never);
      if (why) {
        findings.push({ severity: 'error', code: 'offer_never_wins', path: why.path, message: `Offer ${offer.id} can never show: its rule never holds (${why.reason}).` });
        return;
      }
    }
    const beater = offers.find((other, j) => j !== i && other && other.slot === offer.slot && servesEveryone(other) && neverBlocked(other) && priority(other) > priority(offer));
    if (beater) {
      const j = offers.indexOf(beater);
      findings.push({ severity: 'error', code: 'offer_never_wins', path: `/offers/${i}/priority`,
        message: `Offer ${offer.id} can never win in slot ${offer.slot}: offer ${beater.id} (priority ${priority(beater)}) serves everyone, is never capped, scheduled or held out, and always comes first.`,
        related: `/offers/${j}` });
    }
  });

  // Slots with no fallback.
  const slots = [...new Set(offers.filter((o) => o && typeof o.slot === 'string').map((o) => o.slot))];
  for (const slot of slots) {
    const first = offers.findIndex((o) => o && o.slot === slot);
    const fallback = offers.find((o) => o && o.slot === slot && servesEveryone(o));
    if (!fallback) {
      findings.push({ severity: 'warning', code: 'slot_without_fallback', path: `/offers/${first}/slot`,
        message: `Slot ${slot} has no fallback offer (one with no segments and no rule): visitors who match none of its offers see the slot's own content.` });
    } else if (!neverBlocked(fallback)) {
      findings.push({ severity: 'note', code: 'fallback_can_be_blocked', path: `/offers/${offers.indexOf(fallback)}`,
        message: `The fallback of slot ${slot}, ${fallback.id}, has caps, a cooldown, a schedule or a holdout, so the slot is sometimes empty.` });
    }
  }

  // Overlaps: identical segment definitions.
  const seen = new Map();
  segments.forEach((segment, i) => {
    if (!segment) return;
    const def = canonical(segment.rule || segment.score || null);
    if (seen.has(def)) {
      const j = seen.get(def);
      findings.push({ severity: 'warning', code: 'identical_segments', path: `/segments/${i}`,
        message: `Segments ${segments[j].id} and ${segment.id} have identical rules: they always hold together.`, related: `/segments/${j}` });
    } else {
      seen.set(def, i);
    }
  });

  // Overlaps: offers of one slot serving the same segment at the same priority (config order decides).
  offers.forEach((a, i) => {
    offers.forEach((b, j) => {
      if (j <= i || !a || !b || a.slot !== b.slot || priority(a) !== priority(b)) return;
      const shared = (a.segments || []).filter((s) => (b.segments || []).includes(s));
      const bothEveryone = servesEveryone(a) && servesEveryone(b);
      if (shared.length || bothEveryone) {
        findings.push({ severity: 'warning', code: 'offers_tie', path: `/offers/${j}/priority`,
          message: `Offers ${a.id} and ${b.id} in slot ${a.slot} both serve ${shared.length ? shared.join(', ') : 'everyone'} at priority ${priority(a)}: only their order in the config decides, so ${b.id} shows only when ${a.id} is blocked.`,
          related: `/offers/${i}` });
      }
    });
  });

  // Notes: segments no offer serves.
  const served = new Set(offers.flatMap((o) => (o && Array.isArray(o.segments) ? o.segments : [])));
  const referenced = new Set();
  const collectRefs = (rule) => {
    if (!rule || typeof rule !== 'object') return;
    if (typeof rule.segment === 'string') referenced.add(rule.segment);
    for (const v of Object.values(rule)) if (v && typeof v === 'object') collectRefs(v);
  };
  offers.forEach((o) => o && collectRefs(o.rule));
  segments.forEach((s) => s && collectRefs(s.rule || s.score));
  segments.forEach((segment, i) => {
    if (segment && !served.has(segment.id) && !referenced.has(segment.id) && !never.has(segment.id)) {
      findings.push({ severity: 'note', code: 'segment_unused', path: `/segments/${i}`,
        message: `No offer serves segment ${segment.id}; it still shows in explanations and the page can read it.` });
    }
  });

  return findings;
}
