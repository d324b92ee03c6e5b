// Draft, published, history: what is published and how the draft differs from it, "Review and
// publish" (a dialog with the diff of the configuration and of segment sizes on the sample), the
// history of versions with a one-click rollback, going back to the built-in catalogue (a version
// of its own, after a dialog that says what happens), and the history's export / import.
import { h, replaceChildren, field } from './dom.js';
import { diffConfigs } from './config-diff.js';
import { configDiffView, sizesDiffView } from './diff-view.js';
import { createLogReplay } from './log-replay.js';
import { currentSample } from './current-sample.js';
import { clone } from './store.js';
import { listOf } from './shape.js';

function when(at) {
  return new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

const counted = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const sizeWords = (config) => `${counted(listOf(config.segments).length, 'segment')} and ${counted(listOf(config.offers).length, 'offer')}`;

function versionWords(entry, all) {
  if (entry.kind === 'rollback') {
    const of = all.find((e) => e.id === entry.of);
    return `rolled back to the version of ${of ? when(of.at) : 'an older version'}`;
  }
  if (entry.kind === 'catalogue') return 'went back to the built-in catalogue';
  return 'published';
}

export function createPublishPanel({ store, versions, say }) {
  const replays = createLogReplay();  // its own worker: measuring sizes never stops the Replay tab's run
  const state = h('p', { class: 'publish-state', 'data-testid': 'publish-state' });
  const changes = h('p', { class: 'publish-changes', 'data-testid': 'publish-changes' });
  const reviewButton = h('button', { type: 'button', id: 'review-publish', class: 'primary' }, 'Review and publish…');
  const historyList = h('ol', { class: 'history', 'data-testid': 'history' });
  const historyMessage = h('div', { class: 'history-message', role: 'status', 'data-testid': 'history-message' });
  const catalogueButton = h('button', { type: 'button', id: 'publish-catalogue' }, 'Go back to the built-in catalogue…');
  const exportHistory = h('button', { type: 'button', id: 'export-history' }, 'Export the history (.json)');
  const importHistory = h('input', { type: 'file', id: 'import-history', accept: '.json,application/json' });

  // The review dialog: a native modal <dialog> (focus stays inside, Escape closes it).
  const diffBox = h('div', { class: 'diff-box' });
  const sizesBox = h('div', { class: 'sizes-box', 'aria-live': 'polite', 'data-testid': 'sizes-box' });
  const note = h('input', { id: 'publish-note', size: 40, maxlength: 500, placeholder: 'e.g. hero offer for sale hunters', autocomplete: 'off' });
  const confirmButton = h('button', { type: 'button', id: 'confirm-publish', class: 'primary' }, 'Publish');
  const cancelButton = h('button', { type: 'button', id: 'cancel-publish' }, 'Cancel');
  const dialog = h('dialog', { id: 'publish-dialog', class: 'publish-dialog', 'aria-labelledby': 'publish-dialog-title' },
    h('h2', { id: 'publish-dialog-title' }, 'Publish the draft'),
    h('p', { class: 'hint' }, 'What the shop runs changes from the published version to the draft. It can be rolled back from the history.'),
    h('h3', {}, 'What changes'), diffBox,
    h('h3', {}, 'Segment sizes on the sample'), sizesBox,
    field('Note for the history (optional)', note),
    h('div', { class: 'row dialog-buttons' }, confirmButton, cancelButton));

  // Going back to the built-in catalogue: what happens, in sentences, before it is done.
  const catalogueWords = h('div', { class: 'catalogue-words', 'data-testid': 'catalogue-words' });
  const confirmCatalogue = h('button', { type: 'button', id: 'confirm-catalogue', class: 'primary' }, 'Publish the built-in catalogue');
  const cancelCatalogue = h('button', { type: 'button', id: 'cancel-catalogue' }, 'Cancel');
  const catalogueDialog = h('dialog', { id: 'catalogue-dialog', class: 'publish-dialog', 'aria-labelledby': 'catalogue-dialog-title' },
    h('h2', { id: 'catalogue-dialog-title' }, 'Go back to the built-in catalogue'),
    catalogueWords,
    h('div', { class: 'row dialog-buttons' }, confirmCatalogue, cancelCatalogue));

  const element = h('section', { class: 'publish-panel', 'aria-label': 'draft and published version' },
    h('h2', {}, 'Draft and published version'),
    h('p', { class: 'hint' }, 'You edit, simulate, check and replay the draft. The shop runs the published version: the program and the snippets below, and the demo store. Both are kept in this browser.'),
    state, changes, h('div', { class: 'row' }, reviewButton, catalogueButton),
    h('h3', {}, 'History'),
    historyList,
    h('div', { class: 'row' }, exportHistory, field('Import a history file', importHistory, 'its versions are checked and added; nothing stored is replaced')),
    historyMessage,
    dialog,
    catalogueDialog);

  if (versions.problems.length) {
    replaceChildren(historyMessage, h('p', { class: 'warn' }, `The stored history could not be read in full (${versions.problems[0].message}) What could not be read is kept aside in this browser.`));
  }

  const draftConfig = () => (store.state.issues.length ? null : store.state.draft);

  function render() {
    const { entry, config: published } = versions.published();
    const catalogue = versions.runsCatalogue();
    state.textContent = !entry ? 'Published: the built-in catalogue (nothing has been published from this browser yet).'
      : catalogue ? `Published: the built-in catalogue, since ${when(entry.at)}.`
        : `Published: the version of ${when(entry.at)}${entry.note ? ` (“${entry.note}”)` : ''}.`;
    catalogueButton.hidden = catalogue;
    const draft = draftConfig();
    if (!draft) {
      changes.className = 'publish-changes bad';
      changes.textContent = `The draft has ${store.state.issues.length} issue${store.state.issues.length === 1 ? '' : 's'} (see Edit): fix them to publish it.`;
      reviewButton.disabled = true;
    } else {
      const n = diffConfigs(published, draft).count;
      changes.className = `publish-changes ${n ? 'warn' : 'good'}`;
      changes.textContent = n ? `The draft has ${n} change${n === 1 ? '' : 's'} not published yet.` : 'The draft is the published version.';
      reviewButton.disabled = n === 0;
    }
    const all = versions.history();
    if (!all.length) {
      replaceChildren(historyList, h('li', { class: 'hint' }, 'No versions yet: each publish and each rollback adds one.'));
      return;
    }
    replaceChildren(historyList, all.map((e) => {
      const live = entry && e.id === entry.id;
      return h('li', { class: `version ${live ? 'live' : ''}`, 'data-version': e.id, 'data-kind': e.kind },
        h('span', { class: 'version-when' }, when(e.at)), ' ',
        h('span', { class: 'version-what' }, versionWords(e, all)),
        e.note ? h('span', { class: 'version-note' }, ` “${e.note}”`) : null,
        h('span', { class: 'hint' }, ` · ${listOf(e.config.segments).length} segments, ${listOf(e.config.offers).length} offers`),
        live ? h('strong', { class: 'version-live' }, ' · live now')
          : h('button', { type: 'button', class: 'small rollback', 'data-rollback': e.id, 'aria-label': `Roll back to the version of ${when(e.at)}`,
            onclick: () => rollback(e.id) }, 'Roll back to this'));
    }));
  }

  function rollback(id) {
    const target = versions.history().find((e) => e.id === id);
    const result = versions.rollback(id);
    if (!result.ok) { say(result.issues[0].message); return; }
    store.setDraft(clone(target.config), 'rollback');
    say(`Rolled back to the version of ${when(target.at)}: it is published and it is the draft.`);
    render();
    focusLive();
  }

  /** After a rollback or a return to the catalogue: the focus on the version now live. */
  function focusLive() {
    const live = historyList.querySelector('.version.live');
    if (live) live.setAttribute('tabindex', '-1');
    if (live) live.focus();
  }

  function openCatalogue() {
    if (versions.runsCatalogue()) return;
    const { entry, config: published } = versions.published();
    const draft = store.state.draft;
    const unpublished = store.state.issues.length ? null : diffConfigs(published, draft).count;
    const draftWords = store.state.issues.length
      ? `Your draft becomes the built-in catalogue too. It has ${counted(store.state.issues.length, 'issue')} and is replaced; Undo (Ctrl+Z) brings it back while this page is open.`
      : unpublished
        ? `Your draft becomes the built-in catalogue too. Its ${counted(unpublished, 'change')} not yet published ${unpublished === 1 ? 'is' : 'are'} replaced; Undo (Ctrl+Z) brings ${unpublished === 1 ? 'it' : 'them'} back while this page is open.`
        : 'Your draft becomes the built-in catalogue too.';
    replaceChildren(catalogueWords,
      h('p', {}, `The shop will run the built-in catalogue again, with its ${sizeWords(versions.catalogue())}, in place of the version of ${when(entry.at)}${entry.note ? ` (“${entry.note}”)` : ''}, which has ${sizeWords(published)}.`),
      h('p', {}, 'This is published as a new version. The version the shop runs now stays in the history, and you can roll back to it in one click.'),
      h('p', {}, draftWords));
    catalogueDialog.showModal();
  }

  confirmCatalogue.addEventListener('click', () => {
    const result = versions.publishCatalogue();
    if (!result.ok) {
      say(`Not published: ${result.issues[0].message}`);
      catalogueDialog.close();
      return;
    }
    store.setDraft(clone(versions.catalogue()), 'catalogue');
    catalogueDialog.close();
    say(`The shop runs the built-in catalogue again (version of ${when(result.entry.at)}); it is the draft too.`);
    render();
    focusLive();
  });
  catalogueButton.addEventListener('click', openCatalogue);
  cancelCatalogue.addEventListener('click', () => catalogueDialog.close());
  catalogueDialog.addEventListener('close', () => {
    if (document.activeElement === document.body) (catalogueButton.hidden ? reviewButton : catalogueButton).focus();
  });

  let sizesRun = 0;
  async function renderSizes(before, after) {
    const mine = ++sizesRun;
    replaceChildren(sizesBox, h('p', { class: 'hint' }, 'Replaying the sample with the published version and with the draft…'));
    try {
      const { name, ...sample } = currentSample();
      const a = await replays.run({ ...sample, config: before });
      if (mine !== sizesRun) return;
      const b = await replays.run({ ...sample, config: after });
      if (mine !== sizesRun) return;
      replaceChildren(sizesBox, h('p', { class: 'hint' }, `On ${name} (${b.visitors} visitors, ${b.events} events); the Replay tab’s last log is used when there is one.`), sizesDiffView(a, b, before, after));
      sizesBox.dataset.ready = 'true';
    } catch (error) {
      if (mine === sizesRun) replaceChildren(sizesBox, h('p', { class: 'bad' }, `Sizes could not be measured: ${error.message}.`));
    }
  }

  function openReview() {
    const draft = draftConfig();
    if (!draft) return;
    const before = versions.published().config;
    const after = clone(draft);
    replaceChildren(diffBox, configDiffView(diffConfigs(before, after), before, after));
    delete sizesBox.dataset.ready;
    note.value = '';
    dialog.showModal();
    renderSizes(before, after);
    confirmButton.onclick = () => {
      const result = versions.publish(after, { note: note.value });
      if (!result.ok) {
        say(`Not published: ${result.issues[0].message}`);
        return;
      }
      dialog.close();
      say(`Published the draft (version of ${when(result.entry.at)}).`);
      render();
      reviewButton.focus();
    };
  }

  reviewButton.addEventListener('click', openReview);
  cancelButton.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    sizesRun += 1;
    replays.stop();
    if (document.activeElement === document.body) reviewButton.focus();
  });

  exportHistory.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([versions.exportText()], { type: 'application/json' }));
    const a = h('a', { href: url, download: 'shopper-segments-history.json' });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    say('Exported shopper-segments-history.json.');
  });

  importHistory.addEventListener('change', async () => {
    const file = importHistory.files && importHistory.files[0];
    if (!file) return;
    const result = versions.importText(await file.text());
    if (!result.ok) {
      replaceChildren(historyMessage,
        h('p', { class: 'bad' }, `${file.name} was not imported: nothing stored was changed.`),
        h('ul', { class: 'issue-list' }, result.issues.map((i) => h('li', {}, h('code', {}, i.path || '(whole file)'), ' ', i.message))));
    } else {
      replaceChildren(historyMessage, h('p', { class: 'good' }, `${file.name}: ${result.added} version${result.added === 1 ? '' : 's'} added`
        + `${result.known ? `, ${result.known} already here` : ''}${result.skipped ? `, ${result.skipped} older ones left out (the history keeps at most 30)` : ''}. The published version is unchanged.`));
    }
    importHistory.value = '';
    render();
  });

  versions.subscribe(render);
  return { element, render, openReview };
}
