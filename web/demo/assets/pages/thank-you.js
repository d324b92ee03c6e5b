// Thank-you page: sends purchase (value, items, coupon) once per order, shows the order.
(function () {
  'use strict';
  const { el, money, track, order } = window.Shop;

  document.addEventListener('DOMContentLoaded', () => {
    const placed = order.read();
    if (!placed) {
      document.getElementById('thanks-title').textContent = 'No recent order';
      document.getElementById('thanks-text').textContent = 'Orders you place in this tab appear here.';
      return;
    }
    document.getElementById('thanks-text').textContent =
      `Order ${placed.number} is confirmed. A confirmation is on its way to ${placed.email}.`;
    document.getElementById('order-summary').replaceChildren(
      ...placed.items.map((item) => el('div', { class: 'summary-line' },
        el('span', { class: 'summary-name' }, `${item.item_name} × ${item.quantity}`),
        el('span', {}, money(item.price * item.quantity)))),
      el('div', { class: 'summary-line total' }, el('span', {}, placed.coupon ? `Total (with ${placed.coupon})` : 'Total'), el('span', {}, money(placed.value))));

    // A reload must not count the order twice.
    if (!placed.tracked) {
      const fields = { value: placed.value, currency: placed.currency, items: placed.items };
      if (placed.coupon) fields.coupon = placed.coupon;
      track('purchase', fields);
      order.save(Object.assign({}, placed, { tracked: true }));
    }
  });
})();
