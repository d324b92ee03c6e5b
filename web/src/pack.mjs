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

function packValue(key, value, out) {
  switch (typeof value) {
    case 'number':
      if (Number.isFinite(value)) out.push('#' + key + US + value);
      return;
    case 'string':
      out.push(key + US + clean(value));
      return;
    case 'boolean':
      out.push(key + US + value);
      return;
    default:
      if (Array.isArray(value)) packList(key, value, out);
  }
}

// A list repeats its key. A list of objects (GA4 `items`) contributes each object's string
// fields under their own names, so every item's item_category counts for the event.
function packList(key, list, out) {
  for (const entry of list) {
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      for (const itemKey in entry) {
        const itemValue = entry[itemKey];
        const cleanItemKey = cleanKey(itemKey);
        if (typeof itemValue === 'string' && cleanItemKey !== '') out.push(cleanItemKey + US + clean(itemValue));
      }
    } else if (typeof entry === 'string' || typeof entry === 'number') {
      out.push(key + US + clean(String(entry)));
    }
  }
}

/** @param {Record<string, unknown> | null | undefined} fields */
export function packFields(fields) {
  if (fields === null || typeof fields !== 'object') return '';
  const out = [];
  for (const rawKey in fields) {
    const key = cleanKey(rawKey);
    if (key !== '') packValue(key, fields[rawKey], out);
  }
  return out.join(RS);
}

export { RS, US };
