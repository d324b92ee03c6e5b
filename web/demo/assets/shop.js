// Shared helpers of the shop pages: DOM building, money, the shop's own cart (kept in
// localStorage, separate from the widget's state) and a guarded bridge to the widget.
(function () {
  'use strict';

  const CART_KEY = 'fernhill.cart';
  const FREE_SHIPPING = 50;
  const MAX_QTY = 99;  // per line: a shopper adds one at a time, a stored value may say anything
  // The codes the catalogue's offers hand out (src/catalog/default.json), plus the shop's own.
  const COUPONS = { WELCOME10: 0.1, SAVE10: 0.1, STAY10: 0.1, HELLO10: 0.1 };
  const ORDER_KEY = 'fernhill.lastOrder';

  // el('a', { href: '/', class: 'x', dataset: { segTrack: 'view_item' } }, 'text', childNode)
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  // Inline drawings built element by element, never parsed from markup: `shapes` is a list of
  // [tag, attributes] pairs such as ['path', { d: 'M0 0 L4 4', fill: 'none' }].
  const SVG_NS = 'http://www.w3.org/2000/svg';
  function svg(attrs, shapes) {
    const node = document.createElementNS(SVG_NS, 'svg');
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    for (const [tag, shapeAttrs] of shapes) {
      const shape = document.createElementNS(SVG_NS, tag);
      for (const [key, value] of Object.entries(shapeAttrs)) shape.setAttribute(key, value);
      node.append(shape);
    }
    return node;
  }

  const moneyFormat = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });
  const money = (amount) => moneyFormat.format(amount);
  const param = (name) => new URLSearchParams(location.search).get(name);

  // ---- the widget bridge: every call is guarded, the shop must work when the widget is absent ----

  function widget() {
    const w = window.ShopperSegments;
    return w && typeof w.track === 'function' ? w : null;
  }

  function track(type, fields) {
    const w = widget();
    if (!w) return;
    try { w.track(type, fields || {}); } catch (error) { console.warn('[shop] track failed', error); }
    window.dispatchEvent(new CustomEvent('shop:tracked', { detail: { type } }));
  }

  // The GA4 item fields the engine reads (docs/RULES.md "Events").
  function itemFields(product, quantity) {
    const fields = {
      item_id: product.id,
      item_name: product.name,
      item_category: product.category,
      item_brand: product.brand,
      price: product.price
    };
    if (product.tags.length) fields.tags = product.tags.slice();
    if (quantity) fields.quantity = quantity;
    return fields;
  }

  // The same fields as data-seg-* attributes for the widget's automatic click tracking.
  function trackAttributes(type, product) {
    const data = {
      segTrack: type,
      segItemId: product.id,
      segItemCategory: product.category,
      segItemBrand: product.brand,
      segPrice: String(product.price)
    };
    if (product.tags.length) data.segTags = product.tags.join(',');
    return data;
  }

  // ---- the shop's cart ----

  function readJson(storage, key, fallback) {
    try {
      const value = JSON.parse(storage.getItem(key));
      return value && typeof value === 'object' ? value : fallback;
    } catch (_) {
      return fallback;
    }
  }

  function writeJson(storage, key, value) {
    try { storage.setItem(key, JSON.stringify(value)); } catch (_) { /* full or blocked: keep going */ }
  }

  const cart = {
    // Whatever storage holds: each line is kept only when it names a product of the shop with a
    // size and a whole quantity of 1 to 99 (a stored value may be damaged or written by hand).
    read() {
      const stored = readJson(localStorage, CART_KEY, {});
      const lines = Array.isArray(stored.lines) ? stored.lines.filter((l) => l && typeof l === 'object'
        && typeof l.id === 'string' && window.ShopData.byId(l.id) && typeof l.size === 'string' && l.size.length <= 8
        && Number.isInteger(l.qty) && l.qty >= 1 && l.qty <= MAX_QTY) : [];
      return { lines, coupon: typeof stored.coupon === 'string' && stored.coupon.length <= 32 ? stored.coupon : '' };
    },
    write(state) {
      writeJson(localStorage, CART_KEY, state);
      window.dispatchEvent(new CustomEvent('shop:cart'));
    },
    count() { return cart.read().lines.reduce((n, l) => n + l.qty, 0); },
    add(productId, size, qty) {
      const state = cart.read();
      const line = state.lines.find((l) => l.id === productId && l.size === (size || ''));
      if (line) line.qty = Math.min(MAX_QTY, line.qty + (qty || 1));
      else state.lines.push({ id: productId, size: size || '', qty: qty || 1 });
      cart.write(state);
    },
    remove(productId, size) {
      const state = cart.read();
      state.lines = state.lines.filter((l) => !(l.id === productId && l.size === size));
      cart.write(state);
    },
    setCoupon(code) { const state = cart.read(); state.coupon = code; cart.write(state); },
    clear() { cart.write({ lines: [], coupon: '' }); },
    // Totals with the demo's coupon rule: a known code takes 10 % off.
    totals() {
      const state = cart.read();
      const subtotal = state.lines.reduce((sum, l) => sum + window.ShopData.byId(l.id).price * l.qty, 0);
      const discount = COUPONS[state.coupon] ? Math.round(subtotal * COUPONS[state.coupon] * 100) / 100 : 0;
      const shipping = subtotal - discount >= FREE_SHIPPING || subtotal === 0 ? 0 : 4.95;
      return { subtotal, discount, shipping, total: Math.round((subtotal - discount + shipping) * 100) / 100 };
    }
  };

  // The last order as checkout.js writes it; anything else stored under its key reads as none.
  const text = (v, max) => typeof v === 'string' && v.length <= max;
  const amount = (v) => Number.isFinite(v) && v >= 0 && v < 1e7;
  const isItem = (i) => i && typeof i === 'object' && text(i.item_id, 64) && text(i.item_name, 200)
    && amount(i.price) && Number.isInteger(i.quantity) && i.quantity >= 1 && i.quantity <= MAX_QTY;
  function isOrder(o) {
    return o !== null && text(o.number, 32) && text(o.email, 320) && text(o.currency, 3) && text(o.coupon, 32)
      && amount(o.value) && amount(o.discount) && amount(o.shipping) && typeof o.tracked === 'boolean'
      && Array.isArray(o.items) && o.items.length >= 1 && o.items.length <= 100 && o.items.every(isItem);
  }
  const order = {
    save(value) { writeJson(sessionStorage, ORDER_KEY, value); },
    read() {
      const placed = readJson(sessionStorage, ORDER_KEY, null);
      return isOrder(placed) ? placed : null;
    }
  };

  // The widget script ran just before this one (both deferred, in order) and its engine starts
  // only once the .wasm has arrived: the demo clock is in place before the first event.
  window.DemoClock.applyToWidget();

  // Runs `fn` once the page is parsed: at once from a deferred script (the page's scripts are
  // render-blocking, so what they draw is in the first frame and nothing shifts after it).
  function onReady(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
    else fn();
  }

  window.Shop = {
    el, svg, money, param, widget, track, itemFields, trackAttributes, cart, order, onReady,
    FREE_SHIPPING, COUPONS
  };
})();
