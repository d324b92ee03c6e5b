// Tiny DOM helpers. Everything the studio shows is built with createElement and textContent:
// config strings are data typed by a shop owner and must never be parsed as HTML.

/** h('div', {class: 'x', onclick: fn, 'data-path': '/a'}, 'text', child, [more]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'value') {
      el.value = value;
    } else if (key === 'checked' || key === 'disabled' || key === 'selected' || key === 'hidden') {
      el[key] = Boolean(value);
    } else if (key === 'style' && typeof value === 'object') {
      Object.assign(el.style, value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replaceChildren(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

let idCounter = 0;
/** A unique id for label/for and aria-describedby pairs. */
export function uid(prefix = 'f') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A labelled control: <div class="field"><label for=id>text</label>control</div>. */
export function field(labelText, control, hint) {
  if (!control.id) control.id = uid();
  const label = h('label', { for: control.id }, labelText);
  return h('div', { class: 'field' }, label, control, hint ? h('span', { class: 'hint' }, hint) : null);
}

/** <select> from [[value, label], ...] or [value, ...]. */
export function select(options, current, attrs = {}) {
  const el = h('select', attrs);
  for (const option of options) {
    const [value, label] = Array.isArray(option) ? option : [option, option];
    el.appendChild(h('option', { value, selected: String(value) === String(current) }, label));
  }
  // A value not among the options (typed in JSON) is kept visible rather than silently replaced.
  if (current !== undefined && current !== null && !options.some((o) => String(Array.isArray(o) ? o[0] : o) === String(current))) {
    el.appendChild(h('option', { value: current, selected: true }, String(current)));
  }
  return el;
}

let pendingCalls = 0;

/** fn after `ms` without another call. pendingDebounced() counts the calls still waiting. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    if (timer === null) pendingCalls += 1;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      pendingCalls -= 1;
      fn(...args);
    }, ms);
  };
}

/** How many debounced calls have not run yet (the studio is settled when this is 0). */
export function pendingDebounced() {
  return pendingCalls;
}
