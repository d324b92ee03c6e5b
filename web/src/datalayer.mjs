// Opt-in forwarding of GA4 e-commerce pushes from window.dataLayer (object pushes with `event` and
// `ecommerce`, and gtag('event', NAME, PARAMS) calls), including those pushed before this script.

import { warnOnce } from './warn.mjs';

const GA4_EVENTS = new Set([
  'page_view', 'view_item', 'view_item_list', 'select_item', 'add_to_cart', 'remove_from_cart',
  'add_to_wishlist', 'view_cart', 'begin_checkout', 'add_shipping_info', 'add_payment_info',
  'purchase', 'refund', 'view_promotion', 'select_promotion', 'search', 'sign_up', 'login',
]);
const ITEM_FIELDS = ['item_id', 'item_category', 'item_brand', 'price', 'quantity'];

/** GA4 parameters -> engine fields: scalars as they are; one item's fields lifted to the event. */
export function ga4Fields(params) {
  const fields = {};
  if (params === null || typeof params !== 'object') return fields;
  for (const key in params) {
    const value = params[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  const items = Array.isArray(params.items) ? params.items.filter((i) => i && typeof i === 'object') : [];
  if (items.length === 1) {
    for (const key of ITEM_FIELDS) if (!(key in fields) && items[0][key] !== undefined) fields[key] = items[0][key];
  } else if (items.length > 1) {
    fields.items = items;  // packed as every item's string fields
  }
  return fields;
}

/** @returns {{ type: string, fields: object } | null} */
export function fromPush(entry) {
  if (entry === null || typeof entry !== 'object') return null;
  if (entry[0] === 'event' && typeof entry[1] === 'string' && typeof entry.length === 'number') {
    return GA4_EVENTS.has(entry[1]) ? { type: entry[1], fields: ga4Fields(entry[2]) } : null;
  }
  if (typeof entry.event !== 'string') return null;
  if (!GA4_EVENTS.has(entry.event) && !(entry.ecommerce && typeof entry.ecommerce === 'object')) return null;
  return { type: entry.event, fields: ga4Fields(entry.ecommerce) };
}

/** @param {Window} win @param {(type: string, fields: object) => void} track */
export function forwardDataLayer(win, track) {
  const layer = Array.isArray(win.dataLayer) ? win.dataLayer : (win.dataLayer = []);
  // The page's own push must never fail because of us: an entry that cannot be read is skipped.
  const forward = (entry) => {
    let event = null;
    try {
      event = fromPush(entry);
    } catch {
      warnOnce('bad_input', 'a dataLayer entry could not be read');
    }
    if (event !== null) track(event.type, event.fields);
  };
  for (const entry of layer) forward(entry);
  const push = layer.push;
  layer.push = function pushAndForward(...entries) {
    const result = push.apply(this, entries);
    for (const entry of entries) forward(entry);
    return result;
  };
}
