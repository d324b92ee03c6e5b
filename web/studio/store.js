// The studio's one source of truth: the draft being edited, the last valid ("working") config, and
// the engine's issues for the draft. Every edit, from the form or from the JSON editor, goes
// through setDraft, which validates with the engine's own validator. Only a draft without issues
// becomes the working config; an invalid draft never replaces it. Every edit is also a step that
// undo() takes back and redo() brings again (undo-stack.js); the steps live as long as the page.
import { createUndoStack } from './undo-stack.js';

const STORAGE_KEY = 'shopper-segments-studio:v1';

export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

export function createStore({ validate, initialConfig, storage = globalThis.localStorage }) {
  const listeners = new Set();
  const saved = readSaved(storage);
  const steps = createUndoStack();
  let committed = null;  // the draft as of the last edit: { draft: JSON text or null, draftText }

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

  function snapshot() {
    return { draft: state.draft === null || state.draft === undefined ? null : JSON.stringify(state.draft), draftText: state.draftText };
  }

  // After an edit: the draft as it was before it becomes an undo step (unless undo / redo / the
  // first load made it). Keystrokes with the same `key` (one control) are one step.
  function remember(source, key) {
    const now = snapshot();
    if (committed && source !== 'undo' && source !== 'redo' && source !== 'restore'
      && (now.draft !== committed.draft || now.draftText !== committed.draftText)) {
      steps.record(committed, key ?? null);
    }
    committed = now;
  }

  /**
   * Replace the draft. `source` says who changed it ('form', 'json', 'import', ...); `key` names
   * the control typed into, so that its keystrokes undo as one step.
   */
  function setDraft(config, source, key) {
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
    remember(source, key);
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
      remember(source, null);
      persist();
      notify({ kind: 'draft', source, workingChanged: false, syntaxError: true });
      return { ok: false, issues: state.issues };
    }
    return setDraft(parsed, source);
  }

  function restore(shot, source) {
    if (shot.draftText !== null && shot.draftText !== undefined) setDraftText(shot.draftText, source);
    else setDraft(shot.draft === null ? null : JSON.parse(shot.draft), source);
  }

  /** One edit back; false when there is none. */
  function undo() {
    const shot = steps.undo(snapshot());
    if (!shot) return false;
    restore(shot, 'undo');
    return true;
  }

  /** The edit undone last, again; false when there is none. */
  function redo() {
    const shot = steps.redo(snapshot());
    if (!shot) return false;
    restore(shot, 'redo');
    return true;
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
    undo,
    redo,
    /** The next keystroke starts a new undo step even in the same control (focus moved). */
    sealStep: () => steps.seal(),
    get canUndo() { return steps.canUndo; },
    get canRedo() { return steps.canRedo; },
    restoredFromStorage: Boolean(saved),
    reset() {
      setDraft(clone(initialConfig), 'reset');
    },
  };
}

/**
 * The saved draft, or null. Whatever junk is stored, the answer has this shape or is null:
 * { draft: object|null, draftText: string|null, working: object|null, workingSavedAt: number|null }.
 * (Whether the working config is valid is the engine's to say, at start.)
 */
export function readSaved(storage) {
  if (!storage) return null;
  let saved;
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    saved = JSON.parse(raw);
  } catch {
    return null;  // a corrupted studio draft is dropped, never thrown
  }
  if (!saved || typeof saved !== 'object' || Array.isArray(saved) || saved.version !== 1) return null;
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  return {
    version: 1,
    draft: isObject(saved.draft) ? saved.draft : null,
    draftText: typeof saved.draftText === 'string' ? saved.draftText : null,
    working: isObject(saved.working) ? saved.working : null,
    workingSavedAt: Number.isFinite(saved.workingSavedAt) ? saved.workingSavedAt : null,
  };
}

export const STUDIO_STORAGE_KEY = STORAGE_KEY;
