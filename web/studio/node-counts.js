// Beside each rule node of the editor: how many visitors of the last replayed sample it matches.
// The counts are the toolkit's (the replay's summary with countNodes: per rule node, by its JSON
// Pointer, the visitors for whom it holds). After a replay in the Replay tab, every edit of the
// working config replays that same sample again in a worker of its own (debounced), so the counts
// follow the edits. The badges go next to each node's kind picker (select[data-role="kind"]).
import { h } from './dom.js';
import { createLogReplay } from './log-replay.js';

const DEBOUNCE_MS = 600;

export function createNodeCounts({ store, editorElement }) {
  const replays = createLogReplay();
  let sample = null;  // { source, format, mapping, name }
  let counts = null;  // { nodes: Map path -> visitors, visitors, name }
  let timer = 0;

  function badgeText(path) {
    const n = counts.nodes.get(path);
    return n === undefined ? null : `${n} of ${counts.visitors}`;
  }

  // Puts (or updates) a badge after each node's kind picker; touches the DOM only when a text changes.
  function decorate() {
    for (const picker of editorElement.querySelectorAll('select[data-role="kind"][data-path]')) {
      const path = picker.getAttribute('data-path');
      let badge = picker.nextElementSibling && picker.nextElementSibling.classList.contains('node-count') ? picker.nextElementSibling : null;
      const text = counts ? badgeText(path) : null;
      if (text === null) {
        if (badge) badge.remove();
        continue;
      }
      const title = `${text} visitors of ${counts.name} match this condition`;
      if (!badge) {
        badge = h('span', { class: 'node-count', 'data-count-for': path, title, 'aria-label': title }, text);
        picker.after(badge);
      } else if (badge.textContent !== text) {
        badge.textContent = text;
        badge.title = title;
        badge.setAttribute('aria-label', title);
      }
    }
  }

  new MutationObserver(() => { if (counts) decorate(); }).observe(editorElement, { childList: true, subtree: true });

  async function recount() {
    if (!sample) return;
    try {
      const result = await replays.run({ config: store.state.working, format: sample.format, mapping: sample.mapping, countNodes: true, ...sample.source });
      counts = { nodes: result.nodeCounts, visitors: result.visitors, name: sample.name };
      decorate();
    } catch (error) {
      // A newer edit stopped this count, or the working config does not compile: the next edit counts again.
    }
  }

  store.subscribe((change) => {
    if (!sample || !change.workingChanged) return;
    clearTimeout(timer);
    timer = setTimeout(recount, DEBOUNCE_MS);
  });

  return {
    /** The replay view finished a replay: its counts now, and this sample for the edits to come. */
    replayed(source, result) {
      sample = source;
      counts = { nodes: result.nodeCounts, visitors: result.visitors, name: source.name };
      decorate();
    },
    get counts() { return counts; },
  };
}
