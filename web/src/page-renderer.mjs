// The page's view of the engine: after changes (batched to one per task) it reads the segments,
// announces membership changes (shopper-segments:change), fills the slots with the decisions and
// keeps what they show with the state, which the next page paints before its engine is ready.

import { pageLocale, withNumbers } from './offer-numbers.mjs';
import { readPaint, readSaved } from './store.mjs';

export class PageRenderer {
  /**
   * @param {import('./slots.mjs').Slots} slots
   * @param {(name: string, detail: object) => void} emit
   */
  constructor(slots, emit) {
    this.slots = slots;
    this.emit = emit;
    this.engine = null;
    this.members = null;
    this.queued = false;
    this.lastPaint = null;
  }

  /** Draws the last page's offers from storage; true when it drew any. */
  paintFrom(storage, key) {
    try {
      const saved = storage ? readSaved(storage, key) : null;
      const paint = saved && saved.ok ? readPaint(saved.value) : null;
      if (!paint) return false;
      this.slots.paint(paint);
      return true;
    } catch {
      return false;  // no paint: the engine fills the slots when it is ready, as for a new visitor
    }
  }

  attach(engine) {
    this.engine = engine;
  }

  schedule() {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      if (this.queued) this.refresh();
    });
  }

  refresh() {
    this.queued = false;
    const engine = this.engine;
    if (engine === null) return;
    const segments = engine.segments();
    const current = segments.filter((s) => s.member).map((s) => s.id);
    const before = this.members;
    if (before !== null && (current.length !== before.length || current.some((id, i) => id !== before[i]))) {
      const entered = current.filter((id) => !before.includes(id));
      const left = before.filter((id) => !current.includes(id));
      this.emit('change', { segments, members: current, entered, left });
    }
    this.members = current;
    const locale = pageLocale(this.slots.doc);
    this.slots.render(engine.decide().map((d) => (d.numbers ? withNumbers(d, locale, d.currency || '') : d)));
    const paint = this.slots.currentPaint();
    const text = JSON.stringify(paint);
    if (text !== this.lastPaint) {
      this.lastPaint = text;
      engine.setPaint(paint);
    }
  }

  /** After forget(): the page's own content, and no membership to compare with. */
  reset() {
    this.slots.reset();
    this.members = [];
  }

  /** The engine could not start: every painted slot shows the page's own content again. */
  detach() {
    this.engine = null;
    this.slots.reset();
  }
}
