// The studio's one source of truth: the draft being edited, the last valid ("working") config, and
// the engine's issues for the draft. Every edit, from the form or from the JSON editor, goes
// through setDraft, which validates with the engine's own validator. Only a draft without issues
// becomes the working config; an invalid draft never replaces it.

const STORAGE_KEY = 'shopper-segments-studio:v1';

export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

export function createStore({ validate, initialConfig, storage = globalThis.localStorage }) {
  const listeners = new Set();
  const saved = readSaved(storage);

  const state = {
    draft: null,          // config object being edited (null while the JSON text does not parse)
    draftText: null,      // raw JSON text when it does not parse, else null
    working: null,        // last config the engine accepted
    issues: [],           // issues of the draft, [{code, path, message}]
    workingSavedAt: null, // when the working config was last replaced
  };

  function notify(change) {
    for (const listener of listeners) listener(change, state);
  }

  function persist() {
    if (!storage) return;
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify({
        version: 1,
        draft: state.draft,
        draftText: state.draftText,
        working: state.working,
        workingSavedAt: state.workingSavedAt,
      }));
    } catch (error) {
      // Quota or privacy mode: the studio keeps working, the draft just does not survive a reload.
      console.warn('shopper-segments studio: could not save the draft:', error.message);
    }
  }

  /** Replace the draft. `source` says who changed it ('form', 'json', 'import', ...). */
  function setDraft(config, source) {
    state.draft = config;
    state.draftText = null;
    const result = validate(config);
    state.issues = result.issues;
    let workingChanged = false;
    if (result.ok) {
      const next = clone(config);
      workingChanged = JSON.stringify(next) !== JSON.stringify(state.working);
      if (workingChanged) {
        state.working = next;
        state.workingSavedAt = Date.now();
      }
    }
    persist();
    notify({ kind: 'draft', source, workingChanged });
    return result;
  }

  /** The JSON editor's text: parsed when possible, else kept as text with a syntax issue. */
  function setDraftText(text, source = 'json') {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      // The engine's validator gets the raw text too, so the sentence is the engine's own.
      const result = validate(text);
      state.draftText = text;
      state.issues = result.issues.length ? result.issues
        : [{ code: 'json_syntax', path: '', message: error.message }];
      persist();
      notify({ kind: 'draft', source, workingChanged: false, syntaxError: true });
      return { ok: false, issues: state.issues };
    }
    return setDraft(parsed, source);
  }

  /** Back to the working config (drop the invalid draft). */
  function revertDraft() {
    setDraft(clone(state.working), 'revert');
  }

  function subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  // Start: the saved working config if the engine still accepts it, else the built-in catalogue.
  const savedWorking = saved && saved.working && validate(saved.working).ok ? saved.working : null;
  state.working = clone(savedWorking || initialConfig);
  state.workingSavedAt = savedWorking ? saved.workingSavedAt : null;
  if (saved && saved.draftText) {
    state.draft = saved.draft || clone(state.working);
    setDraftText(saved.draftText, 'restore');
  } else {
    setDraft(saved && saved.draft ? saved.draft : clone(state.working), 'restore');
  }

  return {
    state,
    setDraft,
    setDraftText,
    revertDraft,
    subscribe,
    restoredFromStorage: Boolean(saved),
    reset() {
      setDraft(clone(initialConfig), 'reset');
    },
  };
}

function readSaved(storage) {
  if (!storage) return null;
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const saved = JSON.parse(raw);
    return saved && saved.version === 1 ? saved : null;
  } catch {
    return null;  // a corrupted studio draft is dropped, never thrown
  }
}

export const STUDIO_STORAGE_KEY = STORAGE_KEY;
