// The WASM boundary (docs/BINDINGS.md): Embind declarations over seg::Engine and nothing else.
// Hot path (track, decide) is typed: numbers and short strings, events packed by the web layer
// and decoded by seg::decode_packed_event, decisions packed here for the facade to split.
// JSON crosses only for configuration, saved state, traits/context and explanations.
// Time is always an argument (ms since the epoch, a JS number): the engine reads no clock.
#include <emscripten/bind.h>

#include <cmath>
#include <string>

#include "engine/engine.hpp"
#include "engine/packed_event.hpp"
#include "engine/state_codec.hpp"
#include "engine/text_number.hpp"
#include "engine/visitor.hpp"

namespace {

constexpr char kRecord = '\x1e';  // RS: between slots
constexpr char kField = '\x1f';   // US: between fields of one slot

// A JS number as engine time; NaN or an absurd value becomes 0 instead of undefined behaviour.
seg::Millis millis(double now) { return std::isfinite(now) && std::fabs(now) < 9e15 ? static_cast<seg::Millis>(now) : 0; }

void track(seg::Engine& e, const std::string& type, double now, const std::string& packed) {
  e.track(seg::decode_packed_event(type, packed), millis(now));
}

// slot US offer US reason US segment US score (US skipped-offer US skipped-reason)*, joined by RS.
std::string decide(seg::Engine& e, double now) {
  std::string out;
  for (const auto& d : e.decide(millis(now))) {
    if (!out.empty()) out += kRecord;
    out.append(d.slot).append(1, kField).append(d.offer).append(1, kField).append(d.reason);
    out.append(1, kField).append(d.segment).append(1, kField).append(seg::format_number(d.score));
    for (const auto& s : d.skipped) out.append(1, kField).append(s.offer).append(1, kField).append(s.reason);
  }
  return out;
}

std::string configure(seg::Engine& e, const std::string& config) { return seg::issues_json(e.configure(config)); }
void set_visitor_id(seg::Engine& e, const std::string& id) { e.set_visitor_id(id); }
std::string set_traits(seg::Engine& e, const std::string& json) { return seg::issues_json(seg::read_values(json, e.visitor().traits, "trait")); }
std::string set_context(seg::Engine& e, const std::string& json) { return seg::issues_json(seg::read_values(json, e.visitor().context, "context")); }
std::string decide_json(seg::Engine& e, double now) { return e.decide_json(millis(now)); }
std::string segments_json(seg::Engine& e, double now) { return e.segments_json(millis(now)); }
std::string explain(seg::Engine& e, const std::string& id, double now) { return e.explain_json(id, millis(now)); }
std::string save(seg::Engine& e, double now) { return e.save(millis(now)); }
std::string load(seg::Engine& e, const std::string& state, double now) { return seg::issues_json(e.load(state, millis(now))); }
void forget(seg::Engine& e) { e.forget(); }

bool record(seg::Engine& e, const std::string& offer, const std::string& outcome, double now) {
  seg::Outcome parsed;
  return seg::parse_outcome(outcome, parsed) && e.record(offer, parsed, millis(now));
}

std::string validate_config(const std::string& config) { return seg::issues_json(seg::compile_config(config).issues); }
std::string default_catalog() { return std::string(seg::default_catalog_json()); }

}  // namespace

EMSCRIPTEN_BINDINGS(shopper_segments) {
  using emscripten::class_;
  using emscripten::function;
  class_<seg::Engine>("Engine")
      .constructor<>()
      .function("configure", &configure)
      .function("setVisitorId", &set_visitor_id)
      .function("setTraitsJson", &set_traits)
      .function("setContextJson", &set_context)
      .function("track", &track)
      .function("decide", &decide)
      .function("decideJson", &decide_json)
      .function("segmentsJson", &segments_json)
      .function("explain", &explain)
      .function("record", &record)
      .function("save", &save)
      .function("load", &load)
      .function("forget", &forget);
  function("validateConfig", &validate_config);
  function("defaultCatalog", &default_catalog);
}
