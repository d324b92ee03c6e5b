// The form editor for one rule, recursive over all / any / not. Every control carries the JSON
// Pointer of the value it edits (data-path), which is how the engine's issues find their field.
// Edits mutate the draft in place and call ctx.commit(rerender): typing a value re-validates
// without rebuilding the form (so focus stays); changing the shape rebuilds it.
import { h, uid, select } from './dom.js';
import { join, set } from './pointer.js';
import { comparisonEditor } from './comparison-editor.js';
import { whereEditor } from './where-editor.js';
import { language, kindInfo, ruleKind, comparisonOf, describeRule, storeDurationsCanonically } from './language.js';

/** A fresh rule of a kind, keeping the event, filter and window of the previous one when it had them. */
export function ruleOfKind(kind, previous = {}, ctx = {}) {
  const prevKind = ruleKind(previous);
  const prevTarget = typeof previous[prevKind] === 'string' ? previous[prevKind] : '';
  const event = prevTarget.split('.')[0] || 'view_item';
  const keep = {};
  if (previous.where) keep.where = previous.where;
  if (previous.within) keep.within = previous.within;
  switch (kind) {
    case 'all': case 'any':
      if (prevKind === 'all' || prevKind === 'any') return { [kind]: previous[prevKind] };
      return { [kind]: prevKind ? [previous] : [] };
    case 'not': return { not: prevKind ? previous : { count: 'purchase', within: 'lifetime', gte: 1 } };
    case 'count': return { count: event, ...keep, within: keep.within || '7d', gte: 1 };
    case 'distinct': return { distinct: `${event}.item_id`, ...keep, within: keep.within || '30d', gte: 3 };
    case 'sum': return { sum: 'purchase.value', within: keep.within || 'lifetime', gte: 100 };
    case 'avg': return { avg: 'purchase.value', within: keep.within || 'lifetime', gte: 100 };
    case 'share': return { share: event, where: keep.where || { tags: 'new' }, within: keep.within || '30d', gte: 0.5 };
    case 'trend': return { trend: 'purchase.value', within: '90d', lte: -0.5 };
    case 'since': return { since: event === 'view_item' ? 'purchase' : event, gte: '90d' };
    case 'sequence': return { sequence: ['add_to_cart', 'remove_from_cart'], within: 'session' };
    case 'cart': return { cart: 'value', lt: 50 };
    case 'trait': return { trait: 'customer_orders', gte: 1 };
    case 'context': return { context: 'timezone', startsWith: 'Europe/' };
    case 'segment': return { segment: (ctx.segmentIds || [])[0] || 'new_prospect' };
    default: return { count: 'view_item', gte: 1 };
  }
}

function kindSelect(kind, pointer, onChange) {
  const el = h('select', { 'aria-label': 'kind of rule', 'data-path': pointer, 'data-role': 'kind', class: 'kind' });
  const { groups, kinds } = language();
  for (const { key, label } of groups) {
    const group = h('optgroup', { label });
    for (const k of kinds.filter((x) => x.group === key)) group.appendChild(h('option', { value: k.key, selected: k.key === kind }, k.label));
    el.appendChild(group);
  }
  if (!kind) el.insertBefore(h('option', { value: '', selected: true }, '(unrecognised rule: edit it in JSON)'), el.firstChild);
  el.addEventListener('change', () => onChange(el.value));
  return el;
}

function labelled(text, control) {
  if (!control.id) control.id = uid();
  return h('span', { class: 'inline-field' }, h('label', { for: control.id }, text), control);
}

function textInput(rule, key, pointer, ctx, attrs = {}, { parse = (v) => v, dropEmpty = false } = {}) {
  const input = h('input', { value: rule[key] === undefined ? '' : String(rule[key]), 'data-path': join(pointer, key), 'data-role': key, ...attrs });
  input.addEventListener('input', () => {
    const text = input.value.trim();
    if (dropEmpty && text === '') delete rule[key];
    else rule[key] = parse(input.value);
    ctx.commit(false);
  });
  return input;
}

/** "view_item.item_id" as two controls: the event and its field. */
function targetInputs(rule, kind, pointer, ctx, { fieldOptional = false } = {}) {
  const [event, ...rest] = String(rule[kind] || '').split('.');
  const eventInput = h('input', { value: event, list: 'events-list', size: 13, 'data-path': join(pointer, kind), 'data-role': 'event' });
  const fieldInput = h('input', { value: rest.join('.'), list: `fields-${event}`, size: 12, 'data-path': join(pointer, kind), 'data-role': 'target-field',
    placeholder: fieldOptional ? '(count)' : '' });
  const update = () => {
    const f = fieldInput.value.trim();
    rule[kind] = f ? `${eventInput.value.trim()}.${f}` : eventInput.value.trim();
    ctx.commit(false);
  };
  eventInput.addEventListener('input', update);
  fieldInput.addEventListener('input', update);
  return [labelled('event', eventInput), labelled(fieldOptional ? 'of field (optional)' : 'field', fieldInput)];
}

function windowInputs(rule, pointer, ctx, extras, { ago = true } = {}) {
  const within = storeDurationsCanonically(textInput(rule, 'within', pointer, ctx, { list: 'windows-list', size: 7, placeholder: 'lifetime' }, { dropEmpty: true }));
  const parts = [labelled('within', within)];
  if (ago && rule.ago !== undefined) {
    parts.push(labelled('shifted back by', storeDurationsCanonically(textInput(rule, 'ago', pointer, ctx, { list: 'durations-list', size: 7 }, { dropEmpty: true }))));
  } else if (ago) {
    extras.push(h('button', { type: 'button', class: 'small link', 'data-path': join(pointer, 'ago'), 'data-role': 'add-ago',
      title: 'compare with an earlier period, e.g. the 30 days before the last 30 days',
      onclick: () => { rule.ago = rule.within && rule.within !== 'lifetime' && rule.within !== 'session' ? rule.within : '30d'; ctx.commit(true); } },
    '+ earlier period'));
  }
  return parts;
}

function sequenceSteps(rule, pointer, ctx) {
  const steps = Array.isArray(rule.sequence) ? rule.sequence : [];
  const items = steps.map((step, i) => {
    const stepPointer = join(pointer, 'sequence', i);
    const isObject = step && typeof step === 'object';
    const eventName = isObject ? step.event : step;
    const input = h('input', { value: eventName || '', list: 'events-list', size: 16, 'data-path': isObject ? join(stepPointer, 'event') : stepPointer, 'data-role': 'step' });
    input.addEventListener('input', () => {
      if (isObject) step.event = input.value.trim(); else steps[i] = input.value.trim();
      ctx.commit(false);
    });
    const remove = h('button', { type: 'button', class: 'icon', 'aria-label': `remove step ${i + 1}`, onclick: () => { steps.splice(i, 1); ctx.commit(true); } }, '✕');
    return h('li', { 'data-path': stepPointer }, labelled(`step ${i + 1}`, input),
      isObject ? whereEditor(step, stepPointer, step.event, ctx) : null, remove);
  });
  return h('div', {},
    h('ol', { class: 'steps' }, items),
    h('button', { type: 'button', class: 'small', 'data-path': join(pointer, 'sequence'), 'data-role': 'add-step',
      onclick: () => { if (!Array.isArray(rule.sequence)) rule.sequence = []; rule.sequence.push('add_to_cart'); ctx.commit(true); } }, '+ step'));
}

function conditionBody(rule, kind, pointer, ctx) {
  const info = kindInfo(kind);
  const parts = [];
  const extras = [];  // small "+ ..." buttons for optional parts, shown after the filter
  // A cart's lines carry the fields of the items added to it.
  const event = kind === 'cart' ? 'add_to_cart' : String(rule[kind] || '').split('.')[0];
  switch (kind) {
    case 'count': {
      const input = h('input', { value: rule.count || '', list: 'events-list', size: 13, 'data-path': join(pointer, 'count'), 'data-role': 'event' });
      input.addEventListener('input', () => { rule.count = input.value.trim(); ctx.commit(false); });
      parts.push(labelled('event', input));
      // "per": the most events for any single value of a field (the same product viewed 4 times).
      if (rule.per !== undefined) {
        parts.push(labelled('for the same', textInput(rule, 'per', pointer, ctx, { list: `fields-${event}`, size: 9, placeholder: 'item_id' }, { dropEmpty: true })));
      } else {
        extras.push(h('button', { type: 'button', class: 'small link', 'data-path': join(pointer, 'per'), 'data-role': 'add-per',
          title: 'count the events of one single value, e.g. the same product viewed again and again',
          onclick: () => { rule.per = 'item_id'; ctx.commit(true); } }, '+ same item only'));
      }
      break;
    }
    case 'distinct': case 'sum': case 'avg': case 'trend':
      parts.push(...targetInputs(rule, kind, pointer, ctx, { fieldOptional: info.field === 'optional' }));
      break;
    case 'share': case 'since': {
      const input = h('input', { value: rule[kind] || '', list: 'events-list', size: 13, 'data-path': join(pointer, kind), 'data-role': 'event' });
      input.addEventListener('input', () => { rule[kind] = input.value.trim(); ctx.commit(false); });
      parts.push(labelled('event', input));
      break;
    }
    case 'cart': {
      const select = h('select', { 'data-path': join(pointer, 'cart'), 'data-role': 'cart-measure' },
        (language().cart_measures || []).map((m) => h('option', { value: m.key, selected: m.key === rule.cart }, m.label)));
      select.addEventListener('change', () => { rule.cart = select.value; ctx.commit(true); });
      parts.push(labelled('the', select));
      break;
    }
    case 'trait':
      parts.push(labelled('trait', textInput(rule, 'trait', pointer, ctx, { list: 'traits-list', size: 16 })));
      break;
    case 'context':
      parts.push(labelled('context', textInput(rule, 'context', pointer, ctx, { list: 'context-list', size: 14 })));
      break;
    case 'segment':
    {
      // Segments by their names; the id stays in the configuration (an unknown one stays visible).
      const picker = select((ctx.segments || []).map((s) => [s.id, s.name]), rule.segment, { 'data-path': join(pointer, 'segment'), 'data-role': 'segment' });
      picker.addEventListener('change', () => { rule.segment = picker.value; ctx.commit(false); });
      parts.push(labelled('in the segment', picker));
    }
      break;
    default:
      break;
  }
  // One line for what is measured and how it is compared; the filter and the steps below it.
  // Which parts a kind has is the language's to say (its keys and whether it takes a comparison).
  const tail = [];
  if (info.keys.includes('within')) tail.push(...windowInputs(rule, pointer, ctx, extras, { ago: info.keys.includes('ago') }));
  if (info.operand !== 'none') tail.push(comparisonEditor(rule, pointer, kind, ctx));
  const rows = [h('div', { class: 'row condition-line' }, parts, tail)];
  if (info.keys.includes('where')) {
    const where = whereEditor(rule, pointer, event, ctx);
    where.append(...extras);
    rows.push(where);
  } else if (extras.length) {
    rows.push(h('div', { class: 'row' }, extras));
  }
  if (kind === 'sequence') rows.push(sequenceSteps(rule, pointer, ctx));
  return rows;
}

/**
 * rule: the rule object (mutated in place); pointer: its absolute JSON Pointer in the config;
 * ctx: { root, commit(rerender), segmentIds }; options.removable: offer a "remove" button.
 */
export function ruleEditor(rule, pointer, ctx, { removable = false } = {}) {
  const kind = ruleKind(rule);
  const replace = (next) => { set(ctx.root, pointer, next); ctx.commit(true); };

  const head = h('div', { class: 'rule-head' },
    kindSelect(kind, pointer, (newKind) => replace(ruleOfKind(newKind, rule, ctx))),
    h('span', { class: 'reads-as', title: 'this condition in words' }, kind && kindInfo(kind).group !== 'logic' ? describeRule(rule, ctx.root && ctx.root.segments) : ''),
    h('span', { class: 'rule-actions' },
      kind && kind !== 'not' ? h('button', { type: 'button', class: 'small link', title: 'turn this into its opposite', 'data-path': pointer, 'data-role': 'negate',
        onclick: () => replace({ not: rule }) }, 'negate') : null,
      removable ? h('button', { type: 'button', class: 'icon', 'aria-label': 'remove this condition', title: 'remove this condition', 'data-path': pointer, 'data-role': 'remove',
        onclick: () => { set(ctx.root, pointer, undefined); ctx.commit(true); } }, '✕') : null));

  let body = [];
  if (kind === 'all' || kind === 'any') {
    const list = Array.isArray(rule[kind]) ? rule[kind] : [];
    body = [
      h('ol', { class: 'children' }, list.map((child, i) => h('li', {}, ruleEditor(child, join(pointer, kind, i), ctx, { removable: true })))),
      h('div', { class: 'row add-row' },
        h('button', { type: 'button', class: 'small', 'data-path': join(pointer, kind), 'data-role': 'add-condition',
          onclick: () => { if (!Array.isArray(rule[kind])) rule[kind] = []; rule[kind].push({ count: 'view_item', within: '7d', gte: 1 }); ctx.commit(true); } }, '+ condition'),
        h('button', { type: 'button', class: 'small', 'data-path': join(pointer, kind), 'data-role': 'add-group',
          onclick: () => { if (!Array.isArray(rule[kind])) rule[kind] = []; rule[kind].push({ [kind === 'all' ? 'any' : 'all']: [] }); ctx.commit(true); } },
        kind === 'all' ? '+ either/or group' : '+ all-of group'),
        h('button', { type: 'button', class: 'small', 'data-path': join(pointer, kind), 'data-role': 'add-never',
          title: 'a condition that something never happened, e.g. never bought',
          onclick: () => { if (!Array.isArray(rule[kind])) rule[kind] = []; rule[kind].push({ not: { count: 'purchase', within: 'lifetime', gte: 1 } }); ctx.commit(true); } },
        '+ never did …')),
    ];
  } else if (kind === 'not') {
    body = [
      ruleEditor(rule.not && typeof rule.not === 'object' ? rule.not : {}, join(pointer, 'not'), ctx),
      h('button', { type: 'button', class: 'small link', 'data-path': pointer, 'data-role': 'unwrap-not', onclick: () => replace(rule.not) }, 'remove the NOT'),
    ];
  } else if (kind) {
    body = conditionBody(rule, kind, pointer, ctx);
  } else {
    body = [h('p', { class: 'hint' }, 'This rule has no recognised form; pick a kind above or fix it in the JSON editor.')];
  }
  const cls = `rule rule-${kind || 'unknown'}${kind === 'all' || kind === 'any' || kind === 'not' ? ' group' : ''}`;
  return h('div', { class: cls, 'data-path': pointer, role: 'group', 'aria-label': kind ? `${kind} rule` : 'rule' }, head, body);
}

