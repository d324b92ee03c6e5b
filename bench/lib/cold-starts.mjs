// Cold start to the first decision, each run in a fresh Node process (bench/cold-start.mjs), the
// engines interleaved run by run so that a burst of load on the machine hits them alike.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { median, RUNS } from './measure.mjs';

const ENGINES = ['shopper-segments', 'shopper-segments-json', 'json-logic', 'growthbook', 'json-rules-engine', 'plain-js'];

export async function coldStarts(root) {
  const script = path.join(root, 'bench', 'cold-start.mjs');
  const runs = new Map(ENGINES.map((e) => [e, []]));
  for (let r = 0; r < RUNS; r++) {
    for (const engine of ENGINES) {
      runs.get(engine).push(JSON.parse(execFileSync(process.execPath, [script, engine], { encoding: 'utf8' })));
    }
  }
  return ENGINES.map((engine) => {
    const all = runs.get(engine);
    const phases = Object.keys(all[0].phases)
      .map((p) => `${p} ${median(all.map((x) => x.phases[p])).toFixed(1)}`).join(', ');
    return { engine, ms: median(all.map((x) => x.ms)), note: 'wall ms, median phases: ' + phases };
  });
}
