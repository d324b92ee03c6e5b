// What a simulated shopper can do, as GA4-style events (docs/RULES.md "Events"). The buttons of the
// simulator and the ready-made persona journeys both go through these, so a persona is exactly
// what a person clicking the buttons would produce. Cart and item numbers are derived from the
// journey's own actions, so they survive a reload and an undo.
import { formatSpan } from './sim-clock.js';

export const CATEGORIES = ['dresses', 'shoes', 'knitwear', 'accessories', 'coffee', 'tea', 'skincare', 'razors', 'shaving'];

const PRICES = { dresses: 89, shoes: 120, knitwear: 75, accessories: 35, coffee: 14, tea: 9, skincare: 32, razors: 45, shaving: 12 };

function itemFields(action) {
  const f = action.fields || {};
  return { item_id: f.item_id, item_category: f.item_category, price: f.price, tags: f.tags };
}

/** Items viewed so far, the last one, and the cart, recomputed from the journey. */
export function shopState(journey) {
  let views = 0;
  let lastItem = null;
  let cart = [];
  for (const action of journey.actions) {
    if (action.kind !== 'event') continue;
    if (action.type === 'view_item') { views += 1; lastItem = itemFields(action); }
    if (action.type === 'add_to_cart') cart.push(itemFields(action));
    if (action.type === 'remove_from_cart') {
      const i = cart.findIndex((c) => c.item_id === (action.fields || {}).item_id);
      if (i >= 0) cart.splice(i, 1);
    }
    if (action.type === 'purchase') cart = [];
  }
  const total = cart.reduce((sum, item) => sum + (Number(item.price) || 0), 0);
  return { views, lastItem, cart, total };
}

export function shopActions(sim) {
  const state = () => shopState(sim.journey);
  const describeItem = (item) => `${item.item_id} (${item.item_category}${item.tags && item.tags.length ? `, ${item.tags.join(', ')}` : ''}, ${item.price})`;

  const actions = {
    viewItem({ tags = [], category = 'dresses', price } = {}) {
      const n = state().views + 1;
      const item = { item_id: `sku-${n}`, item_category: category, item_brand: 'Nordwind', price: price ?? PRICES[category] ?? 50, tags };
      sim.emit('view_item', item, `viewed ${describeItem(item)}`);
    },
    /** View the last viewed item again (the same product looked at repeatedly). */
    viewAgain() {
      const item = state().lastItem;
      if (!item) return actions.viewItem();
      sim.emit('view_item', { ...item, item_brand: 'Nordwind' }, `viewed ${item.item_id} again`);
    },
    addToCart() {
      let item = state().lastItem;
      if (!item) { actions.viewItem(); item = state().lastItem; }
      sim.emit('add_to_cart', { ...item, quantity: 1 }, `added ${describeItem(item)} to the cart`);
    },
    removeFromCart() {
      const { cart } = state();
      const item = cart[cart.length - 1];
      if (!item) return false;
      sim.emit('remove_from_cart', { ...item, quantity: 1 }, `removed ${item.item_id} from the cart`);
      return true;
    },
    search(term = 'winter coat') { sim.emit('search', { search_term: term }, `searched for “${term}”`); },
    pageView(pageType) { sim.emit('page_view', { page_type: pageType }, `opened a ${pageType.replace('_', ' ')} page`); },
    sortByPrice() { sim.emit('view_item_list', { item_list_id: 'category', sort: 'price_asc' }, 'sorted a list by lowest price'); },
    beginCheckout() {
      const { total } = state();
      sim.emit('begin_checkout', { value: total, currency: 'EUR' }, `began checkout (${total} EUR)`);
    },
    buy({ value, coupon, category } = {}) {
      const { cart, total } = state();
      const items = cart.length ? cart : [{ item_id: `sku-bought-${state().views + 1}`, item_category: category || 'dresses' }];
      const amount = value ?? (total || 80);
      const fields = { value: amount, currency: 'EUR', items: items.map((i) => ({ item_id: i.item_id, item_category: category || i.item_category })) };
      if (coupon) fields.coupon = coupon;
      sim.emit('purchase', fields, `bought ${items.length} item${items.length === 1 ? '' : 's'} for ${amount} EUR${coupon ? ` with coupon ${coupon}` : ''}`);
    },
    couponAttempt(code = 'SAVE10') { sim.emit('coupon_attempt', { coupon: code }, `tried coupon ${code}`); },
    newsletter() { sim.emit('newsletter_signup', {}, 'signed up to the newsletter'); },
    nps(score) { sim.emit('nps', { score }, `answered NPS: ${score}`); },
    chat() { sim.emit('chat_open', {}, 'opened the live chat'); },
    sizeGuide() { sim.emit('view_size_guide', {}, 'read the size guide'); },
    returnPolicy() { sim.emit('view_return_policy', {}, 'read the return policy'); },
    engagement(seconds = 150) { sim.emit('engagement', { seconds }, `read a page for ${seconds} s`); },
    exitIntent() { sim.emit('exit_intent', {}, 'moved to leave the page'); },
    custom(type, fields = {}) { sim.emit(type, fields, `event ${type}`); },
    trait(key, value) { sim.setTraits({ [key]: value }, `page set trait ${key} = ${JSON.stringify(value)}`); },
    context(context) { sim.setContext(context, `browser context ${Object.entries(context).map(([k, v]) => `${k}=${v}`).join(', ')}`); },
    wait(ms) { sim.advance(ms, `${formatSpan(ms)} later`); },
  };
  return actions;
}
