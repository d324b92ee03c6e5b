// The ES module (dist/shopper-segments.mjs) for bundlers and Node: createEngine(options) over the
// storefront runtime. Files beside this one are found by URL unless the options say otherwise:
//   shopper-segments.wasm               the runtime module (options.wasmBinary / wasmUrl)
//   shopper-segments.catalog.bin        the built-in catalogue, compiled (when no program or config is given)
//   shopper-segments-toolkit.mjs/.wasm  the owner toolkit, imported only for JSON configurations,
//                                       validate() and explanations (options.toolkitUrl, toolkitWasmBinary)

import createSegRuntime from 'seg-runtime-glue';  // the Emscripten output, aliased by web/build.sh
import { compiledProgram, makeEngine, rememberProgram } from './engine.mjs';
import { toolkitLoader } from './toolkit-loader.mjs';
import { readSource } from './read-source.mjs';
import { loadModule } from './wasm.mjs';

const beside = (name) => String(new URL('./' + name, import.meta.url));

const files = new Map();
function cachedSource(url, asText) {
  const key = url + (asText ? '\ttext' : '');
  if (!files.has(key)) {
    const read = readSource(url, asText);
    files.set(key, read);
    read.catch(() => files.delete(key));  // a failed read is tried again next time
  }
  return files.get(key);
}

async function runtimeModule(options) {
  if (options.wasmBinary) return loadModule(createSegRuntime, { wasmBinary: options.wasmBinary });
  const url = String(options.wasmUrl || beside('shopper-segments.wasm'));
  // Node: fetch() cannot read files, so the bytes are read once and the module keyed by its URL.
  return loadModule(createSegRuntime, url.startsWith('file:') ? { wasmBinary: await cachedSource(url) } : { wasmUrl: url });
}

function toolkitOf(options) {
  const moduleOptions = {};
  if (options.toolkitWasmBinary) moduleOptions.wasmBinary = options.toolkitWasmBinary;
  if (options.toolkitWasmUrl) moduleOptions.wasmUrl = String(options.toolkitWasmUrl);
  return toolkitLoader(String(options.toolkitUrl || beside('shopper-segments-toolkit.mjs')), moduleOptions);
}

function configError(issues) {
  const error = new Error('shopper-segments: the configuration has issues: ' + issues.slice(0, 3).map((i) => (i.path ? i.path + ': ' : '') + i.message).join('; '));
  error.issues = issues;
  return error;
}

function configText(config) {
  if (typeof config === 'string') return config;
  const text = JSON.stringify(config);
  if (typeof text !== 'string') throw configError([{ code: 'type_mismatch', path: '', message: 'The configuration must be a JSON object or JSON text.' }]);
  return text;
}

/** The program's bytes for these options: given, fetched, compiled from JSON, or the catalogue's. */
async function programOf(options, toolkit) {
  if (options.program) return options.program;
  if (options.programUrl) return cachedSource(String(options.programUrl));
  if (options.config !== undefined && options.config !== null) {
    const result = await compileConfig(options.config, options, toolkit);
    if (!result.ok) throw configError(result.issues);
    return result.program;
  }
  return cachedSource(String(options.catalogProgramUrl || beside('shopper-segments.catalog.bin')));
}

/**
 * With `loadToolkit: true` (or a JSON `config`) the owner toolkit is loaded before the engine is
 * returned, so configure(), validate() and explain() answer at once instead of with a Promise.
 * @param {import('../shopper-segments').EngineOptions} [options]
 */
export async function createEngine(options = {}) {
  const toolkit = toolkitOf(options);
  const [Module, program] = await Promise.all([
    runtimeModule(options),
    programOf(options, toolkit),
    options.loadToolkit ? toolkit.load() : null,
  ]);
  return makeEngine(Module, { ...options, program }, toolkit);
}

/**
 * Compiles a JSON configuration with the owner toolkit: {ok, program (Uint8Array) or null, issues}.
 * The same text compiled before in this process is not compiled again.
 */
export async function compileConfig(config, options = {}, toolkit = toolkitOf(options)) {
  let text;
  try {
    text = configText(config);
  } catch (error) {
    return { ok: false, program: null, issues: error.issues };
  }
  const known = compiledProgram(text);
  if (known !== undefined) return { ok: true, program: known, issues: [] };
  const result = (await toolkit.load()).compile(text);
  if (result.ok) rememberProgram(text, result.program);
  return result;
}

/** The built-in catalogue (src/catalog/default.json, shipped as shopper-segments.catalog.json), as JSON text. */
export async function defaultCatalog(options = {}) {
  return cachedSource(String(options.catalogUrl || beside('shopper-segments.catalog.json')), true);
}

/** Validates a configuration without an engine: { ok, issues }. */
export async function validateConfig(config, options = {}) {
  let text;
  try {
    text = configText(config);
  } catch (error) {
    return { ok: false, issues: error.issues };
  }
  return (await toolkitOf(options).load()).validate(text);
}
