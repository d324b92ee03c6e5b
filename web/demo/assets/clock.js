// The demo's clock: a stored offset added to the real time, so a visitor can "come back in 3 days"
// without waiting. assets/shop.js hands it to the widget as soon as the widget script has run,
// before the widget's engine has started, so every event of the page carries the shifted time.
(function () {
  'use strict';
  const KEY = 'fernhill.clockOffset';

  function readOffset() {
    try {
      const value = Number(localStorage.getItem(KEY));
      return Number.isFinite(value) && value > 0 ? value : 0;
    } catch (_) {
      return 0; // storage blocked: the clock simply runs in real time
    }
  }

  let offset = readOffset();

  const DemoClock = {
    offset() { return offset; },
    now() { return Date.now() + offset; },
    // Moves the clock forward for this page and every later page load.
    jump(ms) {
      offset += ms;
      try { localStorage.setItem(KEY, String(offset)); } catch (_) { /* memory only */ }
      DemoClock.applyToWidget();
    },
    reset() {
      offset = 0;
      try { localStorage.removeItem(KEY); } catch (_) { /* nothing stored */ }
      DemoClock.applyToWidget();
    },
    // Hands the clock to the widget (ShopperSegments.setClock(fn), read on every engine call).
    // The guard keeps the shop working with a widget build that lacks it; the clock then stays real.
    applyToWidget() {
      const widget = window.ShopperSegments;
      if (widget && typeof widget.setClock === 'function') {
        widget.setClock(offset ? DemoClock.now : null);
        return true;
      }
      return false;
    },
    describe() {
      if (!offset) return 'real time';
      const hours = offset / 3600000;
      if (hours < 48) return `+${Math.round(hours * 10) / 10} h`;
      return `+${Math.round(hours / 24 * 10) / 10} days`;
    }
  };

  window.DemoClock = DemoClock;
})();
