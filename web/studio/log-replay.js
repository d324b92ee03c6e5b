// Replays an event log (the JSON Lines format of `shopper-segments replay`) in the browser with
// the owner toolkit: the CLI's own line reader and replay, in C++ (one engine per visitor whose
// id is the log's, so holdout and control group come out as in the CLI; each visitor evaluated
// at its own last event). The log goes in chunks of whole lines with a pause between them, so
// the page keeps responding, draws a progress bar and can stop. Nothing leaves the browser.

const CHUNK_BYTES = 64 * 1024;
const MAX_BAD_LINES = 100;

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * text: the whole log. Resolves to { visitors, events, lines, badLines, segmentCounts, offerCounts, slots }
 * (segmentCounts: Map id -> members; offerCounts: Map slot -> Map offer id or '' -> visitors).
 * onProgress(fraction, linesDone) is called between chunks; signal.aborted stops the run.
 */
export async function replayLog(text, { toolkit, config, onProgress = () => {}, signal = {} }) {
  const started = toolkit.startReplay(typeof config === 'string' ? config : JSON.stringify(config));
  if (!started.ok) throw new Error(`the working config has ${started.issues.length} issue(s)`);
  const { replay } = started;
  try {
    const badLines = [];
    let lines = 0;
    let pos = 0;
    while (pos < text.length) {
      if (signal.aborted) throw new Error('replay stopped');
      // A chunk ends at a line end (or the end of the log), so no line is cut in two.
      let end = Math.min(pos + CHUNK_BYTES, text.length);
      if (end < text.length) {
        const newline = text.indexOf('\n', end);
        end = newline < 0 ? text.length : newline + 1;
      }
      const chunk = text.slice(pos, end);
      for (const bad of replay.lines(chunk)) if (badLines.length < MAX_BAD_LINES) badLines.push(bad);
      lines += countLines(chunk);
      pos = end;
      onProgress(pos / text.length, lines);
      await pause();
    }
    const summary = replay.summary();
    const segmentCounts = new Map(summary.segments.map((s) => [s.id, s.members]));
    const offerCounts = new Map(summary.slots.map((s) => [s.slot, new Map(s.offers.map((o) => [o.offer || '', o.visitors]))]));
    onProgress(1, lines);
    return { visitors: summary.visitors, events: summary.events, lines, badLines, segmentCounts, offerCounts, slots: summary.slots.map((s) => s.slot) };
  } finally {
    replay.dispose();
  }
}

function countLines(chunk) {
  let n = 0;
  for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) n += 1;
  return chunk.endsWith('\n') || chunk === '' ? n : n + 1;
}
