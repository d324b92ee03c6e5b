// The widget's settings: attributes of its <script> tag win over the configuration's `web` object.
//   data-config="URL"            configuration to fetch (else the inline JSON, else the built-in catalogue)
//   data-consent="required"      keep nothing until ShopperSegments.consent(true)
//   data-datalayer               forward GA4 e-commerce pushes from window.dataLayer   (web.dataLayer)
//   data-why                     offer a "why am I seeing this?" note under offers      (web.why)
//   data-privacy="session|memory|ignore"  what GPC / Do-Not-Track mean; default session (web.privacy)
//   data-storage-key="KEY"       the localStorage key                                   (web.storageKey)
//   data-auto-track="false"      no [data-seg-track] or engagement events               (web.autoTrack)

const PRIVACY_MODES = new Set(['session', 'memory', 'ignore']);

function flag(script, name, fallback) {
  if (!script || !script.hasAttribute(name)) return fallback;
  const value = script.getAttribute(name).trim().toLowerCase();
  return value !== 'false' && value !== '0' && value !== 'off';
}

/** @param {HTMLScriptElement | null} script @param {object | null} config */
export function widgetSettings(script, config) {
  const web = (config && typeof config.web === 'object' && config.web) || {};
  const attribute = (name) => (script && script.getAttribute(name)) || null;
  const privacy = attribute('data-privacy') || web.privacy;
  return {
    consentRequired: attribute('data-consent') === 'required' || web.consent === 'required',
    dataLayer: flag(script, 'data-datalayer', web.dataLayer === true),
    why: flag(script, 'data-why', web.why === true),
    privacy: PRIVACY_MODES.has(privacy) ? privacy : 'session',
    storageKey: attribute('data-storage-key') || (typeof web.storageKey === 'string' ? web.storageKey : undefined),
    autoTrack: flag(script, 'data-auto-track', web.autoTrack !== false),
  };
}

/** The configuration: data-config URL, inline JSON, or null for the built-in catalogue. */
export async function loadConfig(doc, script, catalogUrl) {
  const url = script && script.getAttribute('data-config');
  const inline = url ? null : doc.getElementById('shopper-segments-config');
  if (inline) return inline.textContent;
  // data-config, else the built-in catalogue beside the script.
  const source = url ? new URL(url, doc.baseURI) : catalogUrl;
  const response = await fetch(source, { credentials: 'same-origin' });
  if (!response.ok) throw new Error('could not load the configuration ' + (url || source) + ' (HTTP ' + response.status + ')');
  return response.text();
}

export function parseConfigLoosely(text) {
  try {
    return typeof text === 'string' ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
