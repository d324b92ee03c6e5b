// Studio -> demo store in one click: the working config goes under the demo store's own
// localStorage key (same origin, scripts/demo serves both), and the store applies it on every page
// before the widget's first decision. The key and the stored shape are the demo's
// (web/demo/assets/own-config.js); both sides are checked together by tests/browser/demo-config.test.mjs.

export const DEMO_CONFIG_KEY = 'fernhill.config';

/** The demo store's home page, beside the studio's folder (/studio/ -> /index.html). */
export function demoStoreUrl(studioHref = location.href) {
  return new URL('../index.html', studioHref).href;
}

/**
 * Stores `config` for the demo store. Returns an issue when the browser refuses (full, blocked).
 * @returns {{ ok: true } | { ok: false, issues: Array<{code: string, path: string, message: string}> }}
 */
export function sendToDemoStore(config, storage = globalThis.localStorage) {
  try {
    storage.setItem(DEMO_CONFIG_KEY, JSON.stringify({ version: 1, source: 'studio', savedAt: Date.now(), config }));
    return { ok: true };
  } catch (error) {
    return { ok: false, issues: [{ code: 'storage_failed', path: '', message: `The browser refused to store the configuration for the demo store (${error.name}).` }] };
  }
}
