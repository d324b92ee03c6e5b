// Packs an event's fields into the one string the WASM `track` call takes (docs/BINDINGS.md):
// records separated by RS, key and value by US, '#' marks a numeric key, a key repeats for lists.
// This is the hot path: no JSON, one string built by concatenation.

const RS = '\x1e';
const US = '\x1f';
const HAS_SEPARATOR = /[\x1e\x1f]/;
const SEPARATORS = /[\x1e\x1f]/g;

// The engine keeps an event's first 64 fields (kMaxEventFields) and each text's first 256 bytes
// (kMaxStringBytes); a UTF-16 unit is at least one UTF-8 byte, so text cut to 256 units loses
// nothing the engine keeps, and the packed string stays small whatever the page passes. Objects
// are read once, field by field: a getter that throws loses its field, not the event. (Keys that
// pack to nothing are still walked: that costs the page's own time, not memory.)
const MAX_RECORDS = 64;
const MAX_TEXT = 256;

let records = 0;  // records packed so far for the event being packed
/** Whether the last packFields() left a field out because reading it threw. */
export let unreadable = false;

// Text that would break the framing loses its separator characters; nothing else changes.
function clean(text) {
  const cut = text.slice(0, MAX_TEXT);
  return HAS_SEPARATOR.test(cut) ? cut.replace(SEPARATORS, '') : cut;
}

// A leading '#' would turn a string field into a numeric one.
function cleanKey(key) {
  const text = clean(key);
  return text.charCodeAt(0) === 35 ? text.replace(/^#+/, '') : text;
}

// Each helper returns the packed records of one field ('' for none), joined by RS.
function packValue(key, value) {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? (records++, '#' + key + US + value) : '';
    case 'string':
      return records++, key + US + clean(value);
    case 'boolean':
      return records++, key + US + value;
    default:
      return Array.isArray(value) ? packList(key, value) : '';
  }
}

// A list repeats its key. A list of objects (GA4 `items`) contributes each object's string
// fields under their own names, so every item's item_category counts for the event; an item with
// an item_id gives it first and its `price` and `quantity` (0 and 1 when missing) as numbers, so
// the engine pairs each item with its own numbers and fields (its cart, docs/RULES.md "The cart").
// Read by index (a list's own iterator could run forever), no further than the records left.
function packList(key, list) {
  let out = '';
  const length = Math.min(read(list, 'length') >>> 0, MAX_RECORDS);
  for (let i = 0; i < length && records < MAX_RECORDS; i++) {
    const entry = read(list, i);
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      const id = read(entry, 'item_id');
      const hasId = typeof id === 'string' && records + 3 <= MAX_RECORDS;
      if (hasId) out = join(out, (records++, 'item_id' + US + clean(id)));
      for (const itemKey in entry) {
        if (records >= MAX_RECORDS - (hasId ? 2 : 0)) break;
        if (hasId && itemKey === 'item_id') continue;
        const itemValue = read(entry, itemKey);
        const cleanItemKey = cleanKey(itemKey);
        if (typeof itemValue === 'string' && cleanItemKey !== '') out = join(out, (records++, cleanItemKey + US + clean(itemValue)));
      }
      if (hasId) {
        const price = read(entry, 'price'), quantity = read(entry, 'quantity');
        out = join(out, (records++, '#price' + US + (Number.isFinite(price) ? price : 0)));
        out = join(out, (records++, '#quantity' + US + (Number.isFinite(quantity) ? quantity : 1)));
      }
    } else if (typeof entry === 'string' || typeof entry === 'number') {
      out = join(out, (records++, key + US + clean(String(entry))));
    }
  }
  return out;
}

// One read of a field; a getter that throws gives undefined (the field is left out).
function read(object, key) {
  try {
    return object[key];
  } catch {
    unreadable = true;
    return undefined;
  }
}

function join(packed, records) {
  return records === '' ? packed : packed === '' ? records : packed + RS + records;
}

/**
 * The packed fields, or null when the object cannot even be looked through (a Proxy that throws);
 * `unreadable` then tells whether some field was left out because reading it threw.
 * @param {Record<string, unknown> | null | undefined} fields
 */
export function packFields(fields) {
  records = 0;
  unreadable = false;
  if (fields === null || typeof fields !== 'object') return '';
  let out = '';
  try {
    for (const rawKey in fields) {
      if (records >= MAX_RECORDS) break;
      const key = cleanKey(rawKey);
      if (key !== '') out = join(out, packValue(key, read(fields, rawKey)));
    }
  } catch {
    unreadable = true;
    return null;
  }
  return out;
}

export { RS, US, MAX_RECORDS, MAX_TEXT };
