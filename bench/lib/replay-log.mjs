// The replay log of the throughput figures: the OTTO sample (data/otto-sessions.jsonl,
// (c) OTTO (GmbH & Co KG), CC-BY 4.0, converted by scripts/otto-to-events.mjs) replicated to at
// least a million lines, each copy with new visitor ids (`~r<copy>`) and its times 400 days later,
// exactly as src/bench/replicate.cpp makes the native bench's log.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPLAY_EVENTS = 1000000;
const SHIFT_MS = 400 * 24 * 3600 * 1000;

/** The converted sample's lines (converted once into build/bench/). */
export function sampleLines(root) {
  const converted = path.join(root, 'build', 'bench', 'otto-events.jsonl');
  const source = path.join(root, 'data', 'otto-sessions.jsonl');
  if (!fs.existsSync(converted) || fs.statSync(converted).mtimeMs < fs.statSync(source).mtimeMs) {
    fs.mkdirSync(path.dirname(converted), { recursive: true });
    const text = execFileSync(process.execPath, [path.join(root, 'scripts', 'otto-to-events.mjs'), source],
      { maxBuffer: 1 << 28 });
    fs.writeFileSync(converted, text);
  }
  return fs.readFileSync(converted, 'utf8').split('\n').filter((line) => line.trim() !== '');
}

function copyLine(line, copy) {
  if (copy === 0) return line;
  return line
    .replace(/("visitor":"[^"]*)"/, `$1~r${copy}"`)
    .replace(/"ts":(\d+)/, (_, ts) => '"ts":' + (Number(ts) + copy * SHIFT_MS));
}

/** Writes the replicated log to build/bench/ (once) and returns its path. */
export function replicatedLog(root, count = REPLAY_EVENTS) {
  const lines = sampleLines(root);
  const file = path.join(root, 'build', 'bench', `otto-replay-${count}.jsonl`);
  const converted = path.join(root, 'build', 'bench', 'otto-events.jsonl');
  if (fs.existsSync(file) && fs.statSync(file).mtimeMs >= fs.statSync(converted).mtimeMs) return file;
  const out = fs.openSync(file + '.tmp', 'w');
  let chunk = [];
  for (let written = 0, copy = 0; written < count; copy++) {
    for (let i = 0; i < lines.length && written < count; i++, written++) {
      chunk.push(copyLine(lines[i], copy));
      if (chunk.length === 10000) {
        fs.writeSync(out, chunk.join('\n') + '\n');
        chunk = [];
      }
    }
  }
  if (chunk.length) fs.writeSync(out, chunk.join('\n') + '\n');
  fs.closeSync(out);
  fs.renameSync(file + '.tmp', file);
  return file;
}
