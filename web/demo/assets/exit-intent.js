// The exit-intent overlay is the [data-seg-slot="exit_intent"] element itself: the widget fills it
// and un-hides it when the pointer leaves the window and an offer wins. This adds the usual ways
// to close a modal (backdrop click, Escape) and routes them through the offer's own dismiss
// button, so the widget records the dismissal for its caps.
(function () {
  'use strict';

  window.Shop.onReady(() => {
    const overlay = document.querySelector('.exit-overlay[data-seg-slot="exit_intent"]');
    if (!overlay) return;
    function close() {
      if (overlay.hidden) return;
      const dismiss = overlay.querySelector('[data-seg-dismiss]');
      if (dismiss) dismiss.click();
      else overlay.hidden = true;
    }
    overlay.addEventListener('click', (event) => { if (event.target === overlay) close(); });
    document.addEventListener('keydown', (event) => { if (event.key === 'Escape') close(); });
  });
})();
