// The sample of visitors that publish measures segment sizes on: the bundled OTTO sample
// (otto-sample.jsonl, beside the studio) until the owner replays a log of their own in the Replay
// tab (useSample), which is then used instead. A sample is what log-replay.js's run() reads:
// { name, format, mapping, url } or { name, format, mapping, file } (a File, never uploaded).
const BUNDLED = { name: 'the OTTO sample', format: 'jsonl', mapping: '', url: new URL('otto-sample.jsonl', import.meta.url).href };

let current = null;

/** The log last replayed in the Replay tab: publish measures sizes on it from now on. */
export function useSample({ name, format = 'jsonl', mapping = '', file = null, url = null }) {
  if (file || url) current = { name, format, mapping, ...(file ? { file } : { url }) };
}

/** The sample in use. */
export function currentSample() {
  return current || BUNDLED;
}
