// Cart page: lines with remove (remove_from_cart), a discount-code field (coupon_attempt), totals
// and the way to checkout. The cart itself is the shop's state (assets/shop.js).
(function () {
  'use strict';
  const { el, money, track, itemFields, cart, param, COUPONS, FREE_SHIPPING } = window.Shop;

  function line(entry) {
    const product = window.ShopData.byId(entry.id);
    const remove = el('button', { type: 'button', class: 'link-button remove', dataset: { remove: entry.id } }, 'Remove');
    remove.addEventListener('click', () => {
      cart.remove(entry.id, entry.size);
      track('remove_from_cart', itemFields(product, entry.qty));
      render();
    });
    return el('article', { class: 'cart-line', dataset: { productId: entry.id } },
      el('a', { href: `product.html?id=${entry.id}`, class: 'cart-thumb' }, window.ShopArt.productArt(product, 'thumb-art')),
      el('div', { class: 'cart-line-info' },
        el('p', { class: 'card-brand' }, product.brand),
        el('a', { href: `product.html?id=${entry.id}`, class: 'cart-line-name' }, product.name),
        el('p', { class: 'muted small' }, [entry.size ? `Size ${entry.size}` : null, `Qty ${entry.qty}`].filter(Boolean).join(' · ')),
        remove),
      el('p', { class: 'cart-line-price' }, money(product.price * entry.qty)));
  }

  function render() {
    const state = cart.read();
    const lines = document.getElementById('cart-lines');
    const checkout = document.getElementById('to-checkout');
    if (!state.lines.length) {
      lines.replaceChildren(el('div', { class: 'empty-cart' },
        el('p', {}, 'Your cart is empty.'),
        el('a', { class: 'button', href: 'new.html' }, 'Discover new arrivals')));
      checkout.classList.add('disabled');
      checkout.setAttribute('aria-disabled', 'true');
    } else {
      lines.replaceChildren(...state.lines.map(line));
      checkout.classList.remove('disabled');
      checkout.removeAttribute('aria-disabled');
    }
    const totals = cart.totals();
    const rows = [['Subtotal', money(totals.subtotal)]];
    if (totals.discount) rows.push([`Discount (${state.coupon})`, '−' + money(totals.discount)]);
    rows.push(['Shipping', totals.shipping ? money(totals.shipping) : 'Free']);
    document.getElementById('totals').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]),
      el('dt', { class: 'total' }, 'Total'), el('dd', { class: 'total' }, money(totals.total)));
    const progress = document.getElementById('shipping-progress');
    if (progress) {
      const missing = FREE_SHIPPING - (totals.subtotal - totals.discount);
      progress.textContent = totals.subtotal && missing > 0
        ? `You are ${money(missing)} away from free shipping.`
        : totals.subtotal ? 'Your order ships free.' : `Free shipping on orders over ${money(FREE_SHIPPING)}.`;
    }
    const bar = document.getElementById('shipping-bar');
    if (bar) bar.style.width = `${Math.min(100, ((totals.subtotal - totals.discount) / FREE_SHIPPING) * 100)}%`;
    document.getElementById('coupon').value = state.coupon;
  }

  function applyCoupon(input) {
    const code = String(input).trim().toUpperCase();
    if (!code) return;
    track('coupon_attempt', { coupon: code });
    const message = document.getElementById('coupon-message');
    if (COUPONS[code]) {
      cart.setCoupon(code);
      message.className = 'coupon-message ok';
      message.textContent = `${code} applied: ${Math.round(COUPONS[code] * 100)} % off.`;
    } else {
      cart.setCoupon('');
      message.className = 'coupon-message error';
      message.textContent = `“${code}” is not a valid code.`;
    }
    render();
  }

  window.Shop.onReady(() => {
    render();
    document.getElementById('coupon-form').addEventListener('submit', (event) => {
      event.preventDefault();
      applyCoupon(document.getElementById('coupon').value);
    });
    // An offer's call to action may bring its code along: cart.html?coupon=SAVE10.
    if (param('coupon')) applyCoupon(param('coupon'));
    document.getElementById('to-checkout').addEventListener('click', (event) => {
      if (!cart.count()) event.preventDefault();
    });
    window.addEventListener('storage', render); // another tab changed the cart
  });
})();
