// The journeys every figure uses, mirroring src/bench/bench_main.cpp so that the WASM and native
// figures measure the same work: a 64-event storefront mix (mostly product views, some lists,
// carts and searches), a track loop 20 s apart, and a decision visitor with 3,000 events 15
// minutes apart (about a month), trait customer_orders = 2, context Europe/Berlin.

export const START_MS = 1795428000000;  // Monday 2026-11-23 10:00 UTC, as the native bench

export function sampleEvents() {
  const categories = ['shoes', 'socks', 'shirts', 'bags'];
  const events = [];
  for (let i = 0; i < 64; i++) {
    let type;
    const fields = {};
    switch (i % 8) {
      case 0: type = 'page_view'; fields.page_type = i % 16 === 0 ? 'home' : 'category'; break;
      case 5: type = 'add_to_cart'; break;
      case 6: type = 'search'; fields.search_term = 'red shoes'; break;
      default: type = 'view_item';
    }
    if (type === 'view_item' || type === 'add_to_cart') {
      fields.item_id = 'sku' + (i % 40);
      fields.item_category = categories[i % 4];
      const tags = [];
      if (i % 3 === 0) tags.push('new');
      if (i % 5 === 0) tags.push('sale');
      if (tags.length) fields.tags = tags;
      fields.price = 10 + i;
    }
    events.push({ type, fields });
  }
  return events;
}

export const DECISION_TRAITS = { customer_orders: 2 };
export const DECISION_CONTEXT = { timezone: 'Europe/Berlin', tz_offset: 60 };

/** The decision visitor's history as (type, fields, at) steps, ending at the returned time. */
export function decisionHistory(start = START_MS) {
  const events = sampleEvents();
  const steps = [];
  let now = start;
  for (let i = 0; i < 3000; i++) {
    now += 900000;
    steps.push({ ...events[i % events.length], at: now });
  }
  return { steps, end: now };
}

/** Feeds a history into an engine of the JS API whose clock reads `clock.t`. */
export function feed(engine, clock, steps) {
  for (const step of steps) {
    clock.t = step.at;
    engine.track(step.type, step.fields);
  }
}
