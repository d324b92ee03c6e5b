// The visitor's own numbers in an offer's text ({cart_value}, {cart_quantity},
// {amount_left:50}): the engine computes them (Engine::offer_numbers, src/engine/offer_numbers.hpp,
// which also owns which placeholders exist; the compiler refuses others) and the page writes them in
// its own locale and the shop's currency (settings.currency) with Intl.NumberFormat. Text stays text.

const TEXT_FIELDS = ['title', 'body', 'cta'];

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
    for (const token in numbers) {
      if (typeof numbers[token] !== 'number') continue;
      content[field] = content[field].split('{' + token + '}').join((token === 'cart_quantity' ? plain : money).format(numbers[token]));
    }
  }
  return { ...decision, content };
}
