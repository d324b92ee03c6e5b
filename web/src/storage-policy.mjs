// Where the widget may keep anything (the visitor's state, the last decisions, a compiled
// program): nowhere until consent when the page requires it; with Global Privacy Control or
// Do-Not-Track what the page's privacy setting says (session by default); else localStorage.

import { privacySignals } from './context.mjs';
import { PROGRAM_CACHE_KEY } from './program-cache.mjs';
import { DEFAULT_KEY, removeSaved } from './store.mjs';
import { warnOnce } from './warn.mjs';

export class StoragePolicy {
  /** @param {Window} win @param {() => { consentRequired: boolean, privacy: string, storageKey?: string }} settings */
  constructor(win, settings) {
    this.win = win;
    this.settings = settings;
    this.consentAnswer = null;  // null until the page calls consent()
  }

  consentGiven() {
    return this.consentAnswer !== null ? this.consentAnswer : !this.settings().consentRequired;
  }

  setConsent(granted) {
    this.consentAnswer = granted === true;
    if (!this.consentAnswer) this.wipe();
  }

  /** The Storage to use now, or null for memory only. */
  choose() {
    if (!this.consentGiven()) return null;
    const signals = privacySignals(this.win);
    const mode = signals.gpc || signals.dnt ? this.settings().privacy : 'ignore';
    if (mode === 'memory') return null;
    try {
      return mode === 'session' ? this.win.sessionStorage : this.win.localStorage;
    } catch (error) {
      warnOnce('storage_failed', 'browser storage is not available (' + error.name + '); keeping state in memory for this page');
      return null;
    }
  }

  get key() {
    return this.settings().storageKey || DEFAULT_KEY;
  }

  /** Removes everything the widget keeps, from both stores. */
  wipe() {
    for (const name of ['localStorage', 'sessionStorage']) {
      try {
        removeSaved(this.win[name], this.key);
        removeSaved(this.win[name], PROGRAM_CACHE_KEY);
      } catch {
        // A store the page cannot open holds nothing of ours.
      }
    }
  }
}
