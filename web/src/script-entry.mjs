// The classic script (dist/shopper-segments.js): defines window.ShopperSegments and starts the
// widget. The .wasm is loaded from beside the script as shopper-segments.wasm, whatever page
// includes it, unless the tag names it: data-wasm="URL" (relative to the page, as data-program;
// the content-hashed names of scripts/release) with data-wasm-integrity="sha384-..." checked on its
// fetch. The built-in catalogue's program (when the page names no program or configuration) and the
// owner toolkit module (only for pages that give JSON, and for "why am I seeing this?") are beside
// the script.

import { startWidget } from './widget.mjs';

const script = document.currentScript;
const base = script && script.src ? script.src : document.baseURI;
const beside = (name) => new URL(name, base).href;
const attribute = (name) => (script && script.getAttribute(name)) || '';
const wasm = attribute('data-wasm');
startWidget(window, script, {
  wasmUrl: wasm ? new URL(wasm, document.baseURI).href : beside('shopper-segments.wasm'),
  wasmIntegrity: attribute('data-wasm-integrity') || undefined,
  catalogProgramUrl: beside('shopper-segments.catalog.bin'),
  toolkitUrl: beside('shopper-segments-toolkit.mjs'),
});
