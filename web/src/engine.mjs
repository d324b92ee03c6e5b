// The engine facade: the JavaScript API of docs/BINDINGS.md over one native (WASM) engine.
// It reads the clock (options.now), packs events for the hot path, keeps offer content and
// from the configuration, journals changes and, with a storage, persists them.

import { hotPath, readDecisions, readSegments } from './hot-path.mjs';
import { Journal } from './journal.mjs';
import { packFields } from './pack.mjs';
import { Persistence } from './persistence.mjs';
import { warnOnce } from './warn.mjs';

const OUTCOMES = new Set(['shown', 'dismissed', 'converted']);

/**
 * @param {any} Module the instantiated WASM module (Embind's Engine and validateConfigInput, the hot path's exports)
 * @param {object} options see shopper-segments.d.ts EngineOptions
 */
export function makeEngine(Module, options = {}) {
  let now = typeof options.now === 'function' ? options.now : Date.now;
  const warn = typeof options.onWarning === 'function' ? options.onWarning : warnOnce;
  let native = new Module.Engine();
  const address = native.address();
  const hot = hotPath(Module);
  const journal = new Journal();
  let offerInfo = null;     // {content: offer id -> content, ruled: ids of offers with a rule}, from the active configuration
  let names = null;         // slot, offer, segment and reason names behind the hot path's indices
  let context = null;        // every context value set so far (setContext merges, null unsets)
  let persistence = null;
  let onExternalChange = () => {};

  const host = {
    native,
    journal,
    tabId: randomId(),
    visitorId: '',
    // The context's time zone, saved with the state for the next page.
    get timezone() {
      return context !== null && typeof context.timezone === 'string' ? context.timezone : null;
    },
    savedTimezone: null,  // the one the adopted saved state was saved with
    now: () => now(),
    setVisitorId(id) {
      host.visitorId = id;
      native.setVisitorId(id);
    },
    /** Loads a saved state (JSON text) into the native engine; the issues as JSON text. */
    loadState(state, at) {
      return alive().loadInput(hot.input(state), at);
    },
    reapplyContext() {
      if (context !== null) native.setContextJson(JSON.stringify(context));
    },
    forgetLocal() {
      native.forget();
      journal.clear();
      host.setVisitorId(randomId());
      host.reapplyContext();
    },
    onExternalChange: () => onExternalChange(),
  };

  function alive() {
    if (native === null) throw new Error('shopper-segments: this engine was disposed');
    return native;
  }

  // Every change goes through here: applied now, journaled for tab merges, saved soon.
  function change(replay) {
    const result = replay(alive());
    journal.add(replay);
    if (persistence !== null) persistence.scheduleSave();
    return result;
  }

  function programNames() {
    if (names === null) names = JSON.parse(alive().programJson());
    return names;
  }

  // Each offer's content, and whether it has a rule of its own, by its index in
  // programNames().offers, as the decisions name offers.
  function offerIndex() {
    const known = programNames();
    if (known.contents === undefined) {
      // Without a configuration the module's engine has no offers: nothing to show.
      const info = offerInfo || { content: new Map(), ruled: new Set() };
      known.contents = known.offers.map((id) => info.content.get(id) || {});
      known.ruled = known.offers.map((id) => info.ruled.has(id));
    }
    return known;
  }

  function attachStorage(storage) {
    if (persistence !== null) persistence.detach();
    persistence = null;
    if (storage) {
      persistence = new Persistence(host, storage, options.storageKey, warn);
      persistence.attach();
    }
  }

  host.setVisitorId(typeof options.visitorId === 'string' && options.visitorId ? options.visitorId : randomId());

  const engine = {
    get visitorId() {
      return host.visitorId;
    },

    /** The time zone the stored state was saved with (null: none), so a page can skip the lookup. */
    get savedTimezone() {
      return host.savedTimezone;
    },

    track(type, fields) {
      if (typeof type !== 'string' || type === '') return false;
      const at = now();
      const packed = packFields(fields);
      alive();
      hot.track(address, at, type, packed);
      // Tab merges replay onto this same native engine (see Journal).
      journal.add(() => hot.track(address, at, type, packed));
      if (persistence !== null) persistence.scheduleSave();
      return true;
    },

    setTraits(traits) {
      const json = flatJson(traits);
      if (json === null) return false;
      return change((n) => n.setTraitsJson(json)) === '[]';
    },

    setContext(values) {
      const json = flatJson(values);
      if (json === null) return false;
      const n = alive();
      context = context || {};
      for (const [key, value] of Object.entries(JSON.parse(json))) {
        if (value === null) delete context[key];
        else context[key] = value;
      }
      return n.setContextJson(json) === '[]';
    },

    segments() {
      alive();
      // Names first: reading them may grow WASM memory, which would detach a view taken before.
      const names = programNames();
      const at = hot.segments(address, now());
      return readSegments(hot.numbers, at, names);
    },

    decide() {
      alive();
      const names = programNames();
      const at = hot.decide(address, now());
      const offers = offerIndex();
      return readDecisions(hot.numbers, at, names, offers.contents, offers.ruled);
    },

    /** The context names (setContext) that the configuration's rules read. */
    contextKeys() {
      return programNames().context.slice();
    },

    explain(segmentId) {
      return JSON.parse(alive().explain(String(segmentId), now()));
    },

    /** An offer's own rule as explain() gives a segment's: {offer, slot, tree (null without one), held}. */
    explainOffer(offerId) {
      return JSON.parse(alive().explainOffer(String(offerId), now()));
    },

    record(offerId, outcome) {
      if (typeof offerId !== 'string' || !OUTCOMES.has(outcome)) return false;
      const at = now();
      if (!alive().record(offerId, outcome, at)) return false;
      // Journal only what the engine accepted; the replay repeats the same call.
      journal.add((n) => n.record(offerId, outcome, at));
      if (persistence !== null) persistence.scheduleSave();
      return true;
    },

    configure(config) {
      const text = configText(config);
      if (typeof text !== 'string') return text;
      const compiled = compiledConfigs(Module);
      const known = compiled.get(text);
      if (known !== undefined) {
        // Compiled before in this module: share that program instead of compiling again.
        alive().useProgramOf(known.holder);
        offerInfo = known.offers;
        names = null;
        return { ok: true, issues: [] };
      }
      const issues = JSON.parse(alive().configureInput(hot.input(text)));
      if (issues.length === 0) {
        offerInfo = indexOffers(typeof config === 'string' ? JSON.parse(text) : config);
        names = null;
        rememberCompiled(Module, compiled, text, native, offerInfo);
      }
      return { ok: issues.length === 0, issues };
    },

    validate(config) {
      const text = configText(config);
      if (typeof text !== 'string') return text;
      const issues = JSON.parse(Module.validateConfigInput(hot.input(text)));
      return { ok: issues.length === 0, issues };
    },

    save() {
      return alive().save(now());
    },

    load(state) {
      const text = typeof state === 'string' ? state : JSON.stringify(state);
      const issues = JSON.parse(host.loadState(typeof text === 'string' ? text : '', now()));
      journal.clear();
      host.reapplyContext();
      if (persistence !== null) persistence.scheduleSave();
      return { ok: issues.length === 0, issues };
    },

    forget() {
      alive();
      host.forgetLocal();
      if (persistence !== null) persistence.wipe();
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
      onExternalChange = typeof fn === 'function' ? fn : () => {};
    },

    dispose() {
      if (native === null) return;
      if (persistence !== null) {
        persistence.saveNow();
        persistence.detach();
        persistence = null;
      }
      native.delete();
      native = null;
    },
  };

  if (options.config !== undefined && options.config !== null) {
    const result = engine.configure(options.config);
    if (!result.ok) {
      engine.dispose();
      const error = new Error('shopper-segments: the configuration has issues: ' + describeIssues(result.issues));
      error.issues = result.issues;
      throw error;
    }
  }
  if (options.context) engine.setContext(options.context);
  if (options.storage) attachStorage(options.storage);
  return engine;
}

// Configurations compiled in a module, by their text: an engine made with one of them shares its
// program (the studio's log replay makes one engine per visitor, a server one per request).
// A few are kept; each is held by an engine of its own with no visitor.
const KEPT_CONFIGS = 4;
const compiledByModule = new WeakMap();

function compiledConfigs(Module) {
  let compiled = compiledByModule.get(Module);
  if (compiled === undefined) compiledByModule.set(Module, (compiled = new Map()));
  return compiled;
}

function rememberCompiled(Module, compiled, text, from, offers) {
  const holder = new Module.Engine();
  holder.useProgramOf(from);
  compiled.set(text, { holder, offers });
  if (compiled.size > KEPT_CONFIGS) {
    const [oldest, entry] = compiled.entries().next().value;
    compiled.delete(oldest);
    entry.holder.delete();
  }
}

function indexOffers(config) {
  const content = new Map();
  const ruled = new Set();
  for (const offer of config.offers || []) {
    content.set(offer.id, offer.content || {});
    if (offer.rule !== undefined) ruled.add(offer.id);
  }
  return { content, ruled };
}

// A configuration crosses the boundary as JSON text; an object that cannot become JSON is an issue.
function configText(config) {
  if (typeof config === 'string') return config;
  try {
    const text = JSON.stringify(config);
    if (typeof text === 'string') return text;
  } catch {
    // falls through to the issue below
  }
  return { ok: false, issues: [{ code: 'type_mismatch', path: '', message: 'The configuration must be a JSON object or JSON text.' }] };
}

// Traits and context are flat objects; anything else is refused without touching the engine.
function flatJson(object) {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return null;
  try {
    return JSON.stringify(object);
  } catch {
    return null;
  }
}

export function describeIssues(issues) {
  return issues.slice(0, 3).map((i) => (i.path ? i.path + ': ' : '') + i.message).join('; ') +
    (issues.length > 3 ? ' (and ' + (issues.length - 3) + ' more)' : '');
}

export function randomId() {
  const bytes = new Uint8Array(8);
  if (globalThis.crypto && globalThis.crypto.getRandomValues) globalThis.crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let id = '';
  for (const b of bytes) id += (b < 16 ? '0' : '') + b.toString(16);
  return id;
}
