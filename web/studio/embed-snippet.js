// The ready-to-paste embed snippet: the config inline as <script type="application/json"> and the
// script tag. Every "<" in the JSON is written as \u003c, so no text in the config (an offer body
// containing "</script>") can end the inline block early; JSON.parse reads it back unchanged.

export function embedSnippet(config, scriptUrl = '/shopper-segments.js') {
  const json = JSON.stringify(config, null, 2).replace(/</g, '\\u003c');
  const src = String(scriptUrl).replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' }[c]));
  return `<script type="application/json" id="shopper-segments-config">\n${json}\n</script>\n<script src="${src}" defer></script>\n`;
}
