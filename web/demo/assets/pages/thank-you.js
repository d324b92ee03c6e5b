// Thank-you page: sends purchase (value, items, coupon) once per order, shows the order.
(function () {
  'use strict';
  const { el, money, track, order } = window.Shop;

  window.Shop.onReady(() => {
    const placed = order.read();
    if (!placed) {
      document.getElementById('thanks-title').textContent = 'No recent order';
      document.getElementById('thanks-text').textContent = 'Orders you place in this tab appear here.';
      return;
    }
    document.getElementById('thanks-text').textContent =
      `Order ${placed.number} is confirmed. A confirmation is on its way to ${placed.email}.`;
    const line = (label, amount, className) => el('div', { class: 'summary-line' + (className ? ' ' + className : '') },
      el('span', { class: 'summary-name' }, label), el('span', {}, amount));
    const lines = placed.items.map((item) => line(`${item.item_name} × ${item.quantity}`, money(item.price * item.quantity)));
    if (placed.discount) lines.push(line(`Discount (${placed.coupon})`, '−' + money(placed.discount), 'extra'));
    lines.push(line('Shipping', placed.shipping ? money(placed.shipping) : 'Free', 'extra'));
    lines.push(line(placed.coupon ? `Total (with ${placed.coupon})` : 'Total', money(placed.value), 'total'));
    document.getElementById('order-summary').replaceChildren(...lines);

    // A reload must not count the order twice.
    if (!placed.tracked) {
      const fields = { value: placed.value, currency: placed.currency, items: placed.items };
      if (placed.coupon) fields.coupon = placed.coupon;
      track('purchase', fields);
      order.save(Object.assign({}, placed, { tracked: true }));
    }
  });
})();
