// Turning what a person types into the JSON value the rule language expects, and back.

/** "3" -> 3, "true" -> true, "gold" -> "gold". Used where a value may be a number or a word. */
export function parseLoose(text) {
  const trimmed = String(text).trim();
  if (trimmed === '') return '';
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return text;
}

/** For counts, sums and shares: a number when it reads as one, else the text as typed (the
 * engine then reports a type_mismatch at this very field, which is what the person should see). */
export function parseNumber(text) {
  const trimmed = String(text).trim();
  if (trimmed !== '' && !Number.isNaN(Number(trimmed))) return Number(trimmed);
  return text;
}

/** Durations ("90d") stay strings; a bare number is milliseconds, as in the language. */
export function parseDuration(text) {
  const trimmed = String(text).trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}

/** "gold, platinum" -> ["gold", "platinum"] (each item parsed loosely). */
export function parseList(text) {
  return String(text).split(',').map((s) => s.trim()).filter((s) => s !== '').map(parseLoose);
}

export function showValue(value) {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(showValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
