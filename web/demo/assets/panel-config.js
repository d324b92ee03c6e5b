// The side panel's "Use your own configuration" section: which configuration is active, a box
// to paste the studio's embed snippet (or bare config JSON), the widget's own issues when it
// refuses one, and the way back to the built-in catalogue. Built once and kept outside the part
// of the panel that redraws, so a paste in progress is never lost.
// Storage, snippet reading and the apply-on-every-page step live in assets/own-config.js.
(function () {
  'use strict';
  const { el } = window.Shop;
  const config = window.DemoConfig;

  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

  function idList(items) {
    const ids = (Array.isArray(items) ? items : []).map((item) => item && item.id).filter((id) => typeof id === 'string');
    return ids.length > 3 ? `${ids.slice(0, 3).join(', ')}, …` : ids.join(', ');
  }

  function savedWhen(ms) {
    if (!ms) return '';
    return ` on ${new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}`;
  }

  // "your configuration from the rule studio: 1 segment (new_fans), 1 offer (fan_hero)"
  function describeOwn(own) {
    const segments = Array.isArray(own.config.segments) ? own.config.segments : [];
    const offers = Array.isArray(own.config.offers) ? own.config.offers : [];
    const from = own.source === 'studio' ? 'sent from the rule studio' : 'pasted here';
    return `your configuration, ${from}${savedWhen(own.savedAt)}: ` +
      `${plural(segments.length, 'segment')}${segments.length ? ` (${idList(segments)})` : ''}, ` +
      `${plural(offers.length, 'offer')}${offers.length ? ` (${idList(offers)})` : ''}.`;
  }

  function issueList(issues) {
    return el('ul', { class: 'config-issue-list' }, issues.map((i) => el('li', { class: 'config-issue', dataset: { code: i.code || '', path: i.path || '' } },
      el('code', {}, i.path || '(whole text)'), ' ', i.message)));
  }

  /** @returns {{ element: HTMLElement, badge: HTMLElement, widgetReady(widget): void, widgetFailed(): void }} */
  function create() {
    const own = config.active;
    const badge = el('p', { class: 'config-badge', id: 'config-badge', dataset: { active: own ? 'own' : 'catalogue' } },
      own ? 'Rules: your configuration' : 'Rules: the built-in catalogue');
    const activeLine = el('p', { class: 'config-active', id: 'config-active', dataset: { active: own ? 'own' : 'catalogue' } },
      'Active: ', own ? describeOwn(own) : 'the built-in catalogue.');
    const problem = el('div', { class: 'config-problem', id: 'config-problem', role: 'alert' });
    const paste = el('textarea', {
      id: 'config-paste', rows: '5', spellcheck: 'false', autocomplete: 'off',
      placeholder: '<script type="application/json" id="shopper-segments-config">…</script>'
    });
    const result = el('div', { class: 'config-result', id: 'config-result', role: 'status', 'aria-live': 'polite' });
    const apply = el('button', { type: 'button', class: 'panel-button primary', id: 'config-apply' }, 'Use this configuration');
    const reset = own
      ? el('button', { type: 'button', class: 'panel-button', id: 'config-reset' }, 'Back to the built-in catalogue')
      : null;

    function say(text, issues) {
      result.replaceChildren(el('p', { class: issues ? 'config-refused' : 'config-note' }, text), issues ? issueList(issues) : null);
    }

    apply.addEventListener('click', async () => {
      const extracted = config.configTextFrom(paste.value);
      if (!extracted.ok) {
        say('Not applied; the active configuration stays.', extracted.issues);
        return;
      }
      const widget = window.ShopperSegments;
      try {
        if (!widget || !widget.ready) throw new Error('no widget');
        await widget.ready;
      } catch (_) {
        say('Not applied: the widget is not running on this page, so nothing can check the configuration.', []);
        return;
      }
      // The widget's own validator: on issues the engine keeps the configuration it has.
      const checked = await widget.configure(extracted.text);
      if (!checked || !checked.ok) {
        const issues = (checked && checked.issues) || [];
        say(`Not applied: ${plural(issues.length, 'issue')}; the active configuration stays.`, issues);
        return;
      }
      if (!config.save(JSON.parse(extracted.text), 'pasted')) {
        say('Applied on this page only: the browser refused to store it, so other pages keep the previous configuration.');
        return;
      }
      // Reloading starts every slot from the new configuration: an offer the old one put on this
      // page would otherwise stay until another offer wins its slot.
      say('Applied. Reloading the page with it…');
      location.reload();
    });

    if (reset) {
      reset.addEventListener('click', () => {
        config.clear();
        location.reload();
      });
    }

    const element = el('section', { class: 'panel-section panel-config', id: 'own-config', 'aria-labelledby': 'own-config-title' },
      el('h3', { id: 'own-config-title' }, 'Use your own configuration'),
      activeLine,
      problem,
      el('label', { for: 'config-paste', class: 'config-label' },
        'Paste the embed snippet from the rule studio’s Publish tab, or the configuration JSON. It is checked by the widget before anything changes.'),
      paste,
      el('div', { class: 'config-buttons' }, apply, reset),
      result);

    return {
      element,
      badge,
      // The stored configuration went into the widget's queue before the first decision; now
      // the widget can say whether it took it.
      widgetReady(widget) {
        if (!own) {
          activeLine.replaceChildren('Active: the built-in catalogue', ` (${plural(widget.segments().length, 'segment')}).`);
          return;
        }
        const checked = config.check();
        if (checked && !checked.ok) {
          badge.textContent = 'Rules: the built-in catalogue (yours was refused)';
          badge.dataset.active = activeLine.dataset.active = 'refused';
          problem.replaceChildren(
            el('p', { class: 'config-refused' }, 'This widget refused your saved configuration, so the built-in catalogue is in use:'),
            issueList(checked.issues || []));
        }
      },
      widgetFailed() {
        if (own) problem.replaceChildren(el('p', { class: 'config-refused' }, 'The widget is not running, so no configuration is in use on this page.'));
      }
    };
  }

  window.PanelConfig = { create };
})();
