// The WASM engine without the JavaScript facade: the storefront runtime's plain exports called
// directly (docs/BINDINGS.md "Runtime exports"), so that the WASM : native ratio compares the same
// C++ doing the same work on both sides, and the facade's own cost (packing fields from an object,
// the tab journal, building result objects) shows as the difference to the public-API figures.
//   track: the packed event's bytes copied into the input buffer, then _seg_track (decode and
//     track), against native track_packed (decode and track).
//   decide: _seg_decide for the decision visitor, the clock alternating as lib/decisions.mjs
//     (a full evaluation every time), results left as numbers, against native decide (choose()).
// Both engines run the built-in catalogue's program (_seg_use_program), as a storefront does.

import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { packFields } from '../../web/src/pack.mjs';
import { usPerOp } from './measure.mjs';
import { DECISION_CONTEXT, DECISION_TRAITS, decisionHistory, sampleEvents, START_MS } from './workload.mjs';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const INPUT_BYTES = 1 << 16;

// The runtime's Emscripten glue as web/build.sh links it with dist/shopper-segments.wasm (the same
// build: import names are minified at link time, so the glue must be that build's).
export async function loadRuntime(root, wasmBinary) {
  const glue = path.join(root, 'build', 'wasm-product', 'bindings', 'shopper-segments-runtime.mjs');
  const { default: createSegRuntime } = await import(pathToFileURL(glue).href);
  return createSegRuntime({ wasmBinary, print() {}, printErr() {} });
}

function packedBytes(type, fields) {
  const typeBytes = encoder.encode(type);
  const all = new Uint8Array([...typeBytes, ...encoder.encode(packFields(fields))]);
  return { typeBytes: typeBytes.length, all };
}

/** The runtime's exports over one input buffer: engines running `program` (its bytes). */
export function coreEngines(Module, program) {
  const input = Module._seg_input(INPUT_BYTES);
  const heap = () => Module.HEAPU8;  // a new view after memory grows
  const result = (pointer) => decoder.decode(heap().subarray(pointer, pointer + Module._seg_result_size()));
  const text = (value) => encoder.encodeInto(value, heap().subarray(input, input + INPUT_BYTES)).written;
  return {
    newEngine(visitorId) {
      const address = Module._seg_engine_new();
      heap().set(program, input);
      // The issues as JSON: [] when the program is in force.
      const issues = result(Module._seg_use_program(address, program.length));
      if (issues !== '[]') throw new Error('bench: the runtime refuses the program: ' + issues);
      Module._seg_set_visitor_id(address, text(visitorId));
      return address;
    },
    setTraits: (address, values) => result(Module._seg_set_traits(address, text(JSON.stringify(values)))),
    setContext: (address, values) => result(Module._seg_set_context(address, text(JSON.stringify(values)))),
    track(address, at, event) {
      heap().set(event.all, input);
      Module._seg_track(address, at, event.typeBytes, event.all.length);
    },
    /** The number of slots decided (the first of seg_decide's doubles). */
    decide: (address, at) => Module.HEAPF64[Module._seg_decide(address, at) >> 3],
    delete: (address) => Module._seg_engine_delete(address),
  };
}

export async function coreFigures(root, wasmBinary, program) {
  const core = coreEngines(await loadRuntime(root, wasmBinary), program);

  const tracker = core.newEngine('bench-track');
  const events = sampleEvents().map((e) => packedBytes(e.type, e.fields));
  let now = START_MS;
  const trackUs = await usPerOp((i) => core.track(tracker, (now += 20000), events[i % events.length]));
  core.delete(tracker);

  const decider = core.newEngine('bench-decide');
  for (const issues of [core.setTraits(decider, DECISION_TRAITS), core.setContext(decider, DECISION_CONTEXT)]) {
    if (issues !== '[]') throw new Error('bench: traits or context refused: ' + issues);
  }
  const history = decisionHistory();
  for (const step of history.steps) core.track(decider, step.at, packedBytes(step.type, step.fields));
  let flip = 0;
  let sink = 0;
  const decideUs = await usPerOp(() => {
    sink += core.decide(decider, (flip ^= 1) ? history.end + 61000 : history.end);
  });
  core.delete(decider);
  return { trackUs, decideUs, sink };
}
