// The storefront runtime's WASM boundary (docs/BINDINGS.md): plain C exports over seg::Engine and
// nothing else, no Embind. Both modules link this file; the owner toolkit adds toolkit_exports.cpp.
//
// Conventions, one for every call:
//   - text and bytes come in through one input buffer (seg_input), written by JavaScript with
//     TextEncoder.encodeInto or Uint8Array.set; a call is told how many bytes it holds;
//   - numbers go out through one array of doubles (seg_decide, seg_segments);
//   - text goes out through one result string: a call returns a pointer to it and seg_result_size()
//     gives its length in bytes (UTF-8); it is valid until the next call.
// Embind's glue was measured against this (BENCHMARKS.md "Runtime module"): it costs more bytes than
// the whole hot path and, built without new Function() for a strict CSP, more time per call.
// Time is always an argument (ms since the epoch, a JS number): the engine reads no clock.
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "shopper_segments/engine.hpp"
#include "exports_common.hpp"

namespace seg::bindings {

std::vector<char> input;
std::vector<double> output;
std::string result;

seg::Millis millis(double now) { return std::isfinite(now) && std::fabs(now) < 9e15 ? static_cast<seg::Millis>(now) : 0; }

std::string_view input_text(std::uint32_t bytes) { return {input.data(), std::min<std::size_t>(bytes, input.size())}; }

const char* give(std::string text) {
  result = std::move(text);
  return result.data();
}

}  // namespace seg::bindings

namespace {

using namespace seg::bindings;

// The result array, sized once and filled through a pointer: this file is built for size, where
// growing a vector value by value is a call per value.
double* output_of(std::size_t count) {
  output.resize(count);
  return output.data();
}

}  // namespace

extern "C" {

// The input buffer, grown to at least `bytes`; JavaScript re-reads HEAPU8 after calling this.
EMSCRIPTEN_KEEPALIVE char* seg_input(std::uint32_t bytes) {
  if (input.size() < bytes) input.resize(bytes);
  return input.data();
}

EMSCRIPTEN_KEEPALIVE std::uint32_t seg_result_size() { return static_cast<std::uint32_t>(result.size()); }
// Where the result starts, for calls that return something else (seg_compile).
EMSCRIPTEN_KEEPALIVE const char* seg_result() { return result.data(); }

EMSCRIPTEN_KEEPALIVE seg::Engine* seg_engine_new() { return new seg::Engine(); }
EMSCRIPTEN_KEEPALIVE void seg_engine_delete(seg::Engine* e) { delete e; }

// The compiled program in the input buffer becomes the engine's: "[]" when it was read and
// verified, else its one issue [{code, path, message}] (docs/BINDINGS.md "Programs") and the
// engine keeps its program.
EMSCRIPTEN_KEEPALIVE const char* seg_use_program(seg::Engine* e, std::uint32_t bytes) {
  return give(seg::issues_json(e->use_program_bytes(input_text(bytes))));
}

// Engines of one page share a program instead of reading it again.
EMSCRIPTEN_KEEPALIVE void seg_share_program(seg::Engine* e, const seg::Engine* other) { e->use_program_of(*other); }

EMSCRIPTEN_KEEPALIVE const char* seg_program_names(seg::Engine* e) { return give(e->page_json()); }

EMSCRIPTEN_KEEPALIVE void seg_set_visitor_id(seg::Engine* e, std::uint32_t bytes) { e->set_visitor_id(std::string(input_text(bytes))); }

// Traits and context as a flat JSON object in the input buffer; the issues as a JSON array.
EMSCRIPTEN_KEEPALIVE const char* seg_set_traits(seg::Engine* e, std::uint32_t bytes) {
  return give(seg::issues_json(e->set_traits_json(input_text(bytes))));
}
EMSCRIPTEN_KEEPALIVE const char* seg_set_context(seg::Engine* e, std::uint32_t bytes) {
  return give(seg::issues_json(e->set_context_json(input_text(bytes))));
}

// The event in the input buffer: its type in the first `type_bytes`, then the packed fields
// (docs/BINDINGS.md) up to `total_bytes`.
EMSCRIPTEN_KEEPALIVE void seg_track(seg::Engine* e, double now, std::uint32_t type_bytes, std::uint32_t total_bytes) {
  if (total_bytes > input.size() || type_bytes > total_bytes) return;
  e->track_packed(std::string_view(input.data(), type_bytes),
                  std::string_view(input.data() + type_bytes, total_bytes - type_bytes), millis(now));
}

// [slot count, then per slot: slot, offer, segment, reason, score, skipped count, fate count,
//  (offer, reason, by) per fate]; indices into seg_program_names' lists, -1 for none.
//  The skipped offers are the first `skipped count` fates (the candidates above the winner that a
//  limit blocked). Which segment made each a candidate and what ranked a winner higher are the toolkit's to say
//  (explain_slot_json).
EMSCRIPTEN_KEEPALIVE const double* seg_decide(seg::Engine* e, double now) {
  const seg::Choices& c = e->choose(millis(now));
  std::size_t count = 1;
  for (const seg::SlotChoice& d : c.slots) count += 7 + 3 * static_cast<std::size_t>(d.fates_end - d.fates_begin);
  double* out = output_of(count);
  *out++ = static_cast<double>(c.slots.size());
  for (const seg::SlotChoice& d : c.slots) {
    out[0] = d.slot;
    out[1] = d.offer;
    out[2] = d.segment;
    out[3] = static_cast<double>(d.reason);
    out[4] = d.score;
    out[5] = d.skipped;
    out[6] = d.fates_end - d.fates_begin;
    out += 7;
    for (std::uint32_t i = d.fates_begin; i < d.fates_end; ++i, out += 3) {
      const seg::FateChoice& f = c.fates[i];
      out[0] = f.offer;
      out[1] = static_cast<double>(f.reason);
      out[2] = f.by;
    }
  }
  return output.data();
}

// [count, then the numbers] an offer's text quotes ({cart_value}, {amount_left:50}, ...), in the
// order of the program names' "quotes" for it: the page formats them, the engine computes them.
EMSCRIPTEN_KEEPALIVE const double* seg_offer_numbers(seg::Engine* e, double offer_index) {
  static std::vector<double> numbers;
  e->offer_numbers(offer_index >= 0 ? static_cast<std::size_t>(offer_index) : SIZE_MAX, numbers);
  double* out = output_of(1 + numbers.size());
  out[0] = static_cast<double>(numbers.size());
  std::copy(numbers.begin(), numbers.end(), out + 1);
  return output.data();
}

// [segment count, then per segment in program order: member (0 or 1), score].
EMSCRIPTEN_KEEPALIVE const double* seg_segments(seg::Engine* e, double now) {
  const std::vector<seg::SegmentState>& states = e->segment_states(millis(now));
  double* out = output_of(1 + 2 * states.size());
  *out++ = static_cast<double>(states.size());
  for (const seg::SegmentState& s : states) {
    *out++ = s.member ? 1.0 : 0.0;
    *out++ = s.score;
  }
  return output.data();
}

// The offer's id in the input buffer; outcome 0 shown, 1 dismissed, 2 converted. 0: unknown offer.
EMSCRIPTEN_KEEPALIVE int seg_record(seg::Engine* e, std::uint32_t bytes, int outcome, double now) {
  if (outcome < 0 || outcome > 2) return 0;
  return e->record(input_text(bytes), static_cast<seg::Outcome>(outcome), millis(now)) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char* seg_save(seg::Engine* e, double now) { return give(e->save(millis(now))); }

// A saved state (JSON) in the input buffer; the issues as a JSON array ("[]": loaded).
EMSCRIPTEN_KEEPALIVE const char* seg_load(seg::Engine* e, std::uint32_t bytes, double now) {
  return give(seg::issues_json(e->load(input_text(bytes), millis(now))));
}

EMSCRIPTEN_KEEPALIVE void seg_forget(seg::Engine* e) { e->forget(); }

}  // extern "C"
