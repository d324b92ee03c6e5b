// Type declarations for Shopper Segments' owner toolkit module (shopper-segments-toolkit.mjs, with
// shopper-segments-toolkit.wasm beside it): compile a JSON configuration to a program, validate it,
// check it before publishing, explain a visitor's segment or offer, put rules in words and describe
// the rule language. The storefront runtime imports it only when a page gives
// JSON or a shopper asks "why am I seeing this?". Reference: docs/BINDINGS.md "Owner toolkit".

import type { CompileResult, Issue, OfferExplanation, Result, SegmentExplanation, ExplanationError } from './shopper-segments';

export interface LoadToolkitOptions {
  /** The toolkit's .wasm bytes (Node, bundlers); otherwise it is loaded from wasmUrl or from
   * beside the module (in Node: read from the file). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  wasmUrl?: string | URL;
}

/** One finding of the checks before publishing (codes: docs/RULES.md "Checks before publishing"). */
export interface Finding {
  severity: 'error' | 'warning' | 'note';
  code: string;
  /** JSON Pointer of the place to change. */
  path: string;
  /** One sentence; segments and offers by the names owners gave them. */
  message: string;
  /** The other place the finding is about, when there is one. */
  related?: string;
}

/** A configuration with issues is not checked further: then `findings` is empty. */
export interface LintResult {
  issues: Issue[];
  findings: Finding[];
}

/** Every entry of the language descriptor has a key (as written in JSON) and words for owners. */
export interface LanguageEntry {
  key: string;
  label: string;
}

export interface LanguageKind extends LanguageEntry {
  group: 'logic' | 'event' | 'other';
  target: 'rules' | 'rule' | 'event' | 'steps' | 'trait' | 'context' | 'segment';
  /** Whether the kind's own key is "event.field". */
  field: 'required' | 'optional' | 'none';
  /** The other keys it accepts ("where", "within", "ago", "per"). */
  keys: string[];
  operand: 'number' | 'duration' | 'value' | 'none';
  /** The comparisons the compiler accepts for it. */
  comparisons: string[];
  /** true for count: without a comparison it means "at least once". */
  comparison_optional: boolean;
}

/** The rule language as the compiler reads it, with words (docs/RULES.md "Language descriptor"). */
export interface Language {
  groups: LanguageEntry[];
  kinds: LanguageKind[];
  comparisons: Array<LanguageEntry & { numeric: boolean; duration: boolean }>;
  units: Array<LanguageEntry & { ms: number }>;
  windows: LanguageEntry[];
  events: Array<LanguageEntry & { fields: string[] }>;
  fields: Array<LanguageEntry & { numeric: boolean }>;
  traits: LanguageEntry[];
  context: LanguageEntry[];
  weekdays: LanguageEntry[];
}

/** 0: explain a segment; 1: explain an offer's own rule. */
export type ExplainKind = 0 | 1;

/**
 * One seg::Engine inside the toolkit's WASM module, driven through the plain exports of
 * bindings/engine_exports.cpp (web/src/native.mjs). Low level: numbers in, JSON text out.
 * Call delete() when done.
 */
export interface NativeEngine {
  /** Reads and verifies a compiled program: null when it is in force, else its error. */
  useProgram(bytes: Uint8Array): { code: string; message: string } | null;
  /** Runs the program another engine of the same module runs, without reading it again. */
  shareProgramOf(other: NativeEngine): void;
  /** {slots, offers, contents, ruled, segments, context, web, reasons} as JSON text (docs/BINDINGS.md). */
  programJson(): string;
  setVisitorId(id: string): void;
  /** The issues as JSON text ("[]": every value taken). */
  setTraitsJson(json: string): string;
  setContextJson(json: string): string;
  /** `packed`: the event's fields as RS/US records (docs/BINDINGS.md "Packed fields"). */
  track(now: number, type: string, packed: string): void;
  /** Where seg_decide's numbers start in `numbers` (valid until the next call). */
  decide(now: number): number;
  /** Where seg_segments' numbers start in `numbers`. */
  segments(now: number): number;
  /** The module's memory as doubles; read it again after every call. */
  readonly numbers: Float64Array;
  record(offerId: string, outcome: 'shown' | 'dismissed' | 'converted', now: number): boolean;
  /** The visitor's state as JSON text. */
  save(now: number): string;
  /** Loads a saved state; the issues as JSON text ("[]": loaded). */
  loadState(text: string, now: number): string;
  forget(): void;
  delete(): void;
}

export class Toolkit {
  /** @param Module the instantiated toolkit module (use loadToolkit instead). */
  constructor(Module: unknown);
  /** Compiles configuration text: the program's bytes, or every issue. */
  compile(text: string): CompileResult;
  /** Every issue of the configuration text. */
  validate(text: string): Result;
  /** The checks before publishing: segments that never hold, offers that never win, ... */
  lint(config: string | object): LintResult;
  /**
   * A rule or a segment in plain words; with `segments` (a configuration's list) referenced
   * segments are named by their names. Throws only for text that is not JSON.
   */
  describe(ruleOrSegment: string | object, segments?: Array<{ id: string; name?: string }>): string;
  /** The short form of a duration ("7 days" -> "7d", "1 week" -> "1w"): how a configuration stores
   * it; null when the text is not a duration. */
  canonicalDuration(text: string): string | null;
  /** The language descriptor, a fresh copy each call. */
  language(): Language;
  /**
   * Why segment (kind 0) or offer (kind 1) `id` holds for a visitor: `program` and the visitor's
   * saved `state` (as Engine.save() gives it) are read into an engine of this module, explained at
   * `now` (ms since the epoch), and freed.
   */
  explain(program: Uint8Array | null, state: string | null, visitorId: string, kind: 0, id: string, now: number): SegmentExplanation | ExplanationError;
  explain(program: Uint8Array | null, state: string | null, visitorId: string, kind: 1, id: string, now: number): OfferExplanation | ExplanationError;
  explain(program: Uint8Array | null, state: string | null, visitorId: string, kind: ExplainKind, id: string, now: number): SegmentExplanation | OfferExplanation | ExplanationError;
  /** An engine of this module; delete() frees it. */
  newEngine(): NativeEngine;
  /**
   * A log replay over a configuration: JSON Lines as `shopper-segments replay` reads them (default),
   * rows of a GA4 BigQuery export (format 'ga4') or CSV with a column mapping (format 'csv',
   * mapping "visitor=COL,time=COL,event=COL,...").
   */
  startReplay(configText: string, options?: { format?: 'jsonl' | 'ga4' | 'csv'; mapping?: string; countNodes?: boolean }):
    { ok: true; issues: []; replay: LogReplay } | { ok: false; issues: Issue[]; error?: string; replay: null };
}

/** The CLI's line reader and replay in the toolkit module: feed whole lines, then sum up. */
export interface LogReplay {
  /** Whole lines of the log (line numbers run on across calls): the rows it could not use. */
  lines(text: string): Array<{ line: number; code: string; message: string }>;
  /** The log ended: a row left open (a CSV quote never closed), reported as lines() does. */
  end(): Array<{ line: number; code: string; message: string }>;
  /** Each visitor evaluated at its latest line. */
  summary(): {
    visitors: number;
    events: number;
    rows: number;
    skipped: number;
    bad: number;
    /** Lines dated after the replay's `now`, left out (0 without one). */
    after_now: number;
    /** With countNodes: per rule node (its JSON Pointer), the visitors for whom it holds. */
    nodes?: Array<{ path: string; visitors: number }>;
    segments: Array<{ id: string; name: string; members: number }>;
    slots: Array<{ slot: string; offers: Array<{ offer: string | null; visitors: number }> }>;
  };
  dispose(): void;
}

/** Instantiates the toolkit module (once per .wasm source) and returns its Toolkit. */
export function loadToolkit(options?: LoadToolkitOptions): Promise<Toolkit>;
