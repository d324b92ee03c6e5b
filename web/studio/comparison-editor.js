// The comparison of a condition: one operator and its value(s), shaped by what the condition
// compares (numbers for counts and sums, durations for "since", words or lists for traits and
// context). Which comparisons fit which kind is the language descriptor's to say.
import { h, select } from './dom.js';
import { join } from './pointer.js';
import { language, kindInfo, comparisonOf } from './language.js';
import { parseNumber, parseDuration, parseLoose, parseList, showValue } from './form-values.js';

function parserFor(operand) {
  if (operand === 'number') return parseNumber;
  if (operand === 'duration') return parseDuration;
  return parseLoose;
}

function defaultValue(kind, operand, op) {
  if (op === 'between') return operand === 'duration' ? ['1d', '7d'] : [1, 3];
  if (op === 'in') return [];
  if (op === 'exists') return true;
  if (operand === 'duration') return '7d';
  if (kind === 'share') return 0.5;
  if (operand === 'number') return 1;
  return '';
}

export function comparisonEditor(rule, pointer, kind, ctx) {
  const info = kindInfo(kind);
  const comparisons = language().comparisons;
  const current = comparisonOf(rule) || (info.comparison_optional ? null : 'gte');
  const options = comparisons.filter((c) => info.comparisons.includes(c.key)).map((c) => [c.key, c.label]);
  const opSelect = select(
    // A count without a comparison means "at least once".
    info.comparison_optional ? [['', 'at least once'], ...options] : options,
    current || '',
    { 'aria-label': 'comparison', 'data-path': pointer, 'data-role': 'comparison' });

  opSelect.addEventListener('change', () => {
    const old = comparisonOf(rule);
    const oldValue = old ? rule[old] : undefined;
    for (const { key } of comparisons) delete rule[key];
    const op = opSelect.value;
    if (op) {
      const keep = oldValue !== undefined && !Array.isArray(oldValue) && typeof oldValue !== 'boolean'
        && !['between', 'in', 'exists'].includes(op);
      rule[op] = keep ? oldValue : defaultValue(kind, info.operand, op);
    }
    ctx.commit(true);
  });

  const parse = parserFor(info.operand);
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
      list: info.operand === 'duration' ? 'durations-list' : null,
      'data-path': join(pointer, op), 'data-role': 'value' });
    input.addEventListener('input', () => { rule[op] = parse(input.value); ctx.commit(false); });
    valueControls.push(input);
  }
  const unit = kind === 'share' ? '(0 to 1)' : kind === 'trend' ? '(-0.5 = halved)' : '';
  return h('span', { class: 'comparison' }, opSelect, valueControls, unit ? h('span', { class: 'hint' }, unit) : null);
}
