// Packs an event's fields into the one string the WASM `track` call takes (docs/BINDINGS.md):
// records separated by RS, key and value by US, '#' marks a numeric key, a key repeats for lists.
// This is the hot path: no JSON, one string built by concatenation.

const RS = '\x1e';
const US = '\x1f';
const HAS_SEPARATOR = /[\x1e\x1f]/;
const SEPARATORS = /[\x1e\x1f]/g;

// Text that would break the framing loses its separator characters; nothing else changes.
function clean(text) {
  return HAS_SEPARATOR.test(text) ? text.replace(SEPARATORS, '') : text;
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
      return Number.isFinite(value) ? '#' + key + US + value : '';
    case 'string':
      return key + US + clean(value);
    case 'boolean':
      return key + US + value;
    default:
      return Array.isArray(value) ? packList(key, value) : '';
  }
}

// A list repeats its key. A list of objects (GA4 `items`) contributes each object's string
// fields under their own names, so every item's item_category counts for the event; an item with
// an item_id gives it first and its `price` and `quantity` (0 and 1 when missing) as numbers, so
// the engine pairs each item with its own numbers and fields (its cart, docs/RULES.md "The cart").
function packList(key, list) {
  let out = '';
  for (const entry of list) {
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      const hasId = typeof entry.item_id === 'string';
      if (hasId) out = join(out, 'item_id' + US + clean(entry.item_id));
      for (const itemKey in entry) {
        const itemValue = entry[itemKey];
        const cleanItemKey = cleanKey(itemKey);
        if (typeof itemValue === 'string' && cleanItemKey !== '' && !(hasId && itemKey === 'item_id')) out = join(out, cleanItemKey + US + clean(itemValue));
      }
      if (hasId) {
        out = join(out, '#price' + US + (Number.isFinite(entry.price) ? entry.price : 0));
        out = join(out, '#quantity' + US + (Number.isFinite(entry.quantity) ? entry.quantity : 1));
      }
    } else if (typeof entry === 'string' || typeof entry === 'number') {
      out = join(out, key + US + clean(String(entry)));
    }
  }
  return out;
}

function join(packed, records) {
  return records === '' ? packed : packed === '' ? records : packed + RS + records;
}

/** @param {Record<string, unknown> | null | undefined} fields */
export function packFields(fields) {
  if (fields === null || typeof fields !== 'object') return '';
  let out = '';
  for (const rawKey in fields) {
    const key = cleanKey(rawKey);
    if (key !== '') out = join(out, packValue(key, fields[rawKey]));
  }
  return out;
}

export { RS, US };
