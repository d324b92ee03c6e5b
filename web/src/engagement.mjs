// Page engagement as events: `scroll` at 25/50/75/90 percent of the page, `engagement` after
// 10/30/60/120/300 seconds of visible time, and one `exit_intent` when the pointer leaves through
// the top of the window. Each fires at most once per page.

const SCROLL_MARKS = [25, 50, 75, 90];
const SECONDS_MARKS = [10, 30, 60, 120, 300];

/**
 * @param {Window} win
 * @param {(type: string, fields: object) => void} track
 * @param {() => void} onExitIntent
 */
export function startEngagement(win, track, onExitIntent) {
  const doc = win.document;
  let scrollIndex = 0;
  let scrollQueued = false;
  const onScroll = () => {
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
  const onMouseOut = (event) => {
    if (exited || event.relatedTarget !== null || event.clientY > 0) return;
    exited = true;
    track('exit_intent', { seconds: Math.round(visibleSeconds()) });
    onExitIntent();
  };
  doc.addEventListener('mouseout', onMouseOut);

  return () => {
    win.removeEventListener('scroll', onScroll);
    doc.removeEventListener('visibilitychange', onVisibility);
    doc.removeEventListener('mouseout', onMouseOut);
    win.clearTimeout(timer);
  };
}
