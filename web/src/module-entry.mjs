// The ES module (dist/shopper-segments.mjs) for bundlers and Node: createEngine(options).
// The .wasm is found beside this file unless options.wasmBinary or options.wasmUrl says otherwise.

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

const files = new Map();
function cachedFile(url, read) {
  if (!files.has(url)) files.set(url, read());
  return files.get(url);
}

/** @param {import('../shopper-segments').EngineOptions} [options] */
export async function createEngine(options = {}) {
  const Module = await loadModule(await wasmSource(options));
  return makeEngine(Module, options);
}

/** The built-in catalogue (src/catalog/default.json as compiled into the .wasm), as JSON text. */
export async function defaultCatalog(options = {}) {
  const Module = await loadModule(await wasmSource(options));
  return Module.defaultCatalog();
}

/** Validates a configuration without an engine: { ok, issues }. */
export async function validateConfig(config, options = {}) {
  const engine = await createEngine(options);
  try {
    return engine.validate(config);
  } finally {
    engine.dispose();
  }
}
