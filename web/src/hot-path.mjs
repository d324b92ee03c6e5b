// The hot path across the WASM boundary (docs/BINDINGS.md "Hot path"): events are written as
// UTF-8 into one buffer in WASM memory and results are read back as numbers through HEAP views,
// so a track or a decision costs one plain call and no string copies through Embind.

const encoder = new TextEncoder();

const byModule = new WeakMap();

/** The hot path of a module instance (one buffer per instance, shared by its engines). */
export function hotPath(Module) {
  let path = byModule.get(Module);
  if (path === undefined) byModule.set(Module, (path = new HotPath(Module)));
  return path;
}

// The plain exports are read from Module on every call: Emscripten's wrapper replaces itself
// with the raw export on its first call, and HEAP views change when memory grows.
class HotPath {
  constructor(Module) {
    this.Module = Module;
    this.capacity = 0;
    this.pointer = 0;
  }

  // Room for `units` UTF-16 units as UTF-8 (at most 3 bytes each) in the input buffer.
  reserve(units) {
    const need = 3 * units;
    if (need > this.capacity) {
      this.capacity = Math.max(need, 2 * this.capacity, 1024);
      this.pointer = this.Module._seg_input(this.capacity);
    }
  }

  /** @param packed the fields as packFields() gives them */
  track(address, now, type, packed) {
    this.reserve(type.length + packed.length);
    const heap = this.Module.HEAPU8;
    const typeBytes = writeText(heap, this.pointer, type);
    const total = typeBytes + writeText(heap, this.pointer + typeBytes, packed);
    this.Module._seg_track(address, now, typeBytes, total);
  }

  /**
   * Writes long text (a configuration, a saved state) into the input buffer for the Embind calls
   * that read it from there (configureInput, loadInput, validateConfigInput); returns its bytes.
   */
  input(text) {
    this.reserve(text.length);
    return encoder.encodeInto(text, this.Module.HEAPU8.subarray(this.pointer, this.pointer + this.capacity)).written;
  }

  /** Where seg_decide's numbers start in `numbers` (valid until the next call). */
  decide(address, now) {
    return this.Module._seg_decide(address, now) >> 3;
  }

  /** Where seg_segments' numbers start in `numbers`. */
  segments(address, now) {
    return this.Module._seg_segments(address, now) >> 3;
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

/** Decisions from seg_decide's numbers and the names of programJson; `contents[i]` is the
 * content of offer `names.offers[i]`, and `ruled[i]` is true when that offer has a rule of its own. */
export function readDecisions(heap, at, names, contents, ruled = []) {
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
      rule: offerIndex >= 0 && ruled[offerIndex] === true,
      score: heap[at + 4],
      skipped: [],
      content: offer === null ? null : contents[offerIndex],
    };
    const skipped = heap[at + 5];
    at += 6;
    for (let i = 0; i < skipped; i++, at += 2) decision.skipped.push({ offer: names.offers[heap[at]], reason: names.reasons[heap[at + 1]] });
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
