// Suggestion lists shared by every form control (one <datalist> each, made once per page), so
// typing an event, a field, a window or a trait offers the language's words without limiting them.
import { h } from './dom.js';
import { EVENTS, EVENT_FIELDS, TRAITS, CONTEXT_KEYS } from './vocabulary.js';

const WINDOWS = ['session', '30m', '1h', '24h', '3d', '7d', '14d', '30d', '60d', '90d', '180d', '365d', 'lifetime'];
const DURATIONS = ['10m', '30m', '1h', '12h', '1d', '3d', '7d', '14d', '30d', '60d', '90d', '180d'];

export function datalists(segmentIds = [], slots = []) {
  const allFields = [...new Set(Object.values(EVENT_FIELDS).flat())];
  return h('div', { hidden: true, id: 'studio-datalists' },
    h('datalist', { id: 'events-list' }, EVENTS.map(([v, label]) => h('option', { value: v }, label))),
    h('datalist', { id: 'windows-list' }, WINDOWS.map((v) => h('option', { value: v }))),
    h('datalist', { id: 'durations-list' }, DURATIONS.map((v) => h('option', { value: v }))),
    h('datalist', { id: 'traits-list' }, TRAITS.map((v) => h('option', { value: v }))),
    h('datalist', { id: 'context-list' }, CONTEXT_KEYS.map((v) => h('option', { value: v }))),
    h('datalist', { id: 'fields-any' }, allFields.map((v) => h('option', { value: v }))),
    Object.entries(EVENT_FIELDS).map(([event, fields]) =>
      h('datalist', { id: `fields-${event}` }, fields.map((v) => h('option', { value: v })))),
    h('datalist', { id: 'segments-list' }, segmentIds.map((v) => h('option', { value: v }))),
    h('datalist', { id: 'slots-list' }, slots.map((v) => h('option', { value: v }))),
  );
}
