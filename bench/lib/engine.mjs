// This engine through its public JS API (dist/shopper-segments.mjs), with a clock the bench sets.

import path from 'node:path';
import { pathToFileURL } from 'node:url';

let createEngine = null;

/** @returns {Promise<{engine: any, clock: {t: number}}>} */
export async function newEngine(root, wasmBinary, config) {
  if (createEngine === null) {
    ({ createEngine } = await import(pathToFileURL(path.join(root, 'dist', 'shopper-segments.mjs')).href));
  }
  const clock = { t: 0 };
  const engine = await createEngine({ wasmBinary, now: () => clock.t, config, visitorId: 'bench-visitor' });
  return { engine, clock };
}
