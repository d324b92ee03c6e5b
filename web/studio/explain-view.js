// The explanation tree of one segment (engine.explain, docs/BINDINGS.md), or of an offer's own
// rule (engine.explainOffer): every node's sentence,
// its value and whether it held, the signals of a scored segment, and the nearest unmet
// condition. Each node links to its place in the editor through its JSON Pointer.
import { h } from './dom.js';

function mark(held) {
  return h('span', { class: `mark ${held ? 'pass' : 'fail'}`, 'aria-label': held ? 'holds' : 'does not hold' }, held ? '✓' : '✗');
}

function duration(ms) {
  const minutes = Math.round(ms / 60000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** The node's value in the unit of its condition (the engine gives milliseconds for "since"). */
function valueText(node) {
  if (node.value === null || node.value === undefined) return '';
  if (['all', 'any', 'not', 'segment'].includes(node.kind)) return '';
  if (node.kind === 'since') return `value: ${duration(node.value)}`;
  if (node.kind === 'share' || node.kind === 'trend') return `value: ${Math.round(node.value * 1000) / 10}%`;
  if (node.kind === 'sequence') return `value: ${node.value} step${node.value === 1 ? '' : 's'} done`;
  return `value: ${Math.round(node.value * 100) / 100}`;
}

function nodeView(node, onJump) {
  if (!node || typeof node !== 'object') return null;
  const children = Array.isArray(node.children) ? node.children : [];
  return h('li', { class: `explain-node ${node.held ? 'pass' : 'fail'}`, 'data-path': node.path || '' },
    mark(node.held), ' ',
    h('span', { class: 'explain-text' }, node.text || node.kind), ' ',
    valueText(node) ? h('span', { class: 'explain-value' }, `(${valueText(node)})`) : null, ' ',
    node.path ? h('button', { type: 'button', class: 'link small', title: `edit ${node.path}`, 'aria-label': `edit this condition (${node.path})`, onclick: () => onJump(node.path) }, 'edit') : null,
    children.length ? h('ul', {}, children.map((c) => nodeView(c, onJump))) : null);
}

// An offer's own rule (engine.explainOffer): whether it holds, and its tree.
function offerView(e, onJump, names) {
  return h('div', { class: 'explanation', 'data-testid': 'explanation' },
    h('div', { class: 'explain-head' },
      h('h3', {}, mark(e.held), ` Offer “${names ? names.offer(e.offer) : e.offer}” in slot ${e.slot}`),
      h('p', {}, e.tree === null
        ? 'It has no rule of its own.'
        : e.held ? 'Its own rule holds: it can show in its slot (caps, schedule and holdout allowing).' : 'Its own rule does not hold: it does not show.')),
    e.tree === null ? null : h('ul', { class: 'explain-tree' }, nodeView(e.tree, onJump)));
}

export function explainView(explanation, onJump, names = null) {
  if (!explanation) return h('p', { class: 'hint' }, 'Pick a segment to see why it holds or not.');
  if (typeof explanation.offer === 'string') return offerView(explanation, onJump, names);
  const e = explanation;
  const head = h('div', { class: 'explain-head' },
    h('h3', {}, mark(e.member), ' ', e.name || e.segment),
    e.description ? h('p', { class: 'hint' }, e.description) : null,
    h('p', {}, e.scored
      ? `Score ${e.score} — enters at ${e.enter}${e.exit !== undefined && e.exit !== e.enter ? `, stays in while ${e.exit} or more` : ''}. ${e.member ? 'The visitor is in this segment.' : 'The visitor is not in this segment.'}`
      : e.member ? 'The rule holds: the visitor is in this segment.' : 'The rule does not hold: the visitor is not in this segment.'),
    e.nearest ? h('p', { class: 'nearest', 'data-testid': 'nearest' }, h('strong', {}, 'Nearest unmet condition: '), e.nearest) : null);
  let body;
  if (e.scored && Array.isArray(e.signals)) {
    body = h('ol', { class: 'explain-signals' }, e.signals.map((s) => h('li', { class: s.held ? 'pass' : 'fail' },
      mark(s.held), ' ', h('strong', {}, `+${s.weight}`), ' ', s.label || '(signal)',
      h('ul', { class: 'explain-tree' }, nodeView(s.tree, onJump)))));
  } else {
    body = h('ul', { class: 'explain-tree' }, nodeView(e.tree, onJump));
  }
  return h('div', { class: 'explanation', 'data-testid': 'explanation' }, head, body);
}
