// The operations of one engine instance (tab), numbered. When another tab's saved state (or, after
// consent, the stored state) replaces this engine's state, the operations that state does not yet
// include (numbered above its mark for this tab) are replayed on top, so neither tab loses events.
//
// An operation leaves the journal only once it has settled: a state holding it was written at least
// SETTLE_MS ago (on the device clock). By then every other tab has long heard of that
// write, and this tab has heard of any state another tab wrote without it before hearing of it
// (two hops of a `storage` event, milliseconds in a browser). Never by count: two tabs that each track a burst of any size
// at the same moment replay all of it onto each other's state. A page that never stores (memory
// only, or before consent) keeps its operations for a later merge up to MAX_OPS, far above what a
// page tracks; past that the oldest go, with one warning (the engine itself still holds them).

const SETTLE_MS = 60000;
const MAX_OPS = 100000;

export class Journal {
  /** @param {() => number} [clock] ms @param {(kind: string, message: string) => void} [warn] */
  constructor(clock = Date.now, warn = () => {}) {
    this.clock = clock;
    this.warn = warn;
    this.ops = [];
    this.seq = 0;
    this.written = [];  // [{seq, at}]: a state with every operation up to seq was stored at `at`
  }

  /** @param {(native: any) => void} replay applies the operation again to a native engine */
  add(replay) {
    this.ops.push({ seq: ++this.seq, replay });
    this.settle();
    if (this.ops.length > MAX_OPS) {
      this.ops.splice(0, this.ops.length - MAX_OPS);
      this.warn('journal_full', 'over ' + MAX_OPS + ' changes were never stored; the oldest will not merge with other tabs');
    }
  }

  /** A state holding every operation up to `seq` was stored now. */
  stored(seq) {
    this.written.push({ seq, at: this.clock() });
  }

  /** Operations numbered above `included` (a number), oldest first. */
  after(included) {
    this.settle();
    return this.ops.filter((op) => op.seq > included);
  }

  clear() {
    this.ops = [];
    this.written = [];
  }

  // Drops the operations of writes that have settled.
  settle() {
    const before = this.clock() - SETTLE_MS;
    let settled = 0;
    while (this.written.length && this.written[0].at <= before) settled = this.written.shift().seq;
    if (settled) this.ops = this.ops.filter((op) => op.seq > settled);
  }
}

export { SETTLE_MS };
