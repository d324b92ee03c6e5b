// Saved-state bytes per visitor: engine.save() of each visitor of the OTTO sample at its latest
// event (built-in catalogue), and of the 3,000-event decision visitor; and the time to save and
// to load that visitor's state (the widget saves after every batch of events and loads on every
// page).

import { median, usPerOp } from './measure.mjs';
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
  const state = engine.save();
  let sink = 0;
  const saveUs = await usPerOp(() => { sink += engine.save().length; });
  const loadUs = await usPerOp(() => { sink += engine.load(state).issues.length; });
  engine.dispose();
  return { visitors: sizes.length, median: median(sizes), max: Math.max(...sizes), decisionVisitor: state.length, saveUs, loadUs,
    notes: sink < 0 ? [''] : [] };
}
