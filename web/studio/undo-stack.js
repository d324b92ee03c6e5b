// Undo and redo over configuration edits. Each entry is a snapshot of the draft as it was before
// an edit ({ draft, draftText }, copied). Keystrokes into one control coalesce into one step:
// the store passes a key naming the control (its JSON Pointer and role), and an edit with the
// same key as the previous one adds no new step. No DOM and no clock: tested in Node.

const DEFAULT_LIMIT = 200;

export function createUndoStack({ limit = DEFAULT_LIMIT } = {}) {
  let past = [];     // snapshots before each step, oldest first
  let future = [];   // snapshots undone, most recently undone last
  let lastKey = null;

  return {
    /** Called before an edit is applied; `before` is the snapshot of the draft as it is now. */
    record(before, key = null) {
      future = [];
      if (key !== null && key === lastKey && past.length) return;  // the same control again: one step
      past.push(before);
      if (past.length > limit) past = past.slice(past.length - limit);
      lastKey = key;
    },
    /** A step back: returns the snapshot to restore (and keeps `current` for redo), or null. */
    undo(current) {
      if (!past.length) return null;
      future.push(current);
      lastKey = null;
      return past.pop();
    },
    /** A step forward again: returns the snapshot to restore, or null. */
    redo(current) {
      if (!future.length) return null;
      past.push(current);
      lastKey = null;
      return future.pop();
    },
    /** The next edit starts a new step even if it comes from the same control. */
    seal() { lastKey = null; },
    clear() { past = []; future = []; lastKey = null; },
    get canUndo() { return past.length > 0; },
    get canRedo() { return future.length > 0; },
  };
}
