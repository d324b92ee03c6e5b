// The script-tag runtime: window.ShopperSegments. It loads the WASM module and the configuration,
// picks where state lives (consent, GPC/DNT), queues calls made before it is ready, tracks the
// page, fills slots and announces changes with DOM events. If anything needed fails, the page
// keeps its own content and one console warning says why.

import { startAutoTracking } from './autotrack.mjs';
import { browserContext, browserTimeZone, privacySignals, timeZoneIsCheap } from './context.mjs';
import { forwardDataLayer } from './datalayer.mjs';
import createSegRuntime from 'seg-runtime-glue';  // the Emscripten output, aliased by web/build.sh
import { describeIssues, makeEngine } from './engine.mjs';
import { startEngagement } from './engagement.mjs';
import { PROGRAM_CACHE_KEY, cacheProgram, cachedProgram } from './program-cache.mjs';
import { loadProgramSource, widgetSettings } from './settings.mjs';
import { Slots } from './slots.mjs';
import { DEFAULT_KEY, readPaint, readSaved, removeSaved } from './store.mjs';
import { toolkitLoader } from './toolkit-loader.mjs';
import { loadModule } from './wasm.mjs';
import { warnOnce } from './warn.mjs';

export const VERSION = '1.0.0';

/**
 * @param {Window} win @param {HTMLScriptElement | null} script
 * @param {{ wasmUrl: string, catalogProgramUrl: string, toolkitUrl: string }} urls the runtime's
 *   .wasm, the built-in catalogue's program (for pages that bring none) and the toolkit module
 */
export function startWidget(win, script, urls) {
  mark(win, 'start');
  const doc = win.document;
  const earlyCalls = Array.isArray(win.ShopperSegments) ? win.ShopperSegments : [];
  const queue = [];
  let engine = null;
  let slots = null;
  let settings = widgetSettings(script, null);
  let consentAnswer = null;  // null until the page calls consent()
  const consentGiven = () => (consentAnswer !== null ? consentAnswer : !settings.consentRequired);
  let clock = null;
  const toolkit = toolkitLoader(urls.toolkitUrl);
  const now = () => (clock ? clock() : Date.now());

  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});  // a page that never awaits `ready` must not see an unhandled rejection

  // Calls that change state, made before the engine runs, wait in the queue and return a Promise
  // of their result (rejected with `ready`'s error when the engine cannot start); calls that read
  // answer empty until then.
  let failure = null;
  const later = (run) => {
    const result = failure ? Promise.reject(failure) : new Promise((resolve, reject) => {
      // One failing call rejects its own Promise; the engine and the other calls go on. What the
      // call returns goes back to drainQueue, which waits for a Promise (configure compiling in the
      // toolkit) before the next call, so calls keep their order.
      queue.push({
        run: () => {
          try {
            const value = run();
            resolve(value);
            return value;
          } catch (error) {
            reject(error);
            return null;
          }
        },
        fail: reject,
      });
    });
    result.catch(() => {});  // a page that ignores the result must not see an unhandled rejection
    return result;
  };
  let draining = false;  // queued calls still running: new ones wait behind them
  const whenReady = (method) => (...args) => (engine !== null && !draining ? method(...args) : later(() => method(...args)));

  const emit = (name, detail) => doc.dispatchEvent(new CustomEvent('shopper-segments:' + name, { detail }));

  let members = null;
  let refreshQueued = false;
  const scheduleRefresh = () => {
    if (refreshQueued) return;
    refreshQueued = true;
    queueMicrotask(() => {
      if (refreshQueued) refresh();
    });
  };
  function refresh() {
    refreshQueued = false;
    if (engine === null) return;
    const segments = engine.segments();
    const current = segments.filter((s) => s.member).map((s) => s.id);
    if (members !== null && (current.length !== members.length || current.some((id, i) => id !== members[i]))) {
      const entered = current.filter((id) => !members.includes(id));
      const left = members.filter((id) => !current.includes(id));
      emit('change', { segments, members: current, entered, left });
    }
    members = current;
    slots.render(engine.decide());
    // What the slots show now, kept with the state for the next page's first paint.
    const paint = slots.currentPaint();
    const paintText = JSON.stringify(paint);
    if (paintText !== lastPaint) {
      lastPaint = paintText;
      engine.setPaint(paint);
    }
  }
  let lastPaint = null;

  const track = (type, fields) => {
    const tracked = engine.track(type, fields);
    if (tracked) scheduleRefresh();
    return tracked;
  };

  function chooseStorage() {
    if (!consentGiven()) return null;
    const signals = privacySignals(win);
    const mode = signals.gpc || signals.dnt ? settings.privacy : 'ignore';
    if (mode === 'memory') return null;
    try {
      return mode === 'session' ? win.sessionStorage : win.localStorage;
    } catch (error) {
      warnOnce('storage_failed', 'browser storage is not available (' + error.name + '); keeping state in memory for this page');
      return null;
    }
  }

  function wipeStores() {
    for (const name of ['localStorage', 'sessionStorage']) {
      try {
        removeSaved(win[name], settings.storageKey || DEFAULT_KEY);
        removeSaved(win[name], PROGRAM_CACHE_KEY);
      } catch {
        // A store the page cannot open holds nothing of ours.
      }
    }
  }

  const api = {
    version: VERSION,
    ready,
    track: whenReady(track),
    setTraits: whenReady((traits) => {
      const ok = engine.setTraits(traits);
      if (ok) scheduleRefresh();
      return ok;
    }),
    segments: () => (engine ? engine.segments() : []),
    decide: () => (engine ? engine.decide() : []),
    explain: (segmentId) => (engine ? engine.explain(segmentId) : null),
    explainOffer: (offerId) => (engine ? engine.explainOffer(offerId) : null),
    record: whenReady((offerId, outcome) => engine.record(offerId, outcome)),
    configure: whenReady((config) => {
      const settle = (result) => {
        if (result.ok) scheduleRefresh();
        return result;
      };
      // A configuration this browser compiled on an earlier page runs without the toolkit.
      const text = typeof config === 'string' ? config : safeJson(config);
      const store = programStore();
      const cached = text !== null && store ? cachedProgram(store, text) : null;
      if (cached && engine.loadProgram(cached).ok) return settle({ ok: true, issues: [] });
      const result = engine.configure(config);
      const keep = (r) => {
        if (r.ok && text !== null && store && engine.program) cacheProgram(store, text, engine.program);
        return settle(r);
      };
      return typeof result.then === 'function' ? result.then(keep) : keep(result);
    }),
    /** Loads the owner toolkit, after which explain() and explainOffer() answer at once. */
    loadToolkit: () => (toolkit ? toolkit.load().then(() => undefined) : ready.then(() => api.loadToolkit())),
    forget() {
      wipeStores();
      if (engine === null) {
        later(() => api.forget());
        return;
      }
      engine.forget();
      // No new decision until the visitor does something: showing an offer would be recorded,
      // and so stored again, right after the wipe.
      slots.reset();
      members = [];
    },
    consent(granted) {
      consentAnswer = granted === true;
      if (!consentAnswer) wipeStores();
      if (engine !== null) engine.setStorage(chooseStorage());
    },
    setClock(fn) {
      clock = typeof fn === 'function' ? fn : null;
    },
    refresh: whenReady(() => refresh()),
  };
  win.ShopperSegments = api;

  async function start() {
    const [Module, source] = await Promise.all([
      loadModule(createSegRuntime, { wasmUrl: urls.wasmUrl }).then((loaded) => (mark(win, 'wasm'), loaded)),
      loadProgramSource(doc, script, urls.catalogProgramUrl),
    ]);
    const options = { now, context: browserContext(win, now()) };
    if (source.program) {
      engine = makeOrExplain(Module, { ...options, program: source.program }, toolkit);
    } else {
      // A kept program that this runtime refuses (another format version after an update) is
      // compiled again from the page's JSON, and kept anew.
      const cached = compiledBefore(source.configText);
      try {
        engine = cached ? makeEngine(Module, { ...options, program: cached }, toolkit) : null;
      } catch {
        engine = null;
      }
      if (engine === null) engine = makeOrExplain(Module, { ...options, program: await compileInPage(source.configText, toolkit) }, toolkit);
    }
    // The page's settings: the script's attributes over the program's `web` object.
    settings = widgetSettings(script, { web: engine.pageSettings() });
    engine.setStorageKey(settings.storageKey);
    mark(win, 'configured');
    engine.setStorage(chooseStorage());
    engine.onExternalChange = scheduleRefresh;
    for (const call of earlyCalls) {
      if (Array.isArray(call) && typeof api[call[0]] === 'function') later(() => api[call[0]](...call.slice(1)));
    }
    await drainQueue();
    if (settings.autoTrack) {
      startAutoTracking(doc, track);
      startEngagement(win, track, () => {
        slots.fireTrigger('exit_intent');
        refresh();
      });
    }
    if (settings.dataLayer) forwardDataLayer(win, track);
    // The time zone: with Temporal it costs under a millisecond and is set before the first
    // decision. Without it, Intl's lookup costs 25 to 90 ms in Chromium (a long task on every
    // page), so it runs before the first decision only when a rule reads the zone and the stored
    // state does not say it; otherwise right after `ready` (decisions redone if it changed).
    const readsZone = engine.contextKeys().includes('timezone');
    const cheapZone = timeZoneIsCheap(win);
    const assumedZone = readsZone && !cheapZone ? engine.savedTimezone : null;
    const zoneLater = !cheapZone && (!readsZone || assumedZone !== null);
    if (cheapZone || readsZone) engine.setContext({ timezone: zoneLater ? assumedZone : browserTimeZone(win) });
    refresh();
    mark(win, 'ready');
    resolveReady(api);
    emit('ready', { segments: engine.segments() });
    if (zoneLater) {
      setTimeout(() => {
        if (engine === null) return;
        const zone = browserTimeZone(win);
        engine.setContext({ timezone: zone });
        if (engine.contextKeys().includes('timezone') && zone !== assumedZone) scheduleRefresh();
      }, 0);
    }
  }

  // Queued calls in order; a call that answers with a Promise (configure compiling in the toolkit)
  // is waited for before the next, and before the first decision.
  async function drainQueue() {
    draining = true;
    try {
      while (queue.length) {
        const value = queue.shift().run();
        if (value && typeof value.then === 'function') await value.then(() => {}, () => {});
      }
    } finally {
      draining = false;
    }
  }

  // A page that gives JSON: the program compiled on an earlier view of the same configuration, or
  // compiled now by the toolkit module (one more request) and kept for the next view.
  function compiledBefore(configText) {
    const store = programStore();
    return store ? cachedProgram(store, configText) : null;
  }

  function makeOrExplain(Module, options, toolkit) {
    try {
      return makeEngine(Module, options, toolkit);
    } catch (error) {
      throw new Error(error.issues ? describeIssues(error.issues) : error.message);
    }
  }

  async function compileInPage(configText, toolkit) {
    const store = programStore();
    const compiled = (await toolkit.load()).compile(configText);
    if (!compiled.ok) throw new Error('the configuration has issues: ' + describeIssues(compiled.issues));
    if (store) cacheProgram(store, configText, compiled.program);
    mark(win, 'compiled');
    return compiled.program;
  }

  // Where a compiled program is kept: where the visitor's state may be kept (consent, GPC/DNT),
  // although it holds nothing about the visitor, so that a page keeps nothing where it should not.
  function programStore() {
    return chooseStorage();
  }

  // The slots, drawn before the engine is ready from the last page's offers (a returning visitor
  // never sees the page's own content swap to an offer); the engine reconciles at its first decision.
  slots = new Slots(doc, {
    record: (offer, outcome) => (engine ? engine.record(offer, outcome) : false),
    explain: (id) => engine.explain(id),
    explainOffer: (id) => engine.explainOffer(id),
  }, {
    get why() {
      return settings.why;
    },
    onOffer: (detail) => emit('offer', detail),
  });
  paintFromStorage();

  function paintFromStorage() {
    try {
      const storage = chooseStorage();
      const saved = storage ? readSaved(storage, settings.storageKey || DEFAULT_KEY) : null;
      const paint = saved && saved.ok ? readPaint(saved.value) : null;
      if (paint) {
        slots.paint(paint);
        mark(win, 'painted');
      }
    } catch {
      // No paint: the engine fills the slots when it is ready, as for a new visitor.
    }
  }

  start().catch((error) => {
    engine = null;
    if (slots) slots.reset();
    failure = error;
    for (const call of queue.splice(0)) call.fail(error);
    warnOnce('unavailable', 'personalisation is off, the page keeps its own content: ' + reason(error));
    rejectReady(error);
  });
  return api;
}

// User Timing marks (shopper-segments:start, :wasm, :configured, :ready) for the browser's
// performance panel and for bench/lib/browser.mjs; pages without the API lose nothing.
function mark(win, name) {
  try {
    win.performance.mark('shopper-segments:' + name);
  } catch {
    // no User Timing here
  }
}

function safeJson(value) {
  try {
    const text = JSON.stringify(value);
    return typeof text === 'string' ? text : null;
  } catch {
    return null;
  }
}

function reason(error) {
  if (error instanceof WebAssembly.CompileError || /WebAssembly|wasm/i.test(String(error && error.message))) {
    return 'WebAssembly could not start (' + (error.message || error) + ')';
  }
  return (error && error.message) || String(error);
}
