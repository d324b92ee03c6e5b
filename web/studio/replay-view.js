// The "Replay" view: pick a JSON Lines event log from disk (read by the browser, never uploaded)
// or replay the bundled OTTO sample, with a progress bar, then segment sizes and offer shares per
// slot as bar charts.
import { h, replaceChildren, field } from './dom.js';
import { replayLog } from './log-replay.js';
import { listOf, objectOf } from './shape.js';

const SAMPLE_URL = 'otto-sample.jsonl';

function barRow(label, count, total, attrs) {
  const pct = total ? (100 * count) / total : 0;
  return h('li', { class: 'chart-row', ...attrs },
    h('span', { class: 'chart-label' }, label),
    h('span', { class: 'chart-bar', role: 'img', 'aria-label': `${count} of ${total}` }, h('span', { class: 'chart-fill', style: { width: `${pct}%` } })),
    h('span', { class: 'chart-value' }, `${count} (${Math.round(pct)}%)`));
}

export function createReplayView({ store, toolkit }) {
  const fileInput = h('input', { type: 'file', id: 'replay-file', accept: '.jsonl,.ndjson,.json,.txt,application/x-ndjson' });
  const sampleButton = h('button', { type: 'button', id: 'replay-sample' }, 'Replay the sample');
  const stopButton = h('button', { type: 'button', id: 'replay-stop', disabled: true }, 'Stop');
  const progress = h('progress', { id: 'replay-progress', max: 1, value: 0, 'aria-label': 'replay progress' });
  const status = h('p', { class: 'replay-status', role: 'status', 'data-testid': 'replay-status' });
  const results = h('div', { class: 'replay-results', 'data-testid': 'replay-results' });
  let running = null;

  const element = h('div', { class: 'replay-view' },
    h('h2', {}, 'Replay an event log'),
    h('p', { class: 'hint' }, 'One event per line, as the command line tool reads it: {"visitor":"v1","ts":1700000000000,"type":"view_item","item_id":"sku1"}. The file is read by this browser tab only; nothing is uploaded. Each visitor is evaluated at their last event, with the working config.'),
    h('div', { class: 'row' }, field('event log (.jsonl)', fileInput), sampleButton, stopButton),
    h('p', { class: 'attribution' }, 'Sample: 20 real shopping sessions from the ',
      h('a', { href: 'https://github.com/otto-de/recsys-dataset', rel: 'noopener' }, 'OTTO recommendation dataset (otto-de/recsys-dataset)'),
      ', © OTTO (GmbH & Co KG), licensed ', h('a', { href: 'https://creativecommons.org/licenses/by/4.0/', rel: 'noopener' }, 'CC-BY 4.0'),
      '; converted to this format (clicks → view_item, carts → add_to_cart, orders → purchase).'),
    progress, status, results);

  async function run(textPromise, name) {
    if (running) running.aborted = true;
    const signal = { aborted: false };
    running = signal;
    stopButton.disabled = false;
    progress.value = 0;
    replaceChildren(results);
    status.textContent = `Reading ${name}…`;
    const config = store.state.working;
    try {
      const text = await textPromise;
      const started = performance.now();
      const result = await replayLog(text, {
        toolkit, config, signal,
        onProgress: (fraction, lines) => { progress.value = fraction; status.textContent = `Replaying ${name}: ${lines.toLocaleString()} lines…`; },
      });
      const seconds = (performance.now() - started) / 1000;
      status.textContent = `${name}: ${result.visitors} visitors, ${result.events} events, replayed in ${seconds.toFixed(2)} s${result.badLines.length ? `; ${result.badLines.length} line(s) skipped` : ''}.`;
      renderResults(result, config);
    } catch (error) {
      status.textContent = `${name}: ${error.message}`;
    } finally {
      if (running === signal) { running = null; stopButton.disabled = true; }
    }
  }

  function renderResults(result, config) {
    const names = new Map(listOf(config.segments).map((s) => [s.id, s.name || s.id]));
    const titles = new Map(listOf(config.offers).map((o) => [o.id, objectOf(o.content).title || o.id]));
    const segs = [...result.segmentCounts.entries()].sort((a, b) => b[1] - a[1]);
    replaceChildren(results,
      h('section', { 'aria-label': 'segment sizes' },
        h('h3', {}, `Segment sizes (of ${result.visitors} visitors)`),
        h('ul', { class: 'chart', 'data-testid': 'segment-chart' }, segs.map(([id, n]) => barRow(`${names.get(id) || id}`, n, result.visitors, { 'data-segment': id, 'data-count': n, title: id })))),
      h('section', { 'aria-label': 'offer shares' },
        h('h3', {}, 'Offer shares per slot'),
        result.slots.map((slot) => {
          const counts = [...result.offerCounts.get(slot).entries()].sort((a, b) => b[1] - a[1]);
          return h('div', { class: 'slot-chart', 'data-slot': slot },
            h('h4', {}, slot),
            h('ul', { class: 'chart', 'data-testid': `offer-chart-${slot}` }, counts.map(([offer, n]) => barRow(offer ? titles.get(offer) || offer : 'no offer (slot keeps its own content)', n, result.visitors,
              { 'data-slot': slot, 'data-offer': offer, 'data-count': n, title: offer || 'none' }))));
        })),
      result.badLines.length ? h('section', { 'aria-label': 'skipped lines' }, h('h3', {}, 'Skipped lines'),
        h('ul', {}, result.badLines.map((b) => h('li', {}, `line ${b.line}: ${b.message}`)))) : null);
  }

  fileInput.addEventListener('change', () => {
    const file = fileInput.files && fileInput.files[0];
    if (file) run(file.text(), file.name);
  });
  sampleButton.addEventListener('click', () => run(fetch(SAMPLE_URL).then((r) => {
    if (!r.ok) throw new Error(`could not read the sample (${r.status})`);
    return r.text();
  }), 'the OTTO sample'));
  stopButton.addEventListener('click', () => { if (running) running.aborted = true; });

  return { element };
}
