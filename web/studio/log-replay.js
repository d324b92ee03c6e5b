// Replays an event log (the JSON Lines format of `shopper-segments replay`) in the browser, with
// one engine per visitor whose visitor id is the log's, so holdout and control group come out as
// in the CLI. Each visitor is evaluated at its own last event, as the CLI does without --now.
// The work is cut into slices of a few milliseconds with a pause between them, so the page keeps
// responding and can draw a progress bar. Nothing leaves the browser.

const SLICE_MS = 12;
const KINDS = ['type', 'traits', 'context', 'record'];
const OUTCOMES = new Set(['shown', 'dismissed', 'converted']);

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

/** One line -> { visitor, ts, kind, ... } or { error }. Mirrors the CLI's rules for a usable line. */
export function parseLine(text) {
  let doc;
  try { doc = JSON.parse(text); } catch (error) { return { error: `not valid JSON: ${error.message}` }; }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { error: 'a line must be a JSON object' };
  if (typeof doc.visitor !== 'string' || doc.visitor === '') return { error: 'the line needs "visitor": a non-empty string' };
  if (typeof doc.ts !== 'number' || !Number.isInteger(doc.ts)) return { error: 'the line needs "ts": a whole number of milliseconds since the epoch' };
  const kinds = KINDS.filter((k) => k in doc);
  if (kinds.length !== 1) return { error: kinds.length ? `the line has both "${kinds[0]}" and "${kinds[1]}"` : 'the line needs "type" (an event), "traits", "context" or "record"' };
  const kind = kinds[0];
  const line = { visitor: doc.visitor, ts: doc.ts, kind };
  if (kind === 'type') {
    if (typeof doc.type !== 'string' || doc.type === '') return { error: '"type" must be a non-empty string, the event name' };
    const fields = {};
    for (const [key, value] of Object.entries(doc)) {
      if (key === 'visitor' || key === 'ts' || key === 'type') continue;
      if (value && typeof value === 'object' && !Array.isArray(value)) return { error: `field "${key}" is an object; objects are allowed only inside a list (like items)` };
      if (Array.isArray(value) && value.some(Array.isArray)) return { error: `field "${key}" holds a list inside a list` };
      fields[key] = value;
    }
    line.type = doc.type;
    line.fields = fields;
    return line;
  }
  for (const key of Object.keys(doc)) {
    if (key !== 'visitor' && key !== 'ts' && key !== kind) return { error: `unexpected key "${key}" beside "${kind}"` };
  }
  const body = doc[kind];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { error: `"${kind}" must be an object` };
  if (kind === 'record') {
    if (typeof body.offer !== 'string' || !OUTCOMES.has(body.outcome)) return { error: '"record" must be an object like {"offer":"id","outcome":"shown"}' };
  }
  line.body = body;
  return line;
}

/** Yields to the browser between slices of work, so the page keeps drawing and answering. */
function slicer(onProgress) {
  let sliceStart = performance.now();
  return async (fraction, lines) => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    onProgress(fraction, lines);
    await pause();
    sliceStart = performance.now();
  };
}

/** Calls fn(line, lineNo) for every non-empty line of text, in order, yielding between slices. */
async function eachLine(text, fn, maybePause, progressFrom, progressTo, signal) {
  let pos = 0;
  let lineNo = 0;
  while (pos < text.length) {
    if (signal.aborted) throw new Error('replay stopped');
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const raw = text.slice(pos, end).trim();
    pos = end + 1;
    lineNo += 1;
    if (raw !== '') await fn(raw, lineNo);
    await maybePause(progressFrom + (progressTo - progressFrom) * (pos / text.length), lineNo);
  }
  return lineNo;
}

/**
 * text: the whole log. Resolves to { visitors, events, lines, badLines, segmentCounts, offerCounts, slots }.
 * onProgress(fraction, linesDone) is called between slices. signal.aborted stops the run.
 *
 * A first pass finds each visitor's last line, so the second pass can evaluate a visitor and
 * free its engine as soon as its last line is replayed: memory stays bounded by how many
 * visitors are interleaved at once, not by how many the log holds.
 */
export async function replayLog(text, { createEngine, config, onProgress = () => {}, signal = {} }) {
  let clock = 0;
  const now = () => clock;
  const maybePause = slicer(onProgress);
  const lastLine = new Map();  // visitor -> number of its last usable line
  await eachLine(text, (raw, lineNo) => {
    const line = parseLine(raw);
    if (!line.error) lastLine.set(line.visitor, lineNo);
  }, maybePause, 0, 0.2, signal);

  const open = new Map();  // visitor -> { engine, latest } while the visitor still has lines to come
  const badLines = [];
  const segmentCounts = new Map();
  const offerCounts = new Map();  // slot -> Map(offer id, or '' for none -> visitors)
  const slots = [];
  let visitors = 0;
  let events = 0;

  // Each visitor is evaluated at their own last event, as the CLI does without --now.
  function finish(v) {
    clock = v.latest;
    for (const s of v.engine.segments()) {
      if (!segmentCounts.has(s.id)) segmentCounts.set(s.id, 0);
      if (s.member) segmentCounts.set(s.id, segmentCounts.get(s.id) + 1);
    }
    for (const d of v.engine.decide()) {
      if (!offerCounts.has(d.slot)) { offerCounts.set(d.slot, new Map()); slots.push(d.slot); }
      const bySlot = offerCounts.get(d.slot);
      bySlot.set(d.offer || '', (bySlot.get(d.offer || '') || 0) + 1);
    }
    v.engine.dispose();
    visitors += 1;
  }

  try {
    const lines = await eachLine(text, async (raw, lineNo) => {
      const line = parseLine(raw);
      if (line.error) { if (badLines.length < 100) badLines.push({ line: lineNo, message: line.error }); return; }
      let v = open.get(line.visitor);
      if (!v) {
        v = { engine: await createEngine({ config, visitorId: line.visitor, now }), latest: line.ts };
        open.set(line.visitor, v);
      }
      v.latest = Math.max(v.latest, line.ts);
      clock = line.ts;
      if (line.kind === 'type') { v.engine.track(line.type, line.fields); events += 1; }
      else if (line.kind === 'traits') v.engine.setTraits(line.body);
      else if (line.kind === 'context') v.engine.setContext(line.body);
      else if (line.kind === 'record' && !v.engine.record(line.body.offer, line.body.outcome)) {
        if (badLines.length < 100) badLines.push({ line: lineNo, message: `record names an offer the configuration does not have: "${line.body.offer}"` });
      }
      if (lastLine.get(line.visitor) === lineNo) {
        open.delete(line.visitor);
        finish(v);
      }
    }, maybePause, 0.2, 1, signal);
    onProgress(1, lines);
    return { visitors, events, lines, badLines, segmentCounts, offerCounts, slots };
  } finally {
    for (const v of open.values()) v.engine.dispose();
  }
}
