// The exit-intent overlay. The widget sends exit_intent and fills the [data-seg-slot="exit_intent"]
// slot; this script only opens the overlay around it when the pointer leaves through the top of
// the window and the slot holds an offer, at most once per browser session.
(function () {
  'use strict';
  const SHOWN_KEY = 'fernhill.exitShown';

  function alreadyShown() {
    try { return sessionStorage.getItem(SHOWN_KEY) === '1'; } catch (_) { return false; }
  }

  document.addEventListener('DOMContentLoaded', () => {
    const overlay = document.getElementById('exit-overlay');
    if (!overlay) return;
    const slot = overlay.querySelector('[data-seg-slot="exit_intent"]');
    let waiting = false;

    const hasOffer = () => slot.childElementCount > 0 || slot.textContent.trim() !== '';
    function open() {
      if (!waiting || !hasOffer() || alreadyShown()) return;
      waiting = false;
      overlay.hidden = false;
      try { sessionStorage.setItem(SHOWN_KEY, '1'); } catch (_) { /* once per page then */ }
    }
    function close() { overlay.hidden = true; }

    document.addEventListener('mouseout', (event) => {
      if (event.relatedTarget || event.clientY > 0 || alreadyShown()) return;
      waiting = true;
      open();
      // The widget may fill the slot in reaction to this very exit: look again shortly.
      setTimeout(open, 150);
    });
    document.addEventListener('shopper-segments:offer', () => setTimeout(open, 0));
    overlay.addEventListener('click', (event) => { if (event.target === overlay) close(); });
    document.getElementById('exit-close').addEventListener('click', close);
    document.addEventListener('keydown', (event) => { if (event.key === 'Escape') close(); });
    slot.addEventListener('click', (event) => { if (event.target.closest('a')) close(); });
  });
})();
