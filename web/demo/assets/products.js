// The shop's catalogue: the one place product data lives. Plain data on a global so every page
// script can read it without a build step. Categories and tags match src/catalog/default.json.
(function () {
  'use strict';

  // `best` marks the bestsellers page. `art` picks the inline SVG drawing (assets/art.js); `colors` are [background from, background
  // to, item colour]. No image files: the demo makes no request beyond its own pages and scripts.
  const products = [
    { id: 'top-linen-camp', name: 'Linen Camp Shirt', category: 'tops', brand: 'Northbay', price: 59, tags: ['new'], art: 'shirt', colors: ['#f3ede4', '#e6dccd', '#c8b48f'], sizes: 'apparel',
      blurb: 'A relaxed short-sleeve shirt in washed European linen that softens with every wear.' },
    { id: 'top-organic-tee', best: true, name: 'Organic Cotton Tee', category: 'tops', brand: 'Fernhill Basics', price: 24, tags: [], art: 'tee', colors: ['#eef1f4', '#dde3ea', '#f9fafb'], sizes: 'apparel',
      blurb: 'Our everyday tee: mid-weight organic cotton, a clean crew neck and a fit that holds its shape.' },
    { id: 'top-merino-knit', best: true, name: 'Merino Crew Knit', category: 'tops', brand: 'Alder & Co', price: 89, compareAt: 119, tags: ['sale'], art: 'knit', colors: ['#e9efe9', '#d3e0d4', '#5f7f68'], sizes: 'apparel',
      blurb: 'Fine-gauge extra-fine merino, warm without bulk, easy to layer from autumn to spring.' },
    { id: 'top-breton', name: 'Striped Boat-Neck Top', category: 'tops', brand: 'Maris', price: 39, tags: ['new'], art: 'stripes', colors: ['#eef2f8', '#dbe3f0', '#2c3e66'], sizes: 'apparel',
      blurb: 'The Breton classic in heavy cotton jersey, with a wide boat neck and three-quarter sleeves.' },

    { id: 'dress-wrap-midi', best: true, name: 'Wrap Midi Dress', category: 'dresses', brand: 'Maris', price: 129, tags: ['new'], art: 'dress', colors: ['#f8ece9', '#f0d6cf', '#c0624f'], sizes: 'apparel',
      blurb: 'A fluid wrap dress in a terracotta crepe that moves beautifully, with a tie waist and midi hem.' },
    { id: 'dress-satin-slip', name: 'Satin Slip Dress', category: 'dresses', brand: 'Rue Lafont', price: 99, compareAt: 139, tags: ['sale'], art: 'slip', colors: ['#f1eef6', '#e0d9ec', '#7d6aa6'], sizes: 'apparel',
      blurb: 'Bias-cut satin with fine adjustable straps: dress it up or wear it over a tee.' },
    { id: 'dress-tiered-maxi', name: 'Tiered Cotton Maxi', category: 'dresses', brand: 'Northbay', price: 119, tags: [], art: 'maxi', colors: ['#f6f3e7', '#ebe4c9', '#b89b3e'], sizes: 'apparel',
      blurb: 'Airy cotton voile in three soft tiers, fully lined, with pockets.' },
    { id: 'dress-knit', name: 'Knit Sweater Dress', category: 'dresses', brand: 'Alder & Co', price: 109, tags: ['new'], art: 'dress', colors: ['#f0efed', '#e0ddd8', '#8a8178'], sizes: 'apparel',
      blurb: 'A ribbed knee-length knit dress that is as comfortable as your favourite jumper.' },

    { id: 'shoe-court-sneaker', best: true, name: 'Court Sneaker', category: 'shoes', brand: 'Pace', price: 95, tags: ['new'], art: 'sneaker', colors: ['#eef3f1', '#d9e6e1', '#ffffff'], sizes: 'shoes',
      blurb: 'Minimal leather court shoe on a natural rubber sole. Goes with everything.' },
    { id: 'shoe-chelsea-boot', name: 'Suede Chelsea Boot', category: 'shoes', brand: 'Holt', price: 169, compareAt: 209, tags: ['sale'], art: 'boot', colors: ['#f4eee8', '#e7d9cb', '#8b5e3c'], sizes: 'shoes',
      blurb: 'Water-repellent suede, elastic side panels and a cushioned leather insole.' },
    { id: 'shoe-loafer', name: 'Leather Loafer', category: 'shoes', brand: 'Holt', price: 145, tags: [], art: 'loafer', colors: ['#f2efea', '#e2dcd2', '#3b2b22'], sizes: 'shoes',
      blurb: 'A hand-stitched penny loafer in polished calf leather, made in Portugal.' },
    { id: 'shoe-trail-runner', name: 'Trail Runner', category: 'shoes', brand: 'Pace', price: 120, tags: ['new'], art: 'sneaker', colors: ['#edf1f7', '#d5deed', '#3d6fd1'], sizes: 'shoes',
      blurb: 'Grippy, light and breathable: built for gravel paths and city pavements alike.' },

    { id: 'acc-canvas-tote', best: true, name: 'Canvas Tote', category: 'accessories', brand: 'Fernhill Basics', price: 35, tags: [], art: 'tote', colors: ['#f5f2ea', '#e9e2d0', '#d8c9a3'],
      blurb: 'Heavy 16 oz canvas with leather handles and an inside zip pocket.' },
    { id: 'acc-sunglasses', name: 'Tortoise Sunglasses', category: 'accessories', brand: 'Lumen', price: 79, tags: ['new'], art: 'sunglasses', colors: ['#f6efe6', '#ecdcc6', '#7a4a22'],
      blurb: 'Acetate frames with polarised, UV400 lenses and a hard case.' },
    { id: 'acc-wool-scarf', name: 'Wool Scarf', category: 'accessories', brand: 'Alder & Co', price: 45, compareAt: 65, tags: ['sale'], art: 'scarf', colors: ['#f3ecec', '#e6d5d5', '#9c3d45'],
      blurb: 'Brushed lambswool, generously long, finished with a short fringe.' },

    { id: 'coffee-yirgacheffe', name: 'Ethiopia Yirgacheffe, 250 g', category: 'coffee', brand: 'Ember Roasters', price: 14.5, tags: ['new'], art: 'coffee', colors: ['#f5efe8', '#eadbc9', '#2f5d50'],
      blurb: 'Floral and bright with notes of bergamot and peach. Light roast, whole bean.' },
    { id: 'coffee-espresso', best: true, name: 'House Espresso Blend, 1 kg', category: 'coffee', brand: 'Ember Roasters', price: 36, tags: [], art: 'coffee', colors: ['#f3ede7', '#e3d2c2', '#2b211c'],
      blurb: 'Chocolate, hazelnut and a long sweet finish. Our most-reordered bag.' },
    { id: 'coffee-decaf', name: 'Decaf Colombia, 250 g', category: 'coffee', brand: 'Ember Roasters', price: 12, compareAt: 15, tags: ['sale'], art: 'coffee', colors: ['#f4f0ea', '#e7ddcf', '#b5651d'],
      blurb: 'Sugar-cane decaffeinated, caramel-sweet, and easy on the evening.' },

    { id: 'skin-serum', name: 'Daily Hydrating Serum', category: 'skincare', brand: 'Soft Field', price: 32, tags: ['new'], art: 'dropper', colors: ['#eef4f3', '#d9e9e6', '#6fa59a'],
      blurb: 'Hyaluronic acid and niacinamide for plump, calm skin. 30 ml, lasts about six weeks.' },
    { id: 'skin-sunscreen', best: true, name: 'Mineral Sunscreen SPF 50', category: 'skincare', brand: 'Soft Field', price: 22, tags: [], art: 'tube', colors: ['#fbf6e9', '#f3e6c4', '#e0a82e'],
      blurb: 'A sheer zinc formula with no white cast, for daily wear under make-up.' },
    { id: 'skin-night-cream', name: 'Overnight Repair Cream', category: 'skincare', brand: 'Vell', price: 48, compareAt: 60, tags: ['sale'], art: 'jar', colors: ['#f3f0f7', '#e2dcec', '#55477a'],
      blurb: 'Ceramides and squalane in a rich cream that works while you sleep.' },

    { id: 'shave-safety-razor', best: true, name: 'Safety Razor, Brushed Steel', category: 'razors', brand: 'Keen', price: 42, tags: [], art: 'razor', colors: ['#eff1f2', '#dde1e4', '#8a9399'],
      blurb: 'A weighty double-edge razor that lasts a lifetime, with five blades to start.' },
    { id: 'shave-cream', name: 'Sensitive Shaving Cream', category: 'shaving', brand: 'Keen', price: 12, tags: ['new'], art: 'tube', colors: ['#eef3f7', '#d8e4ee', '#2f6690'],
      blurb: 'A rich, low-foam cream with aloe and oat for a close shave without the sting.' },
    { id: 'shave-blades', name: 'Razor Blades, pack of 20', category: 'shaving', brand: 'Keen', price: 9, compareAt: 12, tags: ['sale'], art: 'blades', colors: ['#f0f2f4', '#dfe4e8', '#4b5661'],
      blurb: 'Sharp, platinum-coated double-edge blades. One pack lasts about three months.' }
  ];

  // The navigation's categories, in menu order. `members` lets one menu entry cover several
  // engine categories (razors and shaving cream share the "Shaving" page).
  const categories = [
    { id: 'tops', name: 'Tops', members: ['tops'], intro: 'Shirts, tees and knits for every day.' },
    { id: 'dresses', name: 'Dresses', members: ['dresses'], intro: 'Easy dresses from first coffee to late dinner.' },
    { id: 'shoes', name: 'Shoes', members: ['shoes'], intro: 'Sneakers, boots and loafers made to last.' },
    { id: 'accessories', name: 'Accessories', members: ['accessories'], intro: 'The finishing touches.' },
    { id: 'coffee', name: 'Coffee', members: ['coffee'], intro: 'Freshly roasted beans, delivered before you run out.' },
    { id: 'skincare', name: 'Skincare', members: ['skincare'], intro: 'Gentle, effective basics for every skin.' },
    { id: 'shaving', name: 'Shaving', members: ['razors', 'shaving'], intro: 'Razors, blades and creams for a close, calm shave.' }
  ];

  window.ShopData = {
    products,
    categories,
    currency: 'EUR',
    byId(id) { return products.find((p) => p.id === id) || null; },
    categoryOf(product) { return categories.find((c) => c.members.includes(product.category)) || null; }
  };
})();
