// The studio's log replay, off the page's thread: a module worker (a same-origin file, so a strict
// Content-Security-Policy allows it: no blob: URL, no eval) that loads the owner toolkit once and
// replays a log with ONE replay in C++ (src/toolkit/replay.cpp: engines reused from visitor to
// visitor, at most 10,000 visitors held at once). The log is read as a stream in slices of whole
// lines; progress goes back after each slice. Stopping is the page's job: it terminates the worker.
//
//   page -> worker  { type: 'replay', config, format: 'jsonl'|'ga4'|'csv', mapping, countNodes, file | url }
//   worker -> page  { type: 'progress', fraction, bytes, lines }
//                   { type: 'done', summary, badLines, lines, seconds }
//                   { type: 'error', message, issues? }

const SLICE_BYTES = 256 * 1024;  // text handed to C++ per call: large enough that calls cost little, small enough for a smooth bar
const MAX_BAD_LINES = 100;

let toolkitPromise = null;
function toolkit() {
  if (!toolkitPromise) {
    toolkitPromise = import(new URL('../shopper-segments-toolkit.mjs', import.meta.url).href).then((m) => m.loadToolkit());
  }
  return toolkitPromise;
}

async function source(message) {
  if (message.file) return { stream: message.file.stream(), total: message.file.size };
  const response = await fetch(message.url);
  if (!response.ok) throw new Error(`could not read ${message.url} (${response.status})`);
  return { stream: response.body, total: Number(response.headers.get('content-length')) || 0 };
}

function countLines(text) {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n += 1;
  return n;
}

async function replay(message) {
  const started = performance.now();
  const kit = await toolkit();
  const run = kit.startReplay(message.config, { format: message.format, mapping: message.mapping, countNodes: Boolean(message.countNodes) });
  if (!run.ok) {
    postMessage({ type: 'error', message: run.error || `the working config has ${run.issues.length} issue(s)`, issues: run.issues });
    return;
  }
  const { replay: log } = run;
  try {
    const { stream, total } = await source(message);
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    const badLines = [];
    let pending = '';
    let bytes = 0;
    let lines = 0;
    const feed = (text) => {
      for (const bad of log.lines(text)) if (badLines.length < MAX_BAD_LINES) badLines.push(bad);
      lines += countLines(text);
    };
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      pending += decoder.decode(value, { stream: true });
      if (pending.length < SLICE_BYTES) continue;
      const cut = pending.lastIndexOf('\n');
      if (cut < 0) continue;
      feed(pending.slice(0, cut + 1));
      pending = pending.slice(cut + 1);
      postMessage({ type: 'progress', fraction: total ? bytes / total : 0, bytes, lines });
    }
    pending += decoder.decode();
    if (pending) {
      feed(pending);
      if (!pending.endsWith('\n')) lines += 1;
    }
    for (const bad of log.end()) if (badLines.length < MAX_BAD_LINES) badLines.push(bad);
    const summary = log.summary();
    postMessage({ type: 'done', summary, badLines, lines, seconds: (performance.now() - started) / 1000 });
  } finally {
    log.dispose();
  }
}

addEventListener('message', (event) => {
  if (!event.data || event.data.type !== 'replay') return;
  replay(event.data).catch((error) => postMessage({ type: 'error', message: error && error.message ? error.message : String(error) }));
});
