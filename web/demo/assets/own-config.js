// The shop owner's own configuration for this demo: pasted in the side panel (the studio's embed
// snippet or bare config JSON) or handed over by the studio's "Open in the demo store" button.
// It lives under one localStorage key and is applied on every page before the widget's first
// decision. Pasted text is only ever read as text: the config block is cut out of the snippet by
// string search, never parsed or inserted as HTML.
//
// Stored value (the studio writes the same shape, web/studio/demo-store-link.js):
//   { "version": 1, "source": "pasted" | "studio", "savedAt": ms, "config": { ...config... } }
(function () {
  'use strict';
  const KEY = 'fernhill.config';
  const CONFIG_ID = 'shopper-segments-config';

  function issue(code, message) {
    return { code, path: '', message };
  }

  // "<script ... id="shopper-segments-config" ...>" in any attribute order and quoting.
  const SCRIPT_OPEN = /<script\b([^>]*)>/gi;
  const CONFIG_ID_ATTRIBUTE = new RegExp(`(?:^|\\s)id\\s*=\\s*(["']?)${CONFIG_ID}\\1(?=[\\s/>]|$)`, 'i');
  const SCRIPT_CLOSE = /<\/script/i;
  const DATA_CONFIG = /\bdata-config\s*=\s*(["'])(.*?)\1/i;

  /**
   * The config JSON text inside pasted text: the inline block of an embed snippet, or the text
   * itself when it is not a snippet. JSON syntax is left to the widget's validator, whose
   * sentence names the place.
   * @returns {{ ok: true, text: string } | { ok: false, issues: Array<{code, path, message}> }}
   */
  function configTextFrom(pasted) {
    const text = String(pasted == null ? '' : pasted).trim();
    if (text === '') {
      return { ok: false, issues: [issue('empty', 'Nothing pasted: paste the embed snippet from the rule studio, or the configuration JSON.')] };
    }
    // Bare JSON (its strings may well mention "<script"), or text that is no snippet at all.
    if (text[0] === '{' || text[0] === '[' || !/<script\b/i.test(text)) return { ok: true, text };
    SCRIPT_OPEN.lastIndex = 0;
    let match;
    while ((match = SCRIPT_OPEN.exec(text)) !== null) {
      if (!CONFIG_ID_ATTRIBUTE.test(match[1])) continue;
      // A script's text ends at the first "</script" (as in the browser); the studio writes every
      // "<" inside the JSON as \u003c, so the JSON never contains one.
      const rest = text.slice(match.index + match[0].length);
      const close = rest.search(SCRIPT_CLOSE);
      if (close < 0) {
        return { ok: false, issues: [issue('snippet_unclosed', `The <script id="${CONFIG_ID}"> block is not closed by </script>: was the snippet cut short?`)] };
      }
      const json = rest.slice(0, close).trim();
      if (json === '') return { ok: false, issues: [issue('empty', `The <script id="${CONFIG_ID}"> block is empty.`)] };
      return { ok: true, text: json };
    }
    const url = DATA_CONFIG.exec(text);
    if (url) {
      return { ok: false, issues: [issue('config_by_url', `This snippet loads its configuration from ${url[2]} (data-config); paste that file's JSON, or the studio's snippet with the configuration inside.`)] };
    }
    return { ok: false, issues: [issue('no_config_in_snippet', `The snippet has no <script type="application/json" id="${CONFIG_ID}"> block, so it uses the built-in catalogue: paste the studio's snippet, or the configuration JSON.`)] };
  }

  /** The stored configuration, or null (absent, unreadable or not of this shape). */
  function read() {
    try {
      const stored = JSON.parse(localStorage.getItem(KEY));
      if (!stored || typeof stored !== 'object' || !stored.config || typeof stored.config !== 'object' || Array.isArray(stored.config)) return null;
      return {
        config: stored.config,
        source: stored.source === 'studio' ? 'studio' : 'pasted',
        savedAt: Number.isFinite(stored.savedAt) ? stored.savedAt : null
      };
    } catch (_) {
      return null;
    }
  }

  /** @returns {boolean} false when the browser refused to store it (full or blocked) */
  function save(config, source) {
    try {
      localStorage.setItem(KEY, JSON.stringify({ version: 1, source, savedAt: Date.now(), config }));
      return true;
    } catch (_) {
      return false;
    }
  }

  function clear() {
    try { localStorage.removeItem(KEY); } catch (_) { /* nothing stored */ }
  }

  const active = read();

  // The widget script ran just before this one (both deferred, in order) and its engine is not
  // started yet, so this call waits in the widget's queue and runs before the first decision and
  // before any event of the page. The queued call returns a Promise of { ok, issues }; the panel
  // asks again once the widget is ready (DemoConfig.check, synchronous) to say whether it was taken.
  const widget = window.ShopperSegments;
  if (active && widget && typeof widget.configure === 'function') widget.configure(active.config);

  /** Once the widget runs: did it accept the stored configuration? { ok, issues } or null (none). */
  function check() {
    if (!active) return null;
    const w = window.ShopperSegments;
    if (!w || typeof w.configure !== 'function') return { ok: false, issues: [issue('no_widget', 'The widget is not running on this page.')] };
    // The same configuration again: the engine compiles it once more and keeps the visitor.
    return w.configure(active.config) || { ok: false, issues: [issue('not_ready', 'The widget is not ready yet.')] };
  }

  window.DemoConfig = { KEY, configTextFrom, read, save, clear, check, active };
})();
