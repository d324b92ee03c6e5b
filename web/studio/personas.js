// Ready-made journeys for the catalogue's personas (src/catalog/default.json), each written
// against that segment's default rule: the steps a real visitor of that kind would take. The
// simulator shows after playing whether the target segment holds under the current config, so
// a persona also tells the owner when an edited rule no longer catches the people it was for.
import { HOUR, DAY } from './sim-clock.js';

export const PERSONAS = [
  { id: 'curious_prospect', name: 'Curious prospect', story: 'looks at a few products, puts nothing in the cart',
    steps: (a) => { a.viewItem({ category: 'knitwear' }); a.viewItem({ category: 'shoes' }); a.viewItem({ category: 'dresses' }); } },
  { id: 'hesitant_prospect', name: 'Hesitant prospect', story: 'three visits, the same dress again and again, cart in and out, reads the size guide',
    steps: (a) => {
      a.viewItem({ category: 'dresses' }); a.addToCart(); a.removeFromCart(); a.addToCart();
      a.wait(DAY); a.viewAgain(); a.sizeGuide();
      a.wait(DAY); a.viewAgain(); a.returnPolicy();
    } },
  { id: 'trend_follower', name: 'Trend follower', story: 'opens the new arrivals and looks at new items',
    steps: (a) => { a.pageView('new_arrivals'); a.viewItem({ tags: ['new'], category: 'dresses' }); a.viewItem({ tags: ['new'], category: 'shoes' }); a.viewItem({ tags: ['new'], category: 'knitwear' }); a.viewItem({ category: 'accessories' }); } },
  { id: 'cart_abandoner', name: 'Cart abandoner', story: 'adds shoes to the cart, starts checkout, leaves for an hour',
    steps: (a) => { a.viewItem({ category: 'shoes' }); a.addToCart(); a.beginCheckout(); a.wait(HOUR); } },
  { id: 'dormant_customer', name: 'Dormant customer', story: 'bought once, then nothing for 100 days',
    steps: (a) => { a.viewItem({ category: 'knitwear' }); a.addToCart(); a.buy(); a.wait(100 * DAY); a.viewItem({ category: 'shoes' }); } },
  { id: 'big_spender', name: 'Big spender', story: 'two large orders a week apart',
    steps: (a) => { a.viewItem({ category: 'shoes', price: 650 }); a.addToCart(); a.buy(); a.wait(7 * DAY); a.viewItem({ category: 'dresses', price: 480 }); a.addToCart(); a.buy(); } },
  { id: 'coupon_seeker', name: 'Coupon seeker', story: 'sale pages, lowest price first, tries a code',
    steps: (a) => { a.pageView('sale'); a.sortByPrice(); a.viewItem({ tags: ['sale'], category: 'shoes', price: 59 }); a.pageView('sale'); a.addToCart(); a.couponAttempt('SAVE10'); } },
  { id: 'thrifty_replenisher', name: 'Thrifty replenisher', story: 'bought coffee a month ago',
    steps: (a) => { a.viewItem({ category: 'coffee' }); a.addToCart(); a.buy({ category: 'coffee' }); a.wait(30 * DAY); a.viewItem({ category: 'coffee' }); } },
  { id: 'one_time_buyer', name: 'One-time buyer', story: 'one order, comes back two days later',
    steps: (a) => { a.viewItem({ category: 'dresses' }); a.addToCart(); a.buy(); a.wait(2 * DAY); a.viewItem({ category: 'shoes' }); } },
  { id: 'loyal_customer', name: 'Loyal customer', story: 'a gold member of the rewards programme, logged in',
    steps: (a) => { a.trait('loyalty_tier', 'gold'); a.trait('customer_orders', 7); a.viewItem({ category: 'knitwear' }); } },
  { id: 'high_frequency_buyer', name: 'High-frequency buyer', story: 'four orders in two weeks',
    steps: (a) => { for (let i = 0; i < 4; i += 1) { a.viewItem({ category: 'accessories' }); a.addToCart(); a.buy(); a.wait(3 * DAY); } a.viewItem({ category: 'shoes' }); } },
  { id: 'cross_sell_candidate', name: 'Cross-sell candidate', story: 'puts a razor in the cart',
    steps: (a) => { a.viewItem({ category: 'razors' }); a.addToCart(); } },
  { id: 'newsletter_subscriber', name: 'Newsletter subscriber', story: 'signs up to the newsletter',
    steps: (a) => { a.viewItem({ category: 'knitwear' }); a.newsletter(); } },
  { id: 'brand_advocate', name: 'Brand advocate', story: 'answers 10 to "would you recommend us?"',
    steps: (a) => { a.viewItem({ category: 'dresses' }); a.addToCart(); a.buy(); a.nps(10); } },
  { id: 'declining_spender', name: 'Declining spender', story: 'spent 300, then only 40 three months later',
    steps: (a) => { a.viewItem({ category: 'shoes', price: 300 }); a.addToCart(); a.buy(); a.wait(100 * DAY); a.viewItem({ category: 'tea', price: 40 }); a.addToCart(); a.buy(); } },
  { id: 'local_shopper', name: 'Local shopper', story: 'browses from Berlin',
    steps: (a) => { a.context({ timezone: 'Europe/Berlin', tz_offset: 60, locale: 'de-DE', country: 'DE' }); a.viewItem({ category: 'knitwear' }); } },
];
