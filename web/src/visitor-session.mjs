// One visitor in one native engine: the engine itself, the visitor id, the context set so far,
// the journal of changes (replayed onto another tab's state when tabs merge), and what is saved
// beside the engine's own state (time zone, the slots' last offers). Persistence reads and
// writes it; the engine facade (engine.mjs) changes it.

import { Journal } from './journal.mjs';

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

  setVisitorId(id) {
    this.visitorId = id;
    this.alive().setVisitorId(id);
  }

  /** Merges flat context values (JSON text) into the engine; true when it took them. */
  setContext(json) {
    const native = this.alive();
    this.context = this.context || {};
    for (const [key, value] of Object.entries(JSON.parse(json))) {
      if (value === null) delete this.context[key];
      else this.context[key] = value;
    }
    return native.setContextJson(json) === '[]';
  }

  /** Loads a saved state (JSON text) into the native engine; the issues as JSON text. */
  loadState(state, at) {
    return this.alive().loadState(state, at);
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

export function randomId() {
  const bytes = new Uint8Array(8);
  if (globalThis.crypto && globalThis.crypto.getRandomValues) globalThis.crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let id = '';
  for (const b of bytes) id += (b < 16 ? '0' : '') + b.toString(16);
  return id;
}
