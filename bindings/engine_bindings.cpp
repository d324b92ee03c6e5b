// The WASM boundary (docs/BINDINGS.md): declarations over seg::Engine and nothing else.
// Hot path (track, decide, segments): plain exports over one shared byte buffer and one result
// array that JavaScript reads through HEAP views. Embind's own call path, built without
// new Function() for a strict CSP (-sDYNAMIC_EXECUTION=0), costs more per call than the engine's
// work, and its strings are copied through fresh mallocs.
// JSON crosses only for configuration, saved state, traits/context and explanations (Embind).
// Time is always an argument (ms since the epoch, a JS number): the engine reads no clock.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.hpp"
#include "engine/json.hpp"
#include "engine/packed_event.hpp"
#include "engine/program.hpp"
#include "engine/state_codec.hpp"
#include "engine/text_number.hpp"
#include "engine/visitor.hpp"
#include "toolkit/toolkit.hpp"

namespace {

// A JS number as engine time; NaN or an absurd value becomes 0 instead of undefined behaviour.
seg::Millis millis(double now) { return std::isfinite(now) && std::fabs(now) < 9e15 ? static_cast<seg::Millis>(now) : 0; }

// The hot path's memory, shared with JavaScript: events come in as bytes, results go out as
// numbers (every field of a result is a small integer or a score, exact as a double).
std::vector<char> input;
std::vector<double> output;

// The result array, sized once and filled through a pointer: this file is built for size, where
// growing a vector value by value is a call per value (0.7 µs of a decision asked again).
double* output_of(std::size_t count) {
  output.resize(count);
  return output.data();
}

// Long JSON (configuration, saved state) comes in through the input buffer too, written by
// TextEncoder.encodeInto: Embind copies a JavaScript string into WASM memory one character at a
// time in JavaScript, which was half of a first configure() of the catalogue in Chromium.
std::string_view input_text(std::uint32_t bytes) { return {input.data(), std::min<std::size_t>(bytes, input.size())}; }

std::string configure(seg::Engine& e, std::uint32_t bytes) { return seg::issues_json(seg::configure(e, input_text(bytes))); }
void use_program_of(seg::Engine& e, const seg::Engine& other) { e.use_program_of(other); }
void set_visitor_id(seg::Engine& e, const std::string& id) { e.set_visitor_id(id); }
std::string set_traits(seg::Engine& e, const std::string& json) { return seg::issues_json(seg::read_values(json, e.visitor().traits, "trait")); }
std::string set_context(seg::Engine& e, const std::string& json) { return seg::issues_json(seg::read_values(json, e.visitor().context, "context")); }
std::string explain(seg::Engine& e, const std::string& id, double now) { return seg::explain_segment_json(e, id, millis(now)); }
std::string explain_offer(seg::Engine& e, const std::string& id, double now) { return seg::explain_offer_json(e, id, millis(now)); }
std::string save(seg::Engine& e, double now) { return e.save(millis(now)); }
std::string load(seg::Engine& e, std::uint32_t bytes, double now) { return seg::issues_json(e.load(input_text(bytes), millis(now))); }
void forget(seg::Engine& e) { e.forget(); }

bool record(seg::Engine& e, const std::string& offer, const std::string& outcome, double now) {
  seg::Outcome parsed;
  return seg::parse_outcome(outcome, parsed) && e.record(offer, parsed, millis(now));
}

std::string validate_config(std::uint32_t bytes) { return seg::issues_json(seg::compile_config(input_text(bytes)).issues); }

// The address the plain exports below take as their engine.
std::uintptr_t address(seg::Engine& e) { return reinterpret_cast<std::uintptr_t>(&e); }

// The names behind the indices the hot path returns, once per configuration:
// {"slots":[..],"offers":[..],"segments":[{id,name,enter,exit,priority}],"context":[..],"reasons":[..]}.
std::string program_json(seg::Engine& e) {
  const seg::Program& p = e.program();
  std::string out = "{\"slots\":[";
  for (std::size_t i = 0; i < p.slots.size(); ++i) {
    if (i) out += ',';
    seg::append_quoted(out, p.slots[i]);
  }
  out += "],\"offers\":[";
  for (std::size_t i = 0; i < p.offers.size(); ++i) {
    if (i) out += ',';
    seg::append_quoted(out, p.offers[i].id);
  }
  out += "],\"segments\":[";
  for (std::size_t i = 0; i < p.segments.size(); ++i) {
    const seg::SegmentDef& s = p.segments[i];
    if (i) out += ',';
    out += "{\"id\":";
    seg::append_quoted(out, s.id);
    out += ",\"name\":";
    seg::append_quoted(out, s.name);
    out += ",\"enter\":";
    seg::append_number(out, s.enter);
    out += ",\"exit\":";
    seg::append_number(out, s.exit);
    out += ",\"priority\":";
    seg::append_number(out, s.priority);
    out += '}';
  }
  out += "],\"context\":[";
  std::vector<std::string_view> context;  // the context names the rules read, each once
  for (const seg::Node& n : p.nodes)
    if (n.kind == seg::NodeKind::Context && std::find(context.begin(), context.end(), n.name) == context.end()) context.push_back(n.name);
  for (std::size_t i = 0; i < context.size(); ++i) {
    if (i) out += ',';
    seg::append_quoted(out, context[i]);
  }
  out += "],\"reasons\":[";
  for (int i = 0; i < seg::kReasonCount; ++i) {
    if (i) out += ',';
    seg::append_quoted(out, seg::reason_name(static_cast<seg::Reason>(i)));
  }
  out += "]}";
  return out;
}

}  // namespace

extern "C" {

// The input buffer, grown to at least `bytes`; JavaScript re-reads HEAPU8 after calling this.
EMSCRIPTEN_KEEPALIVE char* seg_input(std::uint32_t bytes) {
  if (input.size() < bytes) input.resize(bytes);
  return input.data();
}

// The event in the input buffer: its type in the first `type_bytes`, then the packed fields
// (docs/BINDINGS.md) up to `total_bytes`.
EMSCRIPTEN_KEEPALIVE void seg_track(seg::Engine* e, double now, std::uint32_t type_bytes, std::uint32_t total_bytes) {
  if (total_bytes > input.size() || type_bytes > total_bytes) return;
  static seg::Event event;  // decoded into again and again: no allocation once its strings have grown
  seg::decode_packed_event(std::string_view(input.data(), type_bytes),
                           std::string_view(input.data() + type_bytes, total_bytes - type_bytes), event);
  e->track(event, millis(now));
}

// [slot count, then per slot: slot, offer, segment, reason, score, skipped count,
//  (skipped offer, its reason)...]; indices into program_json's lists, -1 for none.
EMSCRIPTEN_KEEPALIVE const double* seg_decide(seg::Engine* e, double now) {
  const seg::Choices& c = e->choose(millis(now));
  std::size_t count = 1;
  for (const seg::SlotChoice& d : c.slots) count += 6 + 2 * static_cast<std::size_t>(d.skipped_end - d.skipped_begin);
  double* out = output_of(count);
  *out++ = static_cast<double>(c.slots.size());
  for (const seg::SlotChoice& d : c.slots) {
    out[0] = d.slot;
    out[1] = d.offer;
    out[2] = d.segment;
    out[3] = static_cast<double>(d.reason);
    out[4] = d.score;
    out[5] = d.skipped_end - d.skipped_begin;
    out += 6;
    for (std::uint32_t i = d.skipped_begin; i < d.skipped_end; ++i, out += 2) {
      out[0] = c.skipped[i].offer;
      out[1] = static_cast<double>(c.skipped[i].reason);
    }
  }
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

}  // extern "C"

EMSCRIPTEN_BINDINGS(shopper_segments) {
  using emscripten::class_;
  using emscripten::function;
  class_<seg::Engine>("Engine")
      .constructor<>()
      .function("configureInput", &configure)
      .function("useProgramOf", &use_program_of)
      .function("setVisitorId", &set_visitor_id)
      .function("setTraitsJson", &set_traits)
      .function("setContextJson", &set_context)
      .function("address", &address)
      .function("programJson", &program_json)
      .function("explain", &explain)
      .function("explainOffer", &explain_offer)
      .function("record", &record)
      .function("save", &save)
      .function("loadInput", &load)
      .function("forget", &forget);
  function("validateConfigInput", &validate_config);
}
