// The one storage key that holds a visitor's state: a versioned wrapper around the engine's own
// saved state. Any Storage-like object works (localStorage, sessionStorage, a test double).
// Reading or writing never throws: a failing store reports false and the caller falls back to memory.

export const STORE_VERSION = 1;
export const DEFAULT_KEY = 'shopper-segments';

/**
 * @typedef {{ v: number, id: string, at: number, tabs: Record<string, number>, state: string, zone?: string }} Saved
 * zone: the visitor's IANA time zone when saved, so the next page need not look it up (a slow
 * first Intl call) before its first decision; checked again after that decision.
 * paint: what each slot showed when saved ({slot: {offer, content}}), so the next page fills the
 * slots before the engine is ready (readPaint checks it).
 */

const PAINT_SLOTS = 16;
const PAINT_TEXT = 2000;
const PAINT_FIELDS = ['title', 'body', 'cta', 'link', 'image'];

/**
 * The saved paint, checked field by field (stored values are untrusted: another script on the
 * page can write this key): {slot: {offer, content}} with strings of bounded length, or null.
 */
export function readPaint(saved) {
  const paint = saved && saved.paint;
  if (paint === null || typeof paint !== 'object' || Array.isArray(paint)) return null;
  const out = Object.create(null);  // slot names are data: "__proto__" must stay a key
  let slots = 0;
  for (const slot of Object.keys(paint)) {
    const entry = paint[slot];
    if (++slots > PAINT_SLOTS || !entry || typeof entry.offer !== 'string' || entry.offer === '' || entry.offer.length > PAINT_TEXT) return null;
    const content = {};
    for (const field of PAINT_FIELDS) {
      const value = entry.content && entry.content[field];
      if (value === undefined) continue;
      if (typeof value !== 'string' || value.length > PAINT_TEXT) return null;
      content[field] = value;
    }
    out[slot] = { offer: entry.offer, content };
  }
  return out;
}

/** @returns {{ ok: true, value: Saved | null } | { ok: false, error: unknown }} */
export function readSaved(storage, key) {
  let raw;
  try {
    raw = storage.getItem(key);
  } catch (error) {
    return { ok: false, error };
  }
  return { ok: true, value: raw === null || raw === undefined ? null : decodeSaved(raw) };
}

/** @returns {Saved | undefined} undefined: present but unreadable (corrupt or foreign) */
export function decodeSaved(raw) {
  let value;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || value.v !== STORE_VERSION) return undefined;
  if (typeof value.state !== 'string' || typeof value.id !== 'string') return undefined;
  if (value.tabs === null || typeof value.tabs !== 'object') value.tabs = {};
  return value;
}

/** @param {Saved} saved @returns {true | unknown} true, or the error the store threw */
export function writeSaved(storage, key, saved) {
  try {
    storage.setItem(key, JSON.stringify(saved));
    return true;
  } catch (error) {
    return error;
  }
}

export function removeSaved(storage, key) {
  try {
    storage.removeItem(key);
  } catch {
    // A store that cannot remove cannot have saved either.
  }
}

// Each tab's mark: [the number of its last operation the state holds, when it wrote (ms since the
// epoch)]. Marks of tabs that have not written for an hour go (their operations settled long ago,
// see journal.mjs, so a missing mark replays nothing twice); at most TAB_MARKS are kept, newest first.
const TAB_MARKS = 64;
const TAB_MARK_AGE = 3600000;

/** The operation number a mark holds (0: none). */
export function markOf(entry) {
  const seq = Array.isArray(entry) ? entry[0] : entry;
  return Number.isSafeInteger(seq) && seq > 0 ? seq : 0;
}

function markTime(entry) {
  return Array.isArray(entry) && Number.isFinite(entry[1]) ? entry[1] : 0;
}

export function pruneTabs(tabs, now) {
  const ids = Object.keys(tabs).filter((id) => markTime(tabs[id]) > now - TAB_MARK_AGE);
  ids.sort((a, b) => markTime(tabs[b]) - markTime(tabs[a]));
  const kept = {};
  for (const id of ids.slice(0, TAB_MARKS)) kept[id] = tabs[id];
  return kept;
}
