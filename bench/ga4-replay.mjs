// `shopper-segments replay --format ga4` over synthetic GA4 export rows (bench/lib/ga4-export-rows.mjs):
//   node bench/ga4-replay.mjs [VISITORS] [--runs N] [--max-visitors N]
// Writes the export once into build/bench/, runs the CLI under /usr/bin/time -v (wall time, peak
// RSS, CPU time) and prints rows/s (export rows read), events/s (rows replayed), visitors and peak
// RSS as JSON; per CPU second (the median run by CPU time) and per wall second.
// Budget (issue 17): at least 1,000,000 export rows/s.

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ga4ExportRows } from './lib/ga4-export-rows.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const visitors = Number(args.find((a, i) => /^\d+$/.test(a) && !/^--/.test(args[i - 1] || '')) || 20000);
const runs = option('--runs', 3);
const maxVisitors = option('--max-visitors', 0);
const cli = path.join(root, 'build', 'native', 'src', 'cli', 'shopper-segments');

const file = path.join(root, 'build', 'bench', `ga4-export-${visitors}.jsonl`);
if (!fs.existsSync(file)) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file + '.tmp', 'w');
  let batch = [];
  ga4ExportRows({ visitors, seed: 17, onRow: (row) => {
    batch.push(row);
    if (batch.length === 2000) { fs.writeSync(fd, batch.join('\n') + '\n'); batch = []; }
  } });
  if (batch.length) fs.writeSync(fd, batch.join('\n') + '\n');
  fs.closeSync(fd);
  fs.renameSync(file + '.tmp', file);
}
const rows = Number(execFileSync('wc', ['-l', file]).toString().trim().split(/\s+/)[0]);
const bytes = fs.statSync(file).size;

const results = [];
for (let run = 0; run < runs; run += 1) {
  const cliArgs = ['replay', '--format', 'ga4', ...(maxVisitors ? ['--max-visitors', String(maxVisitors)] : []), file];
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', cli, ...cliArgs], { maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`replay failed: ${r.stderr}`);
  const err = r.stderr.toString();
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(err)[1]) / 1024;
  const cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(err)[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(err)[1]);
  const bad = /skipped (\d+) bad line/.exec(err);
  const lines = r.stdout.toString().split('\n').filter(Boolean).length;
  results.push({ seconds, cpu, rss, visitors: lines, bad: bad ? Number(bad[1]) : 0 });
}
// Ordered by CPU time: on a shared machine the wall time also counts waiting for a core or the disk.
results.sort((a, b) => a.cpu - b.cpu);
const median = results[Math.floor(results.length / 2)];
// Rows GA4 writes that the engine makes itself (session_start, first_visit) are read but not replayed.
const skipped = Number(execFileSync('grep', ['-c', '-E', '"event_name":"(session_start|first_visit)"', file]).toString());
console.log(JSON.stringify({
  rows, bytes, megabytesPerRow: +(bytes / rows / 1e6).toFixed(6), visitors: median.visitors, badRows: median.bad,
  cpuSeconds: +median.cpu.toFixed(3), wallSeconds: +median.seconds.toFixed(3),
  rowsPerCpuSecond: Math.round(rows / median.cpu), eventsPerCpuSecond: Math.round((rows - skipped) / median.cpu),
  rowsPerWallSecond: Math.round(rows / median.seconds), megabytesPerCpuSecond: +(bytes / 1e6 / median.cpu).toFixed(1),
  peakRssMB: +median.rss.toFixed(1), runsCpu: results.map((r) => +r.cpu.toFixed(3)), budgetRowsPerSecond: 1000000,
}));
