// One visitor in one native engine: the engine itself, the visitor id, the context set so far,
// the journal of changes (replayed onto another tab's state when tabs merge), and what is saved
// beside the engine's own state (time zone, the slots' last offers). Persistence reads and
// writes it; the engine facade (engine.mjs) changes it.

import { Journal } from './journal.mjs';
import { MAX_NAME, MAX_STATE, MAX_VALUES } from './native.mjs';

const STATE_TOO_LARGE = '[{"code":"state_too_large","path":"","message":"The saved state is too large to read; it was discarded."}]';

export class VisitorSession {
  /** @param {import('./native.mjs').NativeEngine} native @param {() => number} now */
  constructor(native, now) {
    this.native = native;
    this.now = now;
    this.journal = new Journal();
    this.tabId = randomId();
    this.visitorId = '';
    this.context = null;        // every context value set so far (setContext merges, null unsets)
    this.savedTimezone = null;  // the one the adopted saved state was saved with
    this.paint = null;          // what the page's slots show, for the next page's first paint
    this.onExternalChange = () => {};
  }

  /** The engine, or an error when it was disposed. */
  alive() {
    if (this.native === null) throw new Error('shopper-segments: this engine was disposed');
    return this.native;
  }

  /** The context's time zone, saved with the state for the next page. */
  get timezone() {
    return this.context !== null && typeof this.context.timezone === 'string' ? this.context.timezone : null;
  }

  /** Takes `id` when it is a visitor id (1 to 256 characters), else a new random id. */
  setVisitorId(id) {
    this.visitorId = isVisitorId(id) ? id : randomId();
    this.alive().setVisitorId(this.visitorId);
  }

  /**
   * Merges flat context values (JSON text) into the engine; true when it took them. The context
   * kept for reapplyContext() stays within MAX_VALUES: values that would take it past are refused.
   */
  setContext(json) {
    const native = this.alive();
    const merged = { ...this.context };
    for (const [key, value] of Object.entries(JSON.parse(json))) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    if (JSON.stringify(merged).length > MAX_VALUES) return false;
    this.context = merged;
    return native.setContextJson(json) === '[]';
  }

  /** Loads a saved state (JSON text) into the native engine; the issues as JSON text. */
  loadState(state, at) {
    const native = this.alive();
    // Longer than any state the engine writes or reads: refused before it is copied.
    if (state.length > MAX_STATE) {
      native.forget();
      return STATE_TOO_LARGE;
    }
    return native.loadState(state, at);
  }

  // The context is the page's, not the visitor's history: a loaded or wiped state gets it again.
  reapplyContext() {
    if (this.context !== null) this.alive().setContextJson(JSON.stringify(this.context));
  }

  /** Wipes the visitor here (a new id), keeping the page's context. */
  forgetLocal() {
    this.alive().forget();
    this.journal.clear();
    this.setVisitorId(randomId());
    this.reapplyContext();
  }
}

/** A visitor id the engine keeps whole: a string of 1 to 256 characters. */
export function isVisitorId(id) {
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_NAME;
}

export function randomId() {
  const bytes = new Uint8Array(8);
  if (globalThis.crypto && globalThis.crypto.getRandomValues) globalThis.crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let id = '';
  for (const b of bytes) id += (b < 16 ? '0' : '') + b.toString(16);
  return id;
}
