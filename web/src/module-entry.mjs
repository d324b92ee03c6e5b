// The ES module (dist/shopper-segments.mjs) for bundlers and Node: createEngine(options) over the
// storefront runtime. Files beside this one are found by URL unless the options say otherwise:
//   shopper-segments.wasm               the runtime module (options.wasmBinary / wasmUrl)
//   shopper-segments.catalog.bin        the built-in catalogue, compiled (when no program or config is given)
//   shopper-segments-toolkit.mjs/.wasm  the owner toolkit, imported only for JSON configurations,
//                                       validate() and explanations (options.toolkitUrl, toolkitWasmBinary)

import createSegRuntime from 'seg-runtime-glue';  // the Emscripten output, aliased by web/build.sh
import { compiledProgram, configText, describeIssues, makeEngine, rememberProgram } from './engine.mjs';
import { toolkitLoader } from './toolkit-loader.mjs';
import { cachedSource } from './read-source.mjs';
import { loadModule } from './wasm.mjs';

// What the widget does with a decision's numbers, for pages that render decisions themselves (and
// the studio, which shows the texts as the shopper reads them). Not in the classic script's bundle.
export { pageLocale, withNumbers } from './offer-numbers.mjs';

const beside = (name) => String(new URL('./' + name, import.meta.url));

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
  const error = new Error('shopper-segments: the configuration has issues: ' + describeIssues(issues));
  error.issues = issues;
  return error;
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
  const text = configText(config);
  if (typeof text !== 'string') return { ok: false, program: null, issues: text.issues };
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
  const text = configText(config);
  if (typeof text !== 'string') return text;
  return (await toolkitOf(options).load()).validate(text);
}
