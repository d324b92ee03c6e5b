// The form for one segment: its names, priority, and either a rule or weighted signals with an
// enter threshold and a lower exit threshold (docs/RULES.md "Segments").
import { h, field } from './dom.js';
import { join } from './pointer.js';
import { ruleEditor } from './rule-editor.js';
import { parseNumber } from './form-values.js';
import { describeSegment } from './language.js';
import { nameAndId } from './id-field.js';

function bound(obj, key, pointer, ctx, attrs = {}, parse = (v) => v, { dropEmpty = false } = {}) {
  const tag = attrs.multiline ? 'textarea' : 'input';
  const { multiline, ...rest } = attrs;
  const input = h(tag, { 'data-path': join(pointer, key), 'data-role': key, ...rest });
  input.value = obj[key] === undefined ? '' : String(obj[key]);
  input.addEventListener('input', () => {
    if (dropEmpty && input.value.trim() === '') delete obj[key];
    else obj[key] = parse(input.value);
    ctx.commit(false);
  });
  return input;
}

function signalsEditor(segment, pointer, ctx) {
  const score = segment.score;
  const scorePointer = join(pointer, 'score');
  const signals = Array.isArray(score.signals) ? score.signals : [];
  const total = signals.reduce((sum, s) => sum + (s && typeof s.weight === 'number' && s.weight > 0 ? s.weight : 0), 0);
  const items = signals.map((signal, i) => {
    const p = join(scorePointer, 'signals', i);
    if (!signal || typeof signal !== 'object' || Array.isArray(signal)) {
      return h('li', { class: 'signal', 'data-path': p }, h('p', { class: 'hint' }, `Signal ${i + 1} is not an object with weight, label and rule: fix it in the JSON editor.`));
    }
    return h('li', { class: 'signal', 'data-path': p },
      h('div', { class: 'row' },
        field('weight', bound(signal, 'weight', p, ctx, { size: 4, inputmode: 'decimal' }, parseNumber)),
        field('label', bound(signal, 'label', p, ctx, { size: 34, placeholder: 'what this signal means' }, (v) => v, { dropEmpty: true })),
        h('button', { type: 'button', class: 'icon', 'aria-label': `remove signal ${i + 1}`, title: 'remove this signal',
          onclick: () => { signals.splice(i, 1); ctx.commit(true); } }, '✕')),
      ruleEditor(signal.rule && typeof signal.rule === 'object' ? signal.rule : {}, join(p, 'rule'), ctx));
  });
  return h('section', { class: 'signals', 'data-path': scorePointer },
    h('h3', {}, 'Weighted signals'),
    h('p', { class: 'hint' }, 'Each signal that holds adds its weight to the score. The visitor enters the segment when the score reaches "enter" and stays in until it falls below "exit".'),
    h('div', { class: 'row' },
      field('enter at score', bound(score, 'enter', scorePointer, ctx, { size: 5, inputmode: 'decimal' }, parseNumber)),
      field('exit below score (optional)', bound(score, 'exit', scorePointer, ctx, { size: 5, inputmode: 'decimal' }, parseNumber, { dropEmpty: true })),
      h('span', { class: 'hint' }, `all signals together: ${total}`)),
    h('ol', { class: 'signal-list' }, items),
    h('button', { type: 'button', class: 'small', 'data-path': join(scorePointer, 'signals'), 'data-role': 'add-signal',
      onclick: () => { if (!Array.isArray(score.signals)) score.signals = signals; signals.push({ weight: 1, label: 'new signal', rule: { count: 'view_item', within: '7d', gte: 1 } }); ctx.commit(true); } }, '+ signal'));
}

export function segmentEditor(segment, pointer, ctx) {
  const isScore = Boolean(segment.score && typeof segment.score === 'object' && !Array.isArray(segment.score));
  const typeSelect = h('select', { 'data-path': pointer, 'data-role': 'segment-type' },
    h('option', { value: 'rule', selected: !isScore }, 'a rule (holds or not)'),
    h('option', { value: 'score', selected: isScore }, 'weighted signals with a threshold'));
  typeSelect.addEventListener('change', () => {
    if (typeSelect.value === 'score' && !segment.score) {
      const signals = segment.rule ? [{ weight: 1, label: 'the old rule', rule: segment.rule }] : [];
      delete segment.rule;
      segment.score = { signals, enter: 1 };
    } else if (typeSelect.value === 'rule' && !segment.rule) {
      const first = segment.score && Array.isArray(segment.score.signals) && segment.score.signals[0];
      delete segment.score;
      segment.rule = first && first.rule ? first.rule : { all: [] };
    }
    ctx.commit(true);
  });

  const title = h('span', { class: 'item-name' }, segment.name || segment.id || '(no name)');
  const { nameField, idBlock } = nameAndId(segment, 'segment', pointer, ctx, {
    getName: () => segment.name,
    setName: (v) => { if (v.trim() === '') delete segment.name; else segment.name = v; },
    namePath: join(pointer, 'name'),
    nameLabel: 'name',
    refresh: () => { title.textContent = segment.name || segment.id || '(no name)'; },
  });
  return h('form', { class: 'editor segment-editor', 'data-path': pointer, onsubmit: (e) => e.preventDefault(), 'aria-label': `segment ${segment.name || segment.id || ''}` },
    h('h2', {}, 'Segment: ', title),
    h('p', { class: 'reads-as-block' }, h('strong', {}, 'In words: '), h('span', {}, describeSegment(segment, ctx.root && ctx.root.segments))),
    h('div', { class: 'row' },
      nameField,
      field('priority', bound(segment, 'priority', pointer, ctx, { size: 4, inputmode: 'numeric' }, parseNumber, { dropEmpty: true }))),
    idBlock,
    field('description', bound(segment, 'description', pointer, ctx, { multiline: true, rows: 2 }, (v) => v, { dropEmpty: true })),
    field('the visitor is in this segment when it matches', typeSelect),
    isScore ? signalsEditor(segment, pointer, ctx)
      : h('section', { class: 'rule-root' }, h('h3', {}, 'Rule'),
        ruleEditor(segment.rule && typeof segment.rule === 'object' ? segment.rule : {}, join(pointer, 'rule'), ctx)));
}
