// Automatic tracking of [data-seg-track="EVENT"] elements. When: data-seg-on="load|click|submit";
// by default links, buttons and inputs are tracked on click, forms on submit, anything else once
// when it is on the page (including elements added later).

import { elementFields } from './element-fields.mjs';

const CLICKABLE = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'SUMMARY']);

function triggerOf(element) {
  const explicit = element.getAttribute('data-seg-on');
  if (explicit) return explicit;
  if (element.tagName === 'FORM') return 'submit';
  return CLICKABLE.has(element.tagName) || element.getAttribute('role') === 'button' ? 'click' : 'load';
}

/**
 * @param {Document} doc
 * @param {(type: string, fields: object) => void} track
 * @returns {() => void} stops tracking
 */
export function startAutoTracking(doc, track) {
  const seen = new WeakSet();
  const trackElement = (element) => track(element.getAttribute('data-seg-track'), elementFields(element));

  const scan = (root) => {
    const candidates = root.querySelectorAll ? root.querySelectorAll('[data-seg-track]') : [];
    const all = root.matches && root.matches('[data-seg-track]') ? [root, ...candidates] : candidates;
    for (const element of all) {
      if (seen.has(element) || triggerOf(element) !== 'load') continue;
      seen.add(element);
      trackElement(element);
    }
  };

  const onInteraction = (event) => {
    const start = event.target instanceof Element ? event.target : null;
    const element = start && start.closest('[data-seg-track]');
    if (element && triggerOf(element) === event.type) trackElement(element);
  };

  scan(doc);
  doc.addEventListener('click', onInteraction, true);
  doc.addEventListener('submit', onInteraction, true);
  const observer = typeof MutationObserver === 'function'
    ? new MutationObserver((mutations) => {
        for (const mutation of mutations) for (const node of mutation.addedNodes) if (node.nodeType === 1) scan(node);
      })
    : null;
  if (observer) observer.observe(doc.documentElement, { childList: true, subtree: true });
  return () => {
    doc.removeEventListener('click', onInteraction, true);
    doc.removeEventListener('submit', onInteraction, true);
    if (observer) observer.disconnect();
  };
}
