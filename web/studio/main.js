// The rule studio's entry point: loads the same WASM engine the storefront uses, builds the
// store (draft / working config, validated by the engine) and the five views, and wires the tabs.
import { h, replaceChildren, debounce, pendingDebounced } from './dom.js';
import { createStore } from './store.js';
import { datalists } from './datalists.js';
import { listOf, objectOf } from './shape.js';
import { createEditorView } from './editor-view.js';
import { createSimulator } from './simulator.js';
import { createSimulatorView } from './simulator-view.js';
import { createChecksView } from './checks-view.js';
import { createReplayView } from './replay-view.js';
import { createNodeCounts } from './node-counts.js';
import { createPublishView } from './publish-view.js';
import { createLiftView } from './lift-view.js';
import { useToolkit } from './language.js';
import { useOfferNumbers } from './offer-text.js';
import { createVersions } from './versions.js';
import { diffConfigs } from './config-diff.js';

const TABS = [
  ['edit', 'Edit'],
  ['simulate', 'Simulate'],
  ['checks', 'Checks'],
  ['replay', 'Replay a log'],
  ['publish', 'Publish'],
  ['results', 'Results'],
];

async function loadEngineModule() {
  // The module sits at the site root, beside shopper-segments.wasm (built by web/build.sh).
  return import(new URL('../shopper-segments.mjs', import.meta.url).href);
}

async function loadOwnerToolkit() {
  // The owner toolkit sits at the site root too (shopper-segments-toolkit.mjs and its .wasm): the
  // rule language's one owner, whose descriptor, words and checks the studio shows.
  const { loadToolkit } = await import(new URL('../shopper-segments-toolkit.mjs', import.meta.url).href);
  return loadToolkit();
}

async function builtInCatalogue(mod) {
  if (typeof mod.defaultCatalog === 'function') {
    const value = await mod.defaultCatalog();
    return typeof value === 'string' ? JSON.parse(value) : value;
  }
  // The ES module does not export the engine's defaultCatalog(): read the built catalogue that
  // web/build.sh writes beside the runtime (dist/shopper-segments.catalog.json, src/catalog/default.json).
  const response = await fetch(new URL('../shopper-segments.catalog.json', import.meta.url));
  if (!response.ok) throw new Error(`could not read the built-in catalogue (HTTP ${response.status})`);
  return response.json();
}

/** Calls fn when the segment ids or the slots of the draft change (the form's suggestion lists). */
function editorIdsChanged(store, fn) {
  let last = '';
  store.subscribe(() => {
    const draft = objectOf(store.state.draft);
    const key = JSON.stringify([listOf(draft.segments).map((s) => s && s.id), listOf(draft.offers).map((o) => o && o.slot)]);
    if (key !== last) { last = key; fn(); }
  });
}

function tabs(onSelect) {
  const buttons = TABS.map(([id, label]) => h('button', {
    type: 'button', role: 'tab', id: `tab-${id}`, 'aria-controls': `view-${id}`, 'aria-selected': 'false', tabindex: '-1',
    onclick: () => onSelect(id),
  }, label));
  const list = h('div', { role: 'tablist', 'aria-label': 'studio views', class: 'tabs' }, buttons);
  // Arrow keys move between tabs (the usual tablist keyboard pattern).
  list.addEventListener('keydown', (event) => {
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    let next = null;
    if (event.key === 'ArrowRight') next = (i + 1) % buttons.length;
    if (event.key === 'ArrowLeft') next = (i - 1 + buttons.length) % buttons.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = buttons.length - 1;
    if (next === null) return;
    event.preventDefault();
    onSelect(TABS[next][0]);
    buttons[next].focus();
  });
  return { list, buttons };
}

async function start() {
  const app = document.getElementById('app');
  let mod;
  let engine;
  let toolkit;
  try {
    mod = await loadEngineModule();
    engine = await mod.createEngine({ loadToolkit: true });
    useOfferNumbers(mod);  // offer texts with the visitor's numbers, written as the storefront writes them
    // Once, before any view: the pickers and words of every view come from the toolkit.
    toolkit = await loadOwnerToolkit();
    useToolkit(toolkit);
  } catch (error) {
    replaceChildren(app, h('p', { class: 'bad' }, `The engine could not be loaded (${error.message}). Build it with scripts/build and open this page from scripts/demo.`));
    return;
  }
  const catalogue = await builtInCatalogue(mod);
  const validate = (config) => engine.validate(config);
  const createEngine = (options) => mod.createEngine(options);

  const store = createStore({ validate, initialConfig: catalogue });
  const versions = createVersions({ validate, initialConfig: catalogue });
  const sim = createSimulator({ createEngine });

  let editor;
  const jump = (path) => { select('edit'); editor.jumpTo(path); };
  editor = createEditorView({ store });
  const simView = createSimulatorView({ sim, store, onJump: jump });
  const checksView = createChecksView({ store, onJump: jump });
  const nodeCounts = createNodeCounts({ store, editorElement: editor.element });
  const replayView = createReplayView({ store, toolkit, onReplayed: (sample, result) => nodeCounts.replayed(sample, result) });
  const publishView = createPublishView({ store, versions, validate, compile: (config) => mod.compileConfig(config) });

  const views = {
    edit: editor.element, simulate: simView.element, checks: checksView.element,
    replay: replayView.element, publish: publishView.element, results: createLiftView().element,
  };
  const { list, buttons } = tabs((id) => select(id));
  const panels = TABS.map(([id, label]) => h('section', { role: 'tabpanel', id: `view-${id}`, 'aria-labelledby': `tab-${id}`, class: `view view-${id}`, hidden: true }, views[id]));

  const statusLine = h('p', { class: 'status-line', role: 'status', 'data-testid': 'status-line' });
  const resetButton = h('button', { type: 'button', class: 'small', onclick: () => {
    if (confirm('Replace the draft with the built-in catalogue? Your changes are lost unless exported.')) store.reset();
  } }, 'Start from the built-in catalogue');
  let lists = datalists();
  const undoButton = h('button', { type: 'button', class: 'small', id: 'undo', 'aria-keyshortcuts': 'Control+Z', title: 'Undo the last edit (Ctrl+Z)', onclick: () => store.undo() }, '↶ Undo');
  const redoButton = h('button', { type: 'button', class: 'small', id: 'redo', 'aria-keyshortcuts': 'Control+Shift+Z', title: 'Redo (Ctrl+Shift+Z)', onclick: () => store.redo() }, '↷ Redo');
  const renderUndo = () => { undoButton.disabled = !store.canUndo; redoButton.disabled = !store.canRedo; };
  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) anywhere in the studio go through the store, so a form
  // field, the JSON text and whole-item changes undo alike, in the order they were made.
  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key !== 'z' && key !== 'y') return;
    if (event.target && event.target.type === 'file') return;
    event.preventDefault();
    if (key === 'y' || event.shiftKey) store.redo(); else store.undo();
  });
  // Leaving a control ends its undo step: typing there again later is a step of its own.
  document.addEventListener('focusout', () => store.sealStep());

  replaceChildren(app,
    h('header', { class: 'top' },
      h('h1', {}, 'Shopper Segments — rule studio'),
      list,
      h('div', { class: 'status-box' }, statusLine, h('div', { class: 'header-actions' }, undoButton, redoButton, resetButton))),
    panels,
    lists);

  function renderStatus() {
    const { issues, draft } = store.state;
    if (!issues.length) {
      const changes = diffConfigs(versions.published().config, draft).count;
      statusLine.className = 'status-line good';
      statusLine.textContent = `Draft valid (simulator and replay run it) — ${changes
        ? `${changes} change${changes === 1 ? '' : 's'} not published: the shop runs the published version.`
        : 'the same as the published version the shop runs.'}`;
    } else {
      statusLine.className = 'status-line bad';
      statusLine.textContent = `Draft has ${issues.length} issue${issues.length === 1 ? '' : 's'}${draft ? '' : ' (JSON does not parse)'} — simulator and replay keep the last valid draft; the shop runs the published version.`;
    }
  }
  versions.subscribe(renderStatus);

  function refreshDatalists() {
    const draft = objectOf(store.state.draft);
    const segmentIds = listOf(draft.segments).map((s) => s && s.id).filter((id) => typeof id === 'string');
    const slots = [...new Set(['hero', 'product_nudge', 'cart_incentive', 'exit_intent', 'thank_you', ...listOf(draft.offers).map((o) => o && o.slot).filter((x) => typeof x === 'string')])];
    const next = datalists(segmentIds, slots);
    lists.replaceWith(next);
    lists = next;
  }

  let current = null;
  function select(id) {
    if (!views[id]) id = 'edit';
    current = id;
    TABS.forEach(([tab], i) => {
      const on = tab === id;
      buttons[i].setAttribute('aria-selected', String(on));
      buttons[i].tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
    });
    if (location.hash !== `#${id}`) history.replaceState(null, '', `#${id}`);
  }

  // The simulator re-runs its journey when the working config changes, once typing pauses.
  const rerunSimulator = debounce(() => sim.run(store.state.working), 150);
  store.subscribe((change) => {
    renderStatus();
    renderUndo();
    if (change.workingChanged) rerunSimulator();
  });
  editorIdsChanged(store, refreshDatalists);

  renderStatus();
  renderUndo();
  refreshDatalists();
  select(location.hash.slice(1) || 'edit');
  window.addEventListener('hashchange', () => select(location.hash.slice(1)));
  await sim.run(store.state.working);
  document.body.dataset.ready = 'true';  // tests wait for this
  // For tests and the curious: the studio's objects, read-only use.
  window.studio = {
    store, sim, engine, editor, versions, select: (id) => select(id), get view() { return current; },
    /** Nothing waiting: every view shows the current draft and working config. */
    settled: () => pendingDebounced() === 0 && !sim.busy,
  };
}

start();
