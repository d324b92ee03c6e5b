// How an offer looks in its slot, built from text nodes only (content strings are data typed by a
// shop owner and are never parsed as HTML, exactly as the storefront renders them). Placeholders
// ({amount_left:50}, ...) are written out with the engine's numbers for an example cart, and the
// preview says so; the form fields keep the text as typed.
import { h } from './dom.js';
import { exampleContent } from './offer-text.js';

const SLOT_LOOKS = {
  hero: 'a wide banner at the top of the home and category pages',
  product_nudge: 'a small note beside the product',
  cart_incentive: 'a strip above the cart total',
  exit_intent: 'a dialog when the visitor is about to leave',
  thank_you: 'a note on the order confirmation page',
};

/**
 * The preview of an offer; texts that quote numbers are written out for an example cart once the
 * engine has given its numbers (then data-example="ready"; "none" when they quote none).
 * @param {any} offer @param {any} [config] the configuration it is in (its currency)
 */
export function offerPreview(offer, config) {
  const typed = offer && offer.content && typeof offer.content === 'object' ? offer.content : {};
  const slot = offer && typeof offer.slot === 'string' ? offer.slot : '';
  const look = /^[a-z0-9_]+$/.test(slot) && SLOT_LOOKS[slot] ? slot : 'generic';
  const frame = h('div', { class: `slot-frame slot-look-${look}`, 'data-testid': 'offer-preview' }, slotContent(typed));
  const figure = h('figure', { class: 'offer-preview', 'aria-label': 'preview of the offer in its slot', 'data-example': 'pending' },
    h('figcaption', {}, `Preview in slot “${slot || '?'}”${SLOT_LOOKS[slot] ? ` — ${SLOT_LOOKS[slot]}` : ''}`),
    frame);
  exampleContent(typed, config).then((shown) => {
    if (shown) {
      frame.replaceChildren(...slotContent(shown.content));
      figure.append(h('p', { class: 'hint preview-example', 'data-testid': 'preview-example' }, shown.example));
    }
    figure.dataset.example = shown ? 'ready' : 'none';
  });
  return figure;
}

/** The image, title, body, button and link of an offer's content, as text. */
function slotContent(content) {
  const text = (v) => (typeof v === 'string' ? v : '');
  return [
    text(content.image) ? h('div', { class: 'preview-image', title: text(content.image) }, `image: ${text(content.image)}`) : null,
    h('div', { class: 'preview-text' },
      h('strong', { class: 'preview-title' }, text(content.title) || '(no title)'),
      text(content.body) ? h('p', { class: 'preview-body' }, text(content.body)) : null,
      text(content.cta) ? h('span', { class: 'preview-cta', title: text(content.link) ? `links to ${text(content.link)}` : 'no link' }, text(content.cta)) : null,
      text(content.link) ? h('span', { class: 'preview-link' }, `→ ${text(content.link)}`) : null),
  ].filter(Boolean);
}
