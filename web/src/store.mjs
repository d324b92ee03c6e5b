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
 * the page can write this key): a bad field is left out and named in `invalid`, the others are
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
  const saved = { v: STORE_VERSION, id: '', at: 0, tabs: {}, state: null, invalid };
  if (typeof value.state === 'string' && value.state.length <= MAX_STATE) saved.state = value.state;
  else invalid.push('state');
  if (isVisitorId(value.id)) saved.id = value.id;
  else invalid.push('visitor id');
  if (Number.isFinite(value.at)) saved.at = value.at;
  else if (value.at !== undefined) invalid.push('time of saving');
  saved.tabs = readTabs(value.tabs, invalid);
  if (value.zone !== undefined) {
    if (isZone(value.zone)) saved.zone = value.zone;
    else invalid.push('time zone');
  }
  if (value.paint !== undefined) {
    const paint = readPaint(value);
    if (paint !== null) saved.paint = paint;
    else invalid.push('last offers');
  }
  return saved;
}

/** An IANA time zone name ("Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5"). */
export function isZone(zone) {
  return typeof zone === 'string' && /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone);
}

// Tab marks: {tab id: [operation number, time of writing]} (a bare number from before times were kept).
function readTabs(tabs, invalid) {
  const out = {};
  if (tabs === undefined) return out;
  if (tabs === null || typeof tabs !== 'object' || Array.isArray(tabs)) {
    invalid.push('tab marks');
    return out;
  }
  let bad = false;
  let count = 0;
  for (const id of Object.keys(tabs)) {
    const mark = tabs[id];
    const seq = Array.isArray(mark) && mark.length === 2 && Number.isFinite(mark[1]) ? mark[0] : mark;
    const ok = id.length > 0 && id.length <= 32 && ++count <= 4 * TAB_MARKS && Number.isSafeInteger(seq) && seq >= 0;
    if (ok) out[id] = mark;
    else bad = true;
  }
  if (bad) invalid.push('tab marks');
  return out;
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
