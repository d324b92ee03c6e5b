// Page engagement as events: `scroll` at 25/50/75/90 percent of the page, `engagement` after
// 10/30/60/120/300 seconds of visible time, and one `exit_intent` per page: when the pointer leaves
// through the top of the window, or, on a touch screen (which has no pointer to leave with), when
// the visitor who has read down the page flicks fast back up towards the browser's address and
// tab bar. Touch screens get that one signal because it is what a leaving thumb does and it takes
// nothing from the visitor: no trapped back button (history tricks are hostile), no firing on a
// tab switch or on idle time (someone reading or away has not chosen to leave). Each fires at
// most once per page. docs/RULES.md "Exit intent" has the numbers.

const SCROLL_MARKS = [25, 50, 75, 90];
const SECONDS_MARKS = [10, 30, 60, 120, 300];
// A flick back up: at least FLICK_PX scrolled upwards at FLICK_SPEED px/ms or faster (measured
// between scroll samples), by a visitor who first read at least one screen down.
export const FLICK_PX = 200;
export const FLICK_SPEED = 1.5;

/**
 * @param {Window} win
 * @param {(type: string, fields: object) => void} track
 * @param {() => void} onExitIntent
 */
export function startEngagement(win, track, onExitIntent) {
  const doc = win.document;
  let scrollIndex = 0;
  let scrollQueued = false;
  const touch = (win.navigator && win.navigator.maxTouchPoints > 0) || 'ontouchstart' in win;
  let deepest = 0;
  let last = null;  // the previous scroll sample: { y, at }
  let flick = 0;    // pixels scrolled up fast, in a row
  const onScroll = () => {
    if (touch && !exited) flickSample(win.scrollY, win.performance.now());
    if (scrollQueued) return;
    scrollQueued = true;
    win.requestAnimationFrame(() => {
      scrollQueued = false;
      const height = doc.documentElement.scrollHeight;
      const percent = height > 0 ? ((win.scrollY + win.innerHeight) / height) * 100 : 100;
      while (scrollIndex < SCROLL_MARKS.length && percent >= SCROLL_MARKS[scrollIndex]) {
        track('scroll', { percent: SCROLL_MARKS[scrollIndex] });
        scrollIndex += 1;
      }
    });
  };
  win.addEventListener('scroll', onScroll, { passive: true });

  // Visible time: performance.now() is a duration source, not a clock the engine sees.
  let visibleMs = 0;
  let visibleSince = doc.visibilityState === 'visible' ? win.performance.now() : null;
  let secondsIndex = 0;
  let timer = null;
  const visibleSeconds = () => (visibleMs + (visibleSince === null ? 0 : win.performance.now() - visibleSince)) / 1000;
  const schedule = () => {
    win.clearTimeout(timer);
    if (visibleSince === null || secondsIndex >= SECONDS_MARKS.length) return;
    const wait = (SECONDS_MARKS[secondsIndex] - visibleSeconds()) * 1000;
    timer = win.setTimeout(() => {
      track('engagement', { seconds: SECONDS_MARKS[secondsIndex] });
      secondsIndex += 1;
      schedule();
    }, Math.max(0, wait));
  };
  const onVisibility = () => {
    if (doc.visibilityState === 'visible') {
      if (visibleSince === null) visibleSince = win.performance.now();
    } else if (visibleSince !== null) {
      visibleMs += win.performance.now() - visibleSince;
      visibleSince = null;
    }
    schedule();
  };
  doc.addEventListener('visibilitychange', onVisibility);
  schedule();

  let exited = false;
  const exit = (signal) => {
    exited = true;
    track('exit_intent', { seconds: Math.round(visibleSeconds()), signal });
    onExitIntent();
  };
  const onMouseOut = (event) => {
    if (exited || event.relatedTarget !== null || event.clientY > 0) return;
    exit('pointer');
  };
  function flickSample(y, at) {
    deepest = Math.max(deepest, y);
    if (last !== null && y < last.y && at > last.at && (last.y - y) / (at - last.at) >= FLICK_SPEED) flick += last.y - y;
    else flick = 0;  // down, still, or up slowly: reading, not leaving
    last = { y, at };
    if (flick >= FLICK_PX && deepest >= win.innerHeight) exit('fast_scroll_up');
  }
  doc.addEventListener('mouseout', onMouseOut);

  return () => {
    win.removeEventListener('scroll', onScroll);
    doc.removeEventListener('visibilitychange', onVisibility);
    doc.removeEventListener('mouseout', onMouseOut);
    win.clearTimeout(timer);
  };
}
