// Product list pages: a category (?c=tops), new arrivals, sale, and search results (?q=...).
// <body data-list="category|new|sale|bestsellers|search"> says which.
(function () {
  'use strict';
  const { el, track, param } = window.Shop;
  const { products, categories } = window.ShopData;
  const { productGrid, sortProducts } = window.ShopCards;

  function matches(product, query) {
    const text = `${product.name} ${product.brand} ${product.category} ${product.tags.join(' ')}`.toLowerCase();
    return query.toLowerCase().split(/\s+/).filter(Boolean).every((word) => text.includes(word));
  }

  // What the page lists: { id (the item_list_id), title, intro, items }.
  function listing(kind) {
    if (kind === 'new') return { id: 'new_arrivals', items: products.filter((p) => p.tags.includes('new')) };
    if (kind === 'bestsellers') return { id: 'bestsellers', items: products.filter((p) => p.best) };
    if (kind === 'sale') return { id: 'sale', items: products.filter((p) => p.tags.includes('sale')) };
    if (kind === 'search') {
      const query = (param('q') || '').trim();
      return {
        id: 'search', query,
        title: query ? `Results for “${query}”` : 'Search',
        intro: query ? '' : 'Type a product, brand or category into the search box above.',
        items: query ? products.filter((p) => matches(p, query)) : []
      };
    }
    const category = categories.find((c) => c.id === param('c')) || categories[0];
    return {
      id: category.id, title: category.name, intro: category.intro, nav: category.id,
      items: products.filter((p) => category.members.includes(p.category))
    };
  }

  window.Shop.onReady(() => {
    const list = listing(document.body.dataset.list);
    if (list.title) {
      document.getElementById('list-title').textContent = list.title;
      document.getElementById('crumb').textContent = list.title;
      document.title = `${list.title} · Fernhill`;
    }
    if (list.intro !== undefined) document.getElementById('list-intro').textContent = list.intro;
    if (list.nav) {
      const link = document.querySelector(`.main-nav a[href="category.html?c=${list.nav}"]`);
      if (link) { link.classList.add('active'); link.setAttribute('aria-current', 'page'); }
    }
    if (list.query !== undefined && list.query) track('search', { search_term: list.query });

    const sort = document.getElementById('sort');
    sort.value = param('sort') || 'featured';
    function render() {
      const items = sortProducts(list.items, sort.value);
      document.getElementById('result-count').textContent = `${items.length} ${items.length === 1 ? 'product' : 'products'}`;
      document.getElementById('list-grid').replaceChildren(!items.length && list.query
        ? el('p', { class: 'empty' }, `Nothing matches “${list.query}”. Try “linen”, “coffee” or “sneaker”.`)
        : productGrid(items));
    }
    sort.addEventListener('change', () => {
      const url = new URL(location.href);
      url.searchParams.set('sort', sort.value);
      history.replaceState(null, '', url);
      render();
      track('view_item_list', { item_list_id: list.id, sort: sort.value });
    });
    render();
    track('view_item_list', { item_list_id: list.id, sort: sort.value });
  });
})();
