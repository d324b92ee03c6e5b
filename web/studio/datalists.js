// Suggestion lists shared by every form control (one <datalist> each, made once per page), so
// typing an event, a field, a window or a trait offers the language's words (from the toolkit's
// language descriptor) without limiting them.
import { h } from './dom.js';
import { language } from './language.js';

// Spans worth suggesting; the named windows ("session", "lifetime") come from the language.
const SPANS = ['30m', '1h', '24h', '3d', '7d', '14d', '30d', '60d', '90d', '180d', '365d'];
const DURATIONS = ['10m', '30m', '1h', '12h', '1d', '3d', '7d', '14d', '30d', '60d', '90d', '180d'];

const options = (entries) => entries.map(({ key, label }) => h('option', { value: key }, label === key ? null : label));

export function datalists(segmentIds = [], slots = []) {
  const { events, fields, traits, context, windows } = language();
  return h('div', { hidden: true, id: 'studio-datalists' },
    h('datalist', { id: 'events-list' }, options(events)),
    h('datalist', { id: 'windows-list' }, options(windows), SPANS.map((v) => h('option', { value: v }))),
    h('datalist', { id: 'durations-list' }, DURATIONS.map((v) => h('option', { value: v }))),
    h('datalist', { id: 'traits-list' }, options(traits)),
    h('datalist', { id: 'context-list' }, options(context)),
    h('datalist', { id: 'fields-any' }, options(fields)),
    events.filter((e) => e.fields.length).map((e) =>
      h('datalist', { id: `fields-${e.key}` }, e.fields.map((v) => h('option', { value: v })))),
    h('datalist', { id: 'segments-list' }, segmentIds.map((v) => h('option', { value: v }))),
    h('datalist', { id: 'slots-list' }, slots.map((v) => h('option', { value: v }))),
  );
}
