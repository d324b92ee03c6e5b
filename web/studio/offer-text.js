// Offer texts as the shopper reads them. Texts may quote the visitor's numbers ({cart_value},
// {amount_left:50}, docs/RULES.md "Numbers in offer texts"): the engine's decision carries them,
// and the storefront module's own withNumbers() writes them into the text (web/src/offer-numbers.mjs),
// so the studio shows exactly what the widget would. main.js hands over the loaded module once,
// before any view is built; until then (and in Node tests without it) texts stay as typed.

let storefront = null;

/** @param {{ withNumbers?: Function, quotedNumbers?: Function }} mod the loaded shopper-segments.mjs */
export function useOfferNumbers(mod) {
  storefront = mod && typeof mod.withNumbers === 'function' && typeof mod.quotedNumbers === 'function' ? mod : null;
}

/** The studio page's language, as the storefront reads a page's (its lang attribute), else English. */
function locale() {
  const lang = typeof document !== 'undefined' && document.documentElement ? document.documentElement.getAttribute('lang') : '';
  return lang || 'en';
}

const currencyOf = (config) => {
  const settings = config && typeof config === 'object' && config.settings && typeof config.settings === 'object' ? config.settings : {};
  return typeof settings.currency === 'string' ? settings.currency : '';
};

/** A decision's content as the shopper sees it (its numbers written in), or its content as it is. */
export function shownContent(decision) {
  if (!decision || !decision.content) return null;
  if (!storefront || !decision.numbers) return decision.content;
  return storefront.withNumbers(decision, locale(), decision.currency || '').content;
}

/** The cart the offer preview quotes: one item for 39 (under the catalogue's 50 for free shipping). */
export const EXAMPLE_CART = { value: 39, quantity: 1 };

/**
 * An offer's content with example numbers, for the preview: { content, example } where example is
 * the sentence that says which cart the numbers are of ("" when the texts quote no number).
 * @param {Record<string, unknown> | null} content the offer's content as typed
 * @param {unknown} config the configuration the offer is in (its settings.currency)
 */
export function exampleContent(content, config) {
  if (!storefront || !content || typeof content !== 'object') return { content, example: '' };
  const numbers = storefront.quotedNumbers(content, EXAMPLE_CART.value, EXAMPLE_CART.quantity);
  if (Object.keys(numbers).length === 0) return { content, example: '' };
  const currency = currencyOf(config);
  const shown = storefront.withNumbers({ content, numbers }, locale(), currency).content;
  // The cart's value in the same words as the texts (the shop's currency in the page's language).
  const value = storefront.withNumbers({ content: { title: '{cart_value}' }, numbers: { cart_value: EXAMPLE_CART.value } }, locale(), currency).content.title;
  return { content: shown, example: `Shown with a cart of one item worth ${value} as an example; the shop writes each visitor’s own numbers.` };
}
