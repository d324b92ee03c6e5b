// The WASM engine without the JavaScript facade: the hot path's plain exports called directly
// (docs/BINDINGS.md "Hot path"), so that the WASM : native ratio compares the same C++ doing the
// same work on both sides, and the facade's own cost (packing fields from an object, the tab
// journal, building result objects) shows as the difference to the public-API figures.
//   track: the packed event's bytes copied into the input buffer, then _seg_track (decode and
//     track), against native track_packed (decode and track).
//   decide: _seg_decide for the decision visitor, the clock alternating as lib/decisions.mjs
//     (a full evaluation every time), results left as numbers, against native decide (choose()).

import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { packFields } from '../../web/src/pack.mjs';
import { usPerOp } from './measure.mjs';
import { DECISION_CONTEXT, DECISION_TRAITS, decisionHistory, sampleEvents, START_MS } from './workload.mjs';

const encoder = new TextEncoder();

// The glue web/build.sh links with dist/shopper-segments.wasm (the same build).
async function loadCore(root, wasmBinary) {
  const glue = path.join(root, 'build', 'wasm-product', 'bindings', 'shopper-segments-core.mjs');
  const { default: createSegModule } = await import(pathToFileURL(glue).href);
  return createSegModule({ wasmBinary, print() {}, printErr() {} });
}

function packedBytes(type, fields) {
  const typeBytes = encoder.encode(type);
  const all = new Uint8Array([...typeBytes, ...encoder.encode(packFields(fields))]);
  return { typeBytes: typeBytes.length, all };
}

export async function coreFigures(root, wasmBinary, catalogText) {
  const Module = await loadCore(root, wasmBinary);
  const input = Module._seg_input(1 << 16);
  const configure = (engine) => {
    const bytes = encoder.encodeInto(catalogText, Module.HEAPU8.subarray(input, input + (1 << 16))).written;
    const issues = engine.configureInput(bytes);
    if (issues !== '[]') throw new Error('bench: the catalogue does not configure: ' + issues);
  };
  const track = (address, at, event) => {
    Module.HEAPU8.set(event.all, input);
    Module._seg_track(address, at, event.typeBytes, event.all.length);
  };

  const tracker = new Module.Engine();
  configure(tracker);
  tracker.setVisitorId('bench-track');
  const events = sampleEvents().map((e) => packedBytes(e.type, e.fields));
  const address = tracker.address();
  let now = START_MS;
  const trackUs = await usPerOp((i) => track(address, (now += 20000), events[i % events.length]));
  tracker.delete();

  const decider = new Module.Engine();
  configure(decider);
  decider.setVisitorId('bench-decide');
  decider.setTraitsJson(JSON.stringify(DECISION_TRAITS));
  decider.setContextJson(JSON.stringify(DECISION_CONTEXT));
  const history = decisionHistory();
  const deciderAddress = decider.address();
  for (const step of history.steps) track(deciderAddress, step.at, packedBytes(step.type, step.fields));
  let flip = 0;
  let sink = 0;
  const decideUs = await usPerOp(() => {
    sink += Module._seg_decide(deciderAddress, (flip ^= 1) ? history.end + 61000 : history.end);
  });
  decider.delete();
  return { trackUs, decideUs, sink };
}
