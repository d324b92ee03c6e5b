// Native figures for the WASM : native ratios and the native replay.
//   nativeTrackDecide: build/native/src/bench/seg_bench (the same journeys as lib/workload.mjs),
//     with a token replay (its own million-event replay is run by scripts/bench), and the full
//     decision over each of `configs` (the bench's larger configurations, written to build/bench/).
//   cliReplay: the CLI `shopper-segments replay` over the replicated log under /usr/bin/time -v:
//     CPU time (user + system) and peak resident memory of the whole process.

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** @param {Array<{size: number, config: object}>} configs @returns decideAt: size -> µs */
export function nativeTrackDecide(root, eventsFile, configs = []) {
  const bench = path.join(root, 'build', 'native', 'src', 'bench', 'seg_bench');
  const args = ['--events', eventsFile, '--replay-events', '1000', '--json'];
  for (const { size, config } of configs) {
    const file = path.join(root, 'build', 'bench', `decide-config-${size}.json`);
    fs.writeFileSync(file, JSON.stringify(config));
    args.push('--decide-config', file);
  }
  const out = execFileSync(bench, args, { encoding: 'utf8' });
  const byName = new Map(JSON.parse(out).results.map((r) => [r.name, r.value]));
  const decideAt = new Map(configs.map(({ size }) => [size, byName.get('native.decide.' + size)]));
  return { track: byName.get('native.track'), trackPacked: byName.get('native.track_packed'), decide: byName.get('native.decide'), decideAt };
}

export function cliReplay(root, logFile, events) {
  const cli = path.join(root, 'build', 'native', 'src', 'cli', 'shopper-segments');
  const run = spawnSync('/usr/bin/time', ['-v', cli, 'replay', logFile], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error('bench: shopper-segments replay failed: ' + run.stderr.slice(-2000));
  const field = (label) => Number(new RegExp(label + ': ([0-9.]+)').exec(run.stderr)[1]);
  const seconds = field('User time \\(seconds\\)') + field('System time \\(seconds\\)');
  return { eventsPerSecond: events / seconds, seconds, peakRssMB: field('Maximum resident set size \\(kbytes\\)') / 1024,
    visitors: run.stdout.split('\n').filter(Boolean).length };
}

export function haveNative(root) {
  return ['build/native/src/bench/seg_bench', 'build/native/src/cli/shopper-segments']
    .every((f) => fs.existsSync(path.join(root, f)));
}
