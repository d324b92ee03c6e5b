// Ids and the names an owner reads. An owner names a segment or an offer; the id is what the
// program, the shop's code and other rules use. This file makes ids from names, and is the one
// place where an id changes: renameId rewrites every reference to it in the configuration, so a
// rename never leaves an offer or a rule pointing at an id that no longer exists. No DOM: tested
// in Node (tests/js/studio-references.test.mjs).

/** "Sale hunter" -> "sale_hunter"; "Für dich!" -> "fur_dich"; '' when nothing is left. */
export function slugOf(name) {
  return String(name ?? '')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
}

/** The slug of `name`, made unique among `taken` (a Set of ids) with _2, _3, ... */
export function uniqueIdFor(name, taken, fallback = 'item') {
  const base = slugOf(name) || fallback;
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}

/** True when `id` was made from `name` (its slug, or its slug with a _2, _3 suffix). */
export function idFollowsName(id, name) {
  const base = slugOf(name);
  if (!base || typeof id !== 'string') return false;
  return id === base || new RegExp(`^${base}_\\d+$`).test(id);
}

/** The name an owner reads for a segment: its name, else its id. */
export function segmentName(segment) {
  if (!segment || typeof segment !== 'object') return '';
  return (typeof segment.name === 'string' && segment.name.trim()) || String(segment.id ?? '');
}

/** The name an owner reads for an offer: its title, else its id. */
export function offerName(offer) {
  if (!offer || typeof offer !== 'object') return '';
  const title = offer.content && typeof offer.content === 'object' ? offer.content.title : undefined;
  return (typeof title === 'string' && title.trim()) || String(offer.id ?? '');
}

function list(value) {
  return Array.isArray(value) ? value : [];
}

/** Name lookups of a configuration: segment id -> name, offer id -> name. */
export function namesOf(config) {
  const segments = new Map();
  const offers = new Map();
  const c = config && typeof config === 'object' ? config : {};
  for (const s of list(c.segments)) if (s && typeof s.id === 'string') segments.set(s.id, segmentName(s));
  for (const o of list(c.offers)) if (o && typeof o.id === 'string') offers.set(o.id, offerName(o));
  return {
    segment: (id) => segments.get(id) || String(id ?? ''),
    offer: (id) => offers.get(id) || String(id ?? ''),
  };
}

/** Every `{"segment": from}` rule node under `node` becomes `{"segment": to}`; returns how many. */
function renameSegmentRules(node, from, to) {
  if (Array.isArray(node)) return node.reduce((n, child) => n + renameSegmentRules(child, from, to), 0);
  if (!node || typeof node !== 'object') return 0;
  let n = 0;
  // A rule node with the key "segment" is a segment condition; a "where" filter's field that
  // happens to be called "segment" is an event field, not a reference (skipped below).
  if (node.segment === from) { node.segment = to; n += 1; }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'where' || key === 'content') continue;
    n += renameSegmentRules(value, from, to);
  }
  return n;
}

/**
 * Changes the id of a segment or an offer from `from` to `to` in `config` (mutated) with every
 * reference to it: a segment is referenced by offers' `segments` lists, by offers' own rules and
 * by other segments' rules and signals (`{"segment": id}`); an offer's id is referenced nowhere
 * else in a configuration. Returns { renamed: items whose id changed, references: rewritten }.
 * Nothing changes when `from` is not an id of that kind, `to` is empty or `to` is already taken.
 */
export function renameId(config, kind, from, to) {
  const none = { renamed: 0, references: 0 };
  if (!config || typeof config !== 'object' || from === to || typeof to !== 'string' || to === '') return none;
  const key = kind === 'offer' ? 'offers' : kind === 'segment' ? 'segments' : null;
  if (!key) return none;
  const items = list(config[key]);
  if (items.some((item) => item && item.id === to)) return none;
  const owners = items.filter((item) => item && typeof item === 'object' && item.id === from);
  // Two items with one id (a duplicate_id issue): which one the references meant is unknown.
  if (owners.length !== 1) return none;
  owners[0].id = to;
  let references = 0;
  if (kind === 'segment') {
    for (const offer of list(config.offers)) {
      if (!offer || typeof offer !== 'object') continue;
      if (Array.isArray(offer.segments)) {
        offer.segments = offer.segments.map((s) => { if (s === from) { references += 1; return to; } return s; });
      }
      references += renameSegmentRules(offer.rule, from, to);
    }
    for (const segment of list(config.segments)) {
      if (!segment || typeof segment !== 'object') continue;
      references += renameSegmentRules(segment.rule, from, to);
      references += renameSegmentRules(segment.score, from, to);
    }
  }
  return { renamed: 1, references };
}
