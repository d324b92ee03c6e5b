// Fills [data-seg-slot="NAME"] elements with the winning offer of their slot and keeps the page's
// own content aside to restore it. A shown offer stays while only its own caps or cooldown now
// block it (so a slot does not rotate after every event); it is replaced when another offer wins,
// the page's own content comes back when no offer wins any more (or the slot left the
// configuration), and it is gone for this page once dismissed. Slots with data-seg-trigger="exit_intent" wait for
// that moment. Shown, dismissed and clicked (converted) offers are recorded for caps.

import { buildOfferView } from './offer-view.mjs';
import { renderWhy } from './why.mjs';

const KEEP_SHOWN = new Set(['capped_session', 'capped_day', 'capped_week', 'cooling_down']);

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

  renderSlot(element, decision) {
    let state = this.states.get(element);
    if (state === undefined) {
      state = { offer: null, defaults: null, closed: false };
      this.states.set(element, state);
    }
    // A slot the configuration no longer names has no decision: like no offer, its own content returns.
    const offer = decision === undefined ? null : decision.offer;
    if (state.closed || offer === state.offer) return;
    if (decision !== undefined && state.offer !== null
      && decision.skipped.some((s) => s.offer === state.offer && KEEP_SHOWN.has(s.reason))) return;
    if (offer === null) this.restore(element, state);
    else this.show(element, state, decision);
  }

  show(element, state, decision) {
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
    this.wire(element, state, view, decision);
    element.append(view);
    element.setAttribute('data-seg-offer-shown', decision.offer);
    if (element.hasAttribute('data-seg-trigger')) element.hidden = false;
    state.offer = decision.offer;
    this.engine.record(decision.offer, 'shown');
    this.options.onOffer({ ...decision, element });
  }

  wire(element, state, view, decision) {
    view.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target === null) return;
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
    element.replaceChildren(state.defaults || '');
    state.defaults = null;
    element.removeAttribute('data-seg-offer-shown');
    if (element.hasAttribute('data-seg-trigger')) element.hidden = true;
  }
}
