// The widget's settings: attributes of its <script> tag win over the configuration's `web` object.
//   data-program="URL"           the compiled program to fetch (else an inline one, else data-config)
//   data-program-integrity="sha384-..."  its Subresource Integrity hash (the studio's snippet has it)
//   data-config="URL"            JSON configuration to fetch and compile in the page (else the inline
//                                JSON, else the built-in catalogue's program)
//   data-consent="required"      keep nothing until ShopperSegments.consent(true)
//   data-datalayer               forward GA4 e-commerce pushes from window.dataLayer   (web.dataLayer)
//   data-report="datalayer"      push GA4 view_promotion / select_promotion and a holdout event
//                                for shown, clicked and held-out offers to window.dataLayer (web.report)
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
    report: (attribute('data-report') || web.report) === 'datalayer' ? 'datalayer' : null,
    privacy: PRIVACY_MODES.has(privacy) ? privacy : 'session',
    storageKey: attribute('data-storage-key') || (typeof web.storageKey === 'string' ? web.storageKey : undefined),
    autoTrack: flag(script, 'data-auto-track', web.autoTrack !== false),
  };
}

/**
 * What the page runs: {program: Uint8Array} (data-program, an inline program, or the built-in
 * catalogue's program beside the script), or {configText} (data-config, inline JSON) to compile.
 */
export async function loadProgramSource(doc, script, catalogProgramUrl) {
  const programUrl = script && script.getAttribute('data-program');
  // data-program-integrity ("sha384-..."): the browser refuses a program whose bytes differ.
  const integrity = (script && script.getAttribute('data-program-integrity')) || undefined;
  if (programUrl) return { program: await fetchBytes(new URL(programUrl, doc.baseURI), 'program', integrity) };
  const inlineProgram = doc.getElementById('shopper-segments-program');
  if (inlineProgram) return { program: fromBase64(inlineProgram.textContent) };
  const url = script && script.getAttribute('data-config');
  const inline = url ? null : doc.getElementById('shopper-segments-config');
  if (inline) return { configText: inline.textContent };
  if (!url) return { program: await fetchBytes(catalogProgramUrl, 'built-in catalogue') };
  const response = await fetch(new URL(url, doc.baseURI), { credentials: 'same-origin' });
  if (!response.ok) throw new Error('could not load the configuration ' + url + ' (HTTP ' + response.status + ')');
  return { configText: await response.text() };
}

async function fetchBytes(url, what, integrity) {
  const response = await fetch(url, integrity ? { credentials: 'same-origin', integrity } : { credentials: 'same-origin' });
  if (!response.ok) throw new Error('could not load the ' + what + ' ' + url + ' (HTTP ' + response.status + ')');
  return new Uint8Array(await response.arrayBuffer());
}

/** Base64 (whitespace allowed) to bytes; anything else gives bytes the program reader refuses. */
export function fromBase64(text) {
  let binary = '';
  try {
    binary = atob(String(text).replace(/\s+/g, ''));
  } catch {
    // not base64: an empty program, refused with a clear error
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function parseConfigLoosely(text) {
  try {
    return typeof text === 'string' ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
