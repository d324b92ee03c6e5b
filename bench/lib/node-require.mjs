// require() for the peers in Node, as a CommonJS user loads them (what the cold start times),
// without a static import of node:module: the same peer files also bundle for a browser page,
// which passes the libraries in (lib/page-decisions.mjs).

export function nodeRequire(name) {
  return process.getBuiltinModule('node:module').createRequire(import.meta.url)(name);
}
