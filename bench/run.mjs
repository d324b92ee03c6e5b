#!/usr/bin/env node
// Benchmarks of the storefront runtime through its public JS API against the JavaScript rule
// engines a storefront would otherwise use, in one run (method and figures in BENCHMARKS.md), and
// the product's budgets (issue "Two modules": download, the catalogue's program, program load and
// first decision in the page, start to ready against this machine's floor and against GrowthBook):
//   node bench/run.mjs          readable table, then one line per budget: `figure: value (budget ..., met|NOT met)`
//   node bench/run.mjs --json   {"results":[{"name","metric","value","unit"}, ...]} only; a budgeted
//                               figure also has "budget" (text) and "met" (boolean)
// Needs dist/ and build/native (scripts/build) and data/otto-sessions.jsonl.
// A measurement, not a test: it never fails on a slow figure. It fails (exit 1, after printing
// everything) when a page that gives a compiled program compiled a configuration or requested
// the owner toolkit.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decisionFigures } from './lib/decisions.mjs';
import { coldStarts } from './lib/cold-starts.mjs';
import { cliReplay, haveNative, nativeTrackDecide } from './lib/native.mjs';
import { REPLAY_EVENTS, replicatedLog, sampleLines } from './lib/replay-log.mjs';
import { wasmReplay } from './lib/wasm-replay.mjs';
import { savedStateSizes } from './lib/saved-state.mjs';
import { downloadSizes } from './lib/sizes.mjs';
import { median } from './lib/measure.mjs';
import { trackFigure } from './lib/track.mjs';
import { printTable } from './lib/report.mjs';
import { browserFigures, haveChromium } from './lib/browser.mjs';
import { coreFigures } from './lib/core.mjs';
import { catalogueProgram } from './lib/engine.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const json = process.argv.includes('--json');
const results = [];
const notes = [];
const add = (name, metric, value, unit, note = '') => results.push({ name, metric, value, unit, note });
// A budgeted figure: also a result, and one line of its own after the table.
const budgets = [];
const budget = (name, metric, value, unit, limit, met, line) => {
  results.push({ name, metric, value, unit, note: line, budget: limit, met });
  budgets.push({ name, line, limit, met });
};
const failures = [];
const progress = (text) => { if (!json) process.stderr.write('bench: ' + text + '\n'); };

for (const file of ['dist/shopper-segments.mjs', 'dist/shopper-segments.wasm', 'dist/shopper-segments.catalog.bin',
  'dist/shopper-segments-toolkit.mjs', 'dist/shopper-segments-toolkit.wasm']) {
  if (!fs.existsSync(path.join(root, file))) throw new Error(`bench: ${file} is missing; run scripts/build first`);
}
const catalog = JSON.parse(fs.readFileSync(path.join(root, 'src', 'catalog', 'default.json'), 'utf8'));
const wasmBinary = fs.readFileSync(path.join(root, 'dist', 'shopper-segments.wasm'));

progress('track');
const trackUs = await trackFigure(root, wasmBinary);
add('wasm.track', 'time_per_event', trackUs, 'us', 'public JS API: engine.track(type, fields)');

progress('decisions at 19, 100 and 500 segments (engine and peers)');
const decisions = await decisionFigures(root, wasmBinary, catalog, [19, 100, 500]);
for (const d of decisions.figures) add(d.name, 'time_per_decision', d.us, 'us', d.note);
for (const d of decisions.figures) {
  if (!d.peer) continue;
  const ours = decisions.figures.find((o) => o.name === `wasm.decide.${d.size}`);
  add(`speedup.${d.peer}.decide.${d.size}`, 'peer_time_over_wasm_time', d.us / ours.us, 'x');
}
notes.push(...decisions.notes);

progress('the WASM core: the hot path\'s plain exports without the JS facade');
const core = await coreFigures(root, wasmBinary, catalogueProgram(root));
add('wasm_core.track', 'time_per_event', core.trackUs, 'us', 'packed bytes copied in, then _seg_track (decode + track); no facade');
add('wasm_core.decide.19', 'time_per_decision', core.decideUs, 'us', '_seg_decide, full evaluation, results left as numbers; no facade');

let nativeDecideAt = null;  // segments -> native µs per full decision, for the ceilings below
if (haveNative(root)) {
  progress('native track and decide (seg_bench)');
  const eventsFile = path.join(root, 'build', 'bench', 'otto-events.jsonl');
  sampleLines(root);
  const larger = decisions.inputs.filter(({ size }) => size !== catalog.segments.length);
  const native = nativeTrackDecide(root, eventsFile, larger);
  nativeDecideAt = new Map([[catalog.segments.length, native.decide], ...native.decideAt]);
  for (const [size, us] of native.decideAt) add(`native.decide.${size}`, 'time_per_decision', us, 'us', `the native engine, choose(): full evaluation over the ${size}-segment configuration above, no JavaScript`);
  add('ratio.track', 'wasm_over_native', trackUs / native.track, 'x', `public JS API over native track ${native.track.toFixed(3)} us (an Event already built)`);
  const wasmDecide = decisions.figures.find((d) => d.name === 'wasm.decide.19').us;
  add('ratio.decide', 'wasm_over_native', wasmDecide / native.decide, 'x', `public JS API over native ${native.decide.toFixed(3)} us`);
  for (const [size, us] of native.decideAt) {
    const api = decisions.figures.find((d) => d.name === `wasm.decide.${size}`).us;
    add(`ratio.decide.${size}`, 'wasm_over_native', api / us, 'x', `public JS API over native at ${size} segments`);
  }
  // The same C++ doing the same work: the engine's own WASM : native ratio.
  add('ratio.core_track', 'wasm_over_native', core.trackUs / native.trackPacked, 'x', `WASM core over native track_packed ${native.trackPacked.toFixed(3)} us (both decode the packed fields)`);
  add('ratio.core_decide', 'wasm_over_native', core.decideUs / native.decide, 'x', `WASM core over native ${native.decide.toFixed(3)} us`);
} else {
  notes.push('build/native is missing: no native figures (run scripts/build)');
}

progress('cold starts (fresh processes)');
for (const c of await coldStarts(root)) add(`cold_start.${c.engine}`, 'time_to_first_decision', c.ms, 'ms', c.note);
const ms = (value) => (value === null ? 'none' : value.toFixed(1) + ' ms');

if (haveChromium()) {
  progress('headless Chromium: script start to ready, track and decide in the page');
  const browser = await browserFigures(root, decisions.inputs);
  const phases = (t, names) => names.filter((p) => t[p].ms !== null).map((p) => `${p} ${t[p].ms.toFixed(1)}`).join(', ');
  for (const [view, label] of [['first', 'first view, new browser profile'], ['repeat', 'repeat view, files cached, state stored']]) {
    const t = browser.program[view];
    add(`chromium.start_to_ready.${view}`, 'time_to_ready', t.ready.ms, 'ms',
      `data-program page, ${label}; marks: ${phases(t, ['painted', 'wasm', 'configured'])}; fetched: ${phases(t, ['fetched_program', 'fetched_wasm'])} (median of ${t.ready.of})`);
  }
  const painted = browser.program.repeat.painted;
  if (painted.ms !== null) {
    add('chromium.painted.repeat', 'time_to_paint', painted.ms, 'ms',
      `a returning visitor's slots drawn from the stored decisions (shopper-segments:painted), in ${painted.views} of ${painted.of} repeat views`);
  } else {
    notes.push(`Chromium: no repeat view of the program page painted from storage (0 of ${painted.of})`);
  }
  for (const view of ['first', 'repeat']) {
    const t = browser.json[view];
    add(`chromium.start_to_ready_json.${view}`, 'time_to_ready', t.ready.ms, 'ms',
      `inline JSON page (the previous main's), ${view} view; marks: ${phases(t, ['painted', 'wasm', 'compiled', 'configured'])}` +
      (view === 'first' ? `; toolkit loaded in ${browser.json.toolkitOnFirstView} of ${browser.runs} first views` : '; the program kept from the first view'));
  }
  for (const view of ['first', 'repeat']) {
    add(`chromium.growthbook.start_to_features.${view}`, 'time_to_ready', browser.growthbook[view].ready.ms, 'ms',
      `GrowthBook's bundle (index.min.js): script start to every feature of the catalogue's payload evaluated, ${view} view (median of ${browser.growthbook[view].ready.of})`);
  }
  add('chromium.program_load_decide.first', 'time_to_first_decision', browser.load.first, 'ms',
    'createEngine({ program }) + decide() on the instantiated runtime, first engine of the page, first view');
  add('chromium.program_load_decide.repeat', 'time_to_first_decision', browser.load.repeat, 'ms',
    `the same, repeat view (the .wasm from the HTTP cache); of it createEngine ${browser.load.repeatLoad.toFixed(2)} ms`);
  add('chromium.program_load_decide.warm', 'time_to_first_decision', browser.load.warm, 'ms',
    `the same for a second engine of the page (its WASM code already compiled); of it createEngine ${browser.load.warmLoad.toFixed(2)} ms`);
  for (const [name, label] of [['floor-fetch', 'a script that only fetches a cached 5-byte file'],
    ['floor-instantiate', 'a script that only instantiates a 34-byte module from bytes'],
    ['floor-wasm-file', 'a script that only fetches a cached 34-byte .wasm and instantiates it (streaming)'],
    ['floor-engine-wasm', "a script that only fetches the runtime's cached .wasm and instantiates it (streaming), running none of its code"]]) {
    for (const view of ['first', 'repeat']) {
      add(`chromium.${name.replace(/-/g, '_')}.${view}`, 'time_to_ready', browser.floor[name][view], 'ms',
        `this machine's floor, ${view} view: ${label} (median of ${browser.runs})`);
    }
  }

  // Budgets 3 to 5 and the check that a program page compiles nothing.
  const load = browser.load.repeat;
  budget('budget.program_load_decide', 'time_to_first_decision', load, 'ms', '<= 1 ms', load <= 1,
    `program load + first decision in Chromium, repeat view: ${ms(load)} (budget <= 1 ms, ${load <= 1 ? 'met' : 'NOT met'}); ` +
    `first view ${ms(browser.load.first)}, a second engine of the page ${ms(browser.load.warm)}`);
  const floorRepeat = browser.floor['floor-wasm-file'].repeat;
  const ready = browser.program.repeat.ready.ms;
  budget('budget.start_to_ready_over_floor', 'ratio', ready / floorRepeat, 'x', '<= 1.5x chromium.floor_wasm_file.repeat', ready <= 1.5 * floorRepeat,
    `script start to ready, repeat view: ${ms(ready)} = ${(ready / floorRepeat).toFixed(2)}x this run's floor_wasm_file.repeat ${ms(floorRepeat)} ` +
    `(budget <= 1.5x = ${ms(1.5 * floorRepeat)}, ${ready <= 1.5 * floorRepeat ? 'met' : 'NOT met'}); first view ${ms(browser.program.first.ready.ms)}, ` +
    `returning visitor's slots painted at ${ms(painted.ms)}`);
  for (const view of ['repeat', 'first']) {
    const ours = browser.program[view].ready.ms;
    const theirs = browser.growthbook[view].ready.ms;
    budget(`budget.start_to_ready_over_growthbook.${view}`, 'ratio', ours / theirs, 'x', '<= 1x (no slower than GrowthBook)', ours <= theirs,
      `script start to ready against GrowthBook's first evaluated features, ${view} view: ${ms(ours)} vs ${ms(theirs)}, ` +
      `${(ours / theirs).toFixed(2)}x (goal: no slower, ${ours <= theirs ? 'met' : 'NOT met'})`);
  }
  const clean = browser.checks.length === 0;
  budget('check.program_page_compiles_nothing', 'views_checked', browser.programViews, 'views', 'no toolkit request, no :compiled mark', clean,
    `no configuration compiled on a page that gives a program: ${browser.programViews} views, ` +
    (clean ? 'no toolkit request, no shopper-segments:compiled mark (met)' : `NOT met: ${browser.checks.slice(0, 3).join('; ')}`));
  if (!clean) failures.push(...browser.checks);

  add('chromium.track', 'time_per_event', browser.trackUs, 'us', 'public JS API (ES module) in the page');
  for (const d of browser.decisions) {
    add(`chromium.decide.${d.size}`, 'time_per_decision', d.us, 'us',
      `public JS API (ES module) in the page, full evaluation, fastest run ${d.min.toFixed(2)} us`);
    for (const p of d.peers) {
      add(`chromium.peer.${p.name}.decide.${d.size}`, 'time_per_decision', p.us, 'us',
        'in the same page, precomputed features' + (p.agrees ? ', agrees with the engine' : ', DISAGREES'));
      if (!p.agrees) notes.push(`Chromium: ${p.name} at ${d.size} segments disagrees with the engine: ${p.problems.join('; ')}`);
    }
    for (const p of d.peers) add(`chromium.speedup.${p.name}.decide.${d.size}`, 'peer_time_over_wasm_time', p.us / d.us, 'x');
    // The speed-up the same C++ built natively (no WASM, no JavaScript) would have over the peer
    // in this page: what no build of this engine for the page can pass.
    const nativeUs = nativeDecideAt?.get(d.size);
    for (const p of d.peers) {
      if (nativeUs) add(`chromium.ceiling.${p.name}.decide.${d.size}`, 'peer_time_over_native_time', p.us / nativeUs, 'x',
        `the peer in the page over the native engine (${nativeUs.toFixed(2)} us)`);
    }
  }
  add('chromium.decide_repeat.19', 'time_per_decision', browser.decideRepeatUs, 'us', 'asked again 1 ms later, nothing changed');
} else {
  notes.push('no Chromium: no browser figures (scripts/setup installs it)');
}

progress('download sizes');
const sizes = downloadSizes(root);
const bytes = (n) => n.toLocaleString('en-US') + ' B';
for (const s of sizes) {
  const parts = s.parts && Object.keys(s.parts).length > 1 ? ' = ' + Object.entries(s.parts).map(([f, n]) => `${f} ${n}`).join(' + ') : '';
  add(`download.${s.name}`, 'gzip9_bytes', s.gzip, 'B', s.files + parts + (s.zlib ? ` (zlib ${s.zlib})` : ''));
}
const size = (name) => sizes.find((s) => s.name === name);
// Budgets 1 and 2.
const storefront = size('shopper-segments');
budget('budget.storefront_download', 'gzip9_bytes', storefront.gzip, 'B', '<= 30,720 B (goal 20,480 B)', storefront.gzip <= 30720,
  `storefront download, script + runtime .wasm, gzip -9: ${bytes(storefront.gzip)} (budget <= 30,720 B, ${storefront.gzip <= 30720 ? 'met' : 'NOT met'}; ` +
  `goal 20,480 B: ${storefront.gzip <= 20480 ? 'reached' : bytes(storefront.gzip - 20480) + ' to go'}; ` +
  `${Object.entries(storefront.parts).map(([f, n]) => `${f} ${n}`).join(' + ')}); the toolkit, for information: ${bytes(size('shopper-segments-toolkit').gzip)}`);
const program = size('shopper-segments-catalog-program');
budget('budget.catalog_program', 'gzip9_bytes', program.gzip, 'B', '<= 4,096 B', program.gzip <= 4096,
  `the catalogue's compiled program, gzip -9: ${bytes(program.gzip)} (budget <= 4,096 B, ${program.gzip <= 4096 ? 'met' : 'NOT met'}; ` +
  `${bytes(program.raw)} raw; the same catalogue as JSON ${bytes(size('shopper-segments-catalog-json').gzip)} gzip)`);

progress('replay of the OTTO sample replicated to 1,000,000 events');
const logFile = replicatedLog(root, REPLAY_EVENTS);
if (haveNative(root)) {
  const runs = [0, 1, 2].map(() => cliReplay(root, logFile, REPLAY_EVENTS));
  add('replay.native_cli', 'throughput', median(runs.map((r) => r.eventsPerSecond)), 'events/s',
    `shopper-segments replay, CPU time (user+sys) of the process, ${runs[0].visitors} visitors`);
  add('replay.native_cli.peak_rss', 'memory', median(runs.map((r) => r.peakRssMB)), 'MB',
    '/usr/bin/time -v maximum resident set size (the CLI keeps every visitor until the end)');
}
const wasm = wasmReplay(root, logFile);
if (wasm.ok) {
  add('replay.wasm', 'throughput', wasm.eventsPerSecond, 'events/s', wasm.note);
  add('replay.wasm.peak_rss', 'memory', wasm.peakRssMB, 'MB', 'max process.memoryUsage().rss of the replay process');
} else {
  notes.push('WASM replay: ' + wasm.note);
}

progress('saved state per visitor');
const state = await savedStateSizes(root, wasmBinary);
add('state.bytes_median', 'saved_state_bytes', state.median, 'B', `engine.save() over the ${state.visitors} sample visitors`);
add('state.bytes_max', 'saved_state_bytes', state.max, 'B', `largest; the 3,000-event decision visitor: ${state.decisionVisitor} B`);
add('state.save_time', 'time_per_save', state.saveUs, 'us', `engine.save() of the 3,000-event decision visitor (${state.decisionVisitor} B)`);
add('state.load_time', 'time_per_load', state.loadUs, 'us', 'engine.load() of that state');
notes.push(...state.notes);

if (json) {
  process.stdout.write(JSON.stringify({ results: results.map(({ name, metric, value, unit, budget: limit, met }) =>
    (limit === undefined ? { name, metric, value, unit } : { name, metric, value, unit, budget: limit, met })) }) + '\n');
} else {
  const order = ['budget.storefront_download', 'budget.catalog_program', 'budget.program_load_decide', 'budget.start_to_ready_over_floor',
    'budget.start_to_ready_over_growthbook.repeat', 'budget.start_to_ready_over_growthbook.first', 'check.program_page_compiles_nothing'];
  budgets.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  printTable(results.filter((r) => r.budget === undefined), notes, budgets);
}
if (failures.length) {
  process.stderr.write('bench: FAILED: ' + failures.join('; ') + '\n');
  process.exitCode = 1;
}
