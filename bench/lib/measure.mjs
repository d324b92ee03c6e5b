// Timing: CPU time of this process (user + system, as the native bench counts thread CPU time, so
// figures stay meaningful on a machine shared with other work), each figure the median of RUNS
// runs after a warm-up, each run long enough (about RUN_MS) for the clock's resolution.
// `interleaved` measures several operations run by run (a, b, c, a, b, c, ...), so that a burst
// of load on a shared machine hits all of them alike and their ratios stay fair.
// In a browser page, where there is no CPU time, `interleaved` takes performance.now() instead.

export const RUNS = 7;
const RUN_MS = 120;

export function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timeLoop(op, n, isAsync, clock) {
  const start = clock();
  if (isAsync) for (let i = 0; i < n; i++) await op(i);
  else for (let i = 0; i < n; i++) op(i);
  return clock() - start;
}

// Doubles the count until a loop takes a tenth of a run, then scales to a run; also the warm-up.
async function calibrate(op, isAsync, clock) {
  let n = 1;
  for (;;) {
    const ms = await timeLoop(op, n, isAsync, clock);
    if (ms >= RUN_MS / 10 || n >= 1 << 24) return Math.max(1, Math.round((n * RUN_MS) / Math.max(ms, 0.001)));
    n *= 2;
  }
}

/**
 * @param {Array<{op: (i: number) => any, async?: boolean}>} ops
 * @param {() => number} clock milliseconds
 * @returns {Promise<Array<{median: number, min: number}>>} µs per call of each op
 */
export async function interleaved(ops, runs = RUNS, clock = cpuMs) {
  const counts = [];
  for (const { op, async: isAsync = false } of ops) {
    const n = await calibrate(op, isAsync, clock);
    await timeLoop(op, Math.ceil(n / 2), isAsync, clock);  // warm-up at full speed
    counts.push(n);
  }
  const perOp = ops.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < ops.length; k++) {
      perOp[k].push(((await timeLoop(ops[k].op, counts[k], ops[k].async, clock)) * 1000) / counts[k]);
    }
  }
  return perOp.map((values) => ({ median: median(values), min: Math.min(...values) }));
}

/** Median microseconds per call of `op(i)` (sync or async). */
export async function usPerOp(op, { async = false, runs = RUNS } = {}) {
  return (await interleaved([{ op, async }], runs))[0].median;
}
