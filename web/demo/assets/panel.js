// The side panel on every page: what the widget thinks of this visitor, live. Segments (member or
// not, score against the entry threshold, the nearest unmet condition from explain), the winning
// offer per slot with its reason, clock jumps, "forget me" and the studio link.
// It only reads the widget's public API; the shop works the same with the panel closed.
(function () {
  'use strict';
  const { el } = window.Shop;
  const OPEN_KEY = 'fernhill.panelOpen';
  const HOUR = 3600000;
  const DAY = 24 * HOUR;
  const JUMPS = [['1 hour', HOUR], ['3 days', 3 * DAY], ['30 days', 30 * DAY], ['100 days', 100 * DAY]];
  const SLOT_NAMES = { hero: 'Home hero', product_nudge: 'Product nudge', cart_incentive: 'Cart incentive', exit_intent: 'Exit intent', thank_you: 'Thank-you page' };

  let engine = null;        // the widget's engine once ready
  let widgetProblem = '';   // why there is no engine, in words
  const shownOnPage = {};   // slot -> last offer event the widget sent for this page

  function readOpen() {
    try { return localStorage.getItem(OPEN_KEY) !== '0'; } catch (_) { return true; }
  }

  function setOpen(panel, open) {
    panel.classList.toggle('collapsed', !open);
    document.body.classList.toggle('panel-open', open);
    const toggle = panel.querySelector('.panel-toggle');
    toggle.setAttribute('aria-expanded', String(open));
    toggle.firstChild.textContent = open ? 'Hide' : 'Segments';
    try { localStorage.setItem(OPEN_KEY, open ? '1' : '0'); } catch (_) { /* session only */ }
  }

  // explain() gives the rule tree and the nearest unmet condition; the exact shape is the engine's,
  // so accept a sentence under the names it may use.
  function nearestSentence(id) {
    try {
      const explanation = engine.explain(id);
      const nearest = explanation && (explanation.nearest ?? explanation.summary);
      if (typeof nearest === 'string') return nearest;
      if (nearest && typeof nearest === 'object') return nearest.text || nearest.sentence || nearest.message || '';
    } catch (error) {
      return '';
    }
    return '';
  }

  function segmentRow(segment) {
    const enter = segment.enter > 0 ? segment.enter : 1;
    const fill = Math.max(0, Math.min(1, segment.score / enter));
    const bar = el('div', { class: 'seg-bar', role: 'img', 'aria-label': `score ${segment.score} of ${enter}` }, el('div', { class: 'seg-bar-fill' }));
    bar.firstChild.style.width = `${fill * 100}%`;
    const reason = segment.member ? memberReason(segment) : nearestSentence(segment.id);
    return el('li', {
      class: 'seg' + (segment.member ? ' member' : ''),
      dataset: { panelSegment: segment.id, member: String(segment.member) }
    },
    el('div', { class: 'seg-head' },
      el('span', { class: 'seg-name' }, segment.name || segment.id),
      el('span', { class: 'seg-state' }, segment.member ? 'member' : `${round(segment.score)} / ${round(enter)}`)),
    bar,
    reason ? el('p', { class: 'seg-reason' }, reason) : null);
  }

  function memberReason(segment) {
    const sentence = nearestSentence(segment.id);
    return sentence || `score ${round(segment.score)}, threshold ${round(segment.enter)}`;
  }

  const round = (n) => Math.round(n * 100) / 100;

  function segmentsSection() {
    const all = engine.segments();
    const members = all.filter((s) => s.member).sort((a, b) => b.priority - a.priority);
    const near = all.filter((s) => !s.member && s.score > 0).sort((a, b) => b.score / (b.enter || 1) - a.score / (a.enter || 1));
    const rest = all.filter((s) => !s.member && !(s.score > 0));
    const details = el('details', { class: 'seg-more' },
      el('summary', {}, `${rest.length} more segments`),
      el('ul', { class: 'seg-list' }, rest.map(segmentRow)));
    return el('section', { class: 'panel-section' },
      el('h3', {}, `You are in ${members.length} of ${all.length} segments`),
      el('ul', { class: 'seg-list' }, members.map(segmentRow)),
      near.length ? el('h4', {}, 'Getting closer') : null,
      el('ul', { class: 'seg-list' }, near.map(segmentRow)),
      rest.length ? details : null);
  }

  function reasonText(decision) {
    if (decision.offer) return decision.segment ? `for ${decision.segment}` : 'fallback for everyone';
    return decision.reason.replace(/_/g, ' ');
  }

  function offersSection() {
    const decisions = engine.decide();
    return el('section', { class: 'panel-section' },
      el('h3', {}, 'Offers per slot'),
      el('ul', { class: 'slot-list' }, decisions.map((d) => {
        const title = d.offer ? (d.content && d.content.title) || d.offer : 'none';
        const onPage = shownOnPage[d.slot];
        return el('li', { class: 'slot-row', dataset: { panelSlot: d.slot, offer: d.offer || '' } },
          el('div', { class: 'slot-name' }, SLOT_NAMES[d.slot] || d.slot, document.querySelector(`[data-seg-slot="${d.slot}"]`) ? el('span', { class: 'on-page' }, 'on this page') : null),
          el('div', { class: 'slot-offer' }, title),
          el('div', { class: 'slot-reason' }, d.offer ? `${d.offer} · ${reasonText(d)}` : reasonText(d)),
          onPage && onPage.offer && onPage.offer !== d.offer ? el('div', { class: 'slot-reason' }, `showing ${onPage.offer} (next pick shown above)`) : null);
      })));
  }

  function clockSection() {
    const buttons = JUMPS.map(([label, ms]) => el('button', {
      type: 'button', class: 'panel-button', dataset: { jump: String(ms) },
      onclick: () => { window.DemoClock.jump(ms); location.reload(); }
    }, label));
    const applied = !engine || clockApplied;
    return el('section', { class: 'panel-section' },
      el('h3', {}, 'Come back in…'),
      el('div', { class: 'jump-row' }, buttons),
      el('p', { class: 'panel-note', id: 'clock-state' },
        `Demo clock: ${window.DemoClock.describe()}${window.DemoClock.offset() ? ` (${new Date(window.DemoClock.now()).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })})` : ''}`,
        applied ? null : ' · this widget build has no clock hook, so jumps have no effect yet'));
  }

  function actionsSection() {
    return el('section', { class: 'panel-section panel-actions' },
      el('button', {
        type: 'button', class: 'panel-button danger', id: 'forget-me',
        onclick: () => {
          const widget = window.ShopperSegments;
          if (widget && typeof widget.forget === 'function') widget.forget();
          window.DemoClock.reset();
          window.Shop.cart.clear();
          try { ['fernhill.npsAnswered', 'fernhill.newsletter'].forEach((k) => localStorage.removeItem(k)); } catch (_) { /* fine */ }
          location.reload();
        }
      }, 'Forget me'),
      el('a', { class: 'panel-button', href: '/studio/' }, 'Open the rule studio'));
  }

  let clockApplied = false;

  function render(panel) {
    const body = panel.querySelector('.panel-body');
    if (!engine) {
      body.replaceChildren(
        el('p', { class: 'panel-status' }, widgetProblem || 'Starting the widget…'),
        clockSection(), actionsSection());
      return;
    }
    try {
      body.replaceChildren(segmentsSection(), offersSection(), clockSection(), actionsSection());
    } catch (error) {
      body.replaceChildren(el('p', { class: 'panel-status' }, `The panel could not read the widget: ${error.message}`), clockSection(), actionsSection());
    }
  }

  function build() {
    const panel = el('aside', { class: 'seg-panel', id: 'seg-panel', 'aria-label': 'Shopper Segments live panel' },
      el('button', { type: 'button', class: 'panel-toggle', 'aria-controls': 'seg-panel-body' },
        el('span', { class: 'panel-toggle-label' }, 'Segments')),
      el('div', { class: 'panel-inner' },
        el('header', { class: 'panel-header' },
          el('p', { class: 'panel-kicker' }, 'Shopper Segments · live'),
          el('h2', {}, 'What this shop knows about you'),
          el('p', { class: 'panel-note' }, 'Computed in your browser. Nothing leaves this device.')),
        el('div', { class: 'panel-body', id: 'seg-panel-body' })));
    panel.querySelector('.panel-toggle').addEventListener('click', () => setOpen(panel, panel.classList.contains('collapsed')));
    document.body.appendChild(panel);
    setOpen(panel, readOpen());
    return panel;
  }

  document.addEventListener('DOMContentLoaded', () => {
    const panel = build();
    let scheduled = false;
    const refresh = () => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => { scheduled = false; render(panel); });
    };
    render(panel);

    for (const target of [document, window]) {
      target.addEventListener('shopper-segments:change', refresh);
      target.addEventListener('shopper-segments:offer', (event) => {
        const detail = event.detail || {};
        if (detail.slot) shownOnPage[detail.slot] = detail;
        refresh();
      });
    }
    window.addEventListener('shop:tracked', refresh);

    const widget = window.ShopperSegments;
    if (!widget || !widget.ready || typeof widget.ready.then !== 'function') {
      widgetProblem = 'The Shopper Segments widget did not load here, so the shop shows its default content. (Is dist/ built?)';
      render(panel);
      return;
    }
    widget.ready.then((ready) => {
      engine = ready && typeof ready.segments === 'function' ? ready : widget;
      clockApplied = window.DemoClock.applyToWidget() || window.DemoClock.offset() === 0;
      render(panel);
    }, (error) => {
      widgetProblem = `The widget could not start (${error && error.message ? error.message : error}); the shop keeps its default content.`;
      render(panel);
    });
  });
})();
