// The "where" filter of an event condition: one row per field, each with a matcher
// (is / one of / at least / ... / is set), as in docs/RULES.md "Filters".
import { h, select } from './dom.js';
import { join, set } from './pointer.js';
import { parseLoose, parseList, showValue } from './form-values.js';
import { eventFields } from './language.js';

// A filter value is a word or number ("is"), a list ("is one of") or an object with one comparison.
const MATCHERS = [
  ['is', 'is'],
  ['oneOf', 'is one of'],
  ['gte', 'at least'],
  ['lte', 'at most'],
  ['gt', 'more than'],
  ['lt', 'less than'],
  ['ne', 'is not'],
  ['contains', 'contains'],
  ['startsWith', 'starts with'],
  ['exists', 'is set'],
];

function matcherOf(value) {
  if (Array.isArray(value)) return 'oneOf';
  if (value && typeof value === 'object') return Object.keys(value)[0] || 'is';
  return 'is';
}

function buildMatcher(kind, text) {
  if (kind === 'is') return parseLoose(text);
  if (kind === 'oneOf') return parseList(text);
  if (kind === 'exists') return { exists: text !== 'false' };
  return { [kind]: parseLoose(text) };
}

function matcherText(value) {
  if (Array.isArray(value)) return showValue(value);
  if (value && typeof value === 'object') return showValue(Object.values(value)[0]);
  return showValue(value);
}

/**
 * rule: the condition holding `where` (mutated in place); pointer: the condition's pointer;
 * eventType: picks the field suggestions; ctx.commit(rerender) publishes the edit.
 */
export function whereEditor(rule, pointer, eventType, ctx) {
  const where = rule.where && typeof rule.where === 'object' ? rule.where : {};
  const wherePointer = join(pointer, 'where');
  // Datalists are made once per page by datalists.js.
  const known = eventFields(eventType);
  const listId = known && known.length ? `fields-${eventType}` : 'fields-any';
  const suggestions = known && known.length ? known : ['item_category', 'tags', 'price'];

  const rows = Object.entries(where).map(([key, value]) => {
    const rowPointer = join(wherePointer, key);
    const keyInput = h('input', { value: key, list: listId, size: 12, 'data-path': rowPointer, 'data-role': 'where-key', 'aria-label': 'filter field' });
    const kind = matcherOf(value);
    const matcherSelect = select(MATCHERS, kind, { 'aria-label': `how ${key} must match`, 'data-path': rowPointer, 'data-role': 'where-matcher' });
    const valueInput = kind === 'exists'
      ? select([['true', 'yes'], ['false', 'no']], String(value.exists), { 'aria-label': `${key} is set`, 'data-path': rowPointer, 'data-role': 'where-value' })
      : h('input', { value: matcherText(value), size: 14, 'aria-label': `value of ${key}`, 'data-path': rowPointer, 'data-role': 'where-value', placeholder: kind === 'oneOf' ? 'a, b, c' : '' });

    keyInput.addEventListener('change', () => {
      const newKey = keyInput.value.trim();
      if (!newKey || newKey === key) return;
      // Rebuild to keep the order of the other fields.
      const next = {};
      for (const [k, v] of Object.entries(where)) next[k === key ? newKey : k] = v;
      rule.where = next;
      ctx.commit(true);
    });
    matcherSelect.addEventListener('change', () => {
      where[key] = buildMatcher(matcherSelect.value, matcherSelect.value === 'exists' ? 'true' : matcherText(where[key]));
      ctx.commit(true);
    });
    const onValue = () => {
      where[key] = buildMatcher(matcherSelect.value, valueInput.value);
      ctx.commit(false);
    };
    valueInput.addEventListener('input', onValue);
    valueInput.addEventListener('change', onValue);
    const remove = h('button', { type: 'button', class: 'icon', 'aria-label': `remove filter on ${key}`, title: 'remove this filter',
      onclick: () => {
        delete where[key];
        if (Object.keys(where).length === 0) delete rule.where;
        ctx.commit(true);
      } }, '✕');
    return h('div', { class: 'where-row', 'data-path': rowPointer }, keyInput, matcherSelect, valueInput, remove);
  });

  const add = h('button', { type: 'button', class: 'small', 'data-path': wherePointer, 'data-role': 'where-add',
    onclick: () => {
      const taken = new Set(Object.keys(where));
      const key = suggestions.find((f) => !taken.has(f)) || `field${taken.size + 1}`;
      set(rule, '/where', { ...where, [key]: key === 'tags' ? 'new' : '' });
      ctx.commit(true);
    } }, '+ filter');

  return h('div', { class: 'where', 'data-path': wherePointer },
    h('span', { class: 'where-label' }, rows.length ? 'only events where' : ''),
    rows,
    add);
}
