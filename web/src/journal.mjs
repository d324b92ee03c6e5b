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
    // Per operation, flat: its number, then the native engine's method and its three arguments
    // (about 100 bytes an event with its packed fields; a closure per event took 250).
    this.ops = [];
    this.seq = 0;
    this.written = [];  // [{seq, at}]: a state with every operation up to seq was stored at `at`
  }

  /** Journals a call of the native engine's `method` (track, setTraitsJson, record), to replay. */
  add(method, a, b, c) {
    this.ops.push(++this.seq, method, a, b, c);
    if (this.ops.length > 5 * MAX_OPS) {
      // A tenth at a time: dropping one per call would move the whole array on every event.
      this.ops.splice(0, MAX_OPS / 2);
      this.warn('journal_full', 'over ' + MAX_OPS + ' changes were never stored; the oldest will not merge with other tabs');
    }
  }

  /** A state holding every operation up to `seq` was stored now. Writes within a second of each
   * other count as one, at the first's time (their operations settle up to 1 s early). */
  stored(seq) {
    const at = this.clock();
    const last = this.written[this.written.length - 1];
    if (last && at - last.at < 1000) last.seq = seq;
    else this.written.push({ seq, at });
    this.settle();
  }

  /** Applies the operations numbered above `included` to `native`, oldest first; how many. */
  replay(native, included) {
    this.settle();
    let count = 0;
    const ops = this.ops;
    for (let i = 0; i < ops.length; i += 5) {
      if (ops[i] > included) {
        native[ops[i + 1]](ops[i + 2], ops[i + 3], ops[i + 4]);
        count++;
      }
    }
    return count;
  }

  clear() {
    this.ops = [];
    this.written = [];
  }

  // Drops the operations of writes that have settled (at each write and before each replay: an
  // operation can only settle once a write holds it).
  settle() {
    const before = this.clock() - SETTLE_MS;
    let settled = 0;
    while (this.written.length && this.written[0].at <= before) settled = this.written.shift().seq;
    let drop = 0;
    while (drop < this.ops.length && this.ops[drop] <= settled) drop += 5;
    if (drop) this.ops.splice(0, drop);
  }
}

export { SETTLE_MS };
