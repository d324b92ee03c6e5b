// Product page (?id=...): sends view_item on open, add_to_cart from the form, and
// view_size_guide / view_return_policy from the help links.
(function () {
  'use strict';
  const { el, track, itemFields, cart, param } = window.Shop;
  const { priceLine, badges, productGrid } = window.ShopCards;

  const SIZES = { apparel: ['XS', 'S', 'M', 'L', 'XL'], shoes: ['37', '38', '39', '40', '41', '42', '43', '44', '45'] };

  function sizeOptions(product, container) {
    const sizes = SIZES[product.sizes];
    if (!sizes) return;
    document.getElementById('sizes').hidden = false;
    container.replaceChildren(...sizes.map((size, index) => el('label', { class: 'size' },
      el('input', { type: 'radio', name: 'size', value: size, checked: index === 2 }),
      el('span', {}, size))));
  }

  function openDialog(id, eventType) {
    const dialog = document.getElementById(id);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    track(eventType, {});
  }

  window.Shop.onReady(() => {
    const product = window.ShopData.byId(param('id')) || window.ShopData.products[0];
    const category = window.ShopData.categoryOf(product);
    document.title = `${product.name} · Fernhill`;
    document.getElementById('crumb').textContent = product.name;
    const crumbCategory = document.getElementById('crumb-category');
    crumbCategory.textContent = category.name;
    crumbCategory.href = `category.html?c=${category.id}`;
    const navLink = document.querySelector(`.main-nav a[href="category.html?c=${category.id}"]`);
    if (navLink) navLink.classList.add('active');

    const media = document.getElementById('product-media');
    media.replaceChildren(window.ShopArt.productArt(product, 'product-art'), badges(product));
    document.getElementById('product-brand').textContent = product.brand;
    document.getElementById('product-name').textContent = product.name;
    document.getElementById('product-price').replaceChildren(priceLine(product));
    document.getElementById('product-blurb').textContent = product.blurb;
    sizeOptions(product, document.getElementById('size-options'));

    const added = document.getElementById('added');
    document.getElementById('buy').addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = document.querySelector('input[name="size"]:checked');
      const size = chosen ? chosen.value : '';
      cart.add(product.id, size, 1);
      track('add_to_cart', itemFields(product, 1));
      added.replaceChildren('✓ Added to your cart. ', el('a', { href: 'cart.html' }, 'View cart →'));
    });

    document.getElementById('open-size-guide').addEventListener('click', () => openDialog('size-guide', 'view_size_guide'));
    document.getElementById('open-returns').addEventListener('click', () => openDialog('returns', 'view_return_policy'));

    const related = window.ShopData.products.filter((p) => p.id !== product.id && category.members.includes(p.category));
    const others = window.ShopData.products.filter((p) => p.id !== product.id && !related.includes(p) && p.tags.includes('new'));
    document.getElementById('related').replaceChildren(productGrid(related.concat(others).slice(0, 4)));

    track('view_item', itemFields(product));
  });
})();
