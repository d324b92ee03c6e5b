// Durations for the simulator's clock buttons, and how simulated time is shown.

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const CLOCK_STEPS = [
  ['+1 hour', HOUR],
  ['+1 day', DAY],
  ['+3 days', 3 * DAY],
  ['+30 days', 30 * DAY],
  ['+100 days', 100 * DAY],
];

/** A journey starts on a fixed morning so results do not depend on when the studio is opened. */
export function journeyStart(realNow = Date.now()) {
  const d = new Date(realNow);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 9, 0, 0);
}

/** "day 3, 14:05 (Tue 25 Nov 2026 14:05 UTC)" relative to the journey's start. */
export function formatSimTime(at, start) {
  const day = Math.floor((at - start) / DAY) + 1;
  const d = new Date(at);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `day ${day}, ${hh}:${mm}`;
}

export function formatAbsolute(at) {
  return new Date(at).toUTCString().replace(':00 GMT', ' UTC');
}

export function formatSpan(ms) {
  if (ms % DAY === 0) return `${ms / DAY} day${ms === DAY ? '' : 's'}`;
  if (ms % HOUR === 0) return `${ms / HOUR} hour${ms === HOUR ? '' : 's'}`;
  return `${Math.round(ms / MINUTE)} min`;
}
