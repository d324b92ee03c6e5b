// Loads the built ES module (dist/shopper-segments.mjs) the way a Node user does, with the .wasm
// bytes passed in (docs/TOOLCHAIN.md pitfall 3). Tests fail clearly when the build is missing.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
const modulePath = path.join(DIST, 'shopper-segments.mjs');
const wasmPath = path.join(DIST, 'shopper-segments.wasm');

if (!existsSync(modulePath) || !existsSync(wasmPath)) {
  throw new Error('dist/shopper-segments.mjs or .wasm is missing: run scripts/build (or web/build.sh) first');
}

export const wasmBinary = readFileSync(wasmPath);
export const { createEngine } = await import(pathToFileURL(modulePath).href);
export const defaultCatalogText = readFileSync(path.join(ROOT, 'src/catalog/default.json'), 'utf8');

/** createEngine with the wasm bytes and a settable clock. */
export async function engineAt(time, options = {}) {
  const clock = { time };
  const engine = await createEngine({ wasmBinary, now: () => clock.time, loadToolkit: true, ...options });
  return { engine, clock };
}

/** A Storage double that can be told to fail like a full or forbidden localStorage. */
export class MemoryStorage {
  constructor(entries = {}) {
    this.map = new Map(Object.entries(entries));
    this.failWrites = null;
    this.failReads = null;
  }
  getItem(key) {
    if (this.failReads) throw this.failReads;
    return this.map.has(key) ? this.map.get(key) : null;
  }
  setItem(key, value) {
    if (this.failWrites) throw this.failWrites;
    this.map.set(key, String(value));
  }
  removeItem(key) {
    this.map.delete(key);
  }
}

export function quotaError() {
  const error = new Error('The quota has been exceeded.');
  error.name = 'QuotaExceededError';
  return error;
}

export const START = 1795428000000;  // Monday 2026-11-23 10:00 UTC, as the conformance vectors
export const MINUTE = 60000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
