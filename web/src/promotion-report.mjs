// Opt-in exposure reporting to the shop's own analytics (data-report="datalayer"): GA4's
// view_promotion when an offer is shown, select_promotion when its action is clicked, and
// shopper_segments_holdout when the visitor is held out of an offer that would have shown (or is
// in the control group), each with items[{promotion_id, promotion_name, creative_slot}]. The shop
// compares the conversion of exposed and held-out visitors in its own reports (the studio's lift
// calculator does the sums). Only window.dataLayer is written: no request is made here. Each
// offer is reported at most once per page and kind, so a slot drawn again does not count twice.

export const HOLDOUT_EVENT = 'shopper_segments_holdout';

/** @param {Window} win */
export function promotionReporter(win) {
  const sent = new Set();
  const push = (event, slot, offer, content, extra) => {
    const key = event + '\u0000' + slot + '\u0000' + offer;
    if (sent.has(key)) return;
    sent.add(key);
    const layer = Array.isArray(win.dataLayer) ? win.dataLayer : (win.dataLayer = []);
    const item = { creative_slot: slot };
    if (offer) {
      item.promotion_id = offer;
      item.promotion_name = (content && typeof content.title === 'string' && content.title) || offer;
    }
    // The clearing push GA4's guide asks for, so no field of an earlier event carries over;
    // `shopper_segments` marks these as the widget's own (data-datalayer does not read them back).
    layer.push({ ecommerce: null, shopper_segments: true });
    layer.push({ event, ecommerce: { items: [item], ...extra }, shopper_segments: true });
  };
  return {
    /** @param {{ slot: string, offer: string, content: object }} decision */
    shown: (d) => push('view_promotion', d.slot, d.offer, d.content),
    clicked: (d) => push('select_promotion', d.slot, d.offer, d.content),
    /** The offers this decision held the visitor out of, or the whole slot for the control group. */
    heldOut(d) {
      if (d.reason === 'control_group') push(HOLDOUT_EVENT, d.slot, null, null, { holdout: 'control_group' });
      for (const skipped of d.skipped || []) {
        if (skipped.reason === 'held_out') push(HOLDOUT_EVENT, d.slot, skipped.offer, skipped.content, { holdout: 'offer' });
      }
    },
  };
}
