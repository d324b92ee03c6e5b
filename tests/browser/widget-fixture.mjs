// The small test shop the widget tests run against: a configuration with no control group (so
// every visitor sees offers), product pages with auto-tracked elements, slots with default
// content, and an offer whose text carries HTML that must show as text.

import { makeSite } from './helpers.mjs';

export const XSS_TEXT = '<img src=x onerror="window.__injected = true">';

export const CONFIG = {
  version: 1,
  settings: { control_group: 0, salt: 'widget-tests' },
  segments: [
    { id: 'new_fan', name: 'New-in fan', rule: { count: 'view_item', where: { tags: 'new' }, within: '7d', gte: 2 } },
    { id: 'busy_browser', name: 'Busy browser', rule: { count: 'view_item', within: '7d', gte: 4 } },
    { id: 'cart_starter', name: 'Cart starter', rule: { count: 'add_to_cart', within: 'session', gte: 1 } },
  ],
  offers: [
    { id: 'hero_new', slot: 'hero', segments: ['new_fan'], priority: 10,
      content: { title: 'Just landed', body: XSS_TEXT, cta: 'See what is new', link: '/new.html' } },
    { id: 'hero_welcome', slot: 'hero', content: { title: 'Welcome to the test shop', body: 'Have a look around.' } },
    { id: 'cart_free_shipping', slot: 'cart', segments: ['cart_starter'],
      content: { title: 'Free shipping today', body: 'Your order ships free.', cta: 'Checkout', link: 'javascript:alert(1)' } },
    { id: 'exit_coupon', slot: 'exit', content: { title: 'Before you go', body: 'Your cart is saved for you.' } },
  ],
};

function page({ title, item, tags, scriptAttributes = '', configMode = 'inline', extraHead = '', extraBody = '' }) {
  const config = configMode === 'inline'
    ? `<script type="application/json" id="shopper-segments-config">${JSON.stringify(CONFIG)}</script>`
    : '';
  const configAttribute = configMode === 'url' ? ' data-config="/config.json"' : '';
  const product = item
    ? `<article data-seg-track="view_item" data-seg-item-id="${item}" data-seg-tags="${tags}" data-seg-price="49.5">
      <h1>${title}</h1><p>A very good product.</p>
      <button id="add" data-seg-track="add_to_cart" data-seg-item-id="${item}" data-seg-price="49.5">Add to cart</button>
    </article>`
    : `<h1>${title}</h1>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
${config}${extraHead}
<script src="/shopper-segments.js"${configAttribute}${scriptAttributes} defer></script>
</head><body>
<section id="hero" data-seg-slot="hero"><h2>Default hero of the page</h2><p>Seasonal picks.</p></section>
<main>${product}</main>
<aside id="cart" data-seg-slot="cart"><p>Default cart note</p></aside>
<div id="exit" data-seg-slot="exit" data-seg-trigger="exit_intent" hidden></div>
${extraBody}
</body></html>`;
}

/** A site with /p1.html, /p2.html, /p3.html (products), /plain.html (no product), /blank.html. */
export function widgetSite({ scriptAttributes = '', configMode = 'inline', extraHead = '', extraBody = '' } = {}) {
  const common = { scriptAttributes, configMode, extraHead, extraBody };
  return makeSite({
    'p1.html': page({ title: 'Linen shirt', item: 'p1', tags: 'new', ...common }),
    'p2.html': page({ title: 'Wool scarf', item: 'p2', tags: 'new,winter', ...common }),
    'p3.html': page({ title: 'Old boots', item: 'p3', tags: 'classic', ...common }),
    'plain.html': page({ title: 'About us', ...common }),
    'blank.html': '<!doctype html><title>blank</title><p>blank</p>',
    'config.json': JSON.stringify(CONFIG),
    // The browser asks for it on its own; a 404 would be a console error in every test.
    'favicon.ico': '',
  });
}

/** The offer id a slot shows, or null when it shows the page's own content. */
export function shownOffer(page, slotId) {
  return page.evaluate((id) => document.getElementById(id).getAttribute('data-seg-offer-shown'), slotId);
}

export function membersOf(page) {
  return page.evaluate(() => window.ShopperSegments.segments().filter((s) => s.member).map((s) => s.id));
}

/** Opens a page of the test shop and waits until the widget is ready. */
export async function openShopPage(newPageFn, context, url) {
  const page = await newPageFn(context);
  await page.goto(url);
  const settled = await page.evaluate(() => window.ShopperSegments.ready.then(() => 'ready', (e) => 'failed: ' + e.message));
  if (settled !== 'ready') throw new Error(`widget did not start on ${url}: ${settled}`);
  return page;
}

/** Warnings the widget wrote to the console. */
export function widgetWarnings(page) {
  return page.consoleMessages.filter((m) => m.type === 'warning' && m.text.startsWith('[shopper-segments]'));
}
