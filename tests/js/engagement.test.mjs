// Exit intent on touch screens (web/src/engagement.mjs): a visitor who read down the page and
// flicks fast back up fires one `exit_intent` (signal fast_scroll_up); scrolling up slowly, a
// short flick, a flick before reading a screen, or a device without touch does not. A fake window
// drives the scroll samples with chosen times, so nothing here depends on a real clock.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { FLICK_PX, FLICK_SPEED, startEngagement } from '../../web/src/engagement.mjs';

function fakeWindow({ touch = true } = {}) {
  const listeners = {};
  const docListeners = {};
  const win = {
    scrollY: 0, innerHeight: 800, now: 0,
    navigator: { maxTouchPoints: touch ? 5 : 0 },
    performance: { now: () => win.now },
    requestAnimationFrame: (fn) => fn(),
    setTimeout: () => 0, clearTimeout: () => {},
    addEventListener: (type, fn) => { listeners[type] = fn; },
    removeEventListener: () => {},
    document: {
      visibilityState: 'visible', documentElement: { scrollHeight: 5000 },
      addEventListener: (type, fn) => { docListeners[type] = fn; }, removeEventListener: () => {},
    },
    // Scrolls to `y` at time `at` (ms), one scroll event.
    scrollTo(y, at) { win.scrollY = y; win.now = at; listeners.scroll(); },
    mouseOut(event) { docListeners.mouseout(event); },
  };
  return win;
}

function run(win) {
  const events = [];
  let exits = 0;
  startEngagement(win, (type, fields) => events.push({ type, fields }), () => { exits += 1; });
  return { exitEvents: () => events.filter((e) => e.type === 'exit_intent'), exits: () => exits };
}

// Scrolls from `from` to `to` in steps of `step` px every `ms` milliseconds, starting at `at`.
function glide(win, from, to, step, ms, at) {
  let y = from;
  let t = at;
  const dir = Math.sign(to - from);
  while (y !== to) {
    y = dir > 0 ? Math.min(to, y + step) : Math.max(to, y - step);
    t += ms;
    win.scrollTo(y, t);
  }
  return t;
}

test('a fast flick back up after reading down the page is an exit intent, once', () => {
  const win = fakeWindow();
  const seen = run(win);
  let t = glide(win, 0, 2000, 50, 100, 0);  // reading down: 0.5 px/ms
  assert.equal(seen.exits(), 0);
  t = glide(win, 2000, 1000, 60, 16, t + 500);  // a flick: 3.75 px/ms, 1000 px
  assert.equal(seen.exits(), 1);
  assert.deepEqual(seen.exitEvents().map((e) => e.fields.signal), ['fast_scroll_up']);
  glide(win, 1000, 0, 60, 16, t + 500);  // another flick on the same page: nothing more
  assert.equal(seen.exits(), 1);
});

test('scrolling up slowly, a short flick, or a flick before a screen was read is not', () => {
  let win = fakeWindow();
  let seen = run(win);
  let t = glide(win, 0, 3000, 50, 100, 0);
  glide(win, 3000, 0, 40, 100, t + 500);  // 0.4 px/ms all the way to the top
  assert.equal(seen.exits(), 0, 'slow');

  win = fakeWindow();
  seen = run(win);
  t = glide(win, 0, 3000, 50, 100, 0);
  t = glide(win, 3000, 3000 - (FLICK_PX - 20), 30, 10, t + 500);  // fast but short
  t = glide(win, win.scrollY, win.scrollY + 100, 50, 100, t + 500);  // then down again: the run ends
  glide(win, win.scrollY, win.scrollY - (FLICK_PX - 20), 30, 10, t + 500);
  assert.equal(seen.exits(), 0, 'short flicks do not add up across a pause downwards');

  win = fakeWindow();
  seen = run(win);
  t = glide(win, 0, 600, 50, 100, 0);  // less than a screen (800 px) read
  glide(win, 600, 0, 60, 16, t + 500);
  assert.equal(seen.exits(), 0, 'before a screen was read');
});

test('the flick speed is a threshold: just below it is reading, just above it is leaving', () => {
  const below = fakeWindow();
  const seenBelow = run(below);
  let t = glide(below, 0, 3000, 50, 100, 0);
  glide(below, 3000, 2000, 20, 20 / (FLICK_SPEED * 0.9), t + 500);
  assert.equal(seenBelow.exits(), 0);
  const above = fakeWindow();
  const seenAbove = run(above);
  t = glide(above, 0, 3000, 50, 100, 0);
  glide(above, 3000, 2000, 20, 20 / (FLICK_SPEED * 1.1), t + 500);
  assert.equal(seenAbove.exits(), 1);
});

test('without touch only the pointer leaving through the top is an exit intent', () => {
  const win = fakeWindow({ touch: false });
  const seen = run(win);
  const t = glide(win, 0, 3000, 50, 100, 0);
  glide(win, 3000, 0, 60, 16, t + 500);
  assert.equal(seen.exits(), 0);
  win.mouseOut({ relatedTarget: null, clientY: 200 });
  assert.equal(seen.exits(), 0, 'leaving through the side');
  win.mouseOut({ relatedTarget: null, clientY: -2 });
  assert.deepEqual(seen.exitEvents().map((e) => e.fields.signal), ['pointer']);
});
