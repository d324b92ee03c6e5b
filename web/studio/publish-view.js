// The "Publish" view. The draft (Edit, Simulate, Checks, Replay) and the published version (what
// the shop runs) are separate: "Review and publish" shows what changed (configuration by names,
// segment sizes on the sample with both versions) and publishes the draft; the history of
// versions (this browser, versions.js) rolls back in one click and exports / imports as a file.
// The published version is compiled by the owner toolkit into the program file the storefront
// runs, with its snippet (data-program and Subresource Integrity) and sizes, the JSON snippet for
// shops that want the config inline, and "Open in the demo store". The draft exports / imports
// as a JSON configuration file (validated before it replaces anything).
import { h, replaceChildren, field, debounce } from './dom.js';
import { embedSnippet } from './embed-snippet.js';
import { demoStoreUrl, sendToDemoStore } from './demo-store-link.js';
import { gzippedSize, integrityOf, programSnippet } from './program-snippet.js';
import { createPublishPanel } from './publish-panel.js';

export function createPublishView({ store, versions, validate, compile }) {
  const published = () => versions.published().config;
  const programUrl = h('input', { id: 'program-url', size: 40, value: '/segments.bin' });
  const programSnippetBox = h('textarea', { id: 'program-snippet', readonly: true, rows: 3, spellcheck: 'false', wrap: 'soft' });
  const programSizes = h('p', { class: 'hint', id: 'program-sizes', 'data-testid': 'program-sizes' });
  const downloadProgram = h('button', { type: 'button', id: 'download-program' }, 'Download the program (segments.bin)');
  const copyProgramSnippet = h('button', { type: 'button', id: 'copy-program-snippet' }, 'Copy snippet');
  let compiled = null;  // { bytes, programIntegrity, scriptIntegrity, for: the published config it was made from }
  const status = h('p', { class: 'publish-status', role: 'status', 'data-testid': 'publish-status' });
  const importInput = h('input', { type: 'file', id: 'import-file', accept: '.json,application/json' });
  const importIssues = h('div', { class: 'import-issues', 'data-testid': 'import-issues' });
  const scriptUrl = h('input', { id: 'script-url', size: 40, value: new URL('/shopper-segments.js', location.href).pathname });
  const snippet = h('textarea', { id: 'embed-snippet', readonly: true, rows: 14, spellcheck: 'false', wrap: 'off' });
  const copyButton = h('button', { type: 'button', id: 'copy-snippet' }, 'Copy snippet');
  const exportButton = h('button', { type: 'button', id: 'export-config' }, 'Export the draft (.json)');
  const draftNote = h('p', { class: 'hint' });
  const demoButton = h('button', { type: 'button', id: 'open-in-demo' }, 'Open in the demo store');

  const panel = createPublishPanel({ store, versions, say: (text) => { status.textContent = text; } });

  const element = h('div', { class: 'publish-view' },
    panel.element,
    h('section', { 'aria-label': 'program' },
      h('h2', {}, 'The published program'),
      h('p', { class: 'hint' }, 'The storefront runs the compiled program: put segments.bin beside shopper-segments.js and its .wasm on the shop\'s server, '
        + 'then paste this snippet into every page, before </body>. The integrity values let the browser refuse a file that was changed.'),
      field('script URL', scriptUrl),
      field('program URL', programUrl),
      h('label', { for: 'program-snippet', class: 'block-label' }, 'Snippet (compiled program)'),
      programSnippetBox,
      h('div', { class: 'row' }, downloadProgram, copyProgramSnippet),
      programSizes),
    h('section', { 'aria-label': 'export and import' },
      h('h2', {}, 'Export and import the draft'),
      draftNote,
      h('div', { class: 'row' }, exportButton),
      field('Import a config file as the draft', importInput, 'it is checked first; a file with issues replaces nothing; publish it to put it live'),
      importIssues),
    h('section', { 'aria-label': 'embed snippet' },
      h('h2', {}, 'Or keep the configuration in the page'),
      h('p', { class: 'hint' }, 'This snippet carries the configuration as JSON. The page then also loads the owner toolkit once to compile it '
        + '(about 75 KB compressed, kept compiled for the next pages), so the program above is lighter for shoppers.'),
      h('label', { for: 'embed-snippet', class: 'block-label' }, 'Embed snippet (the published version as JSON)'),
      snippet,
      h('div', { class: 'row' }, copyButton, demoButton),
      h('p', { class: 'hint' }, '“Open in the demo store” opens the Fernhill demo store in its own tab with the published version '
        + 'on every page, as if this snippet were pasted there; its side panel shows the config and leads back to the built-in catalogue.')),
    status);

  // Compiles the published version (owner toolkit) and hashes the program and the script for SRI.
  async function compilePublished() {
    const working = published();
    if (compiled && compiled.for === working) return compiled;
    const result = await compile(working);
    if (!result.ok) throw new Error(`the published version has ${result.issues.length} issue(s)`);
    const script = scriptUrl.value.trim() || '/shopper-segments.js';
    let scriptBytes = null;
    try {
      const response = await fetch(new URL(script, location.href));
      if (response.ok) scriptBytes = new Uint8Array(await response.arrayBuffer());
    } catch {
      // The script is not served from here: the snippet goes without its integrity.
    }
    compiled = {
      for: working,
      bytes: result.program,
      programIntegrity: await integrityOf(result.program),
      scriptIntegrity: scriptBytes ? await integrityOf(scriptBytes) : '',
      gzip: await gzippedSize(result.program),
    };
    return compiled;
  }

  async function renderProgram() {
    try {
      const made = await compilePublished();
      const text = programSnippet({
        scriptUrl: scriptUrl.value.trim() || '/shopper-segments.js',
        programUrl: programUrl.value.trim() || '/segments.bin',
        scriptIntegrity: made.scriptIntegrity,
        programIntegrity: made.programIntegrity,
      });
      if (programSnippetBox.value !== text) programSnippetBox.value = text;
      programSizes.textContent = `segments.bin: ${made.bytes.length.toLocaleString('en')} bytes`
        + (made.gzip ? `, ${made.gzip.toLocaleString('en')} bytes compressed (gzip)` : '')
        + `; ${published().segments.length} segments, ${published().offers.length} offers.`;
    } catch (error) {
      programSizes.textContent = `The program could not be compiled: ${error.message}.`;
    }
  }

  function render() {
    const text = embedSnippet(published(), scriptUrl.value.trim() || '/shopper-segments.js');
    if (snippet.value !== text) snippet.value = text;
    renderProgram();
    panel.render();
    draftNote.textContent = store.state.issues.length
      ? `The draft has ${store.state.issues.length} issue(s), so the export is the last valid draft.`
      : 'The export is the draft as it is now (valid), published or not.';
  }

  // A file the browser saves, from bytes or text made here.
  function download(name, content, type) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const a = h('a', { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // Copies a snippet; where the Clipboard API is refused (no permission, not a secure context),
  // selects it for Ctrl+C.
  async function copy(box) {
    try {
      await navigator.clipboard.writeText(box.value);
      status.textContent = 'Snippet copied to the clipboard.';
    } catch {
      box.focus();
      box.select();
      status.textContent = 'Select-all done: press Ctrl+C (or Cmd+C) to copy the snippet.';
    }
  }

  exportButton.addEventListener('click', () => {
    download('shopper-segments-config.json', JSON.stringify(store.state.working, null, 2) + '\n', 'application/json');
    status.textContent = 'Exported shopper-segments-config.json.';
  });

  importInput.addEventListener('change', async () => {
    const file = importInput.files && importInput.files[0];
    if (!file) return;
    const text = await file.text();
    const result = validate(text);
    if (!result.ok) {
      replaceChildren(importIssues,
        h('p', { class: 'bad' }, `${file.name} was not imported: ${result.issues.length} issue(s). Nothing was changed.`),
        h('ul', { class: 'issue-list' }, result.issues.map((i) => h('li', {}, h('code', {}, i.path || '(whole file)'), ' ', h('span', { class: 'issue-code' }, i.code), ' ', i.message))));
      status.textContent = `Import of ${file.name} refused.`;
    } else {
      replaceChildren(importIssues);
      store.setDraft(JSON.parse(text), 'import');
      status.textContent = `Imported ${file.name}: it is now the draft (not published yet).`;
    }
    importInput.value = '';
  });

  copyButton.addEventListener('click', () => copy(snippet));
  demoButton.addEventListener('click', () => {
    const sent = sendToDemoStore(published());
    if (!sent.ok) {
      status.textContent = sent.issues[0].message;
      return;
    }
    // One named tab for the store: a second click reloads it with the newer config.
    const tab = window.open(demoStoreUrl(), 'fernhill-demo-store');
    if (tab) {
      status.textContent = 'The demo store opened in its own tab with the published version.';
    } else {
      location.assign(demoStoreUrl());  // pop-ups blocked: go there in this tab (the draft is saved)
    }
  });
  downloadProgram.addEventListener('click', async () => {
    try {
      const made = await compilePublished();
      download('segments.bin', made.bytes, 'application/octet-stream');
      status.textContent = `Downloaded segments.bin (${made.bytes.length.toLocaleString('en')} bytes).`;
    } catch (error) {
      status.textContent = `No program: ${error.message}.`;
    }
  });
  copyProgramSnippet.addEventListener('click', () => copy(programSnippetBox));
  programUrl.addEventListener('input', render);
  scriptUrl.addEventListener('input', () => {
    compiled = null;  // the script's integrity is of the file at that URL
    render();
  });
  store.subscribe(debounce(render, 250));  // a long textarea: refresh once typing pauses
  versions.subscribe(render);
  render();
  return { element };
}
