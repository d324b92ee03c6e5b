// The WASM boundary in JavaScript (docs/BINDINGS.md "Boundary"): one input buffer in WASM memory
// that text and bytes are written into, numbers read back through HEAPF64, text read back from the
// one result string. bindings/engine_exports.cpp is the other side. Both modules (the storefront
// runtime and the owner toolkit) have these exports, so NativeEngine runs over either.

// Every input is refused (or cut) on its length before it is copied into WASM memory, which keeps
// its size for the life of the page. Lengths are in UTF-16 units: UTF-8 never takes fewer bytes,
// so a limit in units refuses nothing the engine would take in bytes.
export const MAX_STATE = 1024 * 1024; // the engine reads saved states of at most 1 MB (kStateLoadLimit)
export const MAX_VALUES = 64 * 1024;  // traits or context as JSON: the engine keeps 4 KB of each
export const MAX_NAME = 256;          // a visitor id, an event type: the engine keeps 256 bytes
export const MAX_ID = 64;             // offer and segment ids are at most 64 bytes

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const byModule = new WeakMap();

/** The boundary of a module instance (one buffer per instance, shared by its engines). */
export function boundary(Module) {
  let b = byModule.get(Module);
  if (b === undefined) byModule.set(Module, (b = new Boundary(Module)));
  return b;
}

// The plain exports are read from Module on every call: Emscripten's wrapper replaces itself
// with the raw export on its first call, and HEAP views change when memory grows.
class Boundary {
  constructor(Module) {
    this.Module = Module;
    this.capacity = 0;
    this.pointer = 0;
  }

  // Room for `bytes` bytes in the input buffer.
  reserve(bytes) {
    if (bytes > this.capacity) {
      this.capacity = Math.max(bytes, 2 * this.capacity, 1024);
      this.pointer = this.Module._seg_input(this.capacity);
    }
  }

  /** Writes text as UTF-8 at the start of the input buffer; returns its bytes. */
  text(text) {
    this.reserve(3 * text.length);
    return encoder.encodeInto(text, this.Module.HEAPU8.subarray(this.pointer, this.pointer + this.capacity)).written;
  }

  /** Copies bytes to the start of the input buffer; returns their count. */
  bytes(bytes) {
    this.reserve(bytes.length);
    this.Module.HEAPU8.set(bytes, this.pointer);
    return bytes.length;
  }

  /** The type then the packed fields of an event; returns [typeBytes, totalBytes]. */
  event(type, packed) {
    this.reserve(3 * (type.length + packed.length));
    const heap = this.Module.HEAPU8;
    const typeBytes = writeText(heap, this.pointer, type);
    return [typeBytes, typeBytes + writeText(heap, this.pointer + typeBytes, packed)];
  }

  /** The result string a call returned a pointer to, as text. */
  resultText(pointer) {
    const size = this.Module._seg_result_size();
    return decoder.decode(this.Module.HEAPU8.subarray(pointer, pointer + size));
  }

  /** The result as bytes (a copy). */
  resultBytes(pointer) {
    const size = this.Module._seg_result_size();
    return this.Module.HEAPU8.slice(pointer, pointer + size);
  }

  /** The module's memory as doubles (a new view after memory grew, so read it after the call). */
  get numbers() {
    return this.Module.HEAPF64;
  }
}

// ASCII is copied by hand (most event text); anything else goes through TextEncoder.
function writeText(heap, at, text) {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return encoder.encodeInto(text, heap.subarray(at, at + 3 * n)).written;
    heap[at + i] = c;
  }
  return n;
}

const OUTCOME_CODES = { shown: 0, dismissed: 1, converted: 2 };

/** One seg::Engine in a module; delete() frees it. */
export class NativeEngine {
  constructor(Module) {
    this.Module = Module;
    this.io = boundary(Module);
    this.address = Module._seg_engine_new();
  }

  /** Reads and verifies a compiled program: null when it is in force, else its issue {code, path, message}. */
  useProgram(bytes) {
    const issues = JSON.parse(this.io.resultText(this.Module._seg_use_program(this.address, this.io.bytes(bytes))));
    return issues.length ? issues[0] : null;
  }

  /** Runs the program `other` (an engine of the same module) runs, without reading it again. */
  shareProgramOf(other) {
    this.Module._seg_share_program(this.address, other.address);
  }

  programJson() {
    return this.io.resultText(this.Module._seg_program_names(this.address));
  }

  /** Where seg_offer_numbers's [count, numbers...] for the offer at `index` start in `numbers`. */
  offerNumbers(index) {
    return this.Module._seg_offer_numbers(this.address, index) >> 3;
  }

  setVisitorId(id) {
    this.Module._seg_set_visitor_id(this.address, this.io.text(id));
  }

  setTraitsJson(json) {
    return this.io.resultText(this.Module._seg_set_traits(this.address, this.io.text(json)));
  }

  setContextJson(json) {
    return this.io.resultText(this.Module._seg_set_context(this.address, this.io.text(json)));
  }

  track(now, type, packed) {
    const [typeBytes, total] = this.io.event(type, packed);
    this.Module._seg_track(this.address, now, typeBytes, total);
  }

  /** Where seg_decide's numbers start in `numbers` (valid until the next call). */
  decide(now) {
    return this.Module._seg_decide(this.address, now) >> 3;
  }

  /** Where seg_segments' numbers start in `numbers`. */
  segments(now) {
    return this.Module._seg_segments(this.address, now) >> 3;
  }

  get numbers() {
    return this.io.numbers;
  }

  record(offerId, outcome, now) {
    return this.Module._seg_record(this.address, this.io.text(offerId), OUTCOME_CODES[outcome], now) === 1;
  }

  save(now) {
    return this.io.resultText(this.Module._seg_save(this.address, now));
  }

  /** Loads a saved state (JSON text); the issues as JSON text. */
  loadState(text, now) {
    return this.io.resultText(this.Module._seg_load(this.address, this.io.text(text), now));
  }

  forget() {
    this.Module._seg_forget(this.address);
  }

  delete() {
    this.Module._seg_engine_delete(this.address);
    this.address = 0;
  }
}

/** Decisions from seg_decide's numbers and the names of programJson (offer contents included). */
export function readDecisions(heap, at, names) {
  const decisions = [];
  const count = heap[at++];
  for (let k = 0; k < count; k++) {
    const offerIndex = heap[at + 1], segmentIndex = heap[at + 2];
    const offer = offerIndex >= 0 ? names.offers[offerIndex] : null;
    const decision = {
      slot: names.slots[heap[at]],
      offer,
      reason: names.reasons[heap[at + 3]],
      segment: segmentIndex >= 0 ? names.segments[segmentIndex].id : null,
      rule: offerIndex >= 0 && names.ruled[offerIndex] === true,
      score: heap[at + 4],
      skipped: [],
      fates: [],
      content: offer === null ? null : names.contents[offerIndex],
    };
    const skipped = heap[at + 5], fates = heap[at + 6];
    at += 7;
    for (let i = 0; i < fates; i++, at += 3) {
      const fate = { offer: names.offers[heap[at]], reason: names.reasons[heap[at + 1]] };
      if (heap[at + 2] >= 0) fate.by = names.offers[heap[at + 2]];
      decision.fates.push(fate);
      // A skipped offer's content too: a held-out one is reported by its title (promotion-report.mjs).
      if (i < skipped) decision.skipped.push({ offer: fate.offer, reason: fate.reason, content: names.contents[heap[at]] });
    }
    decisions.push(decision);
  }
  return decisions;
}

/** Segments from seg_segments' numbers and the names of programJson. */
export function readSegments(heap, at, names) {
  const segments = [];
  const count = heap[at++];
  for (let i = 0; i < count; i++, at += 2) {
    const s = names.segments[i];
    segments.push({ enter: s.enter, exit: s.exit, id: s.id, member: heap[at] === 1, name: s.name, priority: s.priority, score: heap[at + 1] });
  }
  return segments;
}
