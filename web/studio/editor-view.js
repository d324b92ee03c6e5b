// The "Edit" view: catalogue on the left, the form for the selected segment or offer in the
// middle, the JSON editor on the right, and the issue list under the form. Form and JSON are two
// views of the same draft in the store; whichever changes, the other follows.
import { h, replaceChildren, debounce } from './dom.js';
import { get, set, split } from './pointer.js';
import { clone } from './store.js';
import { createCatalogueView } from './catalogue-view.js';
import { createJsonEditor } from './json-editor.js';
import { segmentEditor } from './segment-editor.js';
import { offerEditor } from './offer-editor.js';
import { settingsEditor } from './settings-editor.js';
import { markIssuesInForm, renderIssueList, findPlace } from './issues-view.js';
import { describeRule, describeSegment } from './language.js';
import { uniqueIdFor, segmentName } from './references.js';

/** '/segments/3/rule/all/1' -> '/segments/3' (the entry of the catalogue that holds a path). */
export function itemPointerOf(path) {
  const [collection, index] = split(path || '');
  if ((collection === 'segments' || collection === 'offers') && index !== undefined) return `/${collection}/${index}`;
  if (collection === 'settings') return '/settings';
  return null;
}

/** Which control an edit came from, so that its keystrokes undo as one step. */
function controlKey(el) {
  return el && el.dataset && el.dataset.path !== undefined ? `form:${el.dataset.path}|${el.dataset.role || ''}` : null;
}

export function createEditorView({ store }) {
  let selected = '/segments/0';
  let pendingStructure = false;

  const formPane = h('div', { class: 'form-pane', id: 'form-pane' });
  const toolbar = h('div', { class: 'item-toolbar row' });
  const issueList = h('div', { class: 'issue-panel', id: 'issue-panel', 'aria-live': 'polite' });
  const json = createJsonEditor({ onText: (text) => store.setDraftText(text, 'json') });
  const catalogue = createCatalogueView({ onSelect: (p) => select(p), onAdd: add });

  const element = h('div', { class: 'editor-view' },
    catalogue.element,
    h('section', { class: 'form-column', 'aria-label': 'form editor' }, toolbar, formPane,
      h('section', { class: 'issues-box', 'aria-label': 'issues' }, h('h2', {}, 'Issues'), issueList)),
    h('section', { class: 'json-column', 'aria-label': 'JSON editor' },
      h('h2', {}, h('label', { for: 'json-editor' }, 'JSON (whole config)')), json.element));

  const ctx = {
    get root() { return store.state.draft; },
    get segmentIds() {
      const segs = store.state.draft && Array.isArray(store.state.draft.segments) ? store.state.draft.segments : [];
      return segs.map((s) => s && s.id).filter((id) => typeof id === 'string');
    },
    /** [{ id, name }] of the draft's segments, for pickers that show names. */
    get segments() {
      const segs = store.state.draft && Array.isArray(store.state.draft.segments) ? store.state.draft.segments : [];
      return segs.filter((s) => s && typeof s.id === 'string').map((s) => ({ id: s.id, name: segmentName(s) }));
    },
    commit(structure) {
      pendingStructure = pendingStructure || structure;
      store.setDraft(store.state.draft, 'form', structure ? null : controlKey(document.activeElement));
    },
  };

  function renderToolbar() {
    const draft = store.state.draft;
    const kind = selected.startsWith('/segments/') ? 'segment' : selected.startsWith('/offers/') ? 'offer' : null;
    replaceChildren(toolbar,
      kind ? h('button', { type: 'button', class: 'small', onclick: duplicate }, `Duplicate ${kind}`) : null,
      kind ? h('button', { type: 'button', class: 'small danger', onclick: remove }, `Delete ${kind}`) : null,
      h('button', { type: 'button', class: 'small', disabled: !store.state.issues.length, title: 'throw the draft away and go back to the working config',
        onclick: () => store.revertDraft() }, 'Revert to working config'),
      draft ? null : h('span', { class: 'bad' }, 'The JSON does not parse: the form shows nothing until it does.'));
  }

  function renderForm() {
    const draft = store.state.draft;
    const active = document.activeElement;
    const focusKey = active && formPane.contains(active) && active.dataset.path !== undefined
      ? { path: active.dataset.path, role: active.dataset.role, start: active.selectionStart } : null;
    const scroll = formPane.scrollTop;
    renderToolbar();
    if (!draft) { replaceChildren(formPane); return; }
    const item = get(draft, selected);
    let form;
    if (selected === '/settings') form = settingsEditor(draft, ctx);
    else if (item && typeof item === 'object' && selected.startsWith('/segments/')) form = segmentEditor(item, selected, ctx);
    else if (item && typeof item === 'object' && selected.startsWith('/offers/')) form = offerEditor(item, selected, ctx);
    else form = h('p', { class: 'hint' }, 'Pick a segment or an offer in the list on the left.');
    replaceChildren(formPane, form);
    formPane.scrollTop = scroll;
    if (focusKey) {
      const again = [...formPane.querySelectorAll(`[data-path="${CSS.escape(focusKey.path)}"]`)].find((el) => el.dataset.role === focusKey.role);
      if (again) {
        again.focus();
        if (typeof focusKey.start === 'number' && again.setSelectionRange) { try { again.setSelectionRange(focusKey.start, focusKey.start); } catch { /* not a text control */ } }
      }
    }
  }

  /** Keep the "in words" lines in step with values typed into the form (no rebuild while typing). */
  function refreshWords() {
    const draft = store.state.draft;
    if (!draft) return;
    for (const el of formPane.querySelectorAll('.rule[data-path]')) {
      const words = el.querySelector(':scope > .rule-head > .reads-as');
      const rule = get(draft, el.dataset.path);
      if (words && words.textContent && rule) words.textContent = describeRule(rule, draft.segments);
    }
    const block = formPane.querySelector('.reads-as-block');
    const item = get(draft, selected);
    if (block && item && selected.startsWith('/segments/')) block.lastChild.textContent = describeSegment(item, draft.segments);
  }

  function refreshIssues() {
    const { issues, draft } = store.state;
    const form = formPane.firstElementChild;
    if (form) markIssuesInForm(form, issues);
    json.markIssues(issues);
    renderIssueList(issueList, issues, jumpTo);
    catalogue.render(draft, selected, issues);
  }

  function select(pointer) {
    selected = pointer;
    renderForm();
    refreshIssues();
    json.scrollTo(pointer);
  }

  /** Open the item holding `path`, focus its control, and show its line in the JSON editor. */
  function jumpTo(path) {
    const item = itemPointerOf(path);
    if (item && item !== selected) select(item);
    const form = formPane.firstElementChild;
    const place = form ? findPlace(form, path) : null;
    if (place && place !== form) {
      place.scrollIntoView({ block: 'center' });
      if (place.focus) place.focus();
    } else {
      json.select(path);
    }
    json.scrollTo(path);
  }

  function add(kind) {
    const draft = store.state.draft;
    if (!draft) return;
    const key = kind === 'offer' ? 'offers' : 'segments';
    if (!Array.isArray(draft[key])) draft[key] = [];
    const taken = new Set(draft[key].map((x) => x && x.id));
    let item;
    // Ids are made from the names (and follow them while the owner names the new item).
    if (kind === 'offer') {
      // A new offer starts paused: it shows to nobody until the owner enables it.
      item = { id: uniqueIdFor('New offer', taken), slot: 'hero', priority: 10, paused: true,
        content: { title: 'New offer', body: 'Say what is in it for the visitor.', cta: 'Show me', link: '/' } };
    } else if (kind === 'score') {
      item = { id: uniqueIdFor('New scored segment', taken), name: 'New scored segment', priority: 10,
        score: { signals: [{ weight: 1, label: 'viewed an item this week', rule: { count: 'view_item', within: '7d', gte: 1 } }], enter: 1 } };
    } else {
      item = { id: uniqueIdFor('New segment', taken), name: 'New segment', priority: 10,
        rule: { all: [{ count: 'view_item', within: '7d', gte: 1 }] } };
    }
    draft[key].push(item);
    selected = `/${key}/${draft[key].length - 1}`;
    pendingStructure = true;
    store.setDraft(draft, 'form');
    json.scrollTo(selected);
  }

  function duplicate() {
    const draft = store.state.draft;
    const item = clone(get(draft, selected));
    const key = selected.startsWith('/offers/') ? 'offers' : 'segments';
    const taken = new Set(draft[key].map((x) => x && x.id));
    if (key === 'segments') {
      item.name = `${segmentName(item)} (copy)`;
      item.id = uniqueIdFor(item.name, taken);
    } else {
      if (!item.content || typeof item.content !== 'object') item.content = {};
      item.content.title = `${item.content.title || item.id || 'Offer'} (copy)`;
      item.id = uniqueIdFor(item.content.title, taken);
    }
    draft[key].push(item);
    selected = `/${key}/${draft[key].length - 1}`;
    pendingStructure = true;
    store.setDraft(draft, 'form');
  }

  function remove() {
    const draft = store.state.draft;
    set(draft, selected, undefined);
    const key = selected.startsWith('/offers/') ? 'offers' : 'segments';
    selected = draft[key].length ? `/${key}/0` : '/settings';
    pendingStructure = true;
    store.setDraft(draft, 'form');
  }

  // While someone types in the form, the JSON text follows a moment later rather than on every
  // key (re-laying out a long textarea is the slowest thing on the page).
  const showJsonSoon = debounce(() => json.showConfig(store.state.draft), 150);
  store.subscribe((change) => {
    if (change.source === 'form' && !pendingStructure) showJsonSoon();
    else if (change.source !== 'json' && store.state.draftText !== null) json.showText(store.state.draftText);  // undo to a text that did not parse
    else if (change.source !== 'json') json.showConfig(store.state.draft);
    if (change.source !== 'form' || pendingStructure) {
      if (store.state.draft && !get(store.state.draft, selected)) selected = '/segments/0';
      renderForm();
    } else {
      renderToolbar();
      refreshWords();
    }
    pendingStructure = false;
    refreshIssues();
  });

  // First paint.
  if (store.state.draftText !== null) json.showText(store.state.draftText); else json.showConfig(store.state.draft);
  renderForm();
  refreshIssues();

  return { element, select, jumpTo, get selected() { return selected; }, catalogue, json };
}
