// The frame every page shares: promo bar, header (logo, navigation, search, cart count), footer
// with the newsletter sign-up, and the page_view event. A page declares itself with
// <body data-page-type="category" data-nav="tops">.
(function () {
  'use strict';
  const { el, svg, track, cart, param } = window.Shop;

  function logo() {
    const mark = svg({ viewBox: '0 0 32 32', class: 'logo-mark', 'aria-hidden': 'true' }, [
      ['path', { d: 'M16 3 C8 9 6 17 16 29 C26 17 24 9 16 3 Z', fill: '#2f5d50' }],
      ['path', { d: 'M16 8 L16 27 M16 14 L11 11 M16 19 L21 15 M16 23 L12 21', stroke: '#f4efe6', 'stroke-width': '1.6', fill: 'none' }]
    ]);
    return el('a', { href: 'index.html', class: 'logo', 'aria-label': 'Fernhill home' }, mark, el('span', {}, 'Fernhill'));
  }

  function navigation(active) {
    const links = [{ id: 'new', name: 'New in', href: 'new.html' }]
      .concat(window.ShopData.categories.map((c) => ({ id: c.id, name: c.name, href: `category.html?c=${c.id}` })))
      .concat([{ id: 'sale', name: 'Sale', href: 'sale.html' }]);
    return el('nav', { class: 'main-nav', 'aria-label': 'Shop' },
      links.map((link) => el('a', {
        href: link.href,
        class: (link.id === active ? 'active ' : '') + (link.id === 'sale' ? 'nav-sale' : ''),
        'aria-current': link.id === active ? 'page' : null
      }, link.name)));
  }

  function cartLink() {
    const count = el('span', { class: 'cart-count', id: 'cart-count' }, String(cart.count()));
    const icon = svg({ viewBox: '0 0 24 24', 'aria-hidden': 'true' }, [
      ['path', { d: 'M5 8 H19 L18 20 H6 Z', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linejoin': 'round' }],
      ['path', { d: 'M9 8 V6 a3 3 0 0 1 6 0 V8', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8' }]
    ]);
    const link = el('a', { href: 'cart.html', class: 'cart-link', 'aria-label': 'Cart' }, icon, el('span', { class: 'cart-label' }, 'Cart'), count);
    window.addEventListener('shop:cart', () => { count.textContent = String(cart.count()); });
    return link;
  }

  function header(active) {
    const icon = svg({ viewBox: '0 0 24 24', 'aria-hidden': 'true' }, [
      ['circle', { cx: '11', cy: '11', r: '7', fill: 'none', stroke: 'currentColor', 'stroke-width': '2' }],
      ['path', { d: 'M16 16l5 5', stroke: 'currentColor', 'stroke-width': '2' }]
    ]);
    const search = el('form', { class: 'search', action: 'search.html', role: 'search' }, icon,
      el('input', { type: 'search', name: 'q', placeholder: 'Search products', 'aria-label': 'Search products', value: param('q') || null }));
    return [
      el('div', { class: 'promo-bar' }, 'Free shipping on orders over €50 · Free 30-day returns · Carbon-neutral delivery'),
      el('div', { class: 'header-inner container' }, logo(), search, cartLink()),
      el('div', { class: 'nav-row' }, el('div', { class: 'container' }, navigation(active)))
    ];
  }

  function newsletter() {
    const message = el('p', { class: 'newsletter-message', 'aria-live': 'polite' });
    const form = el('form', { class: 'newsletter-form', id: 'newsletter-form' },
      el('input', { type: 'email', name: 'email', required: true, placeholder: 'you@example.com', 'aria-label': 'Email address' }),
      el('button', { type: 'submit', class: 'button' }, 'Subscribe'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      track('newsletter_signup', {});
      try { localStorage.setItem('fernhill.newsletter', '1'); } catch (_) { /* fine */ }
      form.replaceChildren(el('p', { class: 'newsletter-done' }, '✓ You are on the list. Look out for our Sunday letter.'));
    });
    return el('div', { class: 'newsletter' },
      el('h3', {}, 'The Fernhill letter'),
      el('p', {}, 'New arrivals, roasting notes and the odd story. One email a week, no spam.'),
      form, message);
  }

  function footer() {
    const column = (title, links) => el('div', { class: 'footer-col' }, el('h4', {}, title),
      el('ul', {}, links.map(([text, href]) => el('li', {}, el('a', { href }, text)))));
    return el('div', { class: 'container footer-inner' },
      el('div', { class: 'footer-grid' },
        newsletter(),
        column('Shop', [['New in', 'new.html'], ['Dresses', 'category.html?c=dresses'], ['Coffee', 'category.html?c=coffee'], ['Sale', 'sale.html']]),
        column('Help', [['Size guide', 'help.html#size-guide'], ['Returns', 'help.html#returns'], ['Delivery', 'help.html#delivery'], ['Your cart', 'cart.html']]),
        column('Fernhill', [['Rule studio', '/studio/'], ['Our story', 'index.html#story']])),
      el('p', { class: 'fine-print' },
        'Fernhill is the demo store of Shopper Segments. Personalisation runs in this browser only: ' +
        'nothing you do here is sent anywhere.'));
  }

  window.Shop.onReady(() => {
    const body = document.body;
    const top = document.getElementById('site-header');
    if (top) top.replaceChildren(...header(body.dataset.nav));
    const bottom = document.getElementById('site-footer');
    if (bottom) bottom.replaceChildren(footer());
    if (body.dataset.pageType) track('page_view', { page_type: body.dataset.pageType });
    // An offer's link may carry a code to any page (/?coupon=HELLO10): keep it for the cart,
    // which applies it. The cart page applies ?coupon= itself and reports the attempt.
    const code = (param('coupon') || '').trim().toUpperCase();
    if (code && body.dataset.pageType !== 'cart' && window.Shop.COUPONS[code]) cart.setCoupon(code);
  });
})();
