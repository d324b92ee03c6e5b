// Synthetic rows of a GA4 BigQuery export (the events_YYYYMMDD table as BigQuery extracts it to
// newline-delimited JSON: INT64 as strings, every column written, null where GA4 leaves one empty),
// for the GA4 replay bench and the test fixture. Made-up shoppers, a fixed seed: reproducible.
// The columns follow the documented export schema (event_*, event_params, user_*, privacy_info,
// device, geo, app_info, traffic_source, stream_id, platform, ecommerce, items, ...).

const CATEGORIES = ['Shoes', 'Jackets', 'Dresses', 'Bags', 'Knitwear'];
const BRANDS = ['Fernhill', 'Northway', 'Alder & Co'];
const BROWSERS = [['Chrome', '120.0.6099.109'], ['Safari', '17.1'], ['Firefox', '121.0']];
const CITIES = [['Germany', 'Berlin', 'Berlin'], ['Germany', 'Bavaria', 'Munich'], ['Austria', 'Vienna', 'Vienna']];

function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 4294967296;
  };
}

const param = (key, value) => {
  const v = { string_value: null, int_value: null, float_value: null, double_value: null };
  if (typeof value === 'string') v.string_value = value;
  else if (Number.isInteger(value)) v.int_value = String(value);
  else v.double_value = value;
  return { key, value: v };
};

function item(rand, index) {
  const category = CATEGORIES[Math.floor(rand() * CATEGORIES.length)];
  const price = Math.round((15 + rand() * 185) * 100) / 100;
  return {
    item_id: `SKU-${1000 + Math.floor(rand() * 9000)}`, item_name: `${category} no. ${index}`,
    item_brand: BRANDS[Math.floor(rand() * BRANDS.length)], item_variant: null,
    item_category: category, item_category2: null, item_category3: null, item_category4: null, item_category5: null,
    price_in_usd: Math.round(price * 108) / 100, price, quantity: '1',
    item_revenue_in_usd: null, item_revenue: null, item_refund_in_usd: null, item_refund: null,
    coupon: null, affiliation: 'Fernhill web', location_id: null, item_list_id: null, item_list_name: null,
    item_list_index: null, promotion_id: null, promotion_name: null, creative_name: null, creative_slot: null,
    item_params: [],
  };
}

/**
 * Calls onRow(text) for every row of `visitors` made-up visitors' journeys (grouped by visitor,
 * in time order within one), starting at `start` (ms). Returns the number of rows.
 */
export function ga4ExportRows({ visitors, seed = 7, start = Date.UTC(2024, 4, 1, 8), onRow }) {
  const rand = random(seed);
  let rows = 0;
  for (let v = 0; v < visitors; v += 1) {
    const pseudo = `${1000000000 + Math.floor(rand() * 8999999999)}.${1700000000 + v}`;
    const [browser, version] = BROWSERS[Math.floor(rand() * BROWSERS.length)];
    const [country, region, city] = CITIES[Math.floor(rand() * CITIES.length)];
    let t = start + Math.floor(rand() * 30 * 86400000);
    const firstTouch = t * 1000;
    const sessions = 1 + Math.floor(rand() * 3);
    for (let s = 0; s < sessions; s += 1) {
      const sessionId = Math.floor(t / 1000);
      const row = (name, params, extra = {}) => {
        t += 5000 + Math.floor(rand() * 60000);
        const micros = t * 1000 + Math.floor(rand() * 1000);
        const date = new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
        const text = JSON.stringify({
          event_date: date, event_timestamp: String(micros), event_name: name,
          event_params: [param('ga_session_id', sessionId), param('ga_session_number', s + 1),
            param('page_location', `https://shop.example/${name === 'view_item' ? 'p/' + sessionId : ''}`),
            param('page_title', 'Fernhill \u2013 shop'), param('engagement_time_msec', 100 + Math.floor(rand() * 9000)),
            ...params],
          event_previous_timestamp: null, event_value_in_usd: extra.value ?? null, event_bundle_sequence_id: String(rows + 1),
          event_server_timestamp_offset: null, user_id: null, user_pseudo_id: pseudo,
          privacy_info: { analytics_storage: 'Yes', ads_storage: 'No', uses_transient_token: 'No' },
          user_properties: [], user_first_touch_timestamp: String(firstTouch),
          user_ltv: { revenue: 0, currency: 'EUR' },
          device: { category: 'desktop', mobile_brand_name: null, mobile_model_name: null, mobile_marketing_name: null,
            mobile_os_hardware_model: null, operating_system: 'Windows', operating_system_version: 'Windows 10',
            vendor_id: null, advertising_id: null, language: 'de-de', is_limited_ad_tracking: 'No',
            time_zone_offset_seconds: null, browser: null, browser_version: null,
            web_info: { browser, browser_version: version, hostname: 'shop.example' } },
          geo: { city, country, continent: 'Europe', region, sub_continent: 'Western Europe', metro: '(not set)' },
          app_info: null,
          traffic_source: { name: '(organic)', medium: 'organic', source: 'google' },
          stream_id: '4178463720', platform: 'WEB',
          event_dimensions: null,
          ecommerce: extra.ecommerce ?? null,
          items: extra.items ?? [],
          collected_traffic_source: null, is_active_user: true,
        });
        onRow(text);
        rows += 1;
      };
      if (s === 0) row('first_visit', []);
      row('session_start', []);
      row('page_view', [param('page_type', 'home')]);
      const views = 1 + Math.floor(rand() * 4);
      const seen = [];
      for (let i = 0; i < views; i += 1) {
        const it = item(rand, i);
        seen.push(it);
        row('view_item', [param('currency', 'EUR'), param('value', it.price)], { items: [it] });
        if (rand() < 0.3) row('scroll', [param('percent_scrolled', 90)]);
      }
      if (rand() < 0.5) {
        const it = seen[0];
        row('add_to_cart', [param('currency', 'EUR'), param('value', it.price)], { items: [it] });
        if (rand() < 0.5) {
          row('begin_checkout', [param('currency', 'EUR'), param('value', it.price)], { items: [it] });
          const value = seen.reduce((sum, x) => sum + x.price, 0);
          row('purchase', [param('currency', 'EUR'), param('transaction_id', `T${rows}`), param('value', value)],
            { value, items: seen, ecommerce: { total_item_quantity: String(seen.length), purchase_revenue_in_usd: value * 1.08,
              purchase_revenue: value, refund_value_in_usd: null, refund_value: null, shipping_value_in_usd: null,
              shipping_value: null, tax_value_in_usd: null, tax_value: null, unique_items: String(seen.length),
              transaction_id: `T${rows}` } });
        }
      }
      row('user_engagement', []);
      t += 2 * 86400000 + Math.floor(rand() * 5 * 86400000);
    }
  }
  return rows;
}
