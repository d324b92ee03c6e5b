// The engine facade: the JavaScript API of docs/BINDINGS.md over one native (WASM) engine of the
// storefront runtime. It reads the clock (options.now), packs events for the hot path, runs a
// compiled program (options.program), journals changes and, with a storage, persists them.
// Everything that needs the rule language itself (compiling JSON, validating, explaining) goes to
// the owner toolkit module, loaded only when first needed: such calls answer at once when it is
// loaded, else with a Promise of the same answer.

import { MAX_ID, MAX_VALUES, NativeEngine, readDecisions, readSegments } from './native.mjs';
import { MAX_TEXT, packFields, unreadable } from './pack.mjs';
import { Persistence } from './persistence.mjs';
import { VisitorSession, randomId } from './visitor-session.mjs';
import { warnOnce } from './warn.mjs';

const OUTCOMES = new Set(['shown', 'dismissed', 'converted']);
const MAX_PROGRAM_BYTES = 16 * 1024 * 1024;

/**
 * @param {any} Module the instantiated runtime module (bindings/engine_exports.cpp)
 * @param {object} options see shopper-segments.d.ts EngineOptions; `program` the compiled program's bytes
 * @param {{ loaded(): any, load(): Promise<any> } | null} toolkit how to reach the owner toolkit (web/src/toolkit.mjs)
 */
export function makeEngine(Module, options = {}, toolkit = null) {
  let now = typeof options.now === 'function' ? options.now : Date.now;
  const warn = typeof options.onWarning === 'function' ? options.onWarning : warnOnce;
  const session = new VisitorSession(new NativeEngine(Module), () => now());
  const journal = session.journal;
  journal.warn = warn;
  let program = null;       // the bytes of the program in force (explanations load them in the toolkit)
  let names = null;         // slot, offer, segment and reason names behind the hot path's indices, offer contents
  let persistence = null;
  let storageKey = options.storageKey;

  const alive = () => session.alive();

  // Every change goes through here: a call of the native engine's `method`, applied now,
  // journaled for tab merges (replayed onto this same native engine, see Journal), saved soon.
  function change(method, a, b, c) {
    const result = alive()[method](a, b, c);
    journal.add(method, a, b, c);
    persistence?.scheduleSave();
    return result;
  }

  // Offer contents and the web settings frozen: decisions and pageSettings() hand out these objects,
  // and what the page renders must stay what the engine returned, whatever a caller does with them.
  function programNames() {
    if (names === null) {
      names = JSON.parse(alive().programJson());
      names.contents.forEach(Object.freeze);
      Object.freeze(names.web);
      // The offers whose texts quote numbers (names.quotes), by id: their index in program order.
      names.quoting = new Map();
      names.quotes.forEach((tokens, index) => tokens.length && names.quoting.set(names.offers[index], index));
    }
    return names;
  }

  // Makes `bytes` the program in force: null, or {code, message} when they are not a program.
  function useProgram(bytes) {
    const error = alive().useProgram(bytes);
    if (error === null) {
      program = bytes;
      names = null;
    }
    return error;
  }

  // Runs `work(toolkit)` now when the toolkit module is loaded, else once it is (a Promise).
  function withToolkit(work) {
    if (toolkit === null) throw new Error('shopper-segments: the owner toolkit is not available here');
    const loaded = toolkit.loaded();
    return loaded ? work(loaded) : toolkit.load().then(work);
  }

  // An explanation from the toolkit: it reads the same program and this visitor's saved state.
  function explained(kind, id) {
    alive();
    const at = now();
    const state = session.native.save(at);
    // Ids are at most 64 bytes: a longer one is cut (it names nothing either way) before it is copied.
    const name = typeof id === 'string' ? id.slice(0, MAX_ID + 1) : typeof id === 'number' ? String(id) : '';
    return withToolkit((kit) => kit.explain(program, state, session.visitorId, kind, name, at));
  }

  function attachStorage(storage) {
    persistence?.detach();
    persistence = null;
    if (storage) {
      persistence = new Persistence(session, storage, storageKey, warn);
      persistence.attach();
    }
  }

  // An id that is not 1 to 256 characters (or none) gives a random one, as docs/BINDINGS.md says.
  session.setVisitorId(options.visitorId);

  const engine = {
    get visitorId() {
      return session.visitorId;
    },

    /** The time zone the stored state was saved with (null: none), so a page can skip the lookup. */
    get savedTimezone() {
      return session.savedTimezone;
    },

    track(type, fields) {
      if (typeof type !== 'string' || type === '') return false;
      // The one event the engine counts itself (docs/RULES.md): a page sending it would fake a session.
      if (type === 'session_start') {
        warn('reserved_event', 'session_start is counted by the engine itself');
        return false;
      }
      // The engine keeps a type's first 256 bytes: longer is cut before it is copied.
      type = type.slice(0, MAX_TEXT);
      const packed = packFields(fields);
      if (packed === null || unreadable) {
        warn('bad_input', 'an event had fields that could not be read');
        if (packed === null) return false;
      }
      const at = now();
      change('track', at, type, packed);
      return true;
    },

    setTraits(traits) {
      const json = flatJson(traits, warn);
      if (json === null) return false;
      return change('setTraitsJson', json) === '[]';
    },

    setContext(values) {
      const json = flatJson(values, warn);
      return json !== null && session.setContext(json);
    },

    segments() {
      alive();
      // Names first: reading them may grow WASM memory, which would detach a view taken before.
      const names = programNames();
      const at = session.native.segments(now());
      return readSegments(session.native.numbers, at, names);
    },

    decide() {
      alive();
      const names = programNames();
      const at = session.native.decide(now());
      const decisions = readDecisions(session.native.numbers, at, names);
      // Offers that quote the visitor's numbers get them from the engine (the page only formats
      // them: offer-numbers.mjs), as {placeholder: number}.
      for (const decision of decisions) {
        const index = names.quoting.get(decision.offer);
        if (index === undefined) continue;
        const tokens = names.quotes[index];
        const at = session.native.offerNumbers(index);
        const heap = session.native.numbers;
        decision.numbers = {};
        for (let i = 0; i < tokens.length && i < heap[at]; i++) decision.numbers[tokens[i]] = heap[at + 1 + i];
        decision.currency = names.currency || '';
      }
      return decisions;
    },

    /** Keeps what the slots show with the state (the widget's first paint on the next page). */
    setPaint(paint) {
      session.paint = paint;
      persistence?.scheduleSave();
    },

    /** The configuration's `web` object (the widget's settings), as the program carries it. */
    pageSettings() {
      return programNames().web || {};
    },

    /** The localStorage key for the next setStorage() (the widget reads it from the program). */
    setStorageKey(key) {
      storageKey = typeof key === 'string' && key ? key : undefined;
    },

    /** The context names (setContext) that the configuration's rules read. */
    contextKeys() {
      return programNames().context.slice();
    },

    /** Why a segment holds or not (the toolkit's explanation tree); a Promise until the toolkit is loaded. */
    explain(segmentId) {
      return explained(0, segmentId);
    },

    /** An offer's own rule as explain() gives a segment's: {offer, slot, tree (null without one), held}. */
    explainOffer(offerId) {
      return explained(1, offerId);
    },

    /** What a slot shows and why each other offer of it does not, in the owner's words:
     * {slot, offer, reason, segment, words, fates: [{offer, name, reason, by?, because?, segment?, words}]}. */
    explainSlot(slot) {
      return explained(2, slot);
    },

    /** The bytes of the compiled program in force (null before one is). */
    get program() {
      return program;
    },

    /** Runs a compiled program (its bytes): {ok, issues} with one issue when they are not one. */
    loadProgram(bytes) {
      const program = toBytes(bytes);
      // Refused on length before it is copied into WASM memory (which never shrinks): a program is
      // a compiled configuration of at most 4 MB, never this large.
      if (program.length > MAX_PROGRAM_BYTES) {
        return { ok: false, issues: [{ code: 'too_large', path: '', message: 'A program is at most 16 MB.' }] };
      }
      const error = useProgram(program);
      if (error === null) return { ok: true, issues: [] };
      return { ok: false, issues: [{ code: error.code, path: '', message: error.message }] };
    },

    record(offerId, outcome) {
      // An id longer than any offer's is no offer's: refused before it is copied.
      if (typeof offerId !== 'string' || offerId.length > MAX_ID || !OUTCOMES.has(outcome)) return false;
      // One the engine refuses (no such offer) is refused again when replayed.
      return change('record', offerId, outcome, now());
    },

    /** Compiles a JSON configuration (owner toolkit) and runs it: {ok, issues}, or a Promise of it. */
    configure(config) {
      const text = configText(config);
      if (typeof text !== 'string') return text;
      const known = compiledPrograms.get(text);
      if (known !== undefined) {
        // Compiled before in this page or process: run those bytes, no toolkit needed.
        useProgram(known);
        return { ok: true, issues: [] };
      }
      return withToolkit((kit) => {
        const compiled = kit.compile(text);
        if (!compiled.ok) return { ok: false, issues: compiled.issues };
        rememberProgram(text, compiled.program);
        const error = useProgram(compiled.program);
        return error === null ? { ok: true, issues: [] } : { ok: false, issues: [{ code: error.code, path: '', message: error.message }] };
      });
    },

    /** Every issue of a configuration, without running it: {ok, issues}, or a Promise of it. */
    validate(config) {
      const text = configText(config);
      if (typeof text !== 'string') return text;
      return withToolkit((kit) => kit.validate(text));
    },

    save() {
      return alive().save(now());
    },

    load(state) {
      let text = '';
      try {
        text = typeof state === 'string' ? state : JSON.stringify(state);
      } catch {
        // not JSON (a getter threw, a cycle): loaded as nothing, which the engine refuses
      }
      const issues = JSON.parse(session.loadState(typeof text === 'string' ? text : '', now()));
      journal.clear();
      session.reapplyContext();
      persistence?.scheduleSave();
      return { ok: issues.length === 0, issues };
    },

    forget() {
      alive();
      session.forgetLocal();
      persistence?.wipe();
    },

    /** Keep state in this Storage from now on (merging what it holds), or in memory only (null). */
    setStorage(storage) {
      alive();
      attachStorage(storage || null);
    },

    /** Replace the clock (the demo jumps it forward); null restores Date.now. */
    setClock(fn) {
      now = typeof fn === 'function' ? fn : Date.now;
    },

    /** Called after another tab's change was merged into this engine. */
    set onExternalChange(fn) {
      session.onExternalChange = typeof fn === 'function' ? fn : () => {};
    },

    dispose() {
      if (session.native === null) return;
      if (persistence !== null) {
        persistence.saveNow();
        persistence.detach();
        persistence = null;
      }
      session.native.delete();
      session.native = null;
    },
  };

  if (options.program) {
    const result = engine.loadProgram(options.program);
    if (!result.ok) {
      engine.dispose();
      const error = new Error('shopper-segments: ' + result.issues[0].message);
      error.issues = result.issues;
      throw error;
    }
  }
  if (options.context) engine.setContext(options.context);
  if (options.storage) attachStorage(options.storage);
  return engine;
}

// Programs compiled in this page or process, by their configuration's text: an engine configured
// with a text seen before runs the same bytes without the toolkit (the studio's log replay makes
// one engine per visitor, a server one per request). A few are kept.
const KEPT_PROGRAMS = 4;
const compiledPrograms = new Map();

function rememberProgram(text, bytes) {
  compiledPrograms.set(text, bytes);
  if (compiledPrograms.size > KEPT_PROGRAMS) compiledPrograms.delete(compiledPrograms.keys().next().value);
}

/** A program the page or the caller already compiled, by its configuration's text (or undefined). */
export function compiledProgram(text) {
  return compiledPrograms.get(text);
}

export { rememberProgram };

function toBytes(bytes) {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Uint8Array(0);
}

// A configuration crosses the boundary as JSON text; an object that cannot become JSON is an issue:
// the text, or {ok: false, issues}.
export function configText(config) {
  if (typeof config === 'string') return config;
  try {
    const text = JSON.stringify(config);
    if (typeof text === 'string') return text;
  } catch {
    // falls through to the issue below
  }
  return { ok: false, issues: [{ code: 'type_mismatch', path: '', message: 'The configuration must be a JSON object or JSON text.' }] };
}

// Traits and context are flat objects, read once into JSON text; anything else, or text longer than
// a saved state could hold, is refused (with a warning) without touching the engine.
function flatJson(object, warn) {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return null;
  let json;
  try {
    json = JSON.stringify(object);
  } catch {
    warn('bad_input', 'unreadable traits or context refused');
    return null;
  }
  if (json.length <= MAX_VALUES) return json;
  warn('too_large', 'traits or context over ' + MAX_VALUES + ' characters refused');
  return null;
}

export function describeIssues(issues) {
  return issues.slice(0, 3).map((i) => (i.path ? i.path + ': ' : '') + i.message).join('; ') +
    (issues.length > 3 ? ' (and ' + (issues.length - 3) + ' more)' : '');
}

export { randomId };
