// This engine through its public JS API (dist/shopper-segments.mjs), with a clock the bench sets.
// Every engine runs a compiled program, as a storefront does: the built-in catalogue's
// (dist/shopper-segments.catalog.bin), or a configuration the owner toolkit compiled once here
// (compileConfig; the bench's larger configurations, the feature probe). The toolkit is loaded
// only for what needs it: compiling, and explanations (the peers' feature objects).

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

let api = null;

/** dist/shopper-segments.mjs's exports (createEngine, compileConfig, ...). */
export async function facade(root) {
  if (api === null) api = await import(pathToFileURL(path.join(root, 'dist', 'shopper-segments.mjs')).href);
  return api;
}

/** The built-in catalogue's program, as the storefront runs it. */
export function catalogueProgram(root) {
  return new Uint8Array(fs.readFileSync(path.join(root, 'dist', 'shopper-segments.catalog.bin')));
}

const programs = new Map();

/** A configuration (object) compiled to a program by the owner toolkit, once per configuration. */
export async function compiledProgram(root, config) {
  const text = JSON.stringify(config);
  if (!programs.has(text)) {
    const result = await (await facade(root)).compileConfig(text);
    if (!result.ok) throw new Error('bench: the configuration does not compile: ' + JSON.stringify(result.issues.slice(0, 3)));
    programs.set(text, result.program);
  }
  return programs.get(text);
}

/**
 * An engine running `config` compiled (or the catalogue's program without one).
 * `explain: true` loads the owner toolkit first, so that explain() answers at once.
 * @returns {Promise<{engine: any, clock: {t: number}}>}
 */
export async function newEngine(root, wasmBinary, config, { explain = false } = {}) {
  const { createEngine } = await facade(root);
  const program = config ? await compiledProgram(root, config) : catalogueProgram(root);
  const clock = { t: 0 };
  const engine = await createEngine({ wasmBinary, program, now: () => clock.t, visitorId: 'bench-visitor', loadToolkit: explain });
  return { engine, clock };
}
