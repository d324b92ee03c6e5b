// µs per full decision (all segments and all offers) at several configuration sizes, for this
// engine (engine.decide(), and segments() + decide() as a page asking for both) and for every
// peer over the precomputed feature object of the same visitor. Also checks that the peers and
// the engine agree on that visitor (memberships, and offers where the engine skipped nothing).
// Returns the figures, notes, and each size's configuration, compiled program and feature object
// (`inputs`) for the same figure in Chromium (lib/page-decisions.mjs).

import { disagreements } from './agreement.mjs';
import { probeConfig, readFeatures } from './features.mjs';
import { interleaved } from './measure.mjs';
import { newEngine } from './engine.mjs';
import { readConfig } from './rules.mjs';
import { scaleConfig } from './scale-config.mjs';
import { DECISION_CONTEXT, DECISION_TRAITS, decisionHistory, feed } from './workload.mjs';
import * as plainJs from '../peers/plain-js.mjs';
import * as jsonLogic from '../peers/json-logic.mjs';
import * as growthbook from '../peers/growthbook.mjs';
import * as rulesEngine from '../peers/json-rules-engine.mjs';

export const PEERS = [jsonLogic, growthbook, rulesEngine, plainJs];

async function decisionVisitor(root, wasmBinary, config, options) {
  const { engine, clock } = await newEngine(root, wasmBinary, config, options);
  engine.setTraits(DECISION_TRAITS);
  engine.setContext(DECISION_CONTEXT);
  const { steps, end } = decisionHistory();
  feed(engine, clock, steps);
  clock.t = end;
  return { engine, clock };
}

export async function decisionFigures(root, wasmBinary, catalog, sizes) {
  const figures = [];
  const notes = [];
  const inputs = [];
  // The peers' feature object: the same visitor's values, read from the engine (lib/features.mjs).
  const probe = probeConfig(catalog);
  const probed = await decisionVisitor(root, wasmBinary, probe, { explain: true });
  const features = await readFeatures(probed.engine, probe, DECISION_TRAITS, DECISION_CONTEXT);
  probed.engine.dispose();
  for (const size of sizes) {
    const config = size === catalog.segments.length ? catalog : scaleConfig(catalog, size);
    // Each configuration compiled once by the toolkit (lib/engine.mjs); the engine runs the program.
    const { engine, clock } = await decisionVisitor(root, wasmBinary, config);
    const end = clock.t;
    const offers = config.offers.length;
    inputs.push({ size, config, features, program: Array.from(engine.program) });
    let sink = 0;
    const model = readConfig(config);
    const deciders = PEERS.map((peer) => ({ peer, decide: peer.makeDecider(model), isAsync: peer === rulesEngine }));
    for (const decider of deciders) {
      const problems = disagreements(engine, await decider.decide(features));
      if (problems.length) notes.push(`${decider.peer.name} at ${size} segments disagrees with the engine: ${problems.slice(0, 4).join('; ')}`);
      decider.agrees = problems.length === 0;
    }
    // All of this size's figures measured run by run (lib/measure.mjs interleaved).
    // A full decision every time: the clock alternates between the visitor's time and 61 s later,
    // so no evaluation can be reused (each answer is valid at most until the next whole minute,
    // and never for an earlier time). The repeat figure asks 1 ms later each time, as a page
    // asking again between events: answered from the last evaluation while it is valid.
    let flip = 0;
    const fullTime = () => { clock.t = (flip ^= 1) ? end + 61000 : end; };
    const timed = await interleaved([
      { op: () => { fullTime(); sink += engine.decide().length; } },
      { op: () => { fullTime(); sink += engine.segments().length + engine.decide().length; } },
      { op: () => { clock.t += 1; sink += engine.decide().length; } },
      ...deciders.map(({ decide, isAsync }) => (isAsync
        ? { op: async () => { sink += (await decide(features)).segments.size; }, async: true }
        : { op: () => { sink += decide(features).segments.size; } })),
    ]);
    const spread = (t) => `, fastest run ${t.min.toFixed(t.min < 10 ? 2 : 0)} us`;
    figures.push({ name: `wasm.decide.${size}`, size, us: timed[0].median,
      note: `engine.decide(), full evaluation: ${size} segments, ${offers} offers` + spread(timed[0]) });
    figures.push({ name: `wasm.segments_decide.${size}`, size, us: timed[1].median,
      note: 'engine.segments() + engine.decide() at one time: one evaluation' + spread(timed[1]) });
    figures.push({ name: `wasm.decide_repeat.${size}`, size, us: timed[2].median,
      note: 'engine.decide() again 1 ms later, nothing changed: the last evaluation reused' + spread(timed[2]) });
    deciders.forEach(({ peer, isAsync, agrees }, k) => {
      const t = timed[k + 3];
      figures.push({ name: `peer.${peer.name}.decide.${size}`, size, peer: peer.name, us: t.median,
        note: (isAsync ? 'awaited, ' : '') + 'precomputed features' +
          (agrees ? ', agrees with the engine' : ', DISAGREES') + spread(t) });
    });
    clock.t = end;
    if (sink < 0) notes.push('');  // keeps the results observable
  }
  return { figures, notes, inputs };
}
