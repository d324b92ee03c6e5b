// Keeps one engine's state in a Storage: loads it at start, saves after changes (once per task),
// follows other tabs through `storage` events, and falls back to memory when the store fails.

import { DEFAULT_KEY, STORE_VERSION, decodeSaved, isZone, markOf, pruneTabs, readPaint, readSaved, removeSaved, writeSaved } from './store.mjs';

const QUIET_ISSUES = new Set(['state_expired']);

export class Persistence {
  /**
   * @param {import('./visitor-session.mjs').VisitorSession} host the visitor in its native engine:
   *   native, journal, tabId, now(), visitorId, setVisitorId(id), reapplyContext(), forgetLocal(),
   *   onExternalChange(), the slots' last offers (paint), and the
 *   time zone it saves with the state (timezone) and found in it (savedTimezone)
   * @param {Storage} storage
   * @param {string | undefined} key
   * @param {(kind: string, message: string) => void} warn
   */
  constructor(host, storage, key, warn) {
    this.host = host;
    this.storage = storage;
    this.key = key || DEFAULT_KEY;
    this.warn = warn;
    this.tabs = {};
    this.savePending = false;
    this.onStorageEvent = (event) => this.followOtherTab(event);
    this.onLeave = (event) => {
      if (event.type === 'pagehide' || (typeof document === 'object' && document.visibilityState === 'hidden')) this.leave();
    };
    if (typeof addEventListener === 'function') {
      addEventListener('storage', this.onStorageEvent);
      // The last moments a closing, navigating or backgrounded (then maybe killed) tab is sure to run.
      addEventListener('pagehide', this.onLeave);
      addEventListener('visibilitychange', this.onLeave);
    }
  }

  /** Loads what the store holds and merges this engine's own operations on top. */
  attach() {
    const read = readSaved(this.storage, this.key);
    if (!read.ok) return this.fallBackToMemory('could not read localStorage (' + describe(read.error) + ')');
    if (read.value === undefined) {
      this.warn('storage_corrupt', 'stored state was unreadable or foreign and was discarded');
      removeSaved(this.storage, this.key);
    } else if (read.value !== null) {
      this.adopt(read.value);
      return;
    }
    if (this.host.journal.seq > 0) this.scheduleSave();
  }

  // Replace the engine's state with a saved one, then replay the operations it lacks. Fields that
  // fail their checks are replaced alone, with one warning. A state the engine refuses (or none)
  // leaves this engine's own state as it was, to be written over the bad one.
  adopt(saved) {
    const host = this.host;
    if (saved.invalid.length) {
      this.warn('storage_corrupt', 'stored field ' + saved.invalid.join(', ') + ' failed checks and was replaced; the rest was kept');
    }
    const now = host.now();
    const own = host.native.save(now);
    const issues = saved.state === null ? [null] : JSON.parse(host.loadState(saved.state, now));
    for (const issue of issues) {
      if (issue !== null && !QUIET_ISSUES.has(issue.code)) {
        this.warn('storage_corrupt', 'stored state was discarded: ' + issue.message);
      }
    }
    if (saved.id !== '') host.setVisitorId(saved.id);
    let replayed = 0;
    if (issues.length) {
      if (saved.state !== null) host.loadState(own, now);  // the load reset it
      this.tabs = {};
    } else {
      if (saved.zone !== undefined) host.savedTimezone = saved.zone;
      // Kept until the page's slots say what they show now (the widget's setPaint).
      if (host.paint === null && saved.paint !== undefined) host.paint = saved.paint;
      this.tabs = saved.tabs;
      replayed = host.journal.replay(host.native, markOf(saved.tabs[host.tabId]));
    }
    host.reapplyContext();
    // A bad stored value is written over with what this engine holds (the fields that passed kept).
    if (replayed || saved.invalid.length || issues.length) this.scheduleSave();
  }

  scheduleSave() {
    if (this.savePending || this.storage === null) return;
    this.savePending = true;
    queueMicrotask(() => {
      if (this.savePending) this.saveNow();  // unless a save made since (leave, dispose) holds it
    });
  }

  saveNow() {
    this.savePending = false;
    if (this.storage === null) return;
    const host = this.host;
    const now = host.now();
    const seq = host.journal.seq;
    const wall = Date.now();
    const tabs = pruneTabs({ ...this.tabs, [host.tabId]: [seq, wall] }, wall);
    const saved = { v: STORE_VERSION, id: host.visitorId, at: now, tabs, state: host.native.save(now) };
    // Only what the reader's checks pass (decodeSaved): a field every reader replaces would be
    // written back and forth between tabs.
    if (host.timezone !== null && isZone(host.timezone)) saved.zone = host.timezone;
    const paint = readPaint(host);
    if (paint !== null) saved.paint = paint;
    const result = writeSaved(this.storage, this.key, saved);
    if (result === true) {
      this.tabs = tabs;
      host.journal.stored(seq);
    } else this.fallBackToMemory('could not save to localStorage (' + describe(result) + ')');
  }

  // The journal lives in memory: a tab that closes before it hears of another tab's write made
  // without its latest changes would take them along. Before it goes, it reads the store (storage
  // is synchronous) and, when the stored state lacks some of its changes, merges and writes now.
  leave() {
    if (this.storage === null) return;
    const read = readSaved(this.storage, this.key);
    if (read.ok && read.value && markOf(read.value.tabs[this.host.tabId]) < this.host.journal.seq) {
      this.adopt(read.value);
      this.saveNow();
    } else if (this.savePending) {
      // Nothing stored yet (or the store holds all but this task's changes): save them now. With
      // nothing stored and nothing pending, another tab's forget() is not undone.
      this.saveNow();
    }
  }

  followOtherTab(event) {
    if (this.storage === null || event.storageArea !== this.storage) return;
    if (event.key !== this.key && event.key !== null) return;
    if (event.newValue === null) {
      // Another tab called forget() (or the store was cleared): forget here too, write nothing.
      this.tabs = {};
      this.host.forgetLocal();
    } else {
      const saved = decodeSaved(event.newValue);
      if (saved === undefined) return;  // this tab's next save replaces the foreign value
      this.adopt(saved);
    }
    this.host.onExternalChange();
  }

  wipe() {
    this.tabs = {};
    if (this.storage !== null) removeSaved(this.storage, this.key);
  }

  fallBackToMemory(reason) {
    this.warn('storage_failed', reason + '; keeping state in memory for this page');
    this.detach();
  }

  detach() {
    this.storage = null;
    if (typeof removeEventListener === 'function') {
      removeEventListener('storage', this.onStorageEvent);
      removeEventListener('pagehide', this.onLeave);
      removeEventListener('visibilitychange', this.onLeave);
    }
  }
}

function describe(error) {
  return (error && error.name) || String(error);
}
