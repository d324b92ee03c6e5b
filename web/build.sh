#!/usr/bin/env bash
# Builds the storefront runtime and the owner toolkit into dist/ (called by scripts/build):
#   1. the two WASM modules: emcmake configures build/wasm-product (bindings/ over the engine):
#      shopper-segments-runtime (seg_engine alone) and shopper-segments-toolkit (seg_toolkit)
#   2. esbuild bundles web/src into dist/shopper-segments.js (classic <script>, window.ShopperSegments),
#      dist/shopper-segments.mjs (ES module exporting createEngine) and
#      dist/shopper-segments-toolkit.mjs (ES module exporting loadToolkit)
#   3. the built-in catalogue compiled by the toolkit: dist/shopper-segments.catalog.bin
#   4. dist/site/: web/demo at the root, web/studio under studio/, and the widget files beside them
#   5. dist/package/: the npm package shopper-segments (web/package/make.mjs; `npm pack` it)
#   6. prints the gzip -9 download size (script + runtime wasm) and the catalogue program's
# With --size-report it also links the module with function names and lists where its bytes go.
set -euo pipefail
size_report=0
[ "${1:-}" = "--size-report" ] && size_report=1
cd "$(dirname "$0")/.."
root=$PWD
build_dir=${SEG_WASM_BUILD_DIR:-build/wasm-product}
jobs=${SEG_JOBS:-2}

command -v emcmake >/dev/null || { echo "web/build.sh: emcmake not found (apt-get install emscripten; see docs/TOOLCHAIN.md)" >&2; exit 1; }
[ -x node_modules/.bin/esbuild ] || { echo "web/build.sh: node_modules missing, run npm ci first" >&2; exit 1; }

# Emscripten 3.1.6 on this Node needs Debian's acorn (docs/TOOLCHAIN.md pitfall 1) and a Closure
# Compiler of its own time.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
export EM_CLOSURE_COMPILER=$root/node_modules/.bin/google-closure-compiler

mkdir -p "$build_dir" dist
# Several people (and scripts/build and scripts/test) may build at once: two links writing the same
# glue and .wasm at the same time leave a pair that does not fit, so one build at a time.
exec 9>"$build_dir/.build.lock"
flock 9
# Built for size (-Oz) except the sources that run per event and per decision (-O2 without loop
# unrolling or vectorising, which only add bytes here): -Oz alone switches inlining off, and costs
# 3x on track and decide. The -O level goes per source only (see SEG_COLD_PATH_OPTIONS).
# The built-in catalogue is not compiled in: it ships compiled as dist/shopper-segments.catalog.bin,
# loaded only by pages that bring no program or configuration of their own (and as JSON for the studio).
common_flags="-flto -fno-exceptions -DJSON_NOEXCEPTION -DNDEBUG"
emcmake cmake -S . -B "$build_dir" \
  -DCMAKE_BUILD_TYPE=MinSizeRel \
  -DCMAKE_CXX_FLAGS_MINSIZEREL="$common_flags" \
  "-DSEG_HOT_PATH_OPTIONS=-O2;-fno-unroll-loops;-fno-vectorize;-fno-slp-vectorize" \
  -DSEG_COLD_PATH_OPTIONS=-Oz -DSEG_WASM_LINK_OPT=-Oz -DSEG_EMBED_CATALOG=OFF \
  -DSEG_BUILD_TESTS=OFF -DSEG_BUILD_BINDINGS=ON >"$build_dir/configure.log" 2>&1 \
  || { cat "$build_dir/configure.log" >&2; exit 1; }
cmake --build "$build_dir" --target shopper-segments-runtime shopper-segments-toolkit -j "$jobs"

runtime_glue=$(find "$build_dir" -name 'shopper-segments-runtime.mjs' -print -quit)
toolkit_glue=$(find "$build_dir" -name 'shopper-segments-toolkit.mjs' -print -quit)
[ -n "$runtime_glue" ] && [ -n "$toolkit_glue" ] || { echo "web/build.sh: the Emscripten build produced no runtime or toolkit module" >&2; exit 1; }

cp "${runtime_glue%.mjs}.wasm" dist/shopper-segments.wasm
cp "${toolkit_glue%.mjs}.wasm" dist/shopper-segments-toolkit.wasm
# The project's version, the one place it is written (the npm package and scripts/release read it too).
version=$(sed -nE 's/^project\(ShopperSegments VERSION ([0-9.]+).*/\1/p' CMakeLists.txt)
common=(--bundle --minify --legal-comments=none --define:SEG_VERSION="\"$version\"" --alias:seg-runtime-glue="./$runtime_glue"
  --alias:seg-toolkit-glue="./$toolkit_glue" --log-level=warning)
# A classic script has no import.meta: the glue only needs some valid base URL (the loader finds
# the .wasm itself, beside the script). es2020 for import() of the toolkit module.
node_modules/.bin/esbuild web/src/script-entry.mjs "${common[@]}" --format=iife \
  --define:import.meta.url=location.href --target=es2020 --outfile=dist/shopper-segments.js
node_modules/.bin/esbuild web/src/module-entry.mjs "${common[@]}" --format=esm --platform=neutral \
  --target=es2020 --external:node:fs/promises --outfile=dist/shopper-segments.mjs
node_modules/.bin/esbuild web/src/toolkit-entry.mjs "${common[@]}" --format=esm --platform=neutral \
  --target=es2020 --external:node:fs/promises --outfile=dist/shopper-segments-toolkit.mjs
cp web/shopper-segments.d.ts dist/shopper-segments.d.ts
cp web/shopper-segments-toolkit.d.ts dist/shopper-segments-toolkit.d.ts
# The built-in catalogue as JSON (whitespace removed: the studio edits it) and compiled (pages run it).
node -e "const fs = require('fs'); fs.writeFileSync('dist/shopper-segments.catalog.json', JSON.stringify(JSON.parse(fs.readFileSync('src/catalog/default.json', 'utf8'))))"
node --input-type=module -e "
  import { readFileSync, writeFileSync } from 'node:fs';
  const { loadToolkit } = await import('./dist/shopper-segments-toolkit.mjs');
  const compiled = (await loadToolkit()).compile(readFileSync('src/catalog/default.json', 'utf8'));
  if (!compiled.ok) { console.error(JSON.stringify(compiled.issues)); process.exit(1); }
  writeFileSync('dist/shopper-segments.catalog.bin', compiled.program);
" || { echo "web/build.sh: the toolkit module could not compile the built-in catalogue (see above)" >&2; exit 1; }

# Smoke check: each glue and its .wasm must fit together (import names are minified at link time).
node --input-type=module -e "
  const { createEngine } = await import('./dist/shopper-segments.mjs');
  const engine = await createEngine({ now: () => 0 });
  if (engine.decide().length === 0) throw new Error('the built-in catalogue has no slots');
  engine.dispose();
" || { echo "web/build.sh: the built module does not start (see above)" >&2; exit 1; }

node web/package/make.mjs dist/package

rm -rf dist/site
mkdir -p dist/site
[ -d web/demo ] && cp -R web/demo/. dist/site/
if [ -d web/studio ]; then
  mkdir -p dist/site/studio && cp -R web/studio/. dist/site/studio/
  # the Replay tab's sample: data/otto-sessions.jsonl in replay lines (attribution in otto-sample.txt)
  node scripts/otto-to-events.mjs data/otto-sessions.jsonl >dist/site/studio/otto-sample.jsonl
  # and the synthetic shop (data/README.md): made up, with members in every catalogue segment
  cp data/synthetic-1000.jsonl dist/site/studio/synthetic-sample.jsonl
fi
cp dist/shopper-segments.js dist/shopper-segments.mjs dist/shopper-segments.wasm dist/shopper-segments.catalog.json \
  dist/shopper-segments.catalog.bin dist/shopper-segments-toolkit.mjs dist/shopper-segments-toolkit.wasm dist/site/

js=$(gzip -9c dist/shopper-segments.js | wc -c)
wasm=$(gzip -9c dist/shopper-segments.wasm | wc -c)
program=$(gzip -9c dist/shopper-segments.catalog.bin | wc -c)
toolkit=$(($(gzip -9c dist/shopper-segments-toolkit.mjs | wc -c) + $(gzip -9c dist/shopper-segments-toolkit.wasm | wc -c)))
echo "Storefront download (gzip -9): shopper-segments.js $js B + shopper-segments.wasm $wasm B = $((js + wasm)) B (budget 30720 B, goal 20480 B)"
echo "  + the program: shopper-segments.catalog.bin $program B for the built-in catalogue (budget 4096 B)"
echo "  owner toolkit (loaded only for JSON configurations and explanations): $toolkit B"

if [ "$size_report" = 1 ]; then
  cmake --build "$build_dir" --target shopper-segments-runtime-names -j "$jobs" >/dev/null
  node bench/wasm-sizes.mjs "$(dirname "$runtime_glue")/shopper-segments-runtime-names.wasm" --top 30
fi
