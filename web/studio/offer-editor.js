// The form for one offer: where it shows (slot), whom it serves (segments and/or a rule), what it
// says, and how often (priority, caps, cooldown, suppression, schedule, holdout), with a live
// preview of the offer in its slot.
import { h, field, uid } from './dom.js';
import { join } from './pointer.js';
import { ruleEditor } from './rule-editor.js';
import { offerPreview } from './offer-preview.js';
import { parseNumber, parseDuration } from './form-values.js';
import { language, storeDurationsCanonically } from './language.js';
import { nameAndId } from './id-field.js';
import { objectOf } from './shape.js';

/** Bind an input to obj[key]; when `group` is given the key lives in offer[group] (removed when empty). */
function bound(offer, group, key, pointer, ctx, attrs = {}, parse = (v) => v) {
  const holder = () => (group ? offer[group] : offer);
  const current = holder() && typeof holder() === 'object' ? holder()[key] : undefined;
  const tag = attrs.multiline ? 'textarea' : 'input';
  const { multiline, ...rest } = attrs;
  const input = h(tag, { 'data-path': group ? join(pointer, group, key) : join(pointer, key), 'data-role': key, ...rest });
  input.value = current === undefined ? '' : String(current);
  input.addEventListener('input', () => {
    const empty = input.value.trim() === '';
    if (group) {
      if (!offer[group] || typeof offer[group] !== 'object') offer[group] = {};
      if (empty) delete offer[group][key]; else offer[group][key] = parse(input.value);
      if (Object.keys(offer[group]).length === 0) delete offer[group];
    } else if (empty) {
      delete offer[key];
    } else {
      offer[key] = parse(input.value);
    }
    ctx.commit(false);
    ctx.refreshPreview();
  });
  return input;
}

function audience(offer, pointer, ctx) {
  const chosen = new Set(Array.isArray(offer.segments) ? offer.segments : []);
  const nameOf = new Map(ctx.segments.map((s) => [s.id, s.name]));
  const boxes = ctx.segmentIds.map((id) => {
    const box = h('input', { type: 'checkbox', id: uid('seg'), checked: chosen.has(id), 'data-path': join(pointer, 'segments'), 'data-role': `segment-${id}` });
    box.addEventListener('change', () => {
      const next = ctx.segmentIds.filter((s) => (s === id ? box.checked : chosen.has(s)));
      // keep references to unknown ids (typed in JSON) so the validator can point at them
      for (const s of chosen) if (!ctx.segmentIds.includes(s) && !next.includes(s)) next.push(s);
      if (next.length) offer.segments = next; else delete offer.segments;
      ctx.commit(true);
    });
    return h('label', { class: 'check', for: box.id, title: `id ${id}` }, box, ' ', nameOf.get(id) || id);
  });
  const unknown = [...chosen].filter((s) => !ctx.segmentIds.includes(s));
  const ruleBox = h('input', { type: 'checkbox', id: uid('rule'), checked: Boolean(offer.rule), 'data-path': join(pointer, 'rule'), 'data-role': 'has-rule' });
  ruleBox.addEventListener('change', () => {
    if (ruleBox.checked) offer.rule = { count: 'view_item', within: 'session', gte: 1 }; else delete offer.rule;
    ctx.commit(true);
  });
  return h('fieldset', { class: 'audience', 'data-path': join(pointer, 'segments') },
    h('legend', {}, 'Whom it serves'),
    h('p', { class: 'hint' }, 'Visitors in any of the ticked segments. Tick none and add no rule to make this the slot’s fallback for everyone.'),
    h('div', { class: 'checks-grid' }, boxes),
    unknown.length ? h('p', { class: 'warn' }, `Also refers to: ${unknown.join(', ')} (not a segment of this config)`) : null,
    h('label', { class: 'check', for: ruleBox.id }, ruleBox, ' and also require a rule'),
    offer.rule ? ruleEditor(offer.rule, join(pointer, 'rule'), ctx) : null);
}

function schedule(offer, pointer, ctx) {
  const p = join(pointer, 'schedule');
  const sched = offer.schedule && typeof offer.schedule === 'object' ? offer.schedule : {};
  const days = new Set(Array.isArray(sched.days) ? sched.days : []);
  const ensure = () => { if (!offer.schedule || typeof offer.schedule !== 'object') offer.schedule = {}; return offer.schedule; };
  const cleanup = () => { if (offer.schedule && Object.keys(offer.schedule).length === 0) delete offer.schedule; };
  const weekdays = language().weekdays.map((d) => d.key);
  const dayBoxes = language().weekdays.map(({ key: day, label }) => {
    const box = h('input', { type: 'checkbox', id: uid('day'), checked: days.has(day), 'data-path': join(p, 'days'), 'data-role': `day-${day}` });
    box.addEventListener('change', () => {
      if (box.checked) days.add(day); else days.delete(day);
      const s = ensure();
      if (days.size) s.days = weekdays.filter((d) => days.has(d)); else delete s.days;
      cleanup();
      ctx.commit(false);
    });
    return h('label', { class: 'check', for: box.id, title: label }, box, ' ', day);
  });
  const hours = Array.isArray(sched.hours) ? sched.hours : [];
  const hourInputs = [0, 1].map((i) => {
    const input = h('input', { type: 'number', min: 0, max: 24, size: 3, value: hours[i] === undefined ? '' : hours[i],
      'data-path': join(p, 'hours', i), 'data-role': `hour-${i}` });
    input.addEventListener('input', () => {
      const s = ensure();
      const next = Array.isArray(s.hours) ? s.hours.slice() : [0, 24];
      next[i] = parseNumber(input.value);
      if (input.value === '' && (s.hours || [])[1 - i] === undefined) delete s.hours; else s.hours = next;
      cleanup();
      ctx.commit(false);
    });
    return input;
  });
  const dateInput = (key) => {
    const input = h('input', { value: sched[key] || '', size: 11, placeholder: 'YYYY-MM-DD', 'data-path': join(p, key), 'data-role': key });
    input.addEventListener('input', () => {
      const s = ensure();
      if (input.value.trim()) s[key] = input.value.trim(); else delete s[key];
      cleanup();
      ctx.commit(false);
    });
    return input;
  };
  return h('fieldset', { 'data-path': p },
    h('legend', {}, 'Schedule (optional)'),
    h('div', { class: 'row' }, h('span', { class: 'hint' }, 'on'), dayBoxes),
    h('div', { class: 'row' },
      field('from hour', hourInputs[0]), field('until hour', hourInputs[1], 'visitor’s local time'),
      field('first day', dateInput('from')), field('last day', dateInput('until'))));
}

/** The owner's switch: a paused offer shows to nobody ("paused": true); enabling removes the key. */
function pausedSwitch(offer, pointer, ctx) {
  const box = h('input', { type: 'checkbox', id: uid('enabled'), checked: offer.paused !== true, 'data-path': join(pointer, 'paused'), 'data-role': 'enabled' });
  box.addEventListener('change', () => {
    if (box.checked) delete offer.paused; else offer.paused = true;
    ctx.commit(true);
  });
  return h('div', { class: `enable-switch ${offer.paused === true ? 'is-paused' : 'is-live'}` },
    h('label', { class: 'check', for: box.id }, box, ' ', h('strong', {}, 'Enabled'), ' — shown to the visitors it serves'),
    h('span', { class: 'hint' }, offer.paused === true
      ? 'Paused: it shows to nobody, in the simulator too, until you enable it. New offers start paused.'
      : 'Untick to pause it for everyone without deleting it.'));
}

export function offerEditor(offer, pointer, ctx) {
  const previewHolder = h('div', { class: 'preview-holder' }, offerPreview(offer, ctx.root));
  const title = h('span', { class: 'item-name' }, objectOf(offer.content).title || offer.id || '(no title)');
  const localCtx = { ...ctx, refreshPreview: () => {
    previewHolder.replaceChildren(offerPreview(offer, ctx.root));
    title.textContent = objectOf(offer.content).title || offer.id || '(no title)';
  } };
  const { nameField, idBlock } = nameAndId(offer, 'offer', pointer, ctx, {
    getName: () => objectOf(offer.content).title,
    setName: (v) => {
      if (!offer.content || typeof offer.content !== 'object') offer.content = {};
      if (v.trim() === '') delete offer.content.title; else offer.content.title = v;
    },
    namePath: join(pointer, 'content', 'title'),
    nameLabel: 'title (the offer’s name)',
    refresh: localCtx.refreshPreview,
  });
  const holdout = bound(offer, null, 'holdout', pointer, localCtx, { size: 5, inputmode: 'decimal', placeholder: '0' }, parseNumber);

  return h('form', { class: 'editor offer-editor', 'data-path': pointer, onsubmit: (e) => e.preventDefault(), 'aria-label': `offer ${objectOf(offer.content).title || offer.id || ''}` },
    h('h2', {}, 'Offer: ', title, offer.paused === true ? h('span', { class: 'badge paused' }, 'paused') : null),
    pausedSwitch(offer, pointer, ctx),
    h('div', { class: 'offer-top' },
      h('div', {},
        h('div', { class: 'row' },
          field('slot', bound(offer, null, 'slot', pointer, localCtx, { size: 14, list: 'slots-list' })),
          field('priority', bound(offer, null, 'priority', pointer, localCtx, { size: 4, inputmode: 'numeric' }, parseNumber), 'higher wins')),
        idBlock,
        h('fieldset', { 'data-path': join(pointer, 'content') },
          h('legend', {}, 'Content (shown as plain text)'),
          nameField,
          field('body', bound(offer, 'content', 'body', pointer, localCtx, { multiline: true, rows: 2 })),
          h('div', { class: 'row' },
            field('button text', bound(offer, 'content', 'cta', pointer, localCtx, { size: 18 })),
            field('link', bound(offer, 'content', 'link', pointer, localCtx, { size: 18 })),
            field('image', bound(offer, 'content', 'image', pointer, localCtx, { size: 18 }))))),
      previewHolder),
    audience(offer, pointer, localCtx),
    h('fieldset', { 'data-path': join(pointer, 'caps') },
      h('legend', {}, 'How often'),
      h('div', { class: 'row' },
        field('max per session', bound(offer, 'caps', 'session', pointer, localCtx, { size: 3, inputmode: 'numeric' }, parseNumber)),
        field('per day', bound(offer, 'caps', 'day', pointer, localCtx, { size: 3, inputmode: 'numeric' }, parseNumber)),
        field('per week', bound(offer, 'caps', 'week', pointer, localCtx, { size: 3, inputmode: 'numeric' }, parseNumber)),
        field('pause after showing', storeDurationsCanonically(bound(offer, null, 'cooldown', pointer, localCtx, { size: 6, list: 'durations-list', placeholder: '10m' }, parseDuration))),
        field('hide after dismissed for', storeDurationsCanonically(bound(offer, 'suppress', 'dismissed', pointer, localCtx, { size: 6, list: 'durations-list', placeholder: '7d' }, parseDuration))),
        field('hide after converted for', storeDurationsCanonically(bound(offer, 'suppress', 'converted', pointer, localCtx, { size: 6, list: 'durations-list', placeholder: '30d' }, parseDuration))))),
    schedule(offer, pointer, localCtx),
    h('fieldset', {},
      h('legend', {}, 'Measurement'),
      field('holdout share (0 to 1)', holdout, 'this share of visitors never sees the offer, so its effect can be measured')));
}
