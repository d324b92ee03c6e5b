// Timing: CPU time of this process (user + system, as the native bench counts thread CPU time, so
// figures stay meaningful on a machine shared with other work), each figure the median of RUNS
// runs after a warm-up, each run long enough (about RUN_MS) for the clock's resolution.

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

function timeLoop(op, n) {
  const start = cpuMs();
  for (let i = 0; i < n; i++) op(i);
  return cpuMs() - start;
}

async function timeLoopAsync(op, n) {
  const start = cpuMs();
  for (let i = 0; i < n; i++) await op(i);
  return cpuMs() - start;
}

// Doubles the count until a loop takes a tenth of a run, then scales to a run; also the warm-up.
async function calibrate(loop) {
  let n = 1;
  for (;;) {
    const ms = await loop(n);
    if (ms >= RUN_MS / 10 || n >= 1 << 24) return Math.max(1, Math.round((n * RUN_MS) / Math.max(ms, 0.001)));
    n *= 2;
  }
}

/** Median microseconds per call of `op(i)` (sync or async). */
export async function usPerOp(op, { async = false, runs = RUNS } = {}) {
  const loop = async ? (n) => timeLoopAsync(op, n) : (n) => timeLoop(op, n);
  const n = await calibrate(loop);
  await loop(Math.ceil(n / 2));  // warm-up at full speed
  const perOp = [];
  for (let r = 0; r < runs; r++) perOp.push(((await loop(n)) * 1000) / n);
  return median(perOp);
}
