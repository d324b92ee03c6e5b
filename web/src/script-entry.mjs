// The classic script (dist/shopper-segments.js): defines window.ShopperSegments and starts the
// widget. The .wasm is loaded from beside the script, whatever page includes it, and so is the
// built-in catalogue when the page names no configuration.

import { startWidget } from './widget.mjs';

const script = document.currentScript;
const base = script && script.src ? script.src : document.baseURI;
startWidget(window, script, new URL('shopper-segments.wasm', base).href, new URL('shopper-segments.catalog.json', base).href);
