// The classic script (dist/shopper-segments.js): defines window.ShopperSegments and starts the
// widget. The .wasm is loaded from beside the script, whatever page includes it, and so are the
// built-in catalogue's program (when the page names no program or configuration) and the owner
// toolkit module (only for pages that give JSON, and for "why am I seeing this?").

import { startWidget } from './widget.mjs';

const script = document.currentScript;
const base = script && script.src ? script.src : document.baseURI;
const beside = (name) => new URL(name, base).href;
startWidget(window, script, {
  wasmUrl: beside('shopper-segments.wasm'),
  catalogProgramUrl: beside('shopper-segments.catalog.bin'),
  toolkitUrl: beside('shopper-segments-toolkit.mjs'),
});
