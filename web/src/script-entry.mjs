// The classic script (dist/shopper-segments.js): defines window.ShopperSegments and starts the
// widget. The .wasm is loaded from beside the script, whatever page includes it.

import { startWidget } from './widget.mjs';

const script = document.currentScript;
const base = script && script.src ? script.src : document.baseURI;
startWidget(window, script, new URL('shopper-segments.wasm', base).href);
