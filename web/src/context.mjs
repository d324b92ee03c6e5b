// What the browser itself says about this visit, under the context names of docs/RULES.md.

/** True when the visitor asked not to be tracked (Global Privacy Control or Do-Not-Track). */
export function privacySignals(win) {
  const nav = win.navigator || {};
  const gpc = nav.globalPrivacyControl === true;
  const dnt = nav.doNotTrack === '1' || nav.doNotTrack === 'yes' || win.doNotTrack === '1';
  return { gpc, dnt };
}

/**
 * Everything but the IANA time zone (see browserTimeZone).
 * @param {Window} win @param {number} now
 */
export function browserContext(win, now) {
  const nav = win.navigator || {};
  const context = {};
  const locale = typeof nav.language === 'string' ? nav.language : '';
  if (locale) {
    context.locale = locale;
    const parts = locale.split('-');
    context.language = parts[0].toLowerCase();
    const region = parts.slice(1).find((p) => /^[A-Za-z]{2}$/.test(p));
    if (region) context.country = region.toUpperCase();
  }
  context.tz_offset = -new Date(now).getTimezoneOffset();
  if (win.screen && win.screen.width) context.screen_width = win.screen.width;
  const referrer = win.document ? win.document.referrer : '';
  if (referrer) {
    context.referrer = referrer;
    try {
      context.referrer_host = new URL(referrer).hostname;
    } catch {
      // An unparsable referrer keeps only its text.
    }
  }
  const params = new URLSearchParams(win.location ? win.location.search : '');
  for (const name of ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content']) {
    const value = params.get(name);
    if (value) context[name] = value;
  }
  const signals = privacySignals(win);
  context.gpc = signals.gpc;
  context.dnt = signals.dnt;
  return context;
}

/**
 * The IANA time zone (context `timezone`), or null. Temporal answers in under a millisecond; the
 * Intl lookup, where there is no Temporal, loads Intl's zone data on every page: 25 to 90 ms in
 * headless Chromium here, so the widget then asks only when a rule needs it (timeZoneIsCheap).
 * @param {any} win the page's global object (window)
 */
export function browserTimeZone(win = globalThis) {
  if (timeZoneIsCheap(win)) {
    try {
      const zone = win.Temporal.Now.timeZoneId();
      if (typeof zone === 'string' && zone !== '') return zone;
    } catch {
      // A Temporal that fails falls back to Intl.
    }
  }
  try {
    return ((win && win.Intl) || Intl).DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;  // no Intl time zone: the rules simply see no timezone
  }
}

/** True when the browser can tell its time zone without Intl's slow first lookup. */
export function timeZoneIsCheap(win = globalThis) {
  const temporal = win && win.Temporal;
  return Boolean(temporal && temporal.Now && typeof temporal.Now.timeZoneId === 'function');
}
