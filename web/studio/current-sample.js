// The sample of visitors that publish measures segment sizes on: the bundled OTTO sample
// (otto-sample.jsonl, beside the studio) unless a log was replayed since (useSample).
const BUNDLED = { name: 'the OTTO sample', url: new URL('otto-sample.jsonl', import.meta.url).href, format: 'jsonl' };

let current = null;

/**
 * The log the owner replayed: publish measures sizes on it from now on. `source` is its text
 * (the JSON Lines replay format) or { file | url, format, mapping } as the Replay tab read it.
 */
export function useSample(name, source) {
  if (typeof source === 'string' && source.length) current = { name, text: source, format: 'jsonl' };
  else if (source && (source.file || source.url)) current = { name, ...source };
}

/** { name, text | file | url, format, mapping } of the sample in use (log-replay.js replays it). */
export async function currentSample() {
  return current || BUNDLED;
}
