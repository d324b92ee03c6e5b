// Type declarations for Shopper Segments' owner toolkit module (shopper-segments-toolkit.mjs, with
// shopper-segments-toolkit.wasm beside it): compile a JSON configuration to a program, validate it,
// explain a visitor's segment or offer. The storefront runtime imports it only when a page gives
// JSON or a shopper asks "why am I seeing this?". Reference: docs/BINDINGS.md "Owner toolkit".

import type { CompileResult, OfferExplanation, Result, SegmentExplanation, ExplanationError } from './shopper-segments';

export interface LoadToolkitOptions {
  /** The toolkit's .wasm bytes (Node, bundlers); otherwise it is loaded from wasmUrl or from
   * beside the module (in Node: read from the file). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  wasmUrl?: string | URL;
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
}

/** Instantiates the toolkit module (once per .wasm source) and returns its Toolkit. */
export function loadToolkit(options?: LoadToolkitOptions): Promise<Toolkit>;
