// Fills [data-seg-slot="NAME"] elements with the winning offer of their slot and keeps the page's
// own content aside to restore it. A shown offer stays while only its own caps or cooldown now
// block it (so a slot does not rotate after every event); it is replaced when another offer wins,
// the page's own content comes back when no offer wins any more (or the slot left the
// configuration), and it is gone for this page once dismissed. Slots with data-seg-trigger="exit_intent" wait for
// that moment. Shown, dismissed and clicked (converted) offers are recorded for caps.
// Before the engine is ready, paint() fills the slots of a returning visitor with what they showed
// on the last page (provisional: not recorded as shown); the first render() then keeps each such
// offer the engine chooses again (recording it then) and replaces the others.

import { buildOfferView } from './offer-view.mjs';
import { renderWhy } from './why.mjs';

const KEEP_SHOWN = new Set(['capped_session', 'capped_day', 'capped_week', 'cooling_down']);

// Whether two decisions for one offer read the same (its numbers may have changed the text).
function sameText(a, b) {
  const x = (a && a.content) || {}, y = (b && b.content) || {};
  return x.title === y.title && x.body === y.body && x.cta === y.cta;
}

export class Slots {
  /**
   * @param {Document} doc
   * @param {{ record(offer: string, outcome: string): boolean, explain(id: string): any }} engine
   * @param {{ why: boolean, onOffer(detail: object): void }} options
   */
  constructor(doc, engine, options) {
    this.doc = doc;
    this.engine = engine;
    this.options = options;
    this.states = new WeakMap();
    this.firedTriggers = new Set();
  }

  fireTrigger(name) {
    this.firedTriggers.add(name);
  }

  /** @param {Array<{slot: string, offer: string|null, segment: string|null, skipped: any[]}>} decisions */
  render(decisions) {
    const bySlot = new Map();
    for (const decision of decisions) bySlot.set(decision.slot, decision);
    for (const element of this.doc.querySelectorAll('[data-seg-slot]')) {
      const trigger = element.getAttribute('data-seg-trigger');
      if (trigger && !this.firedTriggers.has(trigger)) continue;
      this.renderSlot(element, bySlot.get(element.getAttribute('data-seg-slot')));
    }
  }

  stateOf(element) {
    let state = this.states.get(element);
    if (state === undefined) {
      state = { offer: null, defaults: null, closed: false, provisional: false, decision: null };
      this.states.set(element, state);
    }
    return state;
  }

  /** The last page's offers, drawn before the engine is ready; @param {Record<string, {offer, content}>} paint */
  paint(paint) {
    for (const element of this.doc.querySelectorAll('[data-seg-slot]')) {
      if (element.hasAttribute('data-seg-trigger')) continue;
      const painted = paint[element.getAttribute('data-seg-slot')];
      if (painted === undefined) continue;
      const state = this.stateOf(element);
      this.show(element, state, { slot: element.getAttribute('data-seg-slot'), offer: painted.offer, content: painted.content, segment: null, rule: false, skipped: [] }, true);
    }
  }

  /** What the slots show now, by slot name (saved for the next page's paint). */
  currentPaint() {
    const paint = {};
    for (const element of this.doc.querySelectorAll('[data-seg-slot]')) {
      const state = this.states.get(element);
      if (!state || state.offer === null || state.provisional || element.hasAttribute('data-seg-trigger')) continue;
      paint[element.getAttribute('data-seg-slot')] = { offer: state.offer, content: state.decision.content || {} };
    }
    return paint;
  }

  renderSlot(element, decision) {
    const state = this.stateOf(element);
    // A slot the configuration no longer names has no decision: like no offer, its own content returns.
    const offer = decision === undefined ? null : decision.offer;
    if (state.closed) return;
    if (state.provisional) {
      state.provisional = false;
      if (offer === state.offer && sameText(state.decision, decision)) {
        // The engine chose what was painted: it is shown from now on, with the real decision (the
        // why note needs its segment), without touching the DOM.
        state.decision = decision;
        this.engine.record(decision.offer, 'shown');
        this.options.onOffer({ ...decision, element });
        return;
      }
      if (offer === null) {
        this.restore(element, state);
        return;
      }
      this.show(element, state, decision);
      return;
    }
    if (offer === state.offer && offer !== null && !sameText(state.decision, decision)) {
      this.refill(element, state, decision);  // the same offer, other numbers (the cart changed)
      return;
    }
    if (offer === state.offer) return;
    if (decision !== undefined && state.offer !== null
      && decision.skipped.some((s) => s.offer === state.offer && KEEP_SHOWN.has(s.reason))) return;
    if (offer === null) this.restore(element, state);
    else this.show(element, state, decision);
  }

  show(element, state, decision, provisional = false) {
    if (state.defaults === null) {
      // Keep the slot's size so the page does not jump, and keep its own content to restore.
      const height = element.getBoundingClientRect().height;
      if (height > 0) element.style.minHeight = height + 'px';
      state.defaults = this.doc.createDocumentFragment();
      state.defaults.append(...element.childNodes);
    } else {
      element.replaceChildren();
    }
    const view = buildOfferView(this.doc, decision, { why: this.options.why });
    this.wire(element, state, view);
    element.append(view);
    element.setAttribute('data-seg-offer-shown', decision.offer);
    if (element.hasAttribute('data-seg-trigger')) element.hidden = false;
    state.offer = decision.offer;
    state.decision = decision;
    state.provisional = provisional;
    if (provisional) return;
    this.engine.record(decision.offer, 'shown');
    this.options.onOffer({ ...decision, element });
  }

  /** The offer already shown, with new text: redrawn in place, not shown (recorded) again. */
  refill(element, state, decision) {
    const view = buildOfferView(this.doc, decision, { why: this.options.why });
    this.wire(element, state, view);
    element.replaceChildren(view);
    state.decision = decision;
  }

  wire(element, state, view) {
    view.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target : null;
      // Clicks on a painted offer before the engine confirms it are the page's own (its link works).
      if (target === null || state.provisional) return;
      const decision = state.decision;
      if (target.closest('[data-seg-dismiss]')) {
        event.preventDefault();
        this.engine.record(decision.offer, 'dismissed');
        this.close(element, state);
      } else if (target.closest('[data-seg-why]')) {
        event.preventDefault();
        renderWhy(this.doc, view, decision, this.engine);
      } else if (target.closest('a[href], [data-seg-convert]')) {
        this.engine.record(decision.offer, 'converted');
      }
    });
  }

  /** Puts every slot's own content back (after forget(): nothing shown may rest on wiped data). */
  reset() {
    for (const element of this.doc.querySelectorAll('[data-seg-offer-shown]')) {
      const state = this.states.get(element);
      if (state === undefined) continue;
      this.restore(element, state);
    }
  }

  /** Dismissed: the page's own content, and no offer in this slot for the rest of the page. */
  close(element, state) {
    this.restore(element, state);
    state.closed = true;
  }

  /** The page's own content again; the slot keeps the height locked when the offer came. */
  restore(element, state) {
    state.offer = null;
    state.provisional = false;
    element.replaceChildren(state.defaults || '');
    state.defaults = null;
    element.removeAttribute('data-seg-offer-shown');
    if (element.hasAttribute('data-seg-trigger')) element.hidden = true;
  }
}
