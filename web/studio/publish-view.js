// The "Publish" view: export the working config as a file, import one (validated by the engine
// before it replaces anything), copy the embed snippet for the storefront, and open the working
// config in the demo store (demo-store-link.js).
import { h, replaceChildren, field, debounce } from './dom.js';
import { embedSnippet } from './embed-snippet.js';
import { demoStoreUrl, sendToDemoStore } from './demo-store-link.js';

export function createPublishView({ store, validate }) {
  const status = h('p', { class: 'publish-status', role: 'status', 'data-testid': 'publish-status' });
  const importInput = h('input', { type: 'file', id: 'import-file', accept: '.json,application/json' });
  const importIssues = h('div', { class: 'import-issues', 'data-testid': 'import-issues' });
  const scriptUrl = h('input', { id: 'script-url', size: 40, value: new URL('/shopper-segments.js', location.href).pathname });
  const snippet = h('textarea', { id: 'embed-snippet', readonly: true, rows: 14, spellcheck: 'false', wrap: 'off' });
  const copyButton = h('button', { type: 'button', id: 'copy-snippet' }, 'Copy snippet');
  const exportButton = h('button', { type: 'button', id: 'export-config' }, 'Export config (.json)');
  const draftNote = h('p', { class: 'hint' });
  const demoButton = h('button', { type: 'button', id: 'open-in-demo' }, 'Open in the demo store');

  const element = h('div', { class: 'publish-view' },
    h('section', { 'aria-label': 'export and import' },
      h('h2', {}, 'Export and import'),
      draftNote,
      h('div', { class: 'row' }, exportButton),
      field('Import a config file', importInput, 'it is checked first; a file with issues replaces nothing'),
      importIssues),
    h('section', { 'aria-label': 'embed snippet' },
      h('h2', {}, 'Put it on the shop'),
      h('p', { class: 'hint' }, 'Paste this into every page of the shop, before </body>. The .wasm file loads from beside the script.'),
      field('script URL', scriptUrl),
      h('label', { for: 'embed-snippet', class: 'block-label' }, 'Embed snippet (working config)'),
      snippet,
      h('div', { class: 'row' }, copyButton, demoButton),
      h('p', { class: 'hint' }, '“Open in the demo store” opens the Fernhill demo store in its own tab with the working config '
        + 'on every page, as if this snippet were pasted there; its side panel shows the config and leads back to the built-in catalogue.')),
    status);

  function render() {
    const text = embedSnippet(store.state.working, scriptUrl.value.trim() || '/shopper-segments.js');
    if (snippet.value !== text) snippet.value = text;
    draftNote.textContent = store.state.issues.length
      ? `The draft has ${store.state.issues.length} issue(s), so export and snippet use the last valid (working) config.`
      : 'The draft is valid: export and snippet use it.';
  }

  exportButton.addEventListener('click', () => {
    const blob = new Blob([JSON.stringify(store.state.working, null, 2) + '\n'], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: 'shopper-segments-config.json' });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
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
      status.textContent = `Imported ${file.name}: it is now the draft and the working config.`;
    }
    importInput.value = '';
  });

  copyButton.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(snippet.value);
      status.textContent = 'Snippet copied to the clipboard.';
    } catch {
      // Clipboard API refused (no permission, not a secure context): select it for Ctrl+C.
      snippet.focus();
      snippet.select();
      status.textContent = 'Select-all done: press Ctrl+C (or Cmd+C) to copy the snippet.';
    }
  });
  demoButton.addEventListener('click', () => {
    const sent = sendToDemoStore(store.state.working);
    if (!sent.ok) {
      status.textContent = sent.issues[0].message;
      return;
    }
    // One named tab for the store: a second click reloads it with the newer config.
    const tab = window.open(demoStoreUrl(), 'fernhill-demo-store');
    if (tab) {
      status.textContent = 'The demo store opened in its own tab with the working config.';
    } else {
      location.assign(demoStoreUrl());  // pop-ups blocked: go there in this tab (the draft is saved)
    }
  });
  scriptUrl.addEventListener('input', render);
  store.subscribe(debounce(render, 250));  // a long textarea: refresh once typing pauses
  render();
  return { element };
}
