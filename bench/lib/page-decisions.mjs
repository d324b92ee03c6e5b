// Runs in a Chromium page, where a storefront runs the widget: the full-decision figure of
// lib/decisions.mjs, this engine's public API (the ES module) against the peers a page would
// load instead (json-logic-js, GrowthBook's evalCondition, the plain-JS floor; json-rules-engine
// ships no browser build), measured run by run in one page with lib/measure.mjs on
// performance.now() (a page has no CPU time). lib/browser.mjs bundles this file with esbuild,
// the widget's module left external, and passes each size's configuration (for the peers), its
// program compiled in Node (what the engine runs: no toolkit in the page) and feature object.

import { createEngine } from '/shopper-segments.mjs';
import * as growthbookLibrary from '@growthbook/growthbook';
import jsonLogicLibrary from 'json-logic-js';
import { disagreements } from './agreement.mjs';
import { interleaved } from './measure.mjs';
import { readConfig } from './rules.mjs';
import { DECISION_CONTEXT, DECISION_TRAITS, START_MS, decisionHistory, feed } from './workload.mjs';
import * as jsonLogic from '../peers/json-logic.mjs';
import * as growthbook from '../peers/growthbook.mjs';
import * as plainJs from '../peers/plain-js.mjs';

// Each peer with its library as a page bundles it (in Node the peers require their own).
const PAGE_PEERS = [
  { peer: jsonLogic, library: jsonLogicLibrary },
  { peer: growthbook, library: growthbookLibrary },
  { peer: plainJs, library: undefined },
];

/**
 * @param {Array<{size: number, config: object, program: number[], features: object}>} inputs
 * @returns {Promise<Array<{size, us, min, peers: Array<{name, us, min, agrees, problems}>}>>}
 */
export async function measureDecisions(inputs) {
  const results = [];
  for (const { size, config, program, features } of inputs) {
    const clock = { t: START_MS };
    const engine = await createEngine({ now: () => clock.t, program: Uint8Array.from(program), visitorId: 'bench-visitor' });
    engine.setTraits(DECISION_TRAITS);
    engine.setContext(DECISION_CONTEXT);
    const { steps, end } = decisionHistory();
    feed(engine, clock, steps);
    clock.t = end;
    const model = readConfig(config);
    const peers = PAGE_PEERS.map(({ peer, library }) => {
      const decide = peer.makeDecider(model, library);
      return { peer, decide, problems: disagreements(engine, decide(features)) };
    });
    // A full evaluation every time, as in Node: the clock alternates by 61 s (lib/decisions.mjs).
    let flip = 0;
    let sink = 0;
    const timed = await interleaved([
      { op: () => { clock.t = (flip ^= 1) ? end + 61000 : end; sink += engine.decide().length; } },
      ...peers.map(({ decide }) => ({ op: () => { sink += decide(features).segments.size; } })),
    ], undefined, () => performance.now());
    engine.dispose();
    results.push({
      size, us: timed[0].median, min: timed[0].min, sink,
      peers: peers.map(({ peer, problems }, k) => ({
        name: peer.name, us: timed[k + 1].median, min: timed[k + 1].min, agrees: problems.length === 0, problems: problems.slice(0, 4),
      })),
    });
  }
  return results;
}
