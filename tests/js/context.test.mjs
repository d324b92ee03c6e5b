// The browser context the widget reads (web/src/context.mjs): the time zone from Temporal when the
// browser has it (under a millisecond) and from Intl otherwise (25 to 90 ms on a page's first call).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { browserTimeZone, timeZoneIsCheap } from '../../web/src/context.mjs';

const intlSaying = (zone) => ({ DateTimeFormat: () => ({ resolvedOptions: () => ({ timeZone: zone }) }) });

test('the time zone comes from Temporal when the browser has it, without asking Intl', () => {
  let intlAsked = 0;
  const win = {
    Temporal: { Now: { timeZoneId: () => 'Europe/Berlin' } },
    Intl: { DateTimeFormat: () => { intlAsked += 1; return { resolvedOptions: () => ({ timeZone: 'Asia/Tokyo' }) }; } },
  };
  assert.equal(timeZoneIsCheap(win), true);
  assert.equal(browserTimeZone(win), 'Europe/Berlin');
  assert.equal(intlAsked, 0);
});

test('without Temporal, or when it fails or says nothing, Intl answers; with neither there is no zone', () => {
  assert.equal(timeZoneIsCheap({ Intl: intlSaying('America/Chicago') }), false);
  assert.equal(browserTimeZone({ Intl: intlSaying('America/Chicago') }), 'America/Chicago');
  const failing = { Temporal: { Now: { timeZoneId: () => { throw new RangeError('no zone'); } } }, Intl: intlSaying('Asia/Tokyo') };
  assert.equal(browserTimeZone(failing), 'Asia/Tokyo');
  assert.equal(browserTimeZone({ Temporal: { Now: { timeZoneId: () => '' } }, Intl: intlSaying('Asia/Tokyo') }), 'Asia/Tokyo');
  assert.equal(browserTimeZone({ Temporal: {}, Intl: intlSaying('') }), null);
  assert.equal(browserTimeZone({ Intl: { DateTimeFormat: () => { throw new Error('no Intl'); } } }), null);
});
