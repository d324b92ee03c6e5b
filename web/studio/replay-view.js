// The "Replay" view: pick an event log from disk (read by the browser, never uploaded) in one of
// three formats (the CLI's JSON Lines, a GA4 BigQuery export, CSV with a column mapping), or
// replay a bundled sample; the replay runs in a Web Worker (log-replay.js) with a progress bar and
// a Stop button, then segment sizes and offer shares per slot as bar charts. It also asks for the
// per-node counts, which node-counts.js shows beside each rule node in the editor.
import { h, replaceChildren, field } from './dom.js';
import { createLogReplay, guessFormat, csvHeader, guessMapping } from './log-replay.js';
import { listOf, objectOf } from './shape.js';
import { useSample } from './current-sample.js';

const SAMPLES = [
  { id: 'replay-sample', url: 'otto-sample.jsonl', label: 'Replay the OTTO sample', name: 'the OTTO sample', format: 'jsonl' },
  // data/synthetic-1000.jsonl (shopper-segments generate --visitors 1000): made up, with members in every catalogue segment
  { id: 'replay-synthetic', url: 'synthetic-sample.jsonl', label: 'Replay the synthetic shop', name: 'the synthetic shop (1,000 made-up visitors)', format: 'jsonl' },
];
const FORMATS = [['auto', 'Format: detect'], ['jsonl', 'Event lines (JSONL)'], ['ga4', 'GA4 BigQuery export'], ['csv', 'CSV with a column mapping']];
const HEAD_BYTES = 64 * 1024;

function barRow(label, count, total, attrs) {
  const pct = total ? (100 * count) / total : 0;
  return h('li', { class: 'chart-row', ...attrs },
    h('span', { class: 'chart-label' }, label),
    h('span', { class: 'chart-bar', role: 'img', 'aria-label': `${count} of ${total}` }, h('span', { class: 'chart-fill', style: { width: `${pct}%` } })),
    h('span', { class: 'chart-value' }, `${count} (${Math.round(pct)}%)`));
}

function select(id, label, options, value = '') {
  const el = h('select', { id, 'aria-label': label }, options.map(([v, text]) => h('option', { value: v }, text)));
  el.value = value;
  return el;
}

export function createReplayView({ store, onReplayed = () => {} }) {
  const replays = createLogReplay();
  const fileInput = h('input', { type: 'file', id: 'replay-file', accept: '.jsonl,.ndjson,.json,.txt,.csv,.tsv,application/x-ndjson,text/csv' });
  const formatSelect = select('replay-format', 'log format', FORMATS, 'auto');
  const sampleButtons = SAMPLES.map((s) => h('button', { type: 'button', id: s.id }, s.label));
  const stopButton = h('button', { type: 'button', id: 'replay-stop', disabled: true }, 'Stop');
  const progress = h('progress', { id: 'replay-progress', max: 1, value: 0, 'aria-label': 'replay progress' });
  const status = h('p', { class: 'replay-status', role: 'status', 'data-testid': 'replay-status' });
  const results = h('div', { class: 'replay-results', 'data-testid': 'replay-results' });

  // The CSV mapping: which column is the visitor, the time, the event; other fields as NAME=COLUMN.
  const visitorColumn = select('csv-visitor', 'visitor column', []);
  const timeColumn = select('csv-time', 'time column', []);
  const eventColumn = select('csv-event', 'event column', []);
  const timeUnit = select('csv-time-unit', 'unit of numeric times', [['ms', 'milliseconds'], ['s', 'seconds'], ['us', 'microseconds']], 'ms');
  const fieldsInput = h('input', { type: 'text', id: 'csv-fields', placeholder: 'item_id=sku, price=unit_price', 'aria-label': 'other fields as NAME=COLUMN' });
  const csvButton = h('button', { type: 'button', id: 'csv-replay' }, 'Replay the CSV');
  const csvPanel = h('fieldset', { class: 'csv-mapping', hidden: true },
    h('legend', {}, 'Which CSV column is what'),
    h('div', { class: 'row' }, field('visitor', visitorColumn), field('time', timeColumn), field('event name', eventColumn), field('plain-number times are in', timeUnit)),
    h('div', { class: 'row' }, field('other fields (NAME=COLUMN, comma-separated; NAME[] splits a cell at |)', fieldsInput), csvButton),
    h('p', { class: 'hint' }, 'Times may also be dates like 2024-05-01T12:30:00Z. value, price, quantity and score are read as numbers, other fields as text.'));

  let picked = null;  // { file, name, head }

  const element = h('div', { class: 'replay-view' },
    h('h2', {}, 'Replay an event log'),
    h('p', { class: 'hint' }, 'Segment sizes from your own data. Formats: one event per line as the command line tool reads it ({"visitor":"v1","ts":1700000000000,"type":"view_item","item_id":"sku1"}); rows of a Google Analytics 4 BigQuery export (the events_YYYYMMDD table extracted as newline-delimited JSON); or CSV with a header, whose columns you map below. The file is read by this browser tab only; nothing is uploaded. Each visitor is evaluated at their last event, with the working config.'),
    h('div', { class: 'row replay-controls' }, field('event log', fileInput), formatSelect, ...sampleButtons, stopButton),
    csvPanel,
    h('p', { class: 'attribution' }, 'OTTO sample: 20 real shopping sessions from the ',
      h('a', { href: 'https://github.com/otto-de/recsys-dataset', rel: 'noopener' }, 'OTTO recommendation dataset (otto-de/recsys-dataset)'),
      ', © OTTO (GmbH & Co KG), licensed ', h('a', { href: 'https://creativecommons.org/licenses/by/4.0/', rel: 'noopener' }, 'CC-BY 4.0'),
      '; converted to this format (clicks → view_item, carts → add_to_cart, orders → purchase). ',
      'The synthetic shop is made up (shopper-segments generate): 1,000 visitors of 16 kinds over six months, so that every segment of the built-in catalogue has members.'),
    progress, status, results);

  async function run(source, name, format, mapping = '') {
    stopButton.disabled = false;
    progress.value = 0;
    replaceChildren(results);
    status.textContent = `Reading ${name}…`;
    const config = store.state.working;
    try {
      const result = await replays.run({
        config, format, mapping, ...source, countNodes: true,
        onProgress: (fraction, lines) => { progress.value = fraction; status.textContent = `Replaying ${name}: ${lines.toLocaleString()} lines…`; },
      });
      const skippedGa4 = format === 'ga4' && result.skipped ? `; ${result.skipped} rows of events the engine makes itself (session_start, first_visit) left out` : '';
      status.textContent = `${name}: ${result.visitors} visitors, ${result.events} events, replayed in ${result.seconds.toFixed(2)} s${result.bad ? `; ${result.bad} line(s) skipped` : ''}${skippedGa4}.`;
      renderResults(result, config);
      onReplayed({ source, format, mapping, name }, result);
      useSample({ ...source, name, format, mapping });  // publish measures segment sizes on this log from now on
    } catch (error) {
      status.textContent = error.message === 'replay stopped' ? `${name}: stopped; nothing counted.` : `${name}: ${error.message}`;
    } finally {
      if (!replays.running) stopButton.disabled = true;
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
        h('ul', { 'data-testid': 'skipped-lines' }, result.badLines.map((b) => h('li', { 'data-code': b.code }, `line ${b.line}: ${b.message}`)))) : null);
  }

  function csvMapping() {
    const parts = [`visitor=${visitorColumn.value}`, `time=${timeColumn.value}`, `event=${eventColumn.value}`];
    if (timeUnit.value !== 'ms') parts.push(`time_unit=${timeUnit.value}`);
    for (const entry of fieldsInput.value.split(',')) if (entry.trim()) parts.push(entry.trim());
    return parts.join(',');
  }

  function showCsvMapping(head) {
    const columns = csvHeader(head);
    const guess = guessMapping(columns);
    for (const [control, value] of [[visitorColumn, guess.visitor], [timeColumn, guess.time], [eventColumn, guess.event]]) {
      replaceChildren(control, columns.map((c) => h('option', { value: c }, c)));
      control.value = value || columns[0] || '';
    }
    const used = new Set(Object.values(guess));
    fieldsInput.value = columns.filter((c) => c && !used.has(c)).map((c) => `${c.toLowerCase().replace(/[^a-z0-9_]+/g, '_')}=${c}`).join(', ');
    csvPanel.hidden = false;
    status.textContent = `${picked.name}: check which column is what, then replay.`;
  }

  async function replayPicked() {
    if (!picked) return;
    const format = formatSelect.value === 'auto' ? guessFormat(picked.name, picked.head) : formatSelect.value;
    if (format === 'csv') {
      if (csvPanel.hidden) showCsvMapping(picked.head);
      return;
    }
    csvPanel.hidden = true;
    await run({ file: picked.file }, picked.name, format);
  }

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    replays.stop();
    csvPanel.hidden = true;
    picked = { file, name: file.name, head: await file.slice(0, HEAD_BYTES).text() };
    await replayPicked();
  });
  formatSelect.addEventListener('change', () => { csvPanel.hidden = true; replayPicked(); });
  csvButton.addEventListener('click', () => { if (picked) run({ file: picked.file }, picked.name, 'csv', csvMapping()); });
  SAMPLES.forEach((sample, i) => sampleButtons[i].addEventListener('click', () => {
    csvPanel.hidden = true;
    run({ url: new URL(sample.url, document.baseURI).href }, sample.name, sample.format);
  }));
  stopButton.addEventListener('click', () => { replays.stop(); stopButton.disabled = true; });

  return { element };
}
