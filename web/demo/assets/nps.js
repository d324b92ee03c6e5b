// The small NPS question ("how likely are you to recommend us?", 0-10), sent as nps {score}.
(function () {
  'use strict';
  const { el, track } = window.Shop;
  const KEY = 'fernhill.npsAnswered';

  window.Shop.onReady(() => {
    const box = document.getElementById('nps');
    if (!box) return;
    let answered = null;
    try { answered = localStorage.getItem(KEY); } catch (_) { /* ask again */ }
    const thanks = (score) => el('p', { class: 'nps-thanks' },
      `Thanks for your ${score}/10! ${Number(score) >= 9 ? 'We are glad you like it here.' : 'We read every answer.'}`);
    if (answered !== null) { box.replaceChildren(el('h3', {}, 'Quick question'), thanks(answered)); return; }

    const buttons = el('div', { class: 'nps-scale', role: 'group', 'aria-label': 'Score from 0 to 10' },
      Array.from({ length: 11 }, (_, score) => el('button', {
        type: 'button', class: 'nps-score', dataset: { score: String(score) },
        onclick: () => {
          track('nps', { score });
          try { localStorage.setItem(KEY, String(score)); } catch (_) { /* fine */ }
          box.replaceChildren(el('h3', {}, 'Quick question'), thanks(score));
        }
      }, String(score))));
    box.replaceChildren(
      el('h3', {}, 'Quick question'),
      el('p', {}, 'How likely are you to recommend Fernhill to a friend?'),
      buttons,
      el('div', { class: 'nps-legend' }, el('span', {}, 'Not likely'), el('span', {}, 'Very likely')));
  });
})();
