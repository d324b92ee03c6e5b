// Checkout: begin_checkout when the page opens; "Place order" stores the order for the thank-you
// page (which sends purchase) and empties the cart.
(function () {
  'use strict';
  const { el, money, track, cart, order } = window.Shop;

  function summary(state, totals) {
    const lines = state.lines.map((entry) => {
      const product = window.ShopData.byId(entry.id);
      return el('div', { class: 'summary-line' },
        window.ShopArt.productArt(product, 'mini-art'),
        el('span', { class: 'summary-name' }, `${product.name}${entry.size ? ` (${entry.size})` : ''} × ${entry.qty}`),
        el('span', {}, money(product.price * entry.qty)));
    });
    const rows = [['Subtotal', money(totals.subtotal)]];
    if (totals.discount) rows.push([`Discount (${state.coupon})`, '−' + money(totals.discount)]);
    rows.push(['Shipping', totals.shipping ? money(totals.shipping) : 'Free']);
    return [el('h2', {}, 'Order summary'), ...lines,
      el('dl', { class: 'totals' }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]),
        el('dt', { class: 'total' }, 'Total'), el('dd', { class: 'total' }, money(totals.total)))];
  }

  window.Shop.onReady(() => {
    const state = cart.read();
    const form = document.getElementById('checkout-form');
    if (!state.lines.length) {
      form.replaceChildren(el('p', {}, 'Your cart is empty. ', el('a', { href: 'index.html' }, 'Keep shopping →')));
      document.getElementById('checkout-summary').hidden = true;
      return;
    }
    const totals = cart.totals();
    document.getElementById('checkout-summary').replaceChildren(...summary(state, totals));
    track('begin_checkout', { value: totals.total, currency: window.ShopData.currency });

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const items = state.lines.map((entry) => {
        const product = window.ShopData.byId(entry.id);
        return { item_id: product.id, item_name: product.name, item_category: product.category,
          item_brand: product.brand, price: product.price, quantity: entry.qty };
      });
      order.save({
        number: 'FH-' + String(Math.floor(100000 + Math.random() * 900000)),
        value: totals.total, currency: window.ShopData.currency, coupon: state.coupon, items,
        subtotal: totals.subtotal, discount: totals.discount, shipping: totals.shipping,
        email: new FormData(form).get('email'), tracked: false
      });
      cart.clear();
      location.href = 'thank-you.html';
    });
  });
})();
