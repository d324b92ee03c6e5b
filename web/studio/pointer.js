// JSON Pointer (RFC 6901) helpers: the engine reports every issue with one, and every form
// control carries the pointer of the value it edits, so issues land on the right control.

export function escapeToken(token) {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token) {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function join(base, ...tokens) {
  return base + tokens.map((t) => '/' + escapeToken(t)).join('');
}

export function split(pointer) {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map(unescapeToken);
}

export function get(doc, pointer) {
  let node = doc;
  for (const token of split(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[token];
  }
  return node;
}

/** Set a value, creating missing objects on the way. `undefined` deletes the key. */
export function set(doc, pointer, value) {
  const tokens = split(pointer);
  const last = tokens.pop();
  let node = doc;
  for (const token of tokens) {
    if (node[token] === null || typeof node[token] !== 'object') node[token] = {};
    node = node[token];
  }
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    node[last] = value;
  }
}

export function parent(pointer) {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}

/** Is `inner` the same as, or inside, `outer`? */
export function within(inner, outer) {
  return inner === outer || inner.startsWith(outer + '/');
}
