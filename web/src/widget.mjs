// The script-tag runtime: window.ShopperSegments. Start-up only; each job has its own file:
//   call-queue.mjs      calls made before the engine runs, kept in order
//   storage-policy.mjs  where anything may be kept (consent, GPC/DNT)
//   page-program.mjs    the program the page runs (given, kept, or compiled by the toolkit)
//   page-renderer.mjs   segments, change events, slots, and the last decisions for the next paint
// If anything needed fails, the page keeps its own content and one console warning says why.

import createSegRuntime from 'seg-runtime-glue';  // the Emscripten output, aliased by web/build.sh
import { startAutoTracking } from './autotrack.mjs';
import { CallQueue } from './call-queue.mjs';
import { browserContext, browserTimeZone, timeZoneIsCheap } from './context.mjs';
import { forwardDataLayer } from './datalayer.mjs';
import { startEngagement } from './engagement.mjs';
import { configureKept, engineForPage } from './page-program.mjs';
import { PageRenderer } from './page-renderer.mjs';
import { loadProgramSource, widgetSettings } from './settings.mjs';
import { Slots } from './slots.mjs';
import { StoragePolicy } from './storage-policy.mjs';
import { toolkitLoader } from './toolkit-loader.mjs';
import { loadModule } from './wasm.mjs';
import { warnOnce } from './warn.mjs';

// The project's version (CMakeLists.txt), defined by web/build.sh; 'dev' in an unbundled run.
// eslint-disable-next-line no-undef
export const VERSION = typeof SEG_VERSION === 'string' ? SEG_VERSION : 'dev';

/**
 * @param {Window} win @param {HTMLScriptElement | null} script
 * @param {{ wasmUrl: string, wasmIntegrity?: string, catalogProgramUrl: string, toolkitUrl: string }} urls
 *   the runtime's .wasm (and its Subresource Integrity hash), the built-in catalogue's program (for
 *   pages that bring none) and the toolkit module
 */
export function startWidget(win, script, urls) {
  mark(win, 'start');
  const doc = win.document;
  const earlyCalls = Array.isArray(win.ShopperSegments) ? win.ShopperSegments : [];
  let engine = null;
  // The script's attributes until the program is loaded, then over the program's `web` object.
  let settings = widgetSettings(script, null);
  const storage = new StoragePolicy(win, () => settings);
  const queue = new CallQueue();
  const toolkit = toolkitLoader(urls.toolkitUrl);
  let clock = null;
  const now = () => (clock ? clock() : Date.now());
  const emit = (name, detail) => doc.dispatchEvent(new CustomEvent('shopper-segments:' + name, { detail }));

  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});  // a page that never awaits `ready` must not see an unhandled rejection

  const slots = new Slots(doc, {
    record: (offer, outcome) => (engine ? engine.record(offer, outcome) : false),
    explain: (id) => engine.explain(id),
    explainOffer: (id) => engine.explainOffer(id),
  }, {
    get why() {
      return settings.why;
    },
    onOffer: (detail) => emit('offer', detail),
  });
  const renderer = new PageRenderer(slots, emit);
  // Calls that change state wait for the engine; calls that read answer empty until then.
  const whenReady = (method) => queue.whenReady(() => engine !== null, method);
  const track = (type, fields) => {
    const tracked = engine.track(type, fields);
    if (tracked) renderer.schedule();
    return tracked;
  };

  const api = {
    version: VERSION,
    ready,
    track: whenReady(track),
    setTraits: whenReady((traits) => {
      const ok = engine.setTraits(traits);
      if (ok) renderer.schedule();
      return ok;
    }),
    segments: () => (engine ? engine.segments() : []),
    decide: () => (engine ? engine.decide() : []),
    explain: (segmentId) => (engine ? engine.explain(segmentId) : null),
    explainOffer: (offerId) => (engine ? engine.explainOffer(offerId) : null),
    explainSlot: (slot) => (engine ? engine.explainSlot(slot) : null),
    record: whenReady((offerId, outcome) => engine.record(offerId, outcome)),
    configure: whenReady((config) => {
      const settle = (result) => {
        if (result.ok) renderer.schedule();
        return result;
      };
      const result = configureKept(engine, config, storage.choose());
      return typeof result.then === 'function' ? result.then(settle) : settle(result);
    }),
    /** Loads the owner toolkit, after which explain() and explainOffer() answer at once. */
    loadToolkit: () => toolkit.load().then(() => undefined),
    forget() {
      storage.wipe();
      if (engine === null) {
        queue.later(() => api.forget());
        return;
      }
      engine.forget();
      // No new decision until the visitor does something: showing an offer would be recorded,
      // and so stored again, right after the wipe.
      renderer.reset();
    },
    consent(granted) {
      storage.setConsent(granted);
      if (engine !== null) engine.setStorage(storage.choose());
    },
    setClock(fn) {
      clock = typeof fn === 'function' ? fn : null;
    },
    refresh: whenReady(() => renderer.refresh()),
  };
  win.ShopperSegments = api;

  async function start() {
    const [Module, source] = await Promise.all([
      loadModule(createSegRuntime, { wasmUrl: urls.wasmUrl, integrity: urls.wasmIntegrity }).then((loaded) => (mark(win, 'wasm'), loaded)),
      loadProgramSource(doc, script, urls.catalogProgramUrl),
    ]);
    engine = await engineForPage(Module, source, { now, context: browserContext(win, now()) }, {
      toolkit,
      store: storage.choose(),
      onCompiled: () => mark(win, 'compiled'),
    });
    settings = widgetSettings(script, { web: engine.pageSettings() });
    engine.setStorageKey(settings.storageKey);
    mark(win, 'configured');
    engine.setStorage(storage.choose());
    engine.onExternalChange = () => renderer.schedule();
    renderer.attach(engine);
    for (const call of earlyCalls) {
      if (Array.isArray(call) && typeof api[call[0]] === 'function') queue.later(() => api[call[0]](...call.slice(1)));
    }
    await queue.drain();
    if (settings.autoTrack) {
      startAutoTracking(doc, track);
      startEngagement(win, track, () => {
        slots.fireTrigger('exit_intent');
        renderer.refresh();
      });
    }
    if (settings.dataLayer) forwardDataLayer(win, track);
    const zoneLater = setTimeZone();
    renderer.refresh();
    mark(win, 'ready');
    resolveReady(api);
    emit('ready', { segments: engine.segments() });
    if (zoneLater) setTimeout(() => zoneLater(), 0);
  }

  // The time zone: with Temporal it costs under a millisecond and is set before the first
  // decision. Without it, Intl's lookup costs 25 to 90 ms in Chromium (a long task on every
  // page), so it runs before the first decision only when a rule reads the zone and the stored
  // state does not say it; otherwise right after `ready` (decisions redone if it changed).
  // Returns what to run after `ready`, or null.
  function setTimeZone() {
    const readsZone = engine.contextKeys().includes('timezone');
    const cheapZone = timeZoneIsCheap(win);
    const assumedZone = readsZone && !cheapZone ? engine.savedTimezone : null;
    const later = !cheapZone && (!readsZone || assumedZone !== null);
    if (cheapZone || readsZone) engine.setContext({ timezone: later ? assumedZone : browserTimeZone(win) });
    if (!later) return null;
    return () => {
      if (engine === null) return;
      const zone = browserTimeZone(win);
      engine.setContext({ timezone: zone });
      if (engine.contextKeys().includes('timezone') && zone !== assumedZone) renderer.schedule();
    };
  }

  // start() asks for the .wasm and the program before its first await, so both are on the network
  // before anything else here runs.
  const started = start();
  // A returning visitor's slots, drawn from the last page's offers while the .wasm is on its way;
  // the engine reconciles them at its first decision.
  if (renderer.paintFrom(storage.choose(), storage.key)) mark(win, 'painted');
  started.catch((error) => {
    engine = null;
    renderer.detach();
    queue.failAll(error);
    warnOnce('unavailable', 'personalisation is off, the page keeps its own content: ' + reason(error));
    rejectReady(error);
  });
  return api;
}

// User Timing marks (shopper-segments:start, :painted, :wasm, :compiled, :configured, :ready) for
// the browser's performance panel and for bench/lib/browser.mjs; pages without the API lose nothing.
function mark(win, name) {
  try {
    win.performance.mark('shopper-segments:' + name);
  } catch {
    // no User Timing here
  }
}

function reason(error) {
  if (error instanceof WebAssembly.CompileError || /WebAssembly|wasm/i.test(String(error && error.message))) {
    return 'WebAssembly could not start (' + (error.message || error) + ')';
  }
  return (error && error.message) || String(error);
}
