// Type declarations for Shopper Segments' storefront runtime: the ES module (shopper-segments.mjs)
// and the global window.ShopperSegments that the classic script (shopper-segments.js) defines.
// The owner toolkit module has its own: shopper-segments-toolkit.d.ts.
// Reference: docs/BINDINGS.md, docs/RULES.md.

/** One problem in a configuration, program or saved state: a stable code, a JSON Pointer ("" for
 * the whole), one sentence. */
export interface Issue {
  code: string;
  path: string;
  message: string;
}

export interface Result {
  ok: boolean;
  issues: Issue[];
}

/** A compiled program: the bytes `shopper-segments compile` writes (format "SSEG", docs/BINDINGS.md "Programs"). */
export type ProgramBytes = Uint8Array | ArrayBuffer | ArrayBufferView;

/** What compiling a JSON configuration gives: the program's bytes, or every issue. */
export type CompileResult =
  | { ok: true; program: Uint8Array; issues: [] }
  | { ok: false; program: null; issues: Issue[] };

/** Field values: strings, finite numbers, booleans, lists of strings; GA4 `items` objects contribute their string fields. */
export type FieldValue = string | number | boolean | ReadonlyArray<string | number | Record<string, unknown>>;
export type EventFields = Record<string, FieldValue | null | undefined>;
/** Traits and context: flat objects; `null` unsets a trait. */
export type FlatValues = Record<string, string | number | boolean | ReadonlyArray<string> | null>;

export interface SegmentResult {
  id: string;
  name: string;
  member: boolean;
  /** Rule segments: 1 or 0; scored segments: the sum of held signal weights. */
  score: number;
  enter: number;
  exit: number;
  priority: number;
}

export interface OfferContent {
  title?: string;
  body?: string;
  cta?: string;
  link?: string;
  image?: string;
}

export interface Decision {
  slot: string;
  /** The winning offer, or null when none shows. */
  offer: string | null;
  /** "matched", or why nothing shows: no_match, control_group, held_out, capped_session, capped_day,
   * capped_week, cooling_down, suppressed_dismissed, suppressed_converted, out_of_schedule. */
  reason: string;
  /** The segment that made the winner a candidate; null for a fallback offer, an offer shown by
   * its own rule alone, or no offer. */
  segment: string | null;
  /** True when the winning offer has a rule of its own (which held): with no segment, that rule is
   * why it shows; false for a fallback offer (everyone) and for no offer. */
  rule: boolean;
  score: number;
  /** The candidates ranked above the winner that a limit blocked (cap, cooldown, schedule, ...). */
  skipped: Array<{ offer: string; reason: string; content: Readonly<OfferContent> }>;
  /** What became of every other offer of the slot (docs/RULES.md "Decisions"): candidates in rank
   * order, then the offers that were no candidate. */
  fates: Fate[];
  /** The offer's content from the program (render as text, never as HTML), frozen; null without an offer. */
  content: Readonly<OfferContent> | null;
  /** When the offer's text quotes the visitor's numbers ({cart_value}, {amount_left:50}, ...): each
   * placeholder (without braces) and its number; the widget formats them into the text. */
  numbers?: Record<string, number>;
  /** settings.currency ("" when not set), given with `numbers`. */
  currency?: string;
}

export type Outcome = 'shown' | 'dismissed' | 'converted';

/** One node of a rule as explained: its outcome, its value (null: no value) and its words. */
export interface ExplainedNode {
  /** all, any, not, count, count_per, distinct, sum, avg, share, trend, since, sequence, trait, context, segment */
  kind: string;
  /** The JSON Pointer of the rule in the configuration. */
  path: string;
  held: boolean;
  value: number | null;
  text: string;
  children?: ExplainedNode[];
}

/** Why a segment holds or not for this visitor, now (the owner toolkit's explanation). */
export interface SegmentExplanation {
  segment: string;
  name: string;
  description: string;
  priority: number;
  member: boolean;
  score: number;
  enter: number;
  exit: number;
  scored: boolean;
  path: string;
  /** Rule segments: the rule tree. */
  tree?: ExplainedNode;
  /** Scored segments: each signal and whether it holds. */
  signals?: Array<{ label: string; weight: number; held: boolean; tree: ExplainedNode }>;
  /** The nearest unmet condition in words; null for a member. */
  nearest: string | null;
}

/** One offer that did not show, and why. */
export interface Fate {
  offer: string;
  /** A blocking reason (capped_session, ...), control_group, outranked, paused, not_in_segment or rule_not_met. */
  reason: string;
  /** outranked: the offer that showed instead. */
  by?: string;
  /** outranked: what ranked `by` higher (priority, segment_priority, score or order). Given by the
   * toolkit's explainSlot() and the C++ API, not by decide() in the page. */
  because?: string;
  /** The segment that made this offer a candidate, when there is one (explainSlot(), the C++ API). */
  segment?: string;
}

/** An offer's own rule as explained (tree null without one; held is then true). Its segments are
 * explained by explain(); caps, schedule and holdout are the decision's reasons. */
export interface OfferExplanation {
  offer: string;
  slot: string;
  tree: ExplainedNode | null;
  held: boolean;
}

/** A slot's decision in words (explainSlot). */
export interface SlotExplanation {
  slot: string;
  offer: string | null;
  reason: string;
  segment: string | null;
  /** What the slot shows, in one sentence with names. */
  words: string;
  /** Every other offer of the slot: its fate, its name (title) and one sentence, such as
   * "Lost to “Just landed” (priority 50 > 30)." */
  fates: Array<Fate & { name: string; words: string }>;
}

/** An unknown id: code unknown_segment, unknown_offer or unknown_slot. */
export interface ExplanationError {
  error: Issue;
}

/** Any Storage-like object: localStorage, sessionStorage, or your own. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Options of createEngine. What the engine runs is the first of: `program`, `programUrl`,
 * `config` (compiled by the owner toolkit), else the built-in catalogue's program
 * (`catalogProgramUrl`).
 */
export interface EngineOptions {
  /** A compiled program's bytes. A program that does not load rejects createEngine (Error with `issues`: one program_* issue). */
  program?: ProgramBytes;
  /** Where to read the compiled program (fetched; a file: URL is read from disk in Node). */
  programUrl?: string | URL;
  /** A JSON configuration (object or text, docs/RULES.md), compiled by the owner toolkit (loaded for
   * it) and kept for this page or process. Issues reject createEngine (Error with `issues`). */
  config?: object | string;
  /** Where the built-in catalogue's program is read when no program or config is given
   * (default: shopper-segments.catalog.bin beside the module). */
  catalogProgramUrl?: string | URL;
  /** Load the owner toolkit before createEngine resolves, so that configure(), validate(), explain()
   * and explainOffer() answer at once instead of with a Promise. A `config` loads it too. */
  loadToolkit?: boolean;
  /** Where the toolkit module is (default: shopper-segments-toolkit.mjs beside the module). */
  toolkitUrl?: string | URL;
  /** The toolkit's .wasm bytes; otherwise it is loaded from toolkitWasmUrl or from beside the toolkit module. */
  toolkitWasmBinary?: ArrayBuffer | Uint8Array;
  toolkitWasmUrl?: string | URL;
  /** Keep the visitor's state here (one key, versioned); default: memory only. Failures fall back to memory with one warning. */
  storage?: StorageLike | null;
  /** The storage key (default "shopper-segments"). */
  storageKey?: string;
  /** The clock, in milliseconds since the epoch (default Date.now). The engine never reads a clock itself. */
  now?: () => number;
  /** The runtime's .wasm bytes (Node, bundlers); otherwise it is loaded from wasmUrl or from beside the module. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  wasmUrl?: string | URL;
  /** @deprecated createEngine no longer reads the catalogue as JSON (see catalogProgramUrl); defaultCatalog() does. */
  catalogUrl?: string | URL;
  /** Stable visitor id for holdout and control-group hashing (default: stored, or a new random id). */
  visitorId?: string;
  /** Browser context to start with (locale, timezone, tz_offset, ...). */
  context?: FlatValues;
  /** Receives each warning (storage failures, discarded state) instead of console.warn. */
  onWarning?: (kind: string, message: string) => void;
}

/** Where the owner toolkit is, for the functions that need it. */
export type ToolkitOptions = Pick<EngineOptions, 'toolkitUrl' | 'toolkitWasmBinary' | 'toolkitWasmUrl'>;

/** An answer from the owner toolkit: at once when it is loaded, else a Promise of the same answer. */
export type MaybePromise<T> = T | Promise<T>;

export interface Engine {
  readonly visitorId: string;
  /** The time zone the stored state was saved with (null: none), so a page can skip the lookup. */
  readonly savedTimezone: string | null;
  /** The bytes of the program in force (null before one is). */
  readonly program: Uint8Array | null;
  /** Hot path. False (and nothing tracked) for an empty or non-string type. */
  track(type: string, fields?: EventFields): boolean;
  setTraits(traits: FlatValues): boolean;
  setContext(context: FlatValues): boolean;
  segments(): SegmentResult[];
  decide(): Decision[];
  /** The context names (setContext) that the program's rules read. */
  contextKeys(): string[];
  /** The configuration's free-form `web` object, as the program carries it ({} without one). */
  pageSettings(): Record<string, unknown>;
  /** Run a compiled program. On { ok: false } (one program_* issue, path "") the previous program stays. */
  loadProgram(bytes: ProgramBytes): Result;
  /** Compile a JSON configuration (owner toolkit) and run it; with issues the previous program
   * stays. A text compiled before in this page or process runs without the toolkit. */
  configure(config: object | string): MaybePromise<Result>;
  /** Every issue of a configuration, without running it (owner toolkit). */
  validate(config: object | string): MaybePromise<Result>;
  /** The rule tree with each node's value and result, and the nearest unmet condition in words (owner toolkit). */
  explain(segmentId: string): MaybePromise<SegmentExplanation | ExplanationError>;
  /** An offer's own rule as explain() gives a segment's (owner toolkit). */
  explainOffer(offerId: string): MaybePromise<OfferExplanation | ExplanationError>;
  /** What a slot shows and why each other offer of it does not, in the owner's words (owner toolkit). */
  explainSlot(slot: string): MaybePromise<SlotExplanation | ExplanationError>;
  /** False for an unknown offer or outcome. */
  record(offerId: string, outcome: Outcome): boolean;
  /** The visitor's state as versioned JSON text. */
  save(): string;
  /** Replace the visitor's state; with issues the visitor starts empty. */
  load(state: string | object): Result;
  /** Wipe everything about the visitor, here and in the storage. */
  forget(): void;
  /** The storage key the next setStorage() uses (undefined: the default). */
  setStorageKey(key: string | undefined): void;
  /** Keep state in this storage from now on (merging what it already holds), or in memory only. */
  setStorage(storage: StorageLike | null): void;
  /** Replace the clock; null restores Date.now. */
  setClock(now: (() => number) | null): void;
  /** Called after another tab's change was merged into this engine (storage event). Write-only. */
  set onExternalChange(listener: (() => void) | null);
  /** Free the engine; later calls throw. */
  dispose(): void;
}

export function createEngine(options?: EngineOptions): Promise<Engine>;
/** Compile a JSON configuration with the owner toolkit (the same text is compiled once per process). */
export function compileConfig(config: object | string, options?: ToolkitOptions): Promise<CompileResult>;
/** The built-in catalogue (shopper-segments.catalog.json beside the module), as JSON text. */
export function defaultCatalog(options?: { catalogUrl?: string | URL }): Promise<string>;
/** Validate a configuration without an engine (owner toolkit). */
export function validateConfig(config: object | string, options?: ToolkitOptions): Promise<Result>;
/** The decision with its content's placeholders written out as the widget writes them
 * (Intl.NumberFormat in `locale`, amounts in `currency`, an ISO 4217 code or "" for plain numbers);
 * the same decision when it quotes no number. Pass `decision.currency || ''` as the currency. */
export function withNumbers(decision: Decision, locale: string, currency: string): Decision;
/** The locale the widget writes numbers in: the document's lang attribute, else the browser's language. */
export function pageLocale(doc: Document | null): string;

/** window.ShopperSegments, defined by shopper-segments.js. Calls that change state (track,
 * setTraits, record, configure, refresh) made before `ready` are queued, not lost: each returns a
 * Promise of its eventual result, which rejects with `ready`'s error when the engine cannot start.
 * After `ready` they answer at once (configure: with a Promise while the toolkit compiles). Calls
 * that read answer empty ([] or null) until then. */
export interface ShopperSegmentsGlobal {
  readonly version: string;
  /** Resolves when the engine runs; rejects (after one console warning) when it cannot start. */
  readonly ready: Promise<ShopperSegmentsGlobal>;
  track(type: string, fields?: EventFields): boolean | Promise<boolean>;
  setTraits(traits: FlatValues): boolean | Promise<boolean>;
  segments(): SegmentResult[];
  decide(): Decision[];
  /** null before `ready`; a Promise until the owner toolkit is loaded (see loadToolkit). */
  explain(segmentId: string): MaybePromise<SegmentExplanation | ExplanationError> | null;
  explainOffer(offerId: string): MaybePromise<OfferExplanation | ExplanationError> | null;
  explainSlot(slot: string): MaybePromise<SlotExplanation | ExplanationError> | null;
  record(offerId: string, outcome: Outcome): boolean | Promise<boolean>;
  /** A JSON configuration, compiled in the page by the owner toolkit (or run from the program this
   * browser kept for the same text): { ok, issues }, or a Promise of it. */
  configure(config: object | string): MaybePromise<Result>;
  /** Load the owner toolkit now (shopper-segments-toolkit.mjs and .wasm beside the script), after
   * which explain() and explainOffer() answer at once. */
  loadToolkit(): Promise<void>;
  /** Before `ready` the stored state is wiped at once and the engine forgets when it starts. */
  forget(): void;
  /** With data-consent="required" nothing is kept until consent(true); consent(false) wipes the stored state. */
  consent(granted: boolean): void;
  /** Replace the clock (the demo's "come back in 3 days"); null restores Date.now. */
  setClock(now: (() => number) | null): void;
  /** Decide again and fill slots now (after a page changed its slots); queued before `ready`. */
  refresh(): void | Promise<void>;
}

export interface ReadyDetail {
  segments: SegmentResult[];
}
export interface ChangeDetail {
  segments: SegmentResult[];
  members: string[];
  entered: string[];
  left: string[];
}
export interface OfferDetail extends Decision {
  element: Element;
}

declare global {
  interface Window {
    ShopperSegments: ShopperSegmentsGlobal;
  }
  interface DocumentEventMap {
    'shopper-segments:ready': CustomEvent<ReadyDetail>;
    'shopper-segments:change': CustomEvent<ChangeDetail>;
    'shopper-segments:offer': CustomEvent<OfferDetail>;
  }
}
