// The studio's log replay in headless Chromium (issue 17 budget: 10,000 visitors in at most 3 s):
//   node bench/studio-replay.mjs [VISITORS] [--runs N] [--log FILE] [--site DIR]
// The log: FILE if given, else the OTTO sample (data/, CC-BY 4.0, (c) OTTO (GmbH & Co KG), converted
// by scripts/otto-to-events.mjs) copied until it holds VISITORS visitors (new ids per copy, times
// 400 days apart), written once into build/bench/. The studio (dist/site, strict CSP) replays it
// as an owner would: the file picked in the Replay tab, the replay in its Web Worker. Printed as
// JSON: the wall time from picking the file to the charts on the page (median of the runs), the
// worker's own time, visitors, events and lines.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { SITE, STRICT_CSP, launchBrowser, newPage, startServer } from '../tests/browser/helpers.mjs';
import { sampleLines } from './lib/replay-log.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const visitors = Number(args.find((a, i) => /^\d+$/.test(a) && !/^--/.test(args[i - 1] || '')) || 10000);
const runs = Number(option('--runs') || 3);

function ottoLog(count) {
  const file = path.join(root, 'build', 'bench', `studio-otto-${count}-visitors.jsonl`);
  if (existsSync(file)) return file;
  const lines = sampleLines(root);
  const ids = [...new Set(lines.map((l) => JSON.parse(l).visitor))];
  const out = [];
  const shift = 400 * 24 * 3600 * 1000;
  for (let copy = 0; copy * ids.length < count; copy += 1) {
    const keep = Math.min(ids.length, count - copy * ids.length);
    const wanted = new Set(ids.slice(0, keep));
    for (const line of lines) {
      const event = JSON.parse(line);
      if (!wanted.has(event.visitor)) continue;
      out.push(line.replace(/("visitor":"[^"]*)"/, `$1~r${copy}"`).replace(/"ts":(\d+)/, (_, ts) => `"ts":${Number(ts) + copy * shift}`));
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, out.join('\n') + '\n');
  return file;
}

const log = option('--log') || ottoLog(visitors);
const server = await startServer({ root: option('--site') || SITE, csp: STRICT_CSP });  // --site: another build, for before/after
const results = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const browser = await launchBrowser();
    try {
      const page = await newPage(browser);
      await page.goto(server.url('/studio/#replay'));
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
      const started = Date.now();
      await page.setInputFiles('#replay-file', log);
      await page.waitForFunction(() => /replayed in/.test(document.querySelector('[data-testid="replay-status"]').textContent),
        null, { timeout: 600000, polling: 20 });
      await page.waitForSelector('[data-testid="segment-chart"]');
      const wall = (Date.now() - started) / 1000;
      const status = await page.textContent('[data-testid="replay-status"]');
      const [, shown, events, worker] = /: (\d+) visitors, (\d+) events, replayed in ([\d.]+) s/.exec(status);
      results.push({ wall, worker: Number(worker), visitors: Number(shown), events: Number(events) });
      if (page.pageErrors.length) throw new Error(page.pageErrors.join('\n'));
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
results.sort((a, b) => a.wall - b.wall);
const median = results[Math.floor(results.length / 2)];
const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
console.log(JSON.stringify({ log: path.relative(root, log), lines, visitors: median.visitors, events: median.events,
  seconds: median.wall, workerSeconds: median.worker, budgetSeconds: 3, withinBudget: median.wall <= 3,
  runs: results.map((r) => r.wall) }));
