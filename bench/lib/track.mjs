// µs per engine.track(type, fields) through the public JS API: the 64-event mix of
// lib/workload.mjs, 20 s apart, as the native bench's track figure (src/bench/bench_main.cpp).

import { usPerOp } from './measure.mjs';
import { newEngine } from './engine.mjs';
import { sampleEvents, START_MS } from './workload.mjs';

export async function trackFigure(root, wasmBinary) {
  const { engine, clock } = await newEngine(root, wasmBinary);
  const events = sampleEvents();
  clock.t = START_MS;
  const us = await usPerOp((i) => {
    const e = events[i % events.length];
    clock.t += 20000;
    engine.track(e.type, e.fields);
  });
  engine.dispose();
  return us;
}
