// The comparison of a condition: one operator and its value(s), shaped by the kind of condition
// (numbers for counts and sums, durations for "since", words or lists for traits and context).
import { h, select } from './dom.js';
import { join } from './pointer.js';
import { COMPARISONS, COMPARISON_KEYS, NUMERIC_COMPARISONS, comparisonOf } from './vocabulary.js';
import { parseNumber, parseDuration, parseLoose, parseList, showValue } from './form-values.js';

const NUMERIC_KINDS = new Set(['count', 'distinct', 'sum', 'avg', 'share', 'trend']);

function allowedComparisons(kind) {
  if (NUMERIC_KINDS.has(kind)) return NUMERIC_COMPARISONS;
  if (kind === 'since') return ['gte', 'gt', 'lte', 'lt', 'between'];
  return COMPARISON_KEYS;
}

function parserFor(kind) {
  if (NUMERIC_KINDS.has(kind)) return parseNumber;
  if (kind === 'since') return parseDuration;
  return parseLoose;
}

function defaultValue(kind, op) {
  if (op === 'between') return kind === 'since' ? ['1d', '7d'] : [1, 3];
  if (op === 'in') return [];
  if (op === 'exists') return true;
  if (kind === 'since') return '7d';
  if (kind === 'share') return 0.5;
  if (NUMERIC_KINDS.has(kind)) return 1;
  return '';
}

export function comparisonEditor(rule, pointer, kind, ctx) {
  const current = comparisonOf(rule) || (kind === 'count' ? null : 'gte');
  const options = COMPARISONS.filter(([key]) => allowedComparisons(kind).includes(key));
  const opSelect = select(
    kind === 'count' ? [['', 'at least once'], ...options] : options,
    current || '',
    { 'aria-label': 'comparison', 'data-path': pointer, 'data-role': 'comparison' });

  opSelect.addEventListener('change', () => {
    const old = comparisonOf(rule);
    const oldValue = old ? rule[old] : undefined;
    for (const key of COMPARISON_KEYS) delete rule[key];
    const op = opSelect.value;
    if (op) {
      const keep = oldValue !== undefined && !Array.isArray(oldValue) && typeof oldValue !== 'boolean'
        && !['between', 'in', 'exists'].includes(op);
      rule[op] = keep ? oldValue : defaultValue(kind, op);
    }
    ctx.commit(true);
  });

  const parse = parserFor(kind);
  const op = comparisonOf(rule);
  const valueControls = [];
  if (op === 'between') {
    const pair = Array.isArray(rule.between) ? rule.between : [undefined, undefined];
    [0, 1].forEach((i) => {
      const input = h('input', { value: showValue(pair[i]), size: 8, 'aria-label': i === 0 ? 'from (lowest)' : 'to (highest)',
        'data-path': join(pointer, 'between', i), 'data-role': `between-${i}` });
      input.addEventListener('input', () => {
        const next = Array.isArray(rule.between) ? rule.between.slice() : [undefined, undefined];
        next[i] = parse(input.value);
        rule.between = next;
        ctx.commit(false);
      });
      if (i === 1) valueControls.push(h('span', { class: 'and' }, 'and'));
      valueControls.push(input);
    });
  } else if (op === 'in') {
    const input = h('input', { value: showValue(rule.in), size: 20, placeholder: 'gold, platinum',
      'aria-label': 'values, separated by commas', 'data-path': join(pointer, 'in'), 'data-role': 'value' });
    input.addEventListener('input', () => { rule.in = parseList(input.value); ctx.commit(false); });
    valueControls.push(input);
  } else if (op === 'exists') {
    const input = select([['true', 'is set'], ['false', 'is not set']], String(rule.exists),
      { 'aria-label': 'set or not set', 'data-path': join(pointer, 'exists'), 'data-role': 'value' });
    input.addEventListener('change', () => { rule.exists = input.value === 'true'; ctx.commit(false); });
    valueControls.push(input);
  } else if (op) {
    const input = h('input', { value: showValue(rule[op]), size: 6, 'aria-label': 'value',
      list: kind === 'since' ? 'durations-list' : null,
      'data-path': join(pointer, op), 'data-role': 'value' });
    input.addEventListener('input', () => { rule[op] = parse(input.value); ctx.commit(false); });
    valueControls.push(input);
  }
  const unit = kind === 'share' ? '(0 to 1)' : kind === 'trend' ? '(-0.5 = halved)' : '';
  return h('span', { class: 'comparison' }, opSelect, valueControls, unit ? h('span', { class: 'hint' }, unit) : null);
}
