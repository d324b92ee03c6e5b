// The form for the config's settings (docs/RULES.md: session timeout, state TTL, control group, salt).
import { h, field } from './dom.js';
import { join } from './pointer.js';
import { parseNumber, parseDuration } from './form-values.js';
import { storeDurationsCanonically } from './language.js';

export function settingsEditor(config, ctx) {
  const pointer = '/settings';
  const settings = config.settings && typeof config.settings === 'object' ? config.settings : {};
  const input = (key, parse, attrs, label, hint) => {
    const el = h('input', { 'data-path': join(pointer, key), 'data-role': key, ...attrs });
    el.value = settings[key] === undefined ? '' : String(settings[key]);
    el.addEventListener('input', () => {
      if (!config.settings || typeof config.settings !== 'object') config.settings = settings;
      if (el.value.trim() === '') delete config.settings[key]; else config.settings[key] = parse(el.value);
      if (Object.keys(config.settings).length === 0) delete config.settings;
      ctx.commit(false);
    });
    if (parse === parseDuration) storeDurationsCanonically(el);
    return field(label, el, hint);
  };
  return h('form', { class: 'editor settings-editor', 'data-path': pointer, onsubmit: (e) => e.preventDefault(), 'aria-label': 'settings' },
    h('h2', {}, 'Settings'),
    input('session_timeout', parseDuration, { size: 8, list: 'durations-list', placeholder: '30m' }, 'new session after idle time', 'default 30m'),
    input('state_ttl', parseDuration, { size: 8, list: 'durations-list', placeholder: '365d' }, 'forget a visitor’s state after', 'default 365d'),
    input('control_group', parseNumber, { size: 6, inputmode: 'decimal', placeholder: '0' }, 'control group share (0 to 1)', 'these visitors never see an offer, to measure the effect'),
    input('salt', (v) => v, { size: 16 }, 'salt for the holdout hash', 'change it to reshuffle who is held out'));
}
