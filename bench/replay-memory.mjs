// Peak memory of `shopper-segments replay` over a log of many one-event visitors (issue 15 item 7:
// it grew about 10 KB a visitor without limit):
//   node bench/replay-memory.mjs [VISITORS] [--cli PATH] [--max-visitors N]
// Writes the log once into build/bench/, runs the CLI under /usr/bin/time -v and prints visitors,
// CPU and wall seconds and peak RSS as JSON. --cli runs another build (a previous main, for before/after).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const visitors = Number(args.find((a, i) => /^\d+$/.test(a) && !/^--/.test(args[i - 1] || '')) || 1000000);
const cli = option('--cli') || path.join(root, 'build', 'native', 'src', 'cli', 'shopper-segments');

const file = path.join(root, 'build', 'bench', `one-event-visitors-${visitors}.jsonl`);
if (!fs.existsSync(file)) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file + '.tmp', 'w');
  const start = 1795428000000;
  for (let v = 0; v < visitors; v += 10000) {
    const lines = [];
    for (let i = v; i < Math.min(visitors, v + 10000); i += 1) {
      lines.push(`{"visitor":"visitor-${i}","ts":${start + i * 1000},"type":"view_item","item_id":"sku-${i % 500}","price":19.9}`);
    }
    fs.writeSync(fd, lines.join('\n') + '\n');
  }
  fs.closeSync(fd);
  fs.renameSync(file + '.tmp', file);
}

const extra = option('--max-visitors') ? ['--max-visitors', option('--max-visitors')] : [];
const started = process.hrtime.bigint();
const r = spawnSync('/usr/bin/time', ['-v', cli, 'replay', ...extra, file], { maxBuffer: 1 << 30 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const err = r.stderr.toString();
if (r.status !== 0) throw new Error(`replay failed: ${err.slice(0, 2000)}`);
const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(err)[1]) / 1024;
const cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(err)[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(err)[1]);
const lines = r.stdout.toString().split('\n').filter(Boolean).length;
console.log(JSON.stringify({ visitors, results: lines, cpuSeconds: +cpu.toFixed(2), wallSeconds: +seconds.toFixed(2), peakRssMB: +rss.toFixed(1),
  kilobytesPerVisitor: +((rss * 1024) / visitors).toFixed(2), cli: path.relative(root, cli) }));
