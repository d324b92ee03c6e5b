// Type declarations for Shopper Segments: the ES module (shopper-segments.mjs) and the global
// window.ShopperSegments that the classic script (shopper-segments.js) defines.
// Contract: DESIGN.md "Public interfaces", docs/BINDINGS.md, docs/RULES.md.

/** One problem in a configuration or saved state: a stable code, a JSON Pointer, one sentence. */
export interface Issue {
  code: string;
  path: string;
  message: string;
}

export interface Result {
  ok: boolean;
  issues: Issue[];
}

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
  [key: string]: unknown;
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
  skipped: Array<{ offer: string; reason: string }>;
  /** The offer's content from the configuration (render as text, never as HTML); null without an offer. */
  content: OfferContent | null;
}

export type Outcome = 'shown' | 'dismissed' | 'converted';

/** Any Storage-like object: localStorage, sessionStorage, or your own. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface EngineOptions {
  /** A configuration object or JSON text (docs/RULES.md); default: the built-in catalogue. Issues reject createEngine. */
  config?: object | string;
  /** Keep the visitor's state here (one key, versioned); default: memory only. Failures fall back to memory with one warning. */
  storage?: StorageLike | null;
  /** The storage key (default "shopper-segments"). */
  storageKey?: string;
  /** The clock, in milliseconds since the epoch (default Date.now). The engine never reads a clock itself. */
  now?: () => number;
  /** The .wasm bytes (Node, bundlers); otherwise it is loaded from wasmUrl or from beside the module. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  wasmUrl?: string | URL;
  /** Where the built-in catalogue is read when no config is given (default: shopper-segments.catalog.json beside the module). */
  catalogUrl?: string | URL;
  /** Stable visitor id for holdout and control-group hashing (default: stored, or a new random id). */
  visitorId?: string;
  /** Browser context to start with (locale, timezone, tz_offset, ...). */
  context?: FlatValues;
  /** Receives each warning (storage failures, discarded state) instead of console.warn. */
  onWarning?: (kind: string, message: string) => void;
}

export interface Engine {
  readonly visitorId: string;
  /** The time zone the stored state was saved with (null: none), so a page can skip the lookup. */
  readonly savedTimezone: string | null;
  /** Hot path. False (and nothing tracked) for an empty or non-string type. */
  track(type: string, fields?: EventFields): boolean;
  setTraits(traits: FlatValues): boolean;
  setContext(context: FlatValues): boolean;
  segments(): SegmentResult[];
  decide(): Decision[];
  /** The context names (setContext) that the configuration's rules read. */
  contextKeys(): string[];
  /** The rule tree with each node's value and result, and the nearest unmet condition in words. */
  explain(segmentId: string): Record<string, unknown>;
  /** An offer's own rule: {offer, slot, tree (as explain's, null without a rule), held}. Its
   * segments are explained by explain(); caps, schedule and holdout are the decision's reasons. */
  explainOffer(offerId: string): Record<string, unknown>;
  /** False for an unknown offer or outcome. */
  record(offerId: string, outcome: Outcome): boolean;
  /** Replace the configuration; with issues the previous one stays in force. */
  configure(config: object | string): Result;
  validate(config: object | string): Result;
  /** The visitor's state as versioned JSON text. */
  save(): string;
  /** Replace the visitor's state; with issues the visitor starts empty. */
  load(state: string | object): Result;
  /** Wipe everything about the visitor, here and in the storage. */
  /** Before `ready` the stored state is wiped at once and the engine forgets when it starts. */
  forget(): void;
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
/** The built-in catalogue (shopper-segments.catalog.json beside the module), as JSON text. */
export function defaultCatalog(options?: Pick<EngineOptions, 'catalogUrl'>): Promise<string>;
/** Validates a configuration without keeping an engine. */
export function validateConfig(config: object | string, options?: Pick<EngineOptions, 'wasmBinary' | 'wasmUrl'>): Promise<Result>;

/** window.ShopperSegments, defined by shopper-segments.js. Calls that change state (track,
 * setTraits, record, configure, refresh) made before `ready` are queued, not lost: each returns a
 * Promise of its eventual result, which rejects with `ready`'s error when the engine cannot start.
 * After `ready` they answer at once. Calls that read answer empty ([] or null) until then. */
export interface ShopperSegmentsGlobal {
  readonly version: string;
  /** Resolves when the engine runs; rejects (after one console warning) when it cannot start. */
  readonly ready: Promise<ShopperSegmentsGlobal>;
  track(type: string, fields?: EventFields): boolean | Promise<boolean>;
  setTraits(traits: FlatValues): boolean | Promise<boolean>;
  segments(): SegmentResult[];
  decide(): Decision[];
  explain(segmentId: string): Record<string, unknown> | null;
  explainOffer(offerId: string): Record<string, unknown> | null;
  record(offerId: string, outcome: Outcome): boolean | Promise<boolean>;
  /** { ok, issues } at once after `ready`; before it, a Promise of that result (the call is queued). */
  configure(config: object | string): Result | Promise<Result>;
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
