// The ES module (dist/shopper-segments.mjs) for bundlers and Node: createEngine(options).
// The .wasm is found beside this file unless options.wasmBinary or options.wasmUrl says otherwise;
// so is the built-in catalogue (shopper-segments.catalog.json), read only when no config is given.

import { makeEngine } from './engine.mjs';
import { loadModule } from './wasm.mjs';

async function wasmSource(options) {
  if (options.wasmBinary) return { wasmBinary: options.wasmBinary };
  const url = String(options.wasmUrl || new URL('./shopper-segments.wasm', import.meta.url));
  if (url.startsWith('file:')) {
    // Node: fetch() cannot read files, so read the binary once and key the cache by its URL.
    const { readFile } = await import(/* webpackIgnore: true */ 'node:fs/promises');
    return { wasmBinary: await cachedFile(url, () => readFile(new URL(url))) };
  }
  return { wasmUrl: url };
}

// The catalogue as text: options.catalogUrl, else the file beside this module.
function catalogText(options) {
  const url = String(options.catalogUrl || new URL('./shopper-segments.catalog.json', import.meta.url));
  return cachedFile(url, async () => {
    if (url.startsWith('file:')) {
      const { readFile } = await import(/* webpackIgnore: true */ 'node:fs/promises');
      return readFile(new URL(url), 'utf8');
    }
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error('could not load the built-in catalogue ' + url + ' (HTTP ' + response.status + ')');
    return response.text();
  });
}

const files = new Map();
function cachedFile(url, read) {
  if (!files.has(url)) {
    const file = read();
    files.set(url, file);
    file.catch(() => files.delete(url));  // a failed read is tried again next time
  }
  return files.get(url);
}

/** @param {import('../shopper-segments').EngineOptions} [options] */
export async function createEngine(options = {}) {
  const hasConfig = options.config !== undefined && options.config !== null;
  const [Module, config] = await Promise.all([loadModule(await wasmSource(options)), hasConfig ? options.config : catalogText(options)]);
  return makeEngine(Module, { ...options, config });
}

/** The built-in catalogue (src/catalog/default.json, shipped as shopper-segments.catalog.json), as JSON text. */
export async function defaultCatalog(options = {}) {
  return catalogText(options);
}

/** Validates a configuration without an engine: { ok, issues }. */
export async function validateConfig(config, options = {}) {
  const engine = makeEngine(await loadModule(await wasmSource(options)), { now: options.now });
  try {
    return engine.validate(config);
  } finally {
    engine.dispose();
  }
}
