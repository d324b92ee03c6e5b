// Saved-state bytes per visitor: engine.save() of each visitor of the OTTO sample at its latest
// event (built-in catalogue), and of the 3,000-event decision visitor.

import { median } from './measure.mjs';
import { newEngine } from './engine.mjs';
import { sampleLines } from './replay-log.mjs';
import { decisionHistory, feed } from './workload.mjs';

export async function savedStateSizes(root, wasmBinary) {
  const byVisitor = new Map();
  for (const text of sampleLines(root)) {
    const line = JSON.parse(text);
    if (!byVisitor.has(line.visitor)) byVisitor.set(line.visitor, []);
    byVisitor.get(line.visitor).push(line);
  }
  const sizes = [];
  for (const lines of byVisitor.values()) {
    const { engine, clock } = await newEngine(root, wasmBinary);
    for (const { visitor, ts, type, ...fields } of lines) {
      clock.t = ts;
      engine.track(type, fields);
    }
    sizes.push(engine.save().length);
    engine.dispose();
  }
  const { engine, clock } = await newEngine(root, wasmBinary);
  const { steps, end } = decisionHistory();
  feed(engine, clock, steps);
  clock.t = end;
  return { visitors: sizes.length, median: median(sizes), max: Math.max(...sizes), decisionVisitor: engine.save().length, notes: [] };
}
