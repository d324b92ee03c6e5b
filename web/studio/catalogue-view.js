// The list of the config's segments and offers, searchable, with an issue count per entry.
// Selecting an entry opens it in the form and scrolls the JSON editor to it.
import { h, replaceChildren, field } from './dom.js';
import { describeSegment } from './language.js';
import { within } from './pointer.js';
import { listOf, objectOf } from './shape.js';
import { namesOf } from './references.js';

function matches(query, ...texts) {
  if (!query) return true;
  const q = query.toLowerCase();
  return texts.some((t) => typeof t === 'string' && t.toLowerCase().includes(q));
}

export function createCatalogueView({ onSelect, onAdd }) {
  const search = h('input', { type: 'search', id: 'catalogue-search', placeholder: 'search segments and offers', autocomplete: 'off' });
  const list = h('div', { class: 'catalogue-list' });
  const element = h('nav', { class: 'catalogue', 'aria-label': 'segments and offers' },
    field('Search', search),
    h('div', { class: 'row add-buttons' },
      h('button', { type: 'button', class: 'small', onclick: () => onAdd('segment') }, '+ segment'),
      h('button', { type: 'button', class: 'small', onclick: () => onAdd('score') }, '+ scored segment'),
      h('button', { type: 'button', class: 'small', onclick: () => onAdd('offer') }, '+ offer')),
    list);

  let last = { config: null, selected: null, issues: [] };
  let shownSelected = null;
  search.addEventListener('input', () => render(last.config, last.selected, last.issues));

  function entry(pointer, title, subtitle, detail, selected, issues, paused = false) {
    const count = issues.filter((i) => within(i.path || '', pointer)).length;
    return h('li', {},
      h('button', { type: 'button', class: 'entry', 'aria-current': selected === pointer ? 'true' : null, 'data-pointer': pointer,
        title: detail, onclick: () => onSelect(pointer) },
      h('span', { class: 'entry-title' }, title, paused ? h('span', { class: 'badge paused' }, 'paused') : null),
      count ? h('span', { class: 'badge bad', title: `${count} issue(s)` }, String(count)) : null,
      h('span', { class: 'entry-sub' }, subtitle)));
  }

  function render(config, selected, issues) {
    last = { config, selected, issues };
    if (!config || typeof config !== 'object') {
      replaceChildren(list, h('p', { class: 'hint' }, 'The JSON does not parse; fix it in the JSON editor.'));
      return;
    }
    const q = search.value.trim();
    const segments = Array.isArray(config.segments) ? config.segments : [];
    const offers = Array.isArray(config.offers) ? config.offers : [];
    const segItems = segments.map((s, i) => [s, i]).filter(([s]) => s && typeof s === 'object' && matches(q, s.id, s.name, s.description, JSON.stringify(s.rule || s.score || '')))
      .map(([s, i]) => {
        const words = describeSegment(s, segments);
        return entry(`/segments/${i}`, s.name || s.id || `segment ${i + 1}`, s.description || words, `${s.description || ''}\n${words}`, selected, issues);
      });
    const names = namesOf(config);
    const title = (o) => { const t = objectOf(o.content).title; return typeof t === 'string' ? t : ''; };
    const offerItems = offers.map((o, i) => [o, i]).filter(([o]) => o && typeof o === 'object' && matches(q, o.id, o.slot, title(o), listOf(o.segments).join(' '), listOf(o.segments).map(names.segment).join(' ')))
      .map(([o, i]) => {
        const audience = listOf(o.segments).length ? listOf(o.segments).map(names.segment).join(', ') : o.rule ? 'its own rule' : 'everyone';
        return entry(`/offers/${i}`, title(o) || String(o.id || `offer ${i + 1}`), `${o.slot || '?'} · ${audience}`, audience, selected, issues, o.paused === true);
      });
    replaceChildren(list,
      h('h2', {}, `Segments (${segItems.length}${q ? ` of ${segments.length}` : ''})`),
      h('ul', {}, segItems),
      h('h2', {}, `Offers (${offerItems.length}${q ? ` of ${offers.length}` : ''})`),
      h('ul', {}, offerItems),
      h('h2', {}, 'Config'),
      h('ul', {}, entry('/settings', 'Settings', 'session timeout, control group, …', '', selected, issues)));
    // Keep a newly selected entry (a new segment, a jump from Checks) in sight.
    if (selected !== shownSelected) {
      shownSelected = selected;
      const current = list.querySelector('[aria-current="true"]');
      if (current) current.scrollIntoView({ block: 'nearest' });
    }
  }

  return { element, render, search };
}
