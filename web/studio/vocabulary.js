// The words of the rule language (docs/RULES.md) as the form editor offers them, each with a
// plain-language label for a shop owner who has never seen the JSON.

export const EVENTS = [
  ['view_item', 'viewed an item'],
  ['add_to_cart', 'added to cart'],
  ['remove_from_cart', 'removed from cart'],
  ['add_to_wishlist', 'added to wishlist'],
  ['purchase', 'bought'],
  ['begin_checkout', 'began checkout'],
  ['page_view', 'viewed a page'],
  ['view_item_list', 'viewed a list'],
  ['search', 'searched'],
  ['coupon_attempt', 'tried a coupon'],
  ['newsletter_signup', 'signed up to the newsletter'],
  ['chat_open', 'opened the chat'],
  ['view_size_guide', 'viewed the size guide'],
  ['view_return_policy', 'viewed the return policy'],
  ['nps', 'answered the NPS survey'],
  ['session_start', 'started a session'],
  ['scroll', 'scrolled'],
  ['engagement', 'engaged'],
  ['exit_intent', 'showed exit intent'],
];

/** Fields each event carries (DESIGN.md "Events"); offered in filters and field pickers. */
export const EVENT_FIELDS = {
  page_view: ['page_type'],
  view_item: ['tags', 'item_category', 'item_brand', 'item_id', 'price', 'quantity'],
  add_to_cart: ['tags', 'item_category', 'item_brand', 'item_id', 'price', 'quantity'],
  remove_from_cart: ['tags', 'item_category', 'item_brand', 'item_id', 'price', 'quantity'],
  add_to_wishlist: ['tags', 'item_category', 'item_brand', 'item_id', 'price', 'quantity'],
  view_item_list: ['item_list_id', 'sort'],
  search: ['search_term'],
  begin_checkout: ['value', 'currency'],
  purchase: ['value', 'currency', 'coupon', 'item_category', 'item_id', 'item_brand'],
  coupon_attempt: ['coupon'],
  nps: ['score'],
  scroll: ['percent'],
  engagement: ['seconds'],
  exit_intent: [],
};

export const NUMERIC_FIELDS = new Set(['price', 'quantity', 'value', 'score', 'percent', 'seconds']);

/** Rule forms, grouped as the form's "kind" picker shows them. */
export const LOGIC_KINDS = [
  ['all', 'ALL of these hold'],
  ['any', 'ANY of these holds'],
  ['not', 'NOT: this does not hold'],
];

export const EVENT_KINDS = [
  ['count', 'how many times'],
  ['distinct', 'how many different values of a field'],
  ['sum', 'total of a number field'],
  ['avg', 'average of a number field'],
  ['share', 'share of events matching the filter'],
  ['trend', 'change against the window before'],
  ['since', 'time since it last happened'],
  ['sequence', 'these events in this order'],
];

export const OTHER_KINDS = [
  ['trait', 'a trait the shop sets (orders, tier, ...)'],
  ['context', 'browser context (time zone, locale, ...)'],
  ['segment', 'is in another segment'],
];

export const ALL_KINDS = [...LOGIC_KINDS, ...EVENT_KINDS, ...OTHER_KINDS].map(([k]) => k);

/** Kinds whose target is "event.field" rather than an event name. */
export const FIELD_TARGET_KINDS = new Set(['distinct', 'sum', 'avg']);

export const COMPARISONS = [
  ['gte', 'at least (≥)'],
  ['gt', 'more than (>)'],
  ['lte', 'at most (≤)'],
  ['lt', 'less than (<)'],
  ['eq', 'equal to'],
  ['ne', 'not equal to'],
  ['between', 'between'],
  ['in', 'one of'],
  ['startsWith', 'starts with'],
  ['contains', 'contains'],
  ['exists', 'is set / not set'],
];

export const COMPARISON_KEYS = COMPARISONS.map(([k]) => k);

export const NUMERIC_COMPARISONS = ['gte', 'gt', 'lte', 'lt', 'eq', 'ne', 'between'];

export const TRAITS = ['customer_orders', 'lifetime_value', 'loyalty_tier', 'country', 'newsletter', 'nps'];

export const CONTEXT_KEYS = ['locale', 'language', 'country', 'timezone', 'tz_offset', 'screen_width',
  'referrer', 'referrer_host', 'utm_source', 'utm_medium', 'utm_campaign', 'gpc', 'dnt'];

export const WINDOW_UNITS = [['m', 'minutes'], ['h', 'hours'], ['d', 'days'], ['w', 'weeks']];

export const DURATION_UNITS = [['s', 'seconds'], ['m', 'minutes'], ['h', 'hours'], ['d', 'days'], ['w', 'weeks']];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const SLOTS = ['hero', 'product_nudge', 'cart', 'exit_intent'];

/** Which rule form a rule object has (first known key), or null. */
export function ruleKind(rule) {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return null;
  for (const kind of ALL_KINDS) if (kind in rule) return kind;
  return null;
}

/** Which comparison a condition has (first found), or null. */
export function comparisonOf(rule) {
  if (!rule || typeof rule !== 'object') return null;
  for (const key of COMPARISON_KEYS) if (key in rule) return key;
  return null;
}

export function eventLabel(type) {
  const found = EVENTS.find(([t]) => t === type);
  return found ? found[1] : type;
}
