// One cold start, in a fresh process:  node bench/cold-start.mjs ENGINE  ->  milliseconds (wall)
// from before loading the library to the first decision returned.
//   shopper-segments: the storefront's path: import dist/shopper-segments.mjs, read and
//     instantiate the runtime .wasm, createEngine with the built-in catalogue's compiled program
//     (dist/shopper-segments.catalog.bin, read before the clock starts, as the peers' rules are),
//     first decide() for a new visitor;
//   shopper-segments-json: a JSON configuration instead (what the previous main did in every
//     page): the same, but createEngine({ config }) imports the owner toolkit, instantiates its
//     .wasm and compiles the catalogue's JSON first;
//   a peer: require the package, translate and compile the catalogue's rules where the library
//     compiles (json-rules-engine's addRule), first full decision over a new visitor's features.
// Reading the catalogue file and Node's own start are outside the measured span for all.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readConfig } from './lib/rules.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const which = process.argv[2];
const catalogText = fs.readFileSync(path.join(root, 'src', 'catalog', 'default.json'), 'utf8');
const catalog = JSON.parse(catalogText);
const model = readConfig(catalog);
const programBytes = new Uint8Array(fs.readFileSync(path.join(root, 'dist', 'shopper-segments.catalog.bin')));
// A new visitor as the peers see one: every count 0, nothing else known.
const features = JSON.parse(process.argv[3] || '{}');

const start = performance.now();
const phases = {};
let last = start;
const phase = (name) => {
  const now = performance.now();
  phases[name] = now - last;
  last = now;
};
let decision;
if (which === 'shopper-segments' || which === 'shopper-segments-json') {
  const { createEngine } = await import(pathToFileURL(path.join(root, 'dist', 'shopper-segments.mjs')).href);
  phase('import');
  const wasmBinary = fs.readFileSync(path.join(root, 'dist', 'shopper-segments.wasm'));
  const source = which === 'shopper-segments'
    ? { program: programBytes }
    : { config: catalogText };  // the toolkit (beside the module) compiles it in this process
  const engine = await createEngine({ wasmBinary, ...source, now: () => 1795428000000 });
  phase(which === 'shopper-segments' ? 'instantiate_and_load_program' : 'instantiate_compile_and_load');
  decision = engine.decide();
  phase('first_decide');
} else {
  const peer = await import(`./peers/${which}.mjs`);
  const decide = peer.makeDecider(model);
  phase('require_and_compile');
  decision = await decide(features);
  phase('first_decide');
}
const ms = performance.now() - start;
if (!decision) throw new Error('no decision');
process.stdout.write(JSON.stringify({ ms, phases }) + '\n');
