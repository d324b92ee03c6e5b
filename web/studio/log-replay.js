// Replays an event log in a Web Worker (replay-worker.js) with the owner toolkit: the CLI's own row
// readers and replay, in C++ (each visitor's id is the log's, so holdout and control group come out
// as in the CLI; each visitor evaluated at its own last row). The page stays responsive; progress
// comes back per slice; stop() ends the worker at once (a new one starts with the next replay).
// Nothing leaves the browser: the worker reads the picked file itself.

const WORKER_URL = new URL('./replay-worker.js', import.meta.url);

/** Which format a log is in, from its name and first line: 'csv', 'ga4' or 'jsonl'. */
export function guessFormat(name, head) {
  if (/\.(csv|tsv)$/i.test(name || '')) return 'csv';
  const first = String(head || '').split('\n').find((line) => line.trim() !== '') || '';
  if (/^\s*\{/.test(first)) return /"event_name"\s*:/.test(first) && /"event_timestamp"\s*:/.test(first) ? 'ga4' : 'jsonl';
  return 'csv';
}

/** The header's cells (quotes removed), for the CSV column pickers. */
export function csvHeader(head) {
  const line = String(head || '').split(/\r?\n/).find((l) => l.trim() !== '') || '';
  const counts = [',', ';', '\t'].map((d) => line.split(d).length);
  const delimiter = counts[1] > counts[0] && counts[1] >= counts[2] ? ';' : counts[2] > counts[0] ? '\t' : ',';
  return line.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').replace(/""/g, '"'));
}

/** A first guess at the mapping from the header's names. */
export function guessMapping(columns) {
  const find = (...names) => columns.find((c) => names.includes(c.toLowerCase())) || '';
  return {
    visitor: find('visitor', 'visitor_id', 'user_pseudo_id', 'user_id', 'client_id', 'customer_id', 'session_id', 'user'),
    time: find('ts', 'time', 'timestamp', 'event_timestamp', 'created_at', 'date', 'datetime', 'event_time'),
    event: find('type', 'event', 'event_name', 'event_type', 'action', 'name'),
  };
}

export function createLogReplay() {
  let worker = null;
  let current = null;  // { reject }

  function stop() {
    if (!current) return;
    if (worker) worker.terminate();
    worker = null;
    const { reject } = current;
    current = null;
    reject(new Error('replay stopped'));
  }

  /**
   * Resolves to { visitors, events, rows, skipped, bad, lines, badLines, seconds, segmentCounts, offerCounts, slots, nodeCounts }
   * (segmentCounts: Map id -> members; offerCounts: Map slot -> Map offer id or '' -> visitors;
   * nodeCounts with countNodes: Map rule JSON Pointer -> visitors for whom it holds).
   */
  function run({ config, format = 'jsonl', mapping = '', file = null, url = null, countNodes = false, onProgress = () => {} }) {
    stop();
    if (!worker) worker = new Worker(WORKER_URL, { type: 'module' });
    const mine = worker;
    return new Promise((resolve, reject) => {
      current = { reject };
      const done = () => { if (worker === mine) current = null; };
      mine.onmessage = ({ data }) => {
        if (worker !== mine) return;
        if (data.type === 'progress') onProgress(data.fraction, data.lines);
        else if (data.type === 'error') { done(); reject(new Error(data.message)); }
        else if (data.type === 'done') {
          done();
          const { summary } = data;
          onProgress(1, data.lines);
          resolve({
            visitors: summary.visitors, events: summary.events, rows: summary.rows, skipped: summary.skipped, bad: summary.bad,
            lines: data.lines, badLines: data.badLines, seconds: data.seconds,
            segmentCounts: new Map(summary.segments.map((s) => [s.id, s.members])),
            offerCounts: new Map(summary.slots.map((s) => [s.slot, new Map(s.offers.map((o) => [o.offer || '', o.visitors]))])),
            slots: summary.slots.map((s) => s.slot),
            nodeCounts: new Map((summary.nodes || []).map((n) => [n.path, n.visitors])),
          });
        }
      };
      mine.onerror = (event) => {
        if (worker !== mine) return;
        done();
        worker = null;
        mine.terminate();
        reject(new Error(event.message || 'the replay worker failed'));
      };
      mine.postMessage({ type: 'replay', config: typeof config === 'string' ? config : JSON.stringify(config), format, mapping, countNodes, file, url });
    });
  }

  /** Ends the worker (a runner kept for one replay). */
  function dispose() {
    stop();
    if (worker) worker.terminate();
    worker = null;
  }

  return { run, stop, dispose, get running() { return current !== null; } };
}
