// One WASM-in-Node replay of a log, in its own process so that its peak memory is its own:
//   node bench/replay-wasm.mjs EVENTS.jsonl   ->  {"events","seconds","peakRssMB","visitors"}
// Drives the public JS API (dist/shopper-segments.mjs) like `shopper-segments replay`: every line
// is parsed (JSON.parse) and tracked at its own time; after a visitor's last line the engine gives
// its segments and decisions at that time. One engine is reused (forget() between visitors), as
// the CLI shares one compiled configuration between visitors; two passes (the first finds each
// visitor's last line) keep memory bounded, as the studio's replay does. Times are CPU time.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpuMs } from './lib/measure.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createEngine } = await import(pathToFileURL(path.join(root, 'dist', 'shopper-segments.mjs')).href);

// Calls back once per line, reading the file in chunks (the log is not held whole in memory).
function forEachLine(file, onLine) {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let rest = '';
  for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
    const text = rest + buffer.toString('utf8', 0, n);
    let begin = 0;
    for (let end; (end = text.indexOf('\n', begin)) >= 0; begin = end + 1) if (end > begin) onLine(text.slice(begin, end));
    rest = text.slice(begin);
  }
  if (rest.trim() !== '') onLine(rest);
  fs.closeSync(fd);
}

const VISITOR = /"visitor":"((?:[^"\\]|\\.)*)"/;

const file = process.argv[2];
const clock = { t: 0 };
const engine = await createEngine({
  wasmBinary: fs.readFileSync(path.join(root, 'dist', 'shopper-segments.wasm')),
  now: () => clock.t,
});

let peakRss = process.memoryUsage.rss();
const start = cpuMs();
// Pass 1: each visitor's last line number.
const lastLine = new Map();
let number = 0;
forEachLine(file, (line) => lastLine.set(VISITOR.exec(line)[1], number++));
// Pass 2: replay.
let events = 0;
let visitors = 0;
let sink = 0;
let current = null;
let latest = 0;
number = 0;
forEachLine(file, (text) => {
  const line = JSON.parse(text);
  if (line.visitor !== current) {
    engine.forget();
    current = line.visitor;
    latest = 0;
  }
  clock.t = line.ts;
  latest = Math.max(latest, line.ts);
  if (line.traits) engine.setTraits(line.traits);
  else if (line.context) engine.setContext(line.context);
  else if (line.record) engine.record(line.record.offer, line.record.outcome);
  else {
    const { visitor, ts, type, ...fields } = line;
    engine.track(type, fields);
    events++;
  }
  if (lastLine.get(line.visitor) === number++) {
    clock.t = latest;
    sink += engine.segments().filter((s) => s.member).length + engine.decide().length;
    visitors++;
    current = null;
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
  }
});
const seconds = (cpuMs() - start) / 1000;
process.stdout.write(JSON.stringify({ events, seconds, peakRssMB: peakRss / (1 << 20), visitors, sink, mode: "one engine, forget() between visitors" }) + "\n");
