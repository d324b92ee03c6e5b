// Builds the DOM of one offer from its content, as text and attributes only (never as HTML).
// A page may supply <template data-seg-offer="OFFER_ID"> (or data-seg-offer="*" for every offer)
// whose [data-seg-field="title|body|cta|link|image"] elements receive the content.

import { safeUrl } from './safe-url.mjs';

const TEXT_FIELDS = ['title', 'body', 'cta'];

/**
 * @param {Document} doc
 * @param {{ offer: string, content: Record<string, unknown> }} decision
 * @param {{ why: boolean }} options
 * @returns {Element} the offer's root element
 */
export function buildOfferView(doc, decision, options) {
  const template = findTemplate(doc, decision.offer);
  const root = template ? fromTemplate(doc, template, decision.content) : defaultView(doc, decision.content);
  root.setAttribute('data-seg-offer-id', decision.offer);
  const why = root.querySelector('[data-seg-why]');
  if (why && !options.why) why.remove();
  return root;
}

function findTemplate(doc, offerId) {
  for (const template of doc.querySelectorAll('template[data-seg-offer]')) {
    if (template.getAttribute('data-seg-offer') === offerId) return template;
  }
  return doc.querySelector('template[data-seg-offer="*"]');
}

function fromTemplate(doc, template, content) {
  const fragment = template.content.cloneNode(true);
  for (const element of fragment.querySelectorAll('[data-seg-field]')) {
    fill(doc, element, element.getAttribute('data-seg-field'), content[element.getAttribute('data-seg-field')]);
  }
  // One element holds the offer; several top-level nodes get a wrapper.
  const elements = Array.from(fragment.children);
  if (elements.length === 1 && fragment.childNodes.length === 1) return elements[0];
  const wrapper = doc.createElement('div');
  wrapper.className = 'seg-offer';
  wrapper.append(fragment);
  return wrapper;
}

function fill(doc, element, field, value) {
  if (field === 'link' || field === 'image') {
    const url = safeUrl(value, doc.baseURI);
    const attribute = field === 'link' ? 'href' : 'src';
    if (url === null) element.removeAttribute(attribute);
    else element.setAttribute(attribute, url);
    if (field === 'image' && url === null) element.hidden = true;
    return;
  }
  if (typeof value === 'string' || typeof value === 'number') element.textContent = String(value);
  else element.hidden = true;
}

function defaultView(doc, content) {
  const root = doc.createElement('div');
  root.className = 'seg-offer';
  const image = safeUrl(content.image, doc.baseURI);
  if (image !== null) {
    const img = doc.createElement('img');
    img.className = 'seg-offer__image';
    img.setAttribute('src', image);
    img.setAttribute('alt', '');
    root.append(img);
  }
  for (const field of TEXT_FIELDS) {
    const text = content[field];
    if (typeof text !== 'string' || text === '') continue;
    const link = field === 'cta' ? safeUrl(content.link, doc.baseURI) : null;
    const element = doc.createElement(field === 'cta' ? (link ? 'a' : 'span') : field === 'title' ? 'strong' : 'p');
    element.className = 'seg-offer__' + field;
    if (link) element.setAttribute('href', link);
    element.textContent = text;
    root.append(element);
  }
  const dismiss = doc.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'seg-offer__dismiss';
  dismiss.setAttribute('data-seg-dismiss', '');
  dismiss.setAttribute('aria-label', 'Dismiss');
  dismiss.textContent = '\u00d7';
  root.append(dismiss);
  const why = doc.createElement('button');
  why.type = 'button';
  why.className = 'seg-offer__why';
  why.setAttribute('data-seg-why', '');
  why.textContent = 'Why am I seeing this?';
  root.append(why);
  return root;
}
