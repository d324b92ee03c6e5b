// Reads an element's data-seg-* attributes as event fields: data-seg-item-id="sku1" is item_id,
// known numeric fields become numbers, tags is a comma-separated list.

const CONTROL = new Set(['track', 'on', 'slot', 'trigger', 'offer', 'offer-shown', 'offer-id', 'field', 'dismiss', 'why', 'convert']);
const NUMERIC = new Set(['price', 'quantity', 'value', 'score', 'percent', 'seconds', 'discount', 'rating']);
const LISTS = new Set(['tags']);

/** @param {Element} element */
export function elementFields(element) {
  const fields = {};
  for (const attribute of element.attributes) {
    if (!attribute.name.startsWith('data-seg-')) continue;
    const name = attribute.name.slice(9);
    if (CONTROL.has(name)) continue;
    const key = name.replace(/-/g, '_');
    const text = attribute.value.trim();
    if (NUMERIC.has(key)) {
      const number = Number(text);
      if (text !== '' && Number.isFinite(number)) fields[key] = number;
    } else if (LISTS.has(key)) {
      fields[key] = text.split(',').map((t) => t.trim()).filter(Boolean);
    } else {
      fields[key] = text;
    }
  }
  return fields;
}
