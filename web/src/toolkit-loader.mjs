// How the storefront runtime reaches the owner toolkit: a dynamic import of
// shopper-segments-toolkit.mjs from beside the runtime, made once per page or process and only
// when something needs it (a JSON configuration, validate, explain). docs/BINDINGS.md lists the
// extra request this costs a page that gives JSON.

const loaders = new Map();

/**
 * @param {string} moduleUrl where shopper-segments-toolkit.mjs is
 * @param {object} [options] passed to its loadToolkit (wasmBinary, wasmUrl)
 * @returns {{ loaded(): any, load(): Promise<any> }}
 */
export function toolkitLoader(moduleUrl, options = {}) {
  const key = moduleUrl + '\n' + (options.wasmUrl || '');
  let loader = loaders.get(key);
  if (loader === undefined) {
    let kit = null;
    let pending = null;
    loader = {
      loaded: () => kit,
      load() {
        if (pending === null) {
          pending = import(/* webpackIgnore: true */ moduleUrl)
            .then((m) => m.loadToolkit(options))
            .then((loaded) => (kit = loaded));
          pending.catch(() => (pending = null));  // tried again next time
        }
        return pending;
      },
    };
    // A caller's own wasm bytes make a loader of their own, never shared by URL.
    if (!options.wasmBinary) loaders.set(key, loader);
  }
  return loader;
}
