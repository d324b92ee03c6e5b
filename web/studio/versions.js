// The published version and the history of versions, kept in this browser (localStorage). The
// draft (store.js) is what the owner edits and the simulator runs; the published version is what
// the shop runs (program, snippet, demo store). Every publish and every rollback adds a version;
// the history is bounded, can be exported as a JSON file and imported again. Going back to the
// built-in catalogue is a version too ("catalogue"), so the one it replaces can be rolled back to.
//
// Stored state is read as junk until proven otherwise (readVersions, parseHistoryFile): whatever
// is stored or imported, the studio starts, and nothing stored is lost: an unreadable stored
// value is kept under a backup key before anything is written over it, and an import that does
// not check out replaces nothing. Errors are values { code, path, message }. No DOM; the clock and
// the ids are injected (tests/js/studio-versions.test.mjs).

import { diffConfigs } from './config-diff.js';

export const VERSIONS_KEY = 'shopper-segments-studio:versions:v1';
export const VERSIONS_BACKUP_KEY = 'shopper-segments-studio:versions:unreadable';
export const MAX_VERSIONS = 30;
export const HISTORY_FILE_FORMAT = 'shopper-segments-studio-history';
const MAX_FILE_CHARS = 8 * 1024 * 1024;
const KINDS = new Set(['publish', 'rollback', 'catalogue']);
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const issue = (code, path, message) => ({ code, path, message });

/**
 * One history entry from untrusted JSON, or an issue. `validate(config)` is the engine's
 * ({ ok, issues }); an entry whose configuration the engine refuses is not a version.
 */
export function readEntry(value, path, validate) {
  if (!isObject(value)) return { issue: issue('type_mismatch', path, 'A version must be an object.') };
  const { id, at, kind, note, of, config } = value;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return { issue: issue('bad_value', `${path}/id`, 'A version id is 1 to 64 letters, digits, "_" or "-".') };
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0 || at > 8.64e15) return { issue: issue('bad_value', `${path}/at`, 'A version time must be a date in milliseconds.') };
  if (!KINDS.has(kind)) return { issue: issue('bad_value', `${path}/kind`, 'A version is made by "publish", "rollback" or "catalogue".') };
  if (note !== undefined && (typeof note !== 'string' || note.length > 500)) return { issue: issue('bad_value', `${path}/note`, 'A note is text of at most 500 characters.') };
  if (of !== undefined && of !== null && (typeof of !== 'string' || !ID_PATTERN.test(of))) return { issue: issue('bad_value', `${path}/of`, 'A rollback names the id of the version it went back to.') };
  if (!isObject(config)) return { issue: issue('type_mismatch', `${path}/config`, 'A version carries its configuration as an object.') };
  let result;
  try {
    result = validate(config);
  } catch (error) {
    result = { ok: false, issues: [issue('bad_value', '', String(error && error.message))] };
  }
  if (!result || !result.ok) {
    const first = result && Array.isArray(result.issues) && result.issues[0];
    return { issue: issue('invalid_config', `${path}/config${first && typeof first.path === 'string' ? first.path : ''}`,
      `The configuration of this version is not valid${first && typeof first.message === 'string' ? `: ${first.message}` : '.'}`) };
  }
  // A copy with exactly the known fields (nothing else of the input is kept).
  const entry = { id, at, kind, config: JSON.parse(JSON.stringify(config)) };
  if (typeof note === 'string' && note !== '') entry.note = note;
  if (typeof of === 'string') entry.of = of;
  return { entry };
}

function emptyState() {
  return { publishedId: null, history: [] };
}

/**
 * The stored versions from the raw stored text (null when nothing is stored). Never throws.
 * Returns { state: { publishedId, history (oldest first) }, problems: [issue], unreadable: bool }
 * where `unreadable` says the raw text should be backed up before it is written over.
 */
export function readVersions(raw, validate) {
  if (raw === null || raw === undefined) return { state: emptyState(), problems: [], unreadable: false };
  let parsed;
  try {
    parsed = JSON.parse(String(raw));
  } catch {
    return { state: emptyState(), problems: [issue('json_syntax', '', 'The stored history is not valid JSON; it was kept aside and a new history starts.')], unreadable: true };
  }
  if (!isObject(parsed) || parsed.version !== 1 || !Array.isArray(parsed.history)) {
    return { state: emptyState(), problems: [issue('bad_value', '', 'The stored history has an unknown shape; it was kept aside and a new history starts.')], unreadable: true };
  }
  const problems = [];
  const history = [];
  const seen = new Set();
  parsed.history.slice(0, MAX_VERSIONS * 4).forEach((value, i) => {
    const { entry, issue: bad } = readEntry(value, `/history/${i}`, validate);
    if (bad) { problems.push(bad); return; }
    if (seen.has(entry.id)) { problems.push(issue('duplicate_id', `/history/${i}/id`, `Two stored versions have the id ${entry.id}.`)); return; }
    seen.add(entry.id);
    history.push(entry);
  });
  if (parsed.history.length > MAX_VERSIONS * 4) problems.push(issue('bad_value', '/history', 'The stored history is longer than the studio keeps.'));
  history.sort((a, b) => a.at - b.at);
  let publishedId = typeof parsed.publishedId === 'string' && seen.has(parsed.publishedId) ? parsed.publishedId : null;
  if (publishedId === null && history.length) {
    if (parsed.publishedId !== null && parsed.publishedId !== undefined) problems.push(issue('bad_value', '/publishedId', 'The stored published version is not in the history; the newest version is taken as published.'));
    publishedId = history[history.length - 1].id;
  }
  return { state: { publishedId, history }, problems, unreadable: problems.length > 0 };
}

/**
 * An exported history file, checked as a whole: { ok: true, entries } or { ok: false, issues }.
 * One bad entry refuses the file (it may be a different file, or a hand-edited one).
 */
export function parseHistoryFile(text, validate) {
  if (typeof text !== 'string') return { ok: false, issues: [issue('type_mismatch', '', 'The file could not be read as text.')] };
  if (text.length > MAX_FILE_CHARS) return { ok: false, issues: [issue('too_large', '', 'The file is larger than a studio history (8 MB).')] };
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [issue('json_syntax', '', `The file is not valid JSON (${error.message}).`)] };
  }
  if (!isObject(parsed) || parsed.format !== HISTORY_FILE_FORMAT) {
    return { ok: false, issues: [issue('bad_value', '/format', 'This is not a studio history file (it has no "format": "shopper-segments-studio-history").')] };
  }
  if (parsed.version !== 1) return { ok: false, issues: [issue('bad_value', '/version', 'This history file is of a version this studio does not read.')] };
  if (!Array.isArray(parsed.history)) return { ok: false, issues: [issue('type_mismatch', '/history', 'The file has no list of versions.')] };
  if (parsed.history.length > MAX_VERSIONS * 4) return { ok: false, issues: [issue('bad_value', '/history', `The file has ${parsed.history.length} versions; a history holds at most ${MAX_VERSIONS}.`)] };
  const issues = [];
  const entries = [];
  const seen = new Set();
  parsed.history.forEach((value, i) => {
    const { entry, issue: bad } = readEntry(value, `/history/${i}`, validate);
    if (bad) { issues.push(bad); return; }
    if (seen.has(entry.id)) { issues.push(issue('duplicate_id', `/history/${i}/id`, `Two versions in the file have the id ${entry.id}.`)); return; }
    seen.add(entry.id);
    entries.push(entry);
  });
  if (issues.length) return { ok: false, issues: issues.slice(0, 20) };
  return { ok: true, entries };
}

function defaultNewId(at) {
  const random = globalThis.crypto && globalThis.crypto.getRandomValues
    ? [...globalThis.crypto.getRandomValues(new Uint8Array(4))].map((b) => b.toString(16).padStart(2, '0')).join('')
    : Math.random().toString(16).slice(2, 10);
  return `v${at.toString(36)}-${random}`;
}

/**
 * The published version and the history over a storage (localStorage or a stand-in).
 * `initialConfig` is what the shop runs before anything is published (the built-in catalogue).
 */
export function createVersions({ storage = globalThis.localStorage, validate, initialConfig, now = () => Date.now(), newId = defaultNewId }) {
  let raw = null;
  try { raw = storage ? storage.getItem(VERSIONS_KEY) : null; } catch { raw = null; }
  const loaded = readVersions(raw, validate);
  let state = loaded.state;
  let backupPending = loaded.unreadable ? raw : null;
  const listeners = new Set();

  function write(next) {
    if (!storage) return { ok: true };
    try {
      if (backupPending !== null) {
        // What could not be read is kept, once, before it is written over.
        if (storage.getItem(VERSIONS_BACKUP_KEY) === null) storage.setItem(VERSIONS_BACKUP_KEY, backupPending);
        backupPending = null;
      }
      storage.setItem(VERSIONS_KEY, JSON.stringify({ version: 1, publishedId: next.publishedId, history: next.history }));
      return { ok: true };
    } catch (error) {
      return { ok: false, issues: [issue('storage_failed', '', `This browser refused to store the history (${error && error.name}); nothing was changed. Export the history to keep it.`)] };
    }
  }

  function commit(next) {
    const saved = write(next);
    if (!saved.ok) return saved;
    state = next;
    for (const listener of listeners) listener();
    return { ok: true };
  }

  /** Oldest versions go first, but never the published one. */
  function bounded(history, publishedId) {
    const out = history.slice();
    while (out.length > MAX_VERSIONS) {
      const i = out.findIndex((e) => e.id !== publishedId);
      out.splice(i, 1);
    }
    return out;
  }

  function published() {
    const entry = state.history.find((e) => e.id === state.publishedId) || null;
    return { entry, config: entry ? entry.config : initialConfig };
  }

  function publish(config, { kind = 'publish', of, note } = {}) {
    const result = validate(config);
    if (!result.ok) return { ok: false, issues: result.issues.length ? result.issues : [issue('invalid_config', '', 'The configuration is not valid.')] };
    let at = now();
    const last = state.history[state.history.length - 1];
    if (last && at <= last.at) at = last.at + 1;  // versions keep their order even within a millisecond
    const entry = { id: newId(at), at, kind, config: JSON.parse(JSON.stringify(config)) };
    if (typeof note === 'string' && note.trim()) entry.note = note.trim().slice(0, 500);
    if (of) entry.of = of;
    const done = commit({ publishedId: entry.id, history: bounded([...state.history, entry], entry.id) });
    return done.ok ? { ok: true, entry } : done;
  }

  return {
    /** { entry (null: nothing published here yet), config }. */
    published,
    /** Newest first. */
    history: () => state.history.slice().reverse(),
    /** Problems found reading what was stored (shown once to the owner). */
    problems: loaded.problems,
    publish,
    /** The built-in catalogue (what the shop runs before anything is published). */
    catalogue: () => initialConfig,
    /** True when the shop runs the built-in catalogue (nothing published, or a version equal to it). */
    runsCatalogue: () => diffConfigs(published().config, initialConfig).count === 0,
    /**
     * Publishes the built-in catalogue as a new version ("catalogue"); the version it replaces
     * stays in the history. Refused when the shop runs the catalogue already.
     */
    publishCatalogue({ note } = {}) {
      if (diffConfigs(published().config, initialConfig).count === 0) {
        return { ok: false, issues: [issue('unchanged', '', 'The shop already runs the built-in catalogue.')] };
      }
      return publish(initialConfig, { kind: 'catalogue', note });
    },
    /** Publishes an old version again (the caller makes it the draft too). */
    rollback(id) {
      const entry = state.history.find((e) => e.id === id);
      if (!entry) return { ok: false, issues: [issue('unknown_version', '', 'That version is not in the history.')] };
      return publish(entry.config, { kind: 'rollback', of: entry.id, note: entry.note });
    },
    /** The history as a file's text. */
    exportText() {
      return `${JSON.stringify({ format: HISTORY_FILE_FORMAT, version: 1, exportedAt: now(), publishedId: state.publishedId, history: state.history }, null, 2)}\n`;
    },
    /**
     * Adds the versions of a history file. The published version does not change and no stored
     * version is dropped: when the history would grow past MAX_VERSIONS, only the newest versions
     * of the file that fit are added. { ok, added, skipped } or { ok: false, issues }.
     */
    importText(text) {
      const parsed = parseHistoryFile(text, validate);
      if (!parsed.ok) return parsed;
      const have = new Set(state.history.map((e) => e.id));
      const fresh = parsed.entries.filter((e) => !have.has(e.id)).sort((a, b) => b.at - a.at);
      const room = Math.max(0, MAX_VERSIONS - state.history.length);
      const added = fresh.slice(0, room);
      const history = [...state.history, ...added].sort((a, b) => a.at - b.at);
      const done = commit({ publishedId: state.publishedId, history });
      if (!done.ok) return done;
      return { ok: true, added: added.length, skipped: fresh.length - added.length, known: parsed.entries.length - fresh.length };
    },
    subscribe(listener) { listeners.add(listener); return () => listeners.delete(listener); },
  };
}
