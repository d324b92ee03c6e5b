// What changed between two configurations, by names: segments and offers matched by id, each
// added, removed or changed with the fields that changed (one level into content, caps, suppress
// and schedule; a rule or a score counts as one field, which the view shows in words). No DOM:
// tested in Node (tests/js/studio-versions.test.mjs).
import { segmentName, offerName } from './references.js';

const NESTED = new Set(['content', 'caps', 'suppress', 'schedule']);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** [{ field, before, after }] for two items (undefined: the field is absent on that side). */
export function fieldChanges(before, after) {
  const changes = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const key of keys) {
    if (key === 'id' || same(before[key], after[key])) continue;
    if (NESTED.has(key) && (isObject(before[key]) || isObject(after[key]))) {
      const b = isObject(before[key]) ? before[key] : {};
      const a = isObject(after[key]) ? after[key] : {};
      for (const sub of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
        if (!same(b[sub], a[sub])) changes.push({ field: `${key}.${sub}`, before: b[sub], after: a[sub] });
      }
    } else {
      changes.push({ field: key, before: before[key], after: after[key] });
    }
  }
  return changes;
}

function diffItems(before, after, nameOf) {
  const list = (v) => (Array.isArray(v) ? v.filter((x) => isObject(x) && typeof x.id === 'string') : []);
  const old = new Map(list(before).map((x) => [x.id, x]));
  const now = new Map(list(after).map((x) => [x.id, x]));
  const added = [...now.values()].filter((x) => !old.has(x.id)).map((x) => ({ id: x.id, name: nameOf(x) }));
  const removed = [...old.values()].filter((x) => !now.has(x.id)).map((x) => ({ id: x.id, name: nameOf(x) }));
  const changed = [];
  for (const [id, item] of now) {
    if (!old.has(id)) continue;
    const fields = fieldChanges(old.get(id), item);
    if (fields.length) changed.push({ id, name: nameOf(item), before: old.get(id), after: item, fields });
  }
  return { added, removed, changed };
}

/**
 * before, after: configurations. Returns { segments, offers: { added, removed, changed },
 * settings: [{ field, before, after }], count } where count is the number of changes.
 */
export function diffConfigs(before, after) {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const segments = diffItems(b.segments, a.segments, segmentName);
  const offers = diffItems(b.offers, a.offers, offerName);
  const settings = fieldChanges(isObject(b.settings) ? b.settings : {}, isObject(a.settings) ? a.settings : {});
  const others = fieldChanges({ ...b, segments: 0, offers: 0, settings: 0 }, { ...a, segments: 0, offers: 0, settings: 0 });
  const count = [segments, offers].reduce((n, d) => n + d.added.length + d.removed.length + d.changed.length, 0) + settings.length + others.length;
  return { segments, offers, settings: [...settings, ...others], count };
}

/** A field's value as short text for the diff ("(none)" when absent). */
export function valueWords(value) {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
