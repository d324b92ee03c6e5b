// The side panel on every page: what the widget thinks of this visitor, live. Segments (member or
// not, score against the entry threshold, the nearest unmet condition from explain), the winning
// offer per slot with its reason, clock jumps, "forget me", the studio link and the owner's own
// configuration (assets/panel-config.js).
// It uses only the widget's public API; the shop works the same with the panel closed.
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

  // null until the toolkit is loaded (explain then answers with a Promise).
  function explain(id) {
    try {
      const explanation = engine.explain(id);
      return explanation && typeof explanation.then !== 'function' ? explanation : null;
    } catch (_) { return null; }
  }

  // The other offers that competed for the slot and why each lost, in the toolkit's words
  // ("Lost to “Just landed” (priority 50 > 30)."); offers for other segments are left out.
  function competitors(slot) {
    try {
      const why = typeof engine.explainSlot === 'function' ? engine.explainSlot(slot) : null;
      if (!why || typeof why.then === 'function' || !Array.isArray(why.fates)) return [];
      return why.fates.filter((f) => f.reason !== 'not_in_segment').map((f) => ({ offer: f.offer, reason: f.reason, name: f.name, words: f.words }));
    } catch (_) { return []; }
  }

  // Not a member: the engine's nearest unmet condition ("score 3 of 4 needed; next: ...").
  function nearestSentence(explanation) {
    const nearest = explanation && explanation.nearest;
    return typeof nearest === 'string' ? nearest : '';
  }

  // A held "not": the condition inside it that did not happen ("no purchase ever (0)").
  function negated(node) {
    const inner = Array.isArray(node.children) && node.children[0];
    if (!inner || !inner.text) return node.text || '';
    const match = /^(.*?): (.*?), needs /.exec(inner.text);
    return match ? `no ${match[1]} (${match[2]})` : `not: ${inner.text}`;
  }

  // A member: what holds. Scored segments list their held signals; rule segments the held
  // conditions of the tree (only inside held branches, so an "any" shows the branch that won).
  function heldSentence(explanation) {
    if (!explanation) return '';
    if (Array.isArray(explanation.signals)) {
      return explanation.signals.filter((s) => s.held).map((s) => `${s.label} (+${s.weight})`).join(' · ');
    }
    const lines = [];
    const visit = (node) => {
      if (!node || node.held !== true) return;
      if (node.kind === 'not') lines.push(negated(node));
      else if (Array.isArray(node.children)) node.children.forEach(visit);
      else if (node.text) lines.push(node.text);
    };
    visit(explanation.tree);
    return lines.slice(0, 3).join(' · ');
  }

  function segmentRow(segment) {
    const enter = segment.enter > 0 ? segment.enter : 1;
    const fill = Math.max(0, Math.min(1, segment.score / enter));
    const bar = el('div', { class: 'seg-bar', role: 'img', 'aria-label': `score ${round(segment.score)} of ${round(enter)}` }, el('div', { class: 'seg-bar-fill' }));
    bar.firstChild.style.width = `${fill * 100}%`;
    return el('li', {
      class: 'seg' + (segment.member ? ' member' : ''),
      dataset: { panelSegment: segment.id, member: String(segment.member) }
    },
    el('div', { class: 'seg-head' },
      el('span', { class: 'seg-name' }, segment.name || segment.id),
      el('span', { class: 'seg-state' }, segment.member ? 'member' : `${round(segment.score)} / ${round(enter)}`)),
    bar,
    segment.reason ? el('p', { class: 'seg-reason' }, segment.reason) : null);
  }

  const round = (n) => Math.round(n * 100) / 100;

  // What the panel shows, read from the widget in one go. Its JSON is compared with the last one
  // so the panel redraws only when something changed (and keeps its scroll and open sections).
  function readModel() {
    const segments = engine.segments().map((segment) => {
      const explanation = explain(segment.id);
      return Object.assign({}, segment, {
        reason: segment.member ? heldSentence(explanation) : nearestSentence(explanation)
      });
    });
    const decisions = engine.decide().map((d) => ({
      slot: d.slot, offer: d.offer, reason: d.reason, segment: d.segment, rule: d.rule,
      title: d.offer && d.content ? d.content.title || '' : '',
      others: competitors(d.slot)
    }));
    return { segments, decisions, clock: window.DemoClock.offset(), shown: Object.assign({}, shownOnPage) };
  }

  function segmentsSection(model) {
    const all = model.segments;
    const members = all.filter((s) => s.member).sort((a, b) => b.priority - a.priority);
    const near = all.filter((s) => !s.member && s.score > 0)
      .sort((a, b) => b.score / (b.enter || 1) - a.score / (a.enter || 1));
    const rest = all.filter((s) => !s.member && !(s.score > 0));
    const details = el('details', { class: 'seg-more', open: moreOpen },
      el('summary', {}, `${rest.length} more segments`),
      el('ul', { class: 'seg-list' }, rest.map(segmentRow)));
    details.addEventListener('toggle', () => { moreOpen = details.open; });
    return el('section', { class: 'panel-section' },
      el('h3', {}, `You are in ${members.length} of ${all.length} segments`),
      el('ul', { class: 'seg-list' }, members.map(segmentRow)),
      near.length ? el('h4', {}, 'Getting closer') : null,
      el('ul', { class: 'seg-list' }, near.map(segmentRow)),
      rest.length ? details : null);
  }

  const REASONS = {
    no_match: 'no offer for your segments', control_group: 'you are in the control group: no offers, ever (Forget me for a new visitor)',
    held_out: 'held out for measurement', capped_session: 'shown enough this session', capped_day: 'shown enough today',
    capped_week: 'shown enough this week', cooling_down: 'cooling down after showing', suppressed_dismissed: 'dismissed recently',
    suppressed_converted: 'already clicked', out_of_schedule: 'outside its schedule'
  };

  function offersSection(model) {
    return el('section', { class: 'panel-section' },
      el('h3', {}, 'Offers per slot'),
      el('ul', { class: 'slot-list' }, model.decisions.map((d) => {
        const shown = model.shown[d.slot];
        const onPage = document.querySelector(`[data-seg-slot="${d.slot}"]`) !== null;
        return el('li', { class: 'slot-row', dataset: { panelSlot: d.slot, offer: d.offer || '' } },
          el('div', { class: 'slot-name' }, SLOT_NAMES[d.slot] || d.slot, onPage ? el('span', { class: 'on-page' }, 'on this page') : null),
          el('div', { class: 'slot-offer' }, d.offer ? d.title || d.offer : 'none'),
          el('div', { class: 'slot-reason' }, d.offer
            ? `${d.offer} · ${d.segment ? `for ${d.segment}` : d.rule ? 'by its own rule' : 'for everyone'}`
            : REASONS[d.reason] || d.reason.replace(/_/g, ' ')),
          shown && shown !== d.offer ? el('div', { class: 'slot-reason' }, `on the page: ${shown} (kept until something else wins)`) : null,
          d.others.length ? el('ul', { class: 'slot-others' }, d.others.map((o) => el('li', { dataset: { fateOffer: o.offer, fateReason: o.reason } },
            el('strong', {}, o.name), ' ', o.words))) : null);
      })));
  }

  // Three journeys a person can click through to watch segments change (issue 4, item 7).
  const JOURNEYS = [
    { segment: 'trend_follower', title: 'Trend follower', href: 'new.html',
      steps: 'Open New in and look at three new pieces; then go back home and watch the banner.' },
    { segment: 'hesitant_prospect', title: 'Hesitant prospect', href: 'product.html?id=top-organic-tee',
      steps: 'Add the tee to the cart, remove it, add it again, open the size guide, then look at the tee once more.' },
    { segment: 'cart_abandoner', title: 'Cart abandoner', href: 'product.html?id=acc-canvas-tote',
      steps: 'Put something in the cart, open the cart, then “come back in 3 days” (or move the mouse out of the window).' }
  ];

  function journeysSection(model) {
    const member = (id) => model.segments.some((s) => s.id === id && s.member);
    const details = el('details', { class: 'journeys', open: journeysOpen },
      el('summary', {}, 'Try a journey'),
      el('ol', { class: 'journey-list' }, JOURNEYS.map((j) => el('li', { class: member(j.segment) ? 'done' : '' },
        el('div', { class: 'journey-head' },
          el('strong', {}, j.title),
          member(j.segment) ? el('span', { class: 'journey-done' }, '✓ you are one') : el('a', { href: j.href }, 'start →')),
        el('p', {}, j.steps)))));
    details.addEventListener('toggle', () => {
      journeysOpen = details.open;
      try { localStorage.setItem(JOURNEYS_KEY, journeysOpen ? '1' : '0'); } catch (_) { /* fine */ }
    });
    return el('section', { class: 'panel-section' }, details);
  }

  function clockSection() {
    const offset = window.DemoClock.offset();
    const when = offset ? ` (${new Date(window.DemoClock.now()).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })})` : '';
    return el('section', { class: 'panel-section panel-clock' },
      el('h3', {}, 'Come back in…'),
      el('div', { class: 'jump-row' }, JUMPS.map(([label, ms]) => el('button', {
        type: 'button', class: 'panel-button', dataset: { jump: String(ms) },
        onclick: () => { window.DemoClock.jump(ms); location.reload(); }
      }, label))),
      el('p', { class: 'panel-note', id: 'clock-state' }, `Demo clock: ${window.DemoClock.describe()}${when}`,
        engine && !clockApplied ? ' · this widget build has no clock hook, so jumps have no effect' : null));
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
  // An owner's own configuration has few segments, all worth seeing; the catalogue's are many.
  let moreOpen = Boolean(window.DemoConfig && window.DemoConfig.active);
  const JOURNEYS_KEY = 'fernhill.journeysOpen';
  let journeysOpen = (() => { try { return localStorage.getItem(JOURNEYS_KEY) !== '0'; } catch (_) { return true; } })();
  let lastSignature = '';

  function render(panel) {
    const body = panel.querySelector('.panel-body');
    if (!engine) {
      lastSignature = '';
      body.replaceChildren(clockSection(), el('p', { class: 'panel-status' }, widgetProblem || 'Starting the widget…'), actionsSection());
      return;
    }
    let model;
    try {
      model = readModel();
    } catch (error) {
      body.replaceChildren(clockSection(), el('p', { class: 'panel-status' }, `The panel could not read the widget: ${error.message}`), actionsSection());
      return;
    }
    const signature = JSON.stringify(model);
    if (signature === lastSignature) return;
    lastSignature = signature;
    // The journeys are the catalogue's; with the owner's own configuration they would mislead.
    const journeys = window.DemoConfig && window.DemoConfig.active ? null : journeysSection(model);
    body.replaceChildren(...[clockSection(), journeys, segmentsSection(model), offersSection(model), actionsSection()].filter(Boolean));
  }

  function build(configSection) {
    const panel = el('aside', { class: 'seg-panel', id: 'seg-panel', 'aria-label': 'Shopper Segments live panel' },
      el('button', { type: 'button', class: 'panel-toggle', 'aria-controls': 'seg-panel-body' },
        el('span', { class: 'panel-toggle-label' }, 'Segments')),
      el('div', { class: 'panel-inner' },
        el('header', { class: 'panel-header' },
          el('p', { class: 'panel-kicker' }, 'Shopper Segments · live'),
          el('h2', {}, 'What this shop knows about you'),
          el('p', { class: 'panel-note' }, 'Computed in your browser. Nothing leaves this device.'),
          configSection.badge),
        el('div', { class: 'panel-body', id: 'seg-panel-body' }),
        configSection.element));
    panel.querySelector('.panel-toggle').addEventListener('click', () => setOpen(panel, panel.classList.contains('collapsed')));
    document.body.appendChild(panel);
    setOpen(panel, readOpen());
    return panel;
  }

  document.addEventListener('DOMContentLoaded', () => {
    const configSection = window.PanelConfig.create();
    const panel = build(configSection);
    let scheduled = false;
    const refresh = () => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => { scheduled = false; render(panel); });
    };
    render(panel);

    document.addEventListener('shopper-segments:change', refresh);
    document.addEventListener('shopper-segments:offer', (event) => {
      const detail = event.detail || {};
      if (detail.slot && detail.offer) shownOnPage[detail.slot] = detail.offer;
      refresh();
    });
    window.addEventListener('shop:tracked', refresh);
    // Scroll, engagement and exit events come from the widget itself and move scores without
    // changing membership; a slow poll keeps the bars honest (redrawn only when they changed).
    setInterval(() => { if (engine && !document.hidden) refresh(); }, 2000);

    const widget = window.ShopperSegments;
    if (!widget || !widget.ready || typeof widget.ready.then !== 'function') {
      widgetProblem = 'The Shopper Segments widget did not load here, so the shop shows its own default content. (Is dist/ built?)';
      configSection.widgetFailed();
      render(panel);
      return;
    }
    widget.ready.then((ready) => {
      engine = ready && typeof ready.segments === 'function' ? ready : widget;
      clockApplied = window.DemoClock.applyToWidget();
      configSection.widgetReady(engine);
      render(panel);
      // The panel explains every segment: it loads the owner toolkit (the shop's own pages never
      // need it), after which explanations answer at once; redrawn with them.
      if (typeof widget.loadToolkit === 'function') widget.loadToolkit().then(() => render(panel), () => {});
    }, (error) => {
      configSection.widgetFailed();
      widgetProblem = `The widget could not start (${error && error.message ? error.message : error}); the shop keeps its own default content.`;
      render(panel);
    });
  });
})();
