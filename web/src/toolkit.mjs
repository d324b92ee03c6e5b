// The owner toolkit in JavaScript: compile a JSON configuration to a program, validate it, check it
// before publishing, explain a visitor's segment or offer, put rules in words, describe the
// language. A thin layer over bindings/toolkit_exports.cpp: the rule language has one owner, the
// C++ engine, and this file only carries text and bytes across.

import { MAX_STATE, NativeEngine, boundary } from './native.mjs';

// The compiler refuses a configuration over 4 MB; text that long is refused here, before it is
// copied into WASM memory (which keeps its size for the life of the page). UTF-8 never takes
// fewer bytes than UTF-16 code units, so this refuses nothing the compiler would take.
const MAX_CONFIG_UNITS = 4 * 1024 * 1024;
const TOO_LARGE = [{ code: 'too_large', path: '', message: 'A configuration is at most 4 MB.' }];
const tooLarge = (text) => typeof text === 'string' && text.length > MAX_CONFIG_UNITS;

// Log lines go across in pieces of whole lines of at most MAX_PIECE units; a line longer than the
// replay reads (kMaxLineBytes, 1 MB) goes as its first MAX_LINE + 1 units, enough for the replay
// to report it as too long at its own line number, so no call copies more than a piece.
const MAX_LINE = 1024 * 1024;
const MAX_PIECE = 4 * 1024 * 1024;

function boundedPieces(text) {
  if (text.length <= MAX_PIECE) return [text];
  const pieces = [];
  let piece = '';
  for (let at = 0; at < text.length;) {
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline + 1;
    let line = text.slice(at, Math.min(end, at + MAX_LINE + 1));
    if (end - at > MAX_LINE + 1 && newline >= 0) line += '\n';
    if (piece.length + line.length > MAX_PIECE) {
      pieces.push(piece);
      piece = '';
    }
    piece += line;
    at = end;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

export class Toolkit {
  /** @param {any} Module the instantiated toolkit module */
  constructor(Module) {
    this.Module = Module;
    this.io = boundary(Module);
  }

  /** {ok: true, program: Uint8Array, issues: []} or {ok: false, program: null, issues}. */
  compile(text) {
    if (tooLarge(text)) return { ok: false, program: null, issues: TOO_LARGE };
    const ok = this.Module._seg_compile(this.io.text(text)) === 1;
    // The result string holds the program's bytes or the issues; _seg_input returns where the
    // result is not, so ask the module where its result starts through a call that only reads it.
    const pointer = this.Module._seg_result();
    if (ok) return { ok: true, program: this.io.resultBytes(pointer), issues: [] };
    return { ok: false, program: null, issues: JSON.parse(this.io.resultText(pointer)) };
  }

  /** {ok, issues}: every issue of the configuration text. */
  validate(text) {
    if (tooLarge(text)) return { ok: false, issues: TOO_LARGE };
    const issues = JSON.parse(this.io.resultText(this.Module._seg_validate(this.io.text(text))));
    return { ok: issues.length === 0, issues };
  }

  /**
   * The checks before publishing (include/shopper_segments/lint.hpp): {issues, findings}, each finding
   * {severity: 'error' | 'warning' | 'note', code, path, message, related?}. A configuration with
   * issues has no findings.
   * @param {string | object} config the configuration as JSON text or as an object
   */
  lint(config) {
    const text = typeof config === 'string' ? config : JSON.stringify(config);
    if (tooLarge(text)) return { issues: TOO_LARGE, findings: [] };
    return JSON.parse(this.io.resultText(this.Module._seg_lint(this.io.text(text))));
  }

  /**
   * A rule or a segment in plain words. With `segments` (a configuration's list, or objects with
   * id and name) referenced segments are named by their names. Anything that is not a rule still
   * gives words ("(unrecognised rule)"); only text that is not JSON throws.
   * @param {string | object} ruleOrSegment @param {Array<{id: string, name?: string}>} [segments]
   */
  describe(ruleOrSegment, segments) {
    let text = typeof ruleOrSegment === 'string' ? ruleOrSegment : JSON.stringify(ruleOrSegment);
    if (text === undefined) text = 'null';
    if (Array.isArray(segments)) {
      const names = segments.filter((s) => s && typeof s === 'object').map(({ id, name }) => ({ id, name }));
      text = `{"describe":${text},"segments":${JSON.stringify(names)}}`;
    }
    if (tooLarge(text)) throw new Error('A rule to describe is at most 4 MB.');
    const ok = this.Module._seg_describe(this.io.text(text)) === 1;
    const words = this.io.resultText(this.Module._seg_result());
    if (!ok) throw new Error(JSON.parse(words).map((i) => i.message).join(' '));
    return words;
  }

  /** The short form of a duration ("7 days" -> "7d", "36 hours" -> "36h"), as a configuration
   * stores it; null when the text is not a duration. */
  canonicalDuration(text) {
    const value = String(text);
    if (value.length > 64) return null;
    const ok = this.Module._seg_canonical_duration(this.io.text(value)) === 1;
    const canonical = this.io.resultText(this.Module._seg_result());
    return ok ? canonical : null;
  }

  /** The language descriptor (include/shopper_segments/language.hpp): kinds, comparisons, units, events, ... */
  language() {
    return JSON.parse(this.io.resultText(this.Module._seg_language()));
  }

  /**
   * Why segment (kind 0) or offer (kind 1) `id` holds for a visitor: the program's bytes and the
   * visitor's saved state are read into an engine of this module, explained at `now`, then freed.
   */
  explain(program, state, visitorId, kind, id, now) {
    const engine = new NativeEngine(this.Module);
    try {
      if (program) engine.useProgram(program);
      engine.setVisitorId(typeof visitorId === 'string' ? visitorId.slice(0, 256) : '');
      if (typeof state === 'string' && state.length <= MAX_STATE) engine.loadState(state, now);
      // Ids are at most 64 bytes: a longer one names nothing and is cut before it is copied.
      return JSON.parse(this.io.resultText(this.Module._seg_explain(engine.address, kind, this.io.text(String(id).slice(0, 65)), now)));
    } finally {
      engine.delete();
    }
  }

  /**
   * A log replay over a configuration (text): {ok, issues, replay} where replay.lines(text) feeds
   * whole lines and answers the rows it could not use ([{line, code, message}]), replay.end() says
   * the log ended (a CSV row left open is reported the same way), replay.summary() gives
   * {visitors, events, rows, skipped, bad, after_now, segments: [{id, name, members}], slots: [{slot, offers: [{offer, visitors}]}]}
   * and replay.dispose() frees it. The CLI's row readers and replay, in C++.
   * options.format: 'jsonl' (default), 'ga4' (a GA4 BigQuery export) or 'csv' with options.mapping
   * ("visitor=COL,time=COL,event=COL,..."); an unusable mapping gives {ok: false, error}.
   * options.countNodes: the summary also has nodes: [{path, visitors}], per rule node (its JSON
   * Pointer in the configuration) the visitors for whom it holds.
   */
  startReplay(configText, options = {}) {
    if (tooLarge(configText)) return { ok: false, issues: TOO_LARGE, replay: null };
    const M = this.Module;
    const io = this.io;
    let address = M._seg_replay_new(io.text(configText));
    const issues = JSON.parse(io.resultText(M._seg_result()));
    if (!address) return { ok: false, issues, replay: null };
    const format = ['jsonl', 'ga4', 'csv'].indexOf(options.format || 'jsonl');
    if (format < 0 || !M._seg_replay_format(address, format, io.text(String(options.mapping || '')))) {
      const error = format < 0 ? `unknown log format "${options.format}"` : io.resultText(M._seg_result());
      M._seg_replay_delete(address);
      return { ok: false, issues: [], error, replay: null };
    }
    if (options.countNodes) M._seg_replay_count_nodes(address, 1);
    const alive = () => {
      if (!address) throw new Error('shopper-segments: this replay was disposed');
      return address;
    };
    return {
      ok: true,
      issues: [],
      replay: {
        lines: (text) => {
          const bad = [];
          for (const piece of boundedPieces(String(text))) bad.push(...JSON.parse(io.resultText(M._seg_replay_lines(alive(), io.text(piece)))));
          return bad;
        },
        end: () => JSON.parse(io.resultText(M._seg_replay_end(alive()))),
        summary: () => JSON.parse(io.resultText(M._seg_replay_summary(alive()))),
        dispose: () => {
          if (address) M._seg_replay_delete(address);
          address = 0;
        },
      },
    };
  }

  /** An engine of this module; delete() frees it. */
  newEngine() {
    return new NativeEngine(this.Module);
  }
}
