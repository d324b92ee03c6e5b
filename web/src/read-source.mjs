// Reads what an ES module user's engine needs from beside the module: a file: URL in Node (where
// fetch() cannot read files), a fetch anywhere else. Not part of the classic script.

/** Reads a file: URL in Node, fetches anything else; bytes, or text when `asText`. */
export async function readSource(url, asText = false) {
  if (url.startsWith('file:')) {
    const { readFile } = await import(/* webpackIgnore: true */ 'node:fs/promises');
    const data = await readFile(new URL(url));
    return asText ? data.toString('utf8') : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error('could not load ' + url + ' (HTTP ' + response.status + ')');
  return asText ? response.text() : new Uint8Array(await response.arrayBuffer());
}

const sources = new Map();

/** readSource once per URL (and kind) in this process; a failed read is tried again next time. */
export function cachedSource(url, asText = false) {
  const key = url + (asText ? '\ttext' : '');
  if (!sources.has(key)) {
    const read = readSource(url, asText);
    sources.set(key, read);
    read.catch(() => sources.delete(key));
  }
  return sources.get(key);
}
