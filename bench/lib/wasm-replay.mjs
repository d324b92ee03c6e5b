// The WASM-in-Node replay (bench/replay-wasm.mjs) in a fresh process. One run by default: it takes
// about 20 s of CPU, the largest part of the run's time budget (the CLI's replay runs three times).

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { median } from './measure.mjs';

export function wasmReplay(root, logFile, runs = 1) {
  const script = path.join(root, 'bench', 'replay-wasm.mjs');
  const results = [];
  for (let r = 0; r < runs; r++) {
    const run = spawnSync(process.execPath, [script, logFile], { encoding: 'utf8' });
    if (run.status !== 0) {
      const error = (run.stderr.match(/(RuntimeError|Error): [^\n]*/) || [run.stderr.slice(0, 300)])[0];
      return { ok: false, note: 'failed: ' + error };
    }
    results.push(JSON.parse(run.stdout));
  }
  const eventsPerSecond = median(results.map((r) => r.events / r.seconds));
  return { ok: true, eventsPerSecond, peakRssMB: median(results.map((r) => r.peakRssMB)),
    note: `public JS API, JSON.parse per line, CPU time, ${results[0].visitors} visitors, ${results[0].mode}, ${runs} run(s)` };
}
