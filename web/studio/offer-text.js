// Offer texts as the shopper reads them. Texts may quote the visitor's numbers ({cart_value},
// {amount_left:50}, docs/RULES.md "Numbers in offer texts"): the engine computes them (a decision
// carries them as `numbers`) and the storefront module's own withNumbers() writes them into the
// text (web/src/offer-numbers.mjs), so the studio shows exactly what the widget would and knows
// nothing of the placeholders itself. main.js hands over the loaded module once, before any view
// is built; until then (and in Node tests without it) texts stay as typed.

let storefront = null;

/** @param {{ withNumbers?: Function, pageLocale?: Function, createEngine?: Function }} mod the loaded shopper-segments.mjs */
export function useOfferNumbers(mod) {
  storefront = mod && typeof mod.withNumbers === 'function' && typeof mod.pageLocale === 'function' && typeof mod.createEngine === 'function' ? mod : null;
  examples.clear();
}

/** The studio page's language, read as the storefront reads a page's. */
const locale = () => storefront.pageLocale(typeof document !== 'undefined' ? document : null);

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const TEXT_FIELDS = ['title', 'body', 'cta'];

/** A decision's content as the shopper sees it (its numbers written in), or its content as it is. */
export function shownContent(decision) {
  if (!decision || !decision.content) return null;
  if (!storefront || !decision.numbers) return decision.content;
  return storefront.withNumbers(decision, locale(), decision.currency || '').content;
}

/** The cart the offer preview quotes: one item for 39 (under the catalogue's 50 for free shipping). */
export const EXAMPLE_CART = { value: 39, quantity: 1 };
const EXAMPLE_START = Date.UTC(2026, 0, 5, 10);  // any fixed time: the numbers do not depend on it

// The engine's numbers for an offer's texts, by texts and currency (a few kept: the preview is
// drawn again on every keystroke, and typing back and forth repeats texts).
const examples = new Map();
const MAX_EXAMPLES = 20;

/**
 * What the engine gives a visitor with the example cart for these texts: { numbers, currency }
 * (numbers null when the texts quote none, or when the engine refuses them, e.g. a placeholder
 * being typed, which the checks report).
 */
function engineNumbers(texts, currency) {
  const key = JSON.stringify([texts, currency]);
  let answer = examples.get(key);
  if (answer === undefined) {
    answer = askEngine(texts, currency);
    examples.set(key, answer);
    if (examples.size > MAX_EXAMPLES) examples.delete(examples.keys().next().value);
  }
  return answer;
}

async function askEngine(texts, currency) {
  // One offer for everyone, in a configuration of its own: no control group, nothing else to win.
  const settings = { control_group: 0 };
  if (currency) settings.currency = currency;
  const config = { version: 1, settings, segments: [], offers: [{ id: 'preview', slot: 'preview', content: texts }] };
  let engine = null;
  try {
    engine = await storefront.createEngine({ config, now: () => EXAMPLE_START });
    engine.track('add_to_cart', { item_id: 'example', price: EXAMPLE_CART.value, quantity: EXAMPLE_CART.quantity });
    const decision = engine.decide().find((d) => d.offer === 'preview');
    return { numbers: decision && decision.numbers ? decision.numbers : null, currency: decision && decision.currency ? decision.currency : '' };
  } catch {
    return { numbers: null, currency: '' };
  } finally {
    if (engine) engine.dispose();
  }
}

/**
 * An offer's content with the engine's numbers for the example cart, for the preview:
 * Promise of { content, example } where example is the sentence that says which cart the numbers
 * are of, or null when the texts quote no number (the content is then shown as typed).
 * @param {Record<string, unknown>} typed the offer's content as typed
 * @param {unknown} config the configuration the offer is in (its settings.currency)
 */
export async function exampleContent(typed, config) {
  const content = { ...typed };  // as it is now: the form goes on changing the offer's own object
  const texts = {};
  for (const field of TEXT_FIELDS) if (typeof content[field] === 'string' && content[field] !== '') texts[field] = content[field];
  if (!storefront || !Object.values(texts).some((text) => text.includes('{'))) return null;
  const settings = isObject(config) && isObject(config.settings) ? config.settings : {};
  const { numbers, currency } = await engineNumbers(texts, typeof settings.currency === 'string' ? settings.currency : '');
  if (!numbers) return null;
  const shown = storefront.withNumbers({ content, numbers }, locale(), currency).content;
  // The cart's value in the same words as the texts (the shop's currency in the page's language).
  const value = storefront.withNumbers({ content: { title: '{cart_value}' }, numbers: { cart_value: EXAMPLE_CART.value } }, locale(), currency).content.title;
  return { content: shown, example: `Shown with a cart of one item worth ${value} as an example; the shop writes each visitor’s own numbers.` };
}
