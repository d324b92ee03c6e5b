// The program a page runs, and its engine: given bytes (data-program, inline, the built-in
// catalogue), or JSON the page gives, run from the program kept for that configuration, else
// compiled by the owner toolkit (one more request) and kept for the next view. A kept program
// the runtime refuses (another format version after an update) is compiled again.

import { configText, describeIssues, makeEngine } from './engine.mjs';
import { cacheProgram, cachedProgram } from './program-cache.mjs';

/**
 * @param {any} Module the runtime module
 * @param {{ program?: Uint8Array, configText?: string }} source what loadProgramSource found
 * @param {object} options makeEngine's options (now, context)
 * @param {{ toolkit: any, store: Storage | null, onCompiled(): void }} how
 */
export async function engineForPage(Module, source, options, { toolkit, store, onCompiled }) {
  if (source.program) return made(Module, { ...options, program: source.program }, toolkit);
  const cached = store ? cachedProgram(store, source.configText) : null;
  if (cached) {
    try {
      return makeEngine(Module, { ...options, program: cached }, toolkit);
    } catch {
      // refused: compiled again below
    }
  }
  const compiled = (await toolkit.load()).compile(source.configText);
  if (!compiled.ok) throw new Error('the configuration has issues: ' + describeIssues(compiled.issues));
  if (store) cacheProgram(store, source.configText, compiled.program);
  onCompiled();
  return made(Module, { ...options, program: compiled.program }, toolkit);
}

function made(Module, options, toolkit) {
  try {
    return makeEngine(Module, options, toolkit);
  } catch (error) {
    throw new Error(error.issues ? describeIssues(error.issues) : error.message);
  }
}

/**
 * configure() on the widget: a configuration this browser compiled on an earlier page runs
 * without the toolkit; otherwise the engine compiles it and the program is kept.
 * @returns {{ok: boolean, issues: any[]} | Promise<{ok: boolean, issues: any[]}>}
 */
export function configureKept(engine, config, store) {
  const asText = configText(config);
  const text = typeof asText === 'string' ? asText : null;
  const cached = text !== null && store ? cachedProgram(store, text) : null;
  if (cached && engine.loadProgram(cached).ok) return { ok: true, issues: [] };
  // The text read once above is compiled: an object read again could say something else (a getter)
  // than the text the program is kept under.
  const result = engine.configure(text !== null ? text : config);
  const keep = (r) => {
    if (r.ok && text !== null && store && engine.program) cacheProgram(store, text, engine.program);
    return r;
  };
  return typeof result.then === 'function' ? result.then(keep) : keep(result);
}
