// The program a page compiled from JSON, kept in the browser keyed by a hash of the configuration's
// text, so that the next page view with the same JSON runs it without loading the toolkit. One
// entry under its own key (the shop's configuration, nothing about the visitor); a store that
// fails or holds something unreadable is ignored, and the program read back is verified by the
// runtime like any other.

import { fromBase64, toBase64 } from './settings.mjs';

export const PROGRAM_CACHE_KEY = 'shopper-segments:program';

/** A 53-bit hash of text (cyrb53), as hex: enough to tell configurations apart, not a security check. */
export function textHash(text) {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/** The cached program for this configuration text, or null. */
export function cachedProgram(storage, text) {
  try {
    const entry = JSON.parse(storage.getItem(PROGRAM_CACHE_KEY));
    if (entry && entry.hash === textHash(text) && typeof entry.program === 'string') return fromBase64(entry.program);
  } catch {
    // nothing usable
  }
  return null;
}

export function cacheProgram(storage, text, program) {
  try {
    storage.setItem(PROGRAM_CACHE_KEY, JSON.stringify({ hash: textHash(text), program: toBase64(program) }));
  } catch {
    // full or forbidden: the next view compiles again
  }
}
