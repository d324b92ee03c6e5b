// Product cards and grids, shared by the home, category, new-arrivals, sale and search pages.
(function () {
  'use strict';
  const { el, money, trackAttributes } = window.Shop;

  function badges(product) {
    return el('div', { class: 'badges' },
      product.tags.includes('new') ? el('span', { class: 'badge badge-new' }, 'New') : null,
      product.tags.includes('sale') ? el('span', { class: 'badge badge-sale' }, `−${Math.round((1 - product.price / product.compareAt) * 100)}%`) : null);
  }

  function priceLine(product) {
    return el('p', { class: 'price' + (product.compareAt ? ' on-sale' : '') },
      el('span', { class: 'price-now' }, money(product.price)),
      product.compareAt ? el('s', { class: 'price-was' }, money(product.compareAt)) : null);
  }

  // A card links to the product page. The click is tracked by the widget as select_item (a list
  // click); the product page itself sends view_item when it opens.
  function productCard(product) {
    const link = el('a', {
      href: `product.html?id=${encodeURIComponent(product.id)}`,
      class: 'card-link',
      dataset: trackAttributes('select_item', product)
    },
    el('div', { class: 'card-media' }, window.ShopArt.productArt(product, 'card-art'), badges(product)),
    el('div', { class: 'card-body' },
      el('p', { class: 'card-brand' }, product.brand),
      el('h3', { class: 'card-name' }, product.name),
      priceLine(product)));
    return el('article', { class: 'card', dataset: { productId: product.id } }, link);
  }

  function productGrid(products) {
    if (!products.length) return el('p', { class: 'empty' }, 'Nothing here right now.');
    return el('div', { class: 'grid' }, products.map(productCard));
  }

  // Sorting, as the list pages offer it; the engine reads `sort` (price_asc marks bargain hunters).
  function sortProducts(products, sort) {
    const list = products.slice();
    if (sort === 'price_asc') list.sort((a, b) => a.price - b.price);
    else if (sort === 'price_desc') list.sort((a, b) => b.price - a.price);
    else if (sort === 'newest') list.sort((a, b) => Number(b.tags.includes('new')) - Number(a.tags.includes('new')));
    return list;
  }

  window.ShopCards = { productCard, productGrid, priceLine, badges, sortProducts };
})();
