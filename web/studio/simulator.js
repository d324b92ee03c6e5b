// The journey simulator's model (no DOM): a journey is a list of actions (events, traits,
// context, offer records, clock jumps) at simulated times. The engine state is always derived by
// replaying the actions into a fresh engine running the working config, so changing the config
// re-runs the same journey, and the engine's clock is injected (createEngine's `now`).
import { MINUTE, journeyStart } from './sim-clock.js';

const STORAGE_KEY = 'shopper-segments-studio:journey:v1';
const STEP = MINUTE;  // each action moves the clock on a little, so sequences keep their order

export function newJourney(realNow = Date.now()) {
  const start = journeyStart(realNow);
  return { version: 1, visitorId: 'studio-visitor-1', start, now: start, actions: [] };
}

/** A slot's decision as the timeline keeps it: with its content and the numbers the text quotes then. */
function changedOffer(d) {
  const entry = { slot: d.slot, offer: d.offer, reason: d.reason, content: d.content || null };
  if (d.numbers) { entry.numbers = d.numbers; entry.currency = d.currency || ''; }
  return entry;
}

export function createSimulator({ createEngine, storage = globalThis.localStorage }) {
  let journey = load(storage) || newJourney();
  let config = null;
  let engine = null;
  let clock = journey.now;
  let timeline = [];          // [{action, entered, left, offers, at}]
  let generation = 0;
  const listeners = new Set();

  function save() {
    try { storage && storage.setItem(STORAGE_KEY, JSON.stringify(journey)); } catch { /* the journey just does not survive a reload */ }
  }

  function snapshot() {
    const segments = engine.segments();
    const decisions = engine.decide();
    return { members: new Set(segments.filter((s) => s.member).map((s) => s.id)), segments, decisions };
  }

  function apply(action) {
    clock = action.at;
    switch (action.kind) {
      case 'event': engine.track(action.type, action.fields || {}); break;
      case 'traits': engine.setTraits(action.traits); break;
      case 'context': engine.setContext(action.context); break;
      case 'record': engine.record(action.offer, action.outcome); break;
      default: break;  // 'clock': only the time moves
    }
  }

  function step(action, before) {
    apply(action);
    const after = snapshot();
    const entered = [...after.members].filter((id) => !before.members.has(id));
    const left = [...before.members].filter((id) => !after.members.has(id));
    const offers = after.decisions
      .filter((d) => {
        const old = before.decisions.find((b) => b.slot === d.slot);
        return !old || old.offer !== d.offer;
      })
      .map(changedOffer);
    timeline.push({ action, entered, left, offers });
    return after;
  }

  function notify() {
    for (const listener of listeners) listener();
  }

  /** Re-run the whole journey on a config (the working config). */
  let running = 0;
  async function run(nextConfig) {
    config = nextConfig;
    const mine = ++generation;
    running += 1;
    let fresh;
    try {
      fresh = await createEngine({ config, visitorId: journey.visitorId, now: () => clock });
    } finally {
      running -= 1;
    }
    if (mine !== generation) { fresh.dispose(); return; }
    if (engine) engine.dispose();
    engine = fresh;
    timeline = [];
    clock = journey.start;
    let state = snapshot();
    // What holds before the visitor does anything (e.g. "new prospect" for every first visit).
    timeline.push({ action: { kind: 'start', at: journey.start, label: `a visitor arrives (id ${journey.visitorId})` },
      entered: [...state.members], left: [],
      offers: state.decisions.map(changedOffer) });
    for (const action of journey.actions) state = step(action, state);
    clock = journey.now;
    notify();
  }

  function add(action) {
    const at = action.kind === 'clock' ? action.at : journey.now + STEP;
    const full = { ...action, at };
    journey.actions.push(full);
    journey.now = at;
    save();
    if (engine) {
      // "before" is the state as of the previous action, so a clock jump shows what time changed.
      clock = timeline[timeline.length - 1].action.at;
      const before = snapshot();
      step(full, before);
      clock = journey.now;
      notify();
    }
  }

  const api = {
    get journey() { return journey; },
    get timeline() { return timeline; },
    get ready() { return engine !== null; },
    /** True while a re-run is on its way (the results shown may be about to change). */
    get busy() { return running > 0; },
    get now() { return journey.now; },
    run,
    subscribe(listener) { listeners.add(listener); return () => listeners.delete(listener); },

    emit(type, fields, label) { add({ kind: 'event', type, fields, label }); },
    setTraits(traits, label) { add({ kind: 'traits', traits, label }); },
    setContext(context, label) { add({ kind: 'context', context, label }); },
    record(offer, outcome) { add({ kind: 'record', offer, outcome, label: `offer ${offer} ${outcome}` }); },
    advance(ms, label) { add({ kind: 'clock', at: journey.now + ms, label }); },

    /** Start again (optionally as another visitor id, which changes holdout / control group). */
    async reset(visitorId = journey.visitorId) {
      journey = newJourney();
      journey.visitorId = visitorId;
      save();
      if (config) await run(config);
    },
    /** Drop the last action. */
    async undo() {
      const last = journey.actions.pop();
      if (!last) return;
      journey.now = journey.actions.length ? journey.actions[journey.actions.length - 1].at : journey.start;
      save();
      if (config) await run(config);
    },
    /** Replace the journey with a persona's actions (made with the same add() as the buttons). */
    async play(build) {
      journey = { ...newJourney(), visitorId: journey.visitorId };
      const savedEngine = engine;
      engine = null;  // build the list without evaluating each step twice
      build(api);
      engine = savedEngine;
      save();
      if (config) await run(config);
    },

    segments() { return engine ? engine.segments() : []; },
    decide() { return engine ? engine.decide() : []; },
    explain(id) { return engine ? engine.explain(id) : null; },
    explainOffer(id) { return engine ? engine.explainOffer(id) : null; },
    explainSlot(slot) { return engine ? engine.explainSlot(slot) : null; },
  };
  return api;
}

function load(storage) {
  try {
    return readJourney(storage ? storage.getItem(STORAGE_KEY) : null);
  } catch {
    return null;  // storage that refuses to be read: a new journey
  }
}

const KINDS = new Set(['event', 'traits', 'context', 'record', 'clock']);
const OUTCOMES = new Set(['shown', 'dismissed', 'converted']);
const MAX_ACTIONS = 2000;
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isTime = (v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 8.64e15;
const shortText = (v, max) => typeof v === 'string' && v.length > 0 && v.length <= max;

/**
 * The saved journey from its stored text, or null. Whatever is stored, the answer is a journey
 * whose every action the simulator can replay: actions of a known kind with the fields that kind
 * needs, in time order, at most MAX_ACTIONS; anything else is left out (tests/js/studio-versions.test.mjs).
 */
export function readJourney(raw) {
  if (typeof raw !== 'string' || raw === '') return null;
  let j;
  try { j = JSON.parse(raw); } catch { return null; }
  if (!isObject(j) || j.version !== 1 || !Array.isArray(j.actions) || !isTime(j.start)) return null;
  const actions = [];
  let last = j.start;
  for (const a of j.actions.slice(0, MAX_ACTIONS)) {
    if (!isObject(a) || !KINDS.has(a.kind) || !isTime(a.at) || a.at < last) continue;
    const action = { kind: a.kind, at: a.at };
    if (shortText(a.label, 300)) action.label = a.label;
    if (a.kind === 'event') {
      if (!shortText(a.type, 256)) continue;
      action.type = a.type;
      action.fields = isObject(a.fields) ? a.fields : {};
    } else if (a.kind === 'traits') {
      if (!isObject(a.traits)) continue;
      action.traits = a.traits;
    } else if (a.kind === 'context') {
      if (!isObject(a.context)) continue;
      action.context = a.context;
    } else if (a.kind === 'record') {
      if (!shortText(a.offer, 64) || !OUTCOMES.has(a.outcome)) continue;
      action.offer = a.offer;
      action.outcome = a.outcome;
    }
    actions.push(action);
    last = a.at;
  }
  return {
    version: 1,
    visitorId: shortText(j.visitorId, 256) ? j.visitorId : 'studio-visitor-1',
    start: j.start,
    now: isTime(j.now) && j.now >= last ? j.now : last,
    actions,
  };
}
