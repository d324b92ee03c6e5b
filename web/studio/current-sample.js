// The sample of visitors that publish measures segment sizes on: the bundled OTTO sample
// (otto-sample.jsonl, beside the studio) unless a log was replayed since (useSample).
const BUNDLED = { name: 'the OTTO sample', url: 'otto-sample.jsonl' };

let current = null;  // { name, text } of a log the owner replayed

/** A log in the replay format the owner loaded: publish measures sizes on it from now on. */
export function useSample(name, text) {
  if (typeof text === 'string' && text.length) current = { name, text };
}

/** { name, text } of the sample in use (the bundled one is read once, when first asked). */
let bundled = null;
export async function currentSample() {
  if (current) return current;
  if (!bundled) {
    bundled = fetch(new URL(BUNDLED.url, import.meta.url)).then(async (response) => {
      if (!response.ok) throw new Error(`could not read ${BUNDLED.url} (HTTP ${response.status})`);
      return { name: BUNDLED.name, text: await response.text() };
    });
    bundled.catch(() => { bundled = null; });
  }
  return bundled;
}
