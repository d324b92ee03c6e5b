// Home page: category tiles, a row of new arrivals and a row of sale items.
(function () {
  'use strict';
  const { el } = window.Shop;
  const { products, categories } = window.ShopData;
  const { productGrid } = window.ShopCards;

  function categoryTile(category) {
    // The tile shows the category's first product as its picture.
    const sample = products.find((p) => category.members.includes(p.category));
    return el('a', { class: 'tile', href: `category.html?c=${category.id}` },
      window.ShopArt.productArt(sample, 'tile-art'),
      el('span', { class: 'tile-name' }, category.name));
  }

  // Three pictures fanned out on the right of the hero banner, whatever offer it shows.
  function heroArt() {
    return ['dress-wrap-midi', 'shoe-court-sneaker', 'coffee-yirgacheffe'].map((id, index) =>
      window.ShopArt.productArt(window.ShopData.byId(id), `hero-card hero-card-${index + 1}`));
  }

  window.Shop.onReady(() => {
    document.getElementById('hero-art').replaceChildren(...heroArt());
    document.getElementById('category-tiles').replaceChildren(...categories.map(categoryTile));
    document.getElementById('home-new').replaceChildren(productGrid(products.filter((p) => p.tags.includes('new')).slice(0, 4)));
    document.getElementById('home-sale').replaceChildren(productGrid(products.filter((p) => p.tags.includes('sale')).slice(0, 4)));
  });
})();
