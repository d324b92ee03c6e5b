// The owner toolkit as an ES module (dist/shopper-segments-toolkit.mjs): for the studio, for Node
// and for the storefront runtime, which imports it only when a page gives JSON instead of a
// compiled program, or when a shopper asks why an offer shows. Its .wasm is found beside this file
// unless options.wasmBinary or options.wasmUrl says otherwise.

import createSegToolkit from 'seg-toolkit-glue';  // the Emscripten output, aliased by web/build.sh
import { Toolkit } from './toolkit.mjs';
import { cachedSource } from './read-source.mjs';
import { loadModule } from './wasm.mjs';

/** @param {{ wasmBinary?: Uint8Array | ArrayBuffer, wasmUrl?: string }} [options] */
export async function loadToolkit(options = {}) {
  let source;
  if (options.wasmBinary) {
    source = { wasmBinary: options.wasmBinary };
  } else {
    const url = String(options.wasmUrl || new URL('./shopper-segments-toolkit.wasm', import.meta.url));
    // Node: fetch() cannot read files, so the bytes are read once and the module keyed by its URL.
    source = url.startsWith('file:') ? { wasmBinary: await cachedSource(url) } : { wasmUrl: url };
  }
  return new Toolkit(await loadModule(createSegToolkit, source));
}

export { Toolkit };
