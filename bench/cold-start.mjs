// One cold start, in a fresh process:  node bench/cold-start.mjs ENGINE  ->  milliseconds (wall)
// from before loading the library to the first decision returned.
//   shopper-segments: import dist/shopper-segments.mjs, read and instantiate the .wasm,
//     createEngine with the catalogue (configure), first decide() for a new visitor;
//   a peer: require the package, translate and compile the catalogue's rules where the library
//     compiles (json-rules-engine's addRule), first full decision over a new visitor's features.
// Reading the catalogue file and Node's own start are outside the measured span for all.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readConfig } from './lib/rules.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const which = process.argv[2];
const catalog = JSON.parse(fs.readFileSync(path.join(root, 'src', 'catalog', 'default.json'), 'utf8'));
const model = readConfig(catalog);
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
if (which === 'shopper-segments') {
  const { createEngine } = await import(pathToFileURL(path.join(root, 'dist', 'shopper-segments.mjs')).href);
  phase('import');
  const wasmBinary = fs.readFileSync(path.join(root, 'dist', 'shopper-segments.wasm'));
  // createEngine with an empty configuration, then configure: the work of createEngine({ config })
  // split in phases (without a config createEngine would read the catalogue file itself).
  const engine = await createEngine({ wasmBinary, config: { version: 1 }, now: () => 1795428000000 });
  phase('instantiate_and_create');
  if (!engine.configure(catalog).ok) throw new Error('the catalogue does not configure');
  phase('configure');
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
