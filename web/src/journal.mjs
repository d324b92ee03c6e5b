// The recent operations of one engine instance (tab), numbered. When another tab's saved state
// (or, after consent, the stored state) replaces this engine's state, the operations that state
// does not yet include are replayed on top, so neither tab loses events.
// Bounded: tabs write after every change, so a race never spans more than a few operations.

const CAPACITY = 256;

export class Journal {
  constructor() {
    this.ops = [];
    this.seq = 0;
  }

  /** @param {(native: any) => void} replay applies the operation again to a native engine */
  add(replay) {
    this.seq += 1;
    this.ops.push({ seq: this.seq, replay });
    if (this.ops.length > 2 * CAPACITY) this.ops = this.ops.slice(-CAPACITY);
  }

  /** Operations numbered above `included`, oldest first. */
  after(included) {
    return this.ops.filter((op) => op.seq > included);
  }

  clear() {
    this.ops = [];
  }
}
