// The "Simulate" view: controls that emit a simulated visitor's events and move the clock, the
// journey's timeline, and live results (segments with score bars, the winning offer per slot with
// its reason, and the explanation of any segment).
import { h, field, select, replaceChildren, uid } from './dom.js';
import { shopActions, shopState, CATEGORIES } from './shop-actions.js';
import { PERSONAS } from './personas.js';
import { CLOCK_STEPS, formatSimTime, formatAbsolute } from './sim-clock.js';
import { explainView } from './explain-view.js';
import { fatesView } from './fates-view.js';
import { parseLoose } from './form-values.js';
import { namesOf } from './references.js';
import { shownContent } from './offer-text.js';

/** The decision reasons of docs/RULES.md "Decisions", in words. */
const REASON_WORDS = {
  no_match: 'no offer of this slot serves this visitor',
  control_group: 'the visitor is in the control group, which sees no offers',
  held_out: 'the visitor is held out of the best offer',
  capped_session: 'the best offer reached its cap for this session',
  capped_day: 'the best offer reached its cap for the day',
  capped_week: 'the best offer reached its cap for the week',
  cooling_down: 'the best offer is cooling down after being shown',
  suppressed_dismissed: 'the best offer was dismissed recently',
  suppressed_converted: 'the best offer was converted recently',
  out_of_schedule: 'the best offer is outside its schedule',
};

/** Browser contexts to try (schedules use tz_offset; local rules use country and time zone). */
const CONTEXTS = [
  ['berlin', 'Berlin (de-DE, UTC+1)', { timezone: 'Europe/Berlin', tz_offset: 60, locale: 'de-DE', language: 'de', country: 'DE' }],
  ['london', 'London (en-GB, UTC+0)', { timezone: 'Europe/London', tz_offset: 0, locale: 'en-GB', language: 'en', country: 'GB' }],
  ['new_york', 'New York (en-US, UTC-5)', { timezone: 'America/New_York', tz_offset: -300, locale: 'en-US', language: 'en', country: 'US' }],
  ['tokyo', 'Tokyo (ja-JP, UTC+9)', { timezone: 'Asia/Tokyo', tz_offset: 540, locale: 'ja-JP', language: 'ja', country: 'JP' }],
];

const PAGE_TYPES = ['home', 'category', 'product', 'sale', 'new_arrivals', 'search', 'cart', 'checkout', 'content'];

/** The winning offer's title as the shopper reads it (its numbers written in), else its name. */
function shownTitle(decision, names) {
  const content = shownContent(decision);
  return (content && typeof content.title === 'string' && content.title) || names.offer(decision.offer);
}

/** The winning offer's body and button text as the shopper reads them, or null without any. */
function shownBody(decision) {
  const content = shownContent(decision);
  if (!content) return null;
  const body = typeof content.body === 'string' ? content.body : '';
  const cta = typeof content.cta === 'string' ? content.cta : '';
  if (!body && !cta) return null;
  return h('div', { class: 'shown-text' }, body, body && cta ? ' ' : '', cta ? h('span', { class: 'shown-cta' }, `[${cta}]`) : null);
}

function button(text, onclick, attrs = {}) {
  return h('button', { type: 'button', onclick, ...attrs }, text);
}

export function createSimulatorView({ sim, store, onJump }) {
  const act = shopActions(sim);
  let explainId = null;
  let explainOfferId = null;  // an offer shown by its own rule, picked in the offer table: its rule is explained instead
  let lastPersona = null;

  // --- controls -------------------------------------------------------------------------------
  const category = select(CATEGORIES, 'dresses', { id: uid('cat') });
  const price = h('input', { id: uid('price'), size: 5, inputmode: 'decimal', placeholder: 'auto' });
  const itemPrice = () => (price.value.trim() === '' ? undefined : Number(price.value));
  const searchTerm = h('input', { id: uid('term'), size: 12, value: 'winter coat' });
  const buyValue = h('input', { id: uid('value'), size: 5, inputmode: 'decimal', placeholder: 'cart' });
  const coupon = h('input', { id: uid('coupon'), size: 7, placeholder: 'none' });
  const npsScore = h('input', { id: uid('nps'), type: 'number', min: 0, max: 10, value: 9, size: 3 });
  const traitKey = h('input', { id: uid('trait'), list: 'traits-list', size: 12, value: 'customer_orders' });
  const traitValue = h('input', { id: uid('tv'), size: 8, value: '2' });
  const pageType = select(PAGE_TYPES, 'sale', { id: uid('page') });
  const customType = h('input', { id: uid('custom'), list: 'events-list', size: 14, placeholder: 'chat_open' });
  const contextSelect = select(CONTEXTS.map(([id, label]) => [id, label]), 'berlin', { id: uid('context') });
  const visitorId = h('input', { id: uid('visitor'), size: 16, value: sim.journey.visitorId });
  const personaSelect = select(PERSONAS.map((p) => [p.id, `${p.name} — ${p.story}`]), PERSONAS[0].id, { id: 'persona-select' });
  const personaResult = h('p', { class: 'persona-result', role: 'status', 'data-testid': 'persona-result' });

  const controls = h('section', { class: 'sim-controls', 'aria-label': 'simulated visitor' },
    h('h2', {}, 'Ready-made journeys'),
    field('persona', personaSelect),
    h('div', { class: 'row' }, button('Play this journey', () => playPersona(personaSelect.value), { id: 'play-persona' })),
    personaResult,
    h('h2', {}, 'Shop as the visitor'),
    h('div', { class: 'row' }, field('item category', category), field('price', price)),
    h('div', { class: 'button-grid' },
      button('View a new item', () => act.viewItem({ tags: ['new'], category: category.value, price: itemPrice() }), { id: 'ev-view-new' }),
      button('View a sale item', () => act.viewItem({ tags: ['sale'], category: category.value, price: itemPrice() }), { id: 'ev-view-sale' }),
      button('View an item', () => act.viewItem({ category: category.value, price: itemPrice() }), { id: 'ev-view' }),
      button('View it again', () => act.viewAgain(), { id: 'ev-view-again' }),
      button('Add to cart', () => act.addToCart(), { id: 'ev-add' }),
      button('Remove from cart', () => act.removeFromCart(), { id: 'ev-remove' }),
      button('Begin checkout', () => act.beginCheckout(), { id: 'ev-checkout' }),
      button('Sort by lowest price', () => act.sortByPrice(), { id: 'ev-sort' }),
      button('Newsletter sign-up', () => act.newsletter(), { id: 'ev-newsletter' }),
      button('Open chat', () => act.chat(), { id: 'ev-chat' }),
      button('Size guide', () => act.sizeGuide(), { id: 'ev-size' }),
      button('Exit intent', () => act.exitIntent(), { id: 'ev-exit' })),
    h('div', { class: 'row' }, field('buy for (EUR)', buyValue), field('coupon', coupon),
      button('Buy', () => act.buy({ value: buyValue.value.trim() === '' ? undefined : Number(buyValue.value), coupon: coupon.value.trim() || undefined }), { id: 'ev-buy' })),
    h('div', { class: 'row' }, field('search for', searchTerm), button('Search', () => act.search(searchTerm.value), { id: 'ev-search' })),
    h('div', { class: 'row' }, field('coupon code', h('input', { id: 'coupon-try', size: 8, value: 'SAVE10' })),
      button('Try coupon', () => act.couponAttempt(document.getElementById('coupon-try').value || 'SAVE10'), { id: 'ev-coupon' })),
    h('div', { class: 'row' }, field('NPS answer (0-10)', npsScore), button('Answer NPS', () => act.nps(Number(npsScore.value)), { id: 'ev-nps' })),
    h('div', { class: 'row' }, field('page type', pageType), button('Open page', () => act.pageView(pageType.value), { id: 'ev-page' })),
    h('div', { class: 'row' }, field('trait', traitKey), field('value', traitValue),
      button('Set trait', () => traitKey.value.trim() && act.trait(traitKey.value.trim(), parseLoose(traitValue.value)), { id: 'ev-trait' })),
    h('div', { class: 'row' }, field('other event', customType), button('Send', () => customType.value.trim() && act.custom(customType.value.trim()), { id: 'ev-custom' })),
    h('div', { class: 'row' }, field('browser context', contextSelect),
      button('Set context', () => act.context(CONTEXTS.find(([id]) => id === contextSelect.value)[2]), { id: 'ev-context' })),
    h('h2', {}, 'Clock'),
    h('div', { class: 'row clock' }, CLOCK_STEPS.map(([label, ms]) => button(label, () => act.wait(ms), { 'data-clock': label }))),
    h('h2', {}, 'Visitor'),
    h('div', { class: 'row' }, field('visitor id', visitorId, 'decides holdout and control group'),
      button('Start over', () => { lastPersona = null; personaResult.textContent = ''; sim.reset(visitorId.value.trim() || 'studio-visitor-1'); }, { id: 'sim-reset' }),
      button('Undo last', () => sim.undo(), { id: 'sim-undo' })));

  // --- timeline and results ---------------------------------------------------------------------
  const clockLine = h('p', { class: 'sim-clock', 'data-testid': 'sim-clock' });
  const cartLine = h('p', { class: 'hint' });
  const timeline = h('ol', { class: 'timeline', 'aria-live': 'polite', 'data-testid': 'timeline' });
  const configLabel = h('p', { class: 'config-label', 'data-testid': 'sim-config-label' });
  const segmentList = h('ul', { class: 'segment-bars', 'data-testid': 'segment-bars' });
  const offerTable = h('div', { class: 'offer-results', 'data-testid': 'offer-results' });
  const explainBox = h('div', { class: 'explain-box', 'aria-live': 'polite' });
  const results = h('section', { class: 'sim-results', 'aria-label': 'results' },
    configLabel,
    h('h2', {}, 'Segments'), segmentList,
    h('h2', {}, 'Winning offer per slot'), offerTable);
  // On a phone the results sit below every control: this summary sticks to the bottom of the
  // screen while the controls are in view, so each step shows what it changed where it was taken
  // (hidden on a wide screen, where the results are beside the controls).
  const summary = h('section', { class: 'sim-summary', 'aria-label': 'what the last step changed', 'data-testid': 'sim-summary' });

  const element = h('div', { class: 'simulator-view' },
    controls,
    summary,
    h('div', { class: 'sim-middle' },
      h('section', { class: 'sim-timeline', 'aria-label': 'timeline' }, h('h2', {}, 'Timeline'), clockLine, cartLine, timeline),
      h('section', { class: 'sim-why', 'aria-label': 'why a segment or an offer rule holds or not' }, h('h2', {}, 'Why? (pick a segment, or an offer shown by its own rule, in the results)'), explainBox)),
    results);

  async function playPersona(id) {
    const persona = PERSONAS.find((p) => p.id === id);
    if (!persona) return;
    lastPersona = persona;
    await sim.play((api) => persona.steps(shopActions(api)));
  }

  function renderTimeline() {
    const { journey } = sim;
    clockLine.textContent = `Simulated time: ${formatSimTime(journey.now, journey.start)} — ${formatAbsolute(journey.now)}`;
    const shop = shopState(journey);
    cartLine.textContent = shop.cart.length ? `Cart: ${shop.cart.map((c) => c.item_id).join(', ')} (${shop.total} EUR)` : 'Cart: empty';
    const names = namesOf(store.state.working);
    const entries = sim.timeline.map((entry) => h('li', { class: `timeline-entry kind-${entry.action.kind}` },
      h('span', { class: 'when' }, formatSimTime(entry.action.at, journey.start)), ' ',
      h('span', { class: 'what' }, entry.action.kind === 'record' ? `offer “${names.offer(entry.action.offer)}” ${entry.action.outcome}` : entry.action.label || entry.action.type || entry.action.kind),
      entry.entered.length ? h('div', { class: 'entered' }, `entered: ${entry.entered.map(names.segment).join(', ')}`) : null,
      entry.left.length ? h('div', { class: 'left' }, `left: ${entry.left.map(names.segment).join(', ')}`) : null,
      entry.offers.length ? h('div', { class: 'offers-changed' }, entry.offers.map((o) => `${o.slot} → ${o.offer ? shownTitle(o, names) : `none (${REASON_WORDS[o.reason] || o.reason})`}`).join('; ')) : null));
    if (entries.length <= 1) entries.push(h('li', { class: 'hint' }, 'Nothing yet: click an event on the left or play a ready-made journey.'));
    replaceChildren(timeline, entries.reverse());
  }

  function renderConfigLabel() {
    const { issues, workingSavedAt } = store.state;
    if (issues.length) {
      configLabel.className = 'config-label stale';
      configLabel.textContent = `Running the last valid config${workingSavedAt ? ` (from ${new Date(workingSavedAt).toLocaleTimeString()})` : ''}: the draft has ${issues.length} issue${issues.length === 1 ? '' : 's'} and is not used.`;
    } else {
      configLabel.className = 'config-label fresh';
      configLabel.textContent = 'Running the current draft (valid).';
    }
  }

  function bar(segment) {
    // The scale fits the threshold and the score; the marker shows where the visitor enters.
    const max = Math.max(segment.enter * 1.5, segment.score, 1);
    const pct = (v) => `${Math.max(0, Math.min(100, (v / max) * 100))}%`;
    return h('div', { class: 'bar', role: 'img', 'aria-label': `score ${segment.score} of ${segment.enter} needed` },
      h('div', { class: `bar-fill ${segment.member ? 'member' : ''}`, style: { width: pct(segment.score) } }),
      h('div', { class: 'bar-threshold', style: { left: pct(segment.enter) }, title: `enter at ${segment.enter}` }),
      segment.exit !== segment.enter ? h('div', { class: 'bar-exit', style: { left: pct(segment.exit) }, title: `exit below ${segment.exit}` }) : null);
  }

  // Under each slot's row, every other offer of the slot and why it did not show (fates-view.js).
  function fatesRow(slot) {
    const fates = fatesView(sim.explainSlot(slot));
    return fates ? h('tr', { class: 'fates-row', 'data-fates-slot': slot }, h('td', { colspan: 3 }, fates)) : null;
  }

  /** The last step and what it changed, the segments the visitor is in and each slot's offer. */
  function renderSummary(segments, decisions, names) {
    const last = sim.timeline[sim.timeline.length - 1];
    const changed = new Set(last ? last.offers.map((o) => o.slot) : []);
    const entered = new Set(last ? last.entered : []);
    const what = !last ? '' : last.action.kind === 'record' ? `offer “${names.offer(last.action.offer)}” ${last.action.outcome}` : last.action.label || last.action.type || last.action.kind;
    const changes = last ? [
      last.entered.length ? `entered ${last.entered.map(names.segment).join(', ')}` : null,
      last.left.length ? `left ${last.left.map(names.segment).join(', ')}` : null,
      last.offers.length ? `${last.offers.length} slot${last.offers.length === 1 ? '' : 's'} changed offer` : null,
    ].filter(Boolean) : [];
    const members = segments.filter((seg) => seg.member);
    replaceChildren(summary,
      h('p', { class: 'sum-step' }, h('strong', {}, 'Last step: '), what || 'none yet',
        what ? ` — ${changes.length ? changes.join('; ') : 'no segment or offer changed'}.` : ''),
      h('p', { class: 'sum-segments' }, h('strong', {}, `In ${members.length} segment${members.length === 1 ? '' : 's'}: `),
        members.length ? members.map((seg, i) => [i ? ', ' : '', entered.has(seg.id) ? h('mark', {}, names.segment(seg.id)) : names.segment(seg.id)]) : 'none'),
      h('ul', { class: 'sum-offers', 'aria-label': 'winning offer per slot' }, decisions.map((d) => h('li', { class: changed.has(d.slot) ? 'changed' : '', 'data-summary-slot': d.slot },
        h('span', { class: 'sum-slot' }, d.slot), ' ',
        d.offer ? shownTitle(d, names) : h('span', { class: 'hint' }, 'none')))),
      h('button', { type: 'button', class: 'small', onclick: () => results.scrollIntoView({ block: 'start' }) }, 'All results and why ↓'));
  }

  function renderResults() {
    renderConfigLabel();
    if (!sim.ready) { replaceChildren(segmentList, h('li', { class: 'hint' }, 'Starting the engine…')); return; }
    const segments = sim.segments().slice().sort((a, b) => (b.member - a.member) || (b.score / (b.enter || 1) - a.score / (a.enter || 1)) || (b.priority - a.priority));
    replaceChildren(segmentList, segments.map((s) => h('li', { class: `segment-row ${s.member ? 'member' : ''}`, 'data-segment': s.id, 'data-member': String(s.member) },
      h('span', { class: 'seg-mark' }, s.member ? '✓' : '·'),
      h('button', { type: 'button', class: 'link seg-name', 'aria-pressed': String(explainId === s.id), onclick: () => { explainId = s.id; explainOfferId = null; renderResults(); } }, s.name || s.id),
      bar(s),
      h('span', { class: 'seg-score' }, `${Math.round(s.score * 100) / 100} / ${s.enter}`))));
    const decisions = sim.decide();
    const names = namesOf(store.state.working);
    replaceChildren(offerTable, h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'slot'), h('th', {}, 'offer'), h('th', {}, 'why'))),
      h('tbody', {}, decisions.map((d) => [h('tr', { 'data-slot': d.slot, 'data-offer': d.offer || '' },
        h('th', { scope: 'row' }, d.slot),
        h('td', {}, d.offer
          ? [h('strong', { class: 'shown-title' }, shownTitle(d, names)),
            shownBody(d),
            h('div', { class: 'record-buttons' }, h('span', { class: 'hint' }, 'record as '),
              ['shown', 'dismissed', 'converted'].map((outcome) => h('button', { type: 'button', class: 'small', 'data-record': outcome,
                'aria-label': `record “${shownTitle(d, names)}” as ${outcome}`, title: `record that it was ${outcome} (feeds caps, cooldown and suppression)`,
                onclick: () => sim.record(d.offer, outcome) }, outcome)))]
          : h('span', { class: 'hint' }, 'none (slot keeps its own content)')),
        h('td', { 'data-reason': d.reason }, d.reason === 'matched' ? (d.segment ? `for segment “${names.segment(d.segment)}”` : d.rule
          ? h('button', { type: 'button', class: 'link', 'data-explain-offer': d.offer, title: `why: the offer’s own rule`, onclick: () => { explainOfferId = d.offer; renderResults(); } }, 'its own rule held')
          : 'fallback for everyone') : (REASON_WORDS[d.reason] || d.reason))),
        fatesRow(d.slot)]))));
    renderSummary(segments, decisions, names);
    if (!explainId || !segments.some((s) => s.id === explainId)) explainId = (segments.find((s) => s.member) || segments[0] || {}).id || null;
    if (explainOfferId && !decisions.some((d) => d.offer === explainOfferId)) explainOfferId = null;
    replaceChildren(explainBox, explainView(explainOfferId ? sim.explainOffer(explainOfferId)
      : explainId ? sim.explain(explainId) : null, onJump, names));
    if (lastPersona) {
      const held = segments.some((s) => s.id === lastPersona.id && s.member);
      personaResult.className = `persona-result ${held ? 'good' : 'bad'}`;
      personaResult.textContent = `${lastPersona.name}: ${held ? `✓ the visitor is in “${names.segment(lastPersona.id)}”` : `✗ not in “${names.segment(lastPersona.id)}” under this config`}`;
      personaResult.dataset.segment = lastPersona.id;
    }
  }

  function render() {
    renderTimeline();
    renderResults();
  }

  sim.subscribe(render);
  store.subscribe(renderConfigLabel);
  render();
  return { element, render, playPersona, showExplanation(id) { explainId = id; explainOfferId = null; renderResults(); } };
}
