// The one storage key that holds a visitor's state: a versioned wrapper around the engine's own
// saved state. Any Storage-like object works (localStorage, sessionStorage, a test double).
// Reading or writing never throws: a failing store reports false and the caller falls back to memory.

import { MAX_STATE } from './native.mjs';
import { isVisitorId } from './visitor-session.mjs';

export const STORE_VERSION = 1;
export const DEFAULT_KEY = 'shopper-segments';

/**
 * @typedef {{ v: number, id: string, at: number, tabs: Record<string, [number, number]>, state: string | null, zone?: string, paint?: object }} Saved
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

/**
 * The stored value, each field checked on its own (stored values are untrusted: another script on
 * the page can write this key): a bad field is left out and named in `invalid` (by its key), the others are
 * kept. undefined: not this wrapper at all (not JSON, not an object, another version).
 * state: null when missing or longer than any state the engine reads.
 * @returns {(Saved & { invalid: string[] }) | undefined}
 */
export function decodeSaved(raw) {
  let value;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || value.v !== STORE_VERSION) return undefined;
  const invalid = [];
  const check = (name, present, ok) => {
    if (present && !ok) invalid.push(name);
    return present && ok;
  };
  const { state, id, at, tabs, zone } = value;
  const saved = { v: STORE_VERSION, id: '', at: 0, tabs: {}, state: null, invalid };
  if (check('state', true, typeof state === 'string' && state.length <= MAX_STATE)) saved.state = state;
  if (check('id', true, isVisitorId(id))) saved.id = id;
  if (check('at', at !== undefined, Number.isFinite(at))) saved.at = at;
  if (check('tabs', tabs !== undefined, validTabs(tabs))) saved.tabs = tabs;
  if (check('zone', zone !== undefined, isZone(zone))) saved.zone = zone;
  const paint = readPaint(value);
  if (check('paint', value.paint !== undefined, paint !== null)) saved.paint = paint;
  return saved;
}

/** An IANA time zone name ("Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5"). */
export function isZone(zone) {
  return typeof zone === 'string' && /^[\w+\-/]{1,64}$/.test(zone);
}

// Tab marks: {tab id: [operation number, time of writing]}.
function validTabs(tabs) {
  if (tabs === null || typeof tabs !== 'object' || Array.isArray(tabs)) return false;
  const marks = Object.entries(tabs);
  return marks.length <= 4 * TAB_MARKS && marks.every(([id, mark]) => id !== '' && id.length <= 32 && Array.isArray(mark) &&
    mark.length === 2 && Number.isSafeInteger(mark[0]) && mark[0] >= 0 && Number.isFinite(mark[1]));
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

/** The operation number a (checked) mark holds; 0 for none. */
export const markOf = (mark) => (mark ? mark[0] : 0);

export function pruneTabs(tabs, now) {
  const marks = Object.entries(tabs).filter(([, mark]) => mark[1] > now - TAB_MARK_AGE);
  marks.sort((a, b) => b[1][1] - a[1][1]);
  return Object.fromEntries(marks.slice(0, TAB_MARKS));
}
