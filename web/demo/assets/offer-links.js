// Offers in the built-in catalogue link to a generic shop's paths (/new, /cart?coupon=SAVE10,
// /c/shaving, ...). This maps them onto this demo's pages so every call to action goes somewhere
// real. It rewrites links inside slots after the widget fills them; the offer text is untouched.
(function () {
  'use strict';

  const EXACT = {
    '/': 'index.html', '/new': 'new.html', '/edit': 'new.html', '/early-access': 'new.html',
    '/for-you': 'new.html', '/recently-viewed': 'new.html', '/bestsellers': 'bestsellers.html',
    '/cart': 'cart.html', '/checkout': 'checkout.html',
    '/newsletter': '#site-footer', '/review': 'thank-you.html#nps', '/refer': 'help.html#contact',
    '/journal': 'index.html#story', '/rewards': 'help.html#contact', '/account/reorder': 'bestsellers.html',
    '/account/orders': 'help.html#delivery'
  };
  const HELP = { '/help/size-and-returns': 'help.html#size-guide', '/help/returns': 'help.html#returns',
    '/help/delivery': 'help.html#delivery', '/help/priority': 'help.html#contact', '/help/contact': 'help.html#contact' };

  // The widget writes absolute links (http://host/new); only this site's own paths are mapped.
  function mapHref(href) {
    let url;
    try { url = new URL(href, location.href); } catch (_) { return null; }
    if (url.origin !== location.origin || url.pathname.endsWith('.html') || url.pathname.startsWith('/studio')) return null;
    const path = url.pathname.replace(/\/+$/, '') || '/';
    // "Give feedback" (/account/orders?feedback=1) asks what to do better: that is the contact topic.
    if (path === '/account/orders' && url.searchParams.has('feedback')) return 'help.html#contact';
    if (path.startsWith('/c/')) return `category.html?c=${encodeURIComponent(path.slice(3))}`;
    const target = HELP[path] || EXACT[path] || (path.startsWith('/help') ? 'help.html' : null) || (path.startsWith('/account') ? 'help.html#contact' : null);
    if (!target) return null;
    return url.search && !target.includes('#') ? target + (target.includes('?') ? '&' : '?') + url.search.slice(1) : target;
  }

  function rewrite(root) {
    for (const link of root.querySelectorAll('a[href]')) {
      const mapped = mapHref(link.getAttribute('href'));
      if (mapped) link.setAttribute('href', mapped);
    }
  }

  window.Shop.onReady(() => {
    const slots = document.querySelectorAll('[data-seg-slot]');
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const slot = record.target.closest ? record.target.closest('[data-seg-slot]') : null;
        if (slot) rewrite(slot);
      }
    });
    for (const slot of slots) {
      rewrite(slot);
      observer.observe(slot, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
    }
  });

  window.ShopOfferLinks = { mapHref };
})();
