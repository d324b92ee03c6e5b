// The visitor's own numbers in an offer's text ({cart_value}, {cart_quantity},
// {amount_left:50}): the engine gives the cart's value and quantity (seg_cart), the page writes
// them in its own locale and the shop's currency (settings.currency) with Intl.NumberFormat. Text
// stays text. Which placeholders exist is the engine's (src/engine/offer_numbers.hpp; the
// compiler refuses others): this file only reads the ones a compiled offer can hold, and the
// conformance vectors check that it derives the numbers Engine::offer_numbers gives.

const PLACEHOLDER = /\{([a-z_]+(?::[^{}]*)?)\}/g;
const TEXT_FIELDS = ['title', 'body', 'cta'];

/** The placeholders (without braces) of an offer's texts, each once. */
export function placeholderTokens(content) {
  if (!content) return [];
  const tokens = new Set();
  for (const field of TEXT_FIELDS) {
    if (typeof content[field] === 'string') for (const match of content[field].matchAll(PLACEHOLDER)) tokens.add(match[1]);
  }
  return [...tokens];
}

/** {token: number} from the cart's value and quantity: amount_left:N is what is left to reach N, amount:N is N. */
export function cartNumbers(tokens, value, quantity) {
  const numbers = {};
  for (const token of tokens) {
    const [name, argument] = token.split(':');
    if (name === 'cart_value' && argument === undefined) numbers[token] = value;
    else if (name === 'cart_quantity' && argument === undefined) numbers[token] = quantity;
    else if (name === 'amount_left' && argument !== undefined && Number(argument) >= 0) numbers[token] = Math.max(0, Number(argument) - value);
    else if (name === 'amount' && argument !== undefined && Number(argument) >= 0) numbers[token] = Number(argument);
  }
  return numbers;
}

/**
 * The numbers an offer's texts quote for a cart of this value and quantity: what the engine gives
 * a visitor with that cart (the studio's example in the offer preview).
 */
export function quotedNumbers(content, value, quantity) {
  return cartNumbers(placeholderTokens(content), value, quantity);
}

/** The page's locale: its lang attribute, else the browser's. */
export function pageLocale(doc) {
  const lang = doc && doc.documentElement ? doc.documentElement.getAttribute('lang') : '';
  if (lang) return lang;
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en';
}

function formatter(locale, currency, money) {
  const options = money && currency ? { style: 'currency', currency } : { maximumFractionDigits: 2 };
  try {
    return new Intl.NumberFormat(locale, options);
  } catch {
    return new Intl.NumberFormat('en', options);  // a lang attribute Intl does not know
  }
}

/**
 * The decision with its content's placeholders written out; unchanged when it quotes no number.
 * @param {{ content: Record<string, unknown> | null, numbers?: Record<string, number> }} decision
 * @param {string} locale @param {string} currency an ISO 4217 code, or '' for plain numbers
 */
export function withNumbers(decision, locale, currency) {
  const numbers = decision.numbers;
  if (!decision.content || !numbers) return decision;
  const money = formatter(locale, currency, true);
  const plain = formatter(locale, currency, false);
  const content = { ...decision.content };
  for (const field of TEXT_FIELDS) {
    if (typeof content[field] !== 'string') continue;
    content[field] = content[field].replace(PLACEHOLDER, (whole, token) => {
      const value = numbers[token];
      if (typeof value !== 'number') return whole;
      return (token === 'cart_quantity' ? plain : money).format(value);
    });
  }
  return { ...decision, content };
}
