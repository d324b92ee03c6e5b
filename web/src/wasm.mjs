// Instantiates an Emscripten module (the runtime's or the toolkit's glue) once per WASM source. In
// browsers the loader fetches the .wasm itself (one request, streaming when served as
// application/wasm) so that a failure is one clean rejection; Emscripten's own console output is
// silenced (the caller warns once).

const modules = new Map();

/**
 * @param {(options: object) => Promise<any>} factory the Emscripten glue's module factory
 * @param {{ wasmBinary?: ArrayBuffer | Uint8Array, wasmUrl?: string, integrity?: string }} source
 *   integrity: a Subresource Integrity hash the fetched .wasm must match
 */
export function loadModule(factory, source) {
  const key = source.wasmBinary || source.wasmUrl;
  let module = modules.get(key);
  if (module === undefined) {
    module = instantiate(factory, source);
    modules.set(key, module);
    module.catch(() => modules.delete(key));
  }
  return module;
}

function instantiate(factory, source) {
  return new Promise((resolve, reject) => {
    const options = { print() {}, printErr() {} };
    if (source.wasmBinary) {
      options.wasmBinary = source.wasmBinary;
    } else {
      options.instantiateWasm = (imports, receive) => {
        fetchAndInstantiate(source.wasmUrl, imports, source.integrity).then((result) => receive(result.instance), reject);
        return {};
      };
    }
    factory(options).then(resolve, reject);
  });
}

async function fetchAndInstantiate(url, imports, integrity) {
  const response = await fetch(url, integrity ? { credentials: 'same-origin', integrity } : { credentials: 'same-origin' });
  if (!response.ok) throw new Error('could not load ' + url + ' (HTTP ' + response.status + ')');
  const type = response.headers.get('Content-Type') || '';
  if (typeof WebAssembly.instantiateStreaming === 'function' && type.startsWith('application/wasm')) {
    return WebAssembly.instantiateStreaming(response, imports);
  }
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
