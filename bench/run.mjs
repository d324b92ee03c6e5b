#!/usr/bin/env node
// Benchmarks of the WASM engine through its public JS API against the JavaScript rule engines a
// storefront would otherwise use, in one run (issue 6; method and figures in BENCHMARKS.md):
//   node bench/run.mjs          readable table
//   node bench/run.mjs --json   {"results":[{"name","metric","value","unit"}, ...]} only
// Needs dist/ and build/native (scripts/build) and ../shared/data/otto-sessions.jsonl.
// A measurement, not a test: it never fails on a slow figure.

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

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const json = process.argv.includes('--json');
const results = [];
const notes = [];
const add = (name, metric, value, unit, note = '') => results.push({ name, metric, value, unit, note });
const progress = (text) => { if (!json) process.stderr.write('bench: ' + text + '\n'); };

for (const file of ['dist/shopper-segments.mjs', 'dist/shopper-segments.wasm']) {
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
const core = await coreFigures(root, wasmBinary, fs.readFileSync(path.join(root, 'dist', 'shopper-segments.catalog.json'), 'utf8'));
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

if (haveChromium()) {
  progress('headless Chromium: script start to ready, track and decide in the page');
  const browser = await browserFigures(root, decisions.inputs);
  for (const [view, label] of [['first', 'first view, new browser profile'], ['repeat', 'repeat view, files cached']]) {
    const t = browser[view];
    add(`chromium.start_to_ready.${view}`, 'time_to_ready', t.ready, 'ms',
      `${label}; of which .wasm loaded ${t.wasm.toFixed(1)}, configured ${t.configured.toFixed(1)} (median of 7)`);
  }
  for (const [name, label] of [['floor-fetch', 'a script that only fetches a cached 5-byte file'],
    ['floor-instantiate', 'a script that only instantiates a 34-byte module from bytes'],
    ['floor-wasm-file', 'a script that only fetches a cached 34-byte .wasm and instantiates it (streaming)'],
    ['floor-engine-wasm', "a script that only fetches this engine's cached .wasm and instantiates it (streaming), running none of its code"]]) {
    for (const view of ['first', 'repeat']) {
      add(`chromium.${name.replace(/-/g, '_')}.${view}`, 'time_to_ready', browser.floor[name][view], 'ms',
        `this machine's floor, ${view} view: ${label} (median of 7)`);
    }
  }
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
for (const s of downloadSizes(root)) add(`download.${s.name}`, 'gzip9_bytes', s.gzip, 'B', s.files);

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
  process.stdout.write(JSON.stringify({ results: results.map(({ name, metric, value, unit }) => ({ name, metric, value, unit })) }) + '\n');
} else {
  printTable(results, notes);
}
