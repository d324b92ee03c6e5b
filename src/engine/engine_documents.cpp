// The Engine's answers with names and as JSON documents, and its compile, load and save entry
// points: everything off the per-event and per-decision path. A file of its own so that the WASM
// module builds it for size while engine.cpp is built for speed (SEG_COLD_PATH_OPTIONS).
#include <algorithm>

#include "decide.hpp"
#include "engine.hpp"
#include "evaluator.hpp"
#include "explain.hpp"
#include "json.hpp"
#include "program.hpp"
#include "state_codec.hpp"
#include "visitor.hpp"

namespace seg {
namespace {

using json = Json;

json decision_json(const Decision& d) {
  json j;
  j.set("slot", d.slot);
  j.set("offer", d.offer.empty() ? json(nullptr) : json(d.offer));
  j.set("reason", d.reason);
  j.set("segment", d.segment.empty() ? json(nullptr) : json(d.segment));
  j.set("score", d.score);
  json skipped = json::array();
  for (const auto& s : d.skipped) {
    json item = json::object();
    item.set("offer", s.offer);
    item.set("reason", s.reason);
    skipped.push_back(std::move(item));
  }
  j.set("skipped", std::move(skipped));
  return j;
}

std::vector<SegmentResult> segment_results(const Program& program, const std::vector<SegmentState>& states) {
  std::vector<SegmentResult> out;
  out.reserve(program.segments.size());
  for (std::size_t i = 0; i < program.segments.size(); ++i) {
    const SegmentDef& def = program.segments[i];
    SegmentResult r;
    r.id = def.id;
    r.member = states[i].member;
    r.score = states[i].score;
    r.enter = def.enter;
    r.exit = def.exit;
    r.priority = def.priority;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::string issues_json(const Issues& issues) {
  json out = json::array();
  for (const auto& i : issues) {
    json item = json::object();
    item.set("code", i.code);
    item.set("path", i.path);
    item.set("message", i.message);
    out.push_back(std::move(item));
  }
  return out.dump();
}

bool parse_outcome(std::string_view text, Outcome& out) {
  if (text == "shown") out = Outcome::Shown;
  else if (text == "dismissed") out = Outcome::Dismissed;
  else if (text == "converted" || text == "clicked") out = Outcome::Converted;
  else return false;
  return true;
}

const Program& Engine::active() const {
  if (!program_) {
    CompileResult r = compile_config(default_catalog_json());
    program_ = r.program ? r.program : compile_config(R"({"version":1})").program;
  }
  return *program_;
}

Issues Engine::configure(std::string_view config_json) {
  changed();
  CompileResult r = compile_config(config_json);
  if (!r.program) return std::move(r.issues);
  program_ = std::move(r.program);
  visitor_->unbind();
  return {};
}

void Engine::use_program_of(const Engine& other) {
  changed();
  program_ = other.shared_program();
  visitor_->unbind();
}

std::vector<SegmentResult> Engine::segments(Millis now) { return segment_results(active(), segment_states(now)); }

std::vector<Decision> Engine::decide(Millis now) { return name_choices(active(), choose(now)); }

std::vector<Decision> Engine::decide(Millis now, std::vector<SegmentResult>& segments_out) {
  segments_out = segment_results(active(), segment_states(now));
  return name_choices(active(), choices_);
}

namespace {

// {"error": {code, path, message}} for an id the configuration does not have.
std::string unknown_id(const char* code, const char* noun, std::string_view id) {
  json j;
  json error = json::object();
  error.set("code", code);
  error.set("path", "");
  error.set("message", std::string("There is no ") + noun + " \"" + std::string(id.substr(0, 64)) + "\".");
  j.set("error", std::move(error));
  return j.dump();
}

}  // namespace

std::string Engine::explained(Json (*explain)(Evaluator&, int), int index, Millis now) {
  // Explaining evaluates with hysteresis like a decision, so the shared evaluation is redone after.
  // Only memberships can change here, none of what Lookups holds: it stays resolved (the demo
  // panel explains every segment after each event).
  ++version_;
  std::vector<SegmentState> states;
  Evaluator eval(active(), *visitor_, clamp_time(now), states, lookups(active()));
  eval.run_segments(true);
  return explain(eval, index).dump();
}

std::string Engine::explain_json(std::string_view segment_id, Millis now) {
  auto it = active().segment_index.find(std::string(segment_id));
  if (it == active().segment_index.end()) return unknown_id("unknown_segment", "segment", segment_id);
  return explained(explain_segment, it->second, now);
}

std::string Engine::explain_offer_json(std::string_view offer_id, Millis now) {
  auto it = active().offer_index.find(std::string(offer_id));
  if (it == active().offer_index.end()) return unknown_id("unknown_offer", "offer", offer_id);
  return explained(explain_offer, it->second, now);
}

std::string Engine::segments_json(Millis now) {
  // Written directly, not through a Json document: the widget asks for this after every batch
  // of events, and building a DOM for 19 flat records cost ten times the evaluation.
  const auto results = segments(now);
  std::string out = "[";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    if (i) out += ',';
    out += "{\"enter\":";
    append_number(out, r.enter);
    out += ",\"exit\":";
    append_number(out, r.exit);
    out += ",\"id\":";
    append_quoted(out, r.id);
    out += ",\"member\":";
    out += r.member ? "true" : "false";
    out += ",\"name\":";
    append_quoted(out, active().segments[i].name);
    out += ",\"priority\":";
    append_number(out, r.priority);
    out += ",\"score\":";
    append_number(out, r.score);
    out += '}';
  }
  out += ']';
  return out;
}

std::string Engine::decide_json(Millis now) {
  json out = json::array();
  for (const auto& d : decide(now)) out.push_back(decision_json(d));
  return out.dump();
}

std::string Engine::save(Millis now) const { return save_state(*visitor_, active(), clamp_time(now)); }

Issues Engine::load(std::string_view state_json, Millis now) {
  changed();
  Issues issues = load_state(state_json, active(), clamp_time(now), *visitor_);
  visitor_->unbind();
  return issues;
}

}  // namespace seg
