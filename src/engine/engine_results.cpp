// The Engine's answers with names, its program, load and save entry points: everything off the
// per-event and per-decision path. A file of its own so that the WASM module builds it for size
// while engine.cpp is built for speed (SEG_COLD_PATH_OPTIONS).
#include <algorithm>

#include "decide.hpp"
#include "shopper_segments/engine.hpp"
#include "evaluator.hpp"
#include "json.hpp"
#include "offer_numbers.hpp"
#include "program.hpp"
#include "program_reader.hpp"
#include "state_codec.hpp"
#include "visitor.hpp"

namespace seg {
namespace {

using json = Json;

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
  static const Program empty;  // no segments, no offers: every slot keeps the page's own content
  return program_ ? *program_ : empty;
}

void Engine::use_program(std::shared_ptr<const Program> program) {
  changed();
  program_ = std::move(program);
  visitor_->unbind();
}

Issues Engine::use_program_bytes(std::string_view bytes) {
  ProgramRead read = read_program(bytes);
  if (!read.program) return {Issue{std::move(read.code), "", std::move(read.message)}};
  use_program(std::move(read.program));
  return {};
}

Issues Engine::set_traits_json(std::string_view json) { return read_values(json, visitor().traits, "trait"); }
Issues Engine::set_context_json(std::string_view json) { return read_values(json, visitor().context, "context"); }

void Engine::use_program_of(const Engine& other) {
  changed();
  program_ = other.shared_program();
  visitor_->unbind();
}

std::vector<SegmentResult> Engine::segments(Millis now) { return segment_results(active(), segment_states(now)); }

std::vector<Decision> Engine::decide(Millis now) {
  const Choices& choices = choose(now);
  return name_choices(active(), choices, states_);
}

std::vector<Decision> Engine::decide(Millis now, std::vector<SegmentResult>& segments_out) {
  segments_out = segment_results(active(), segment_states(now));
  return name_choices(active(), choices_, states_);
}

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

double Engine::cart_value() const { return visitor_->cart.measure(CartMeasure::Value, nullptr); }
double Engine::cart_quantity() const { return visitor_->cart.measure(CartMeasure::Quantity, nullptr); }

std::string Engine::offer_numbers(std::string_view offer_id) const {
  const Program& p = active();
  auto it = p.offer_index.find(std::string(offer_id));
  json out = json::object();
  if (it == p.offer_index.end()) return out.dump();
  for (const Placeholder& placeholder : quoted_numbers(p.offers[static_cast<std::size_t>(it->second)].content))
    out.set(placeholder.token, placeholder_value(placeholder, visitor_->cart));
  return out.dump();
}

void Engine::offer_numbers(std::size_t offer_index, std::vector<double>& out) const {
  out.clear();
  const Program& p = active();
  if (offer_index >= p.offers.size()) return;
  for (const Placeholder& placeholder : quoted_numbers(p.offers[offer_index].content))
    out.push_back(placeholder_value(placeholder, visitor_->cart));
}

std::string Engine::save(Millis now) const { return save_state(*visitor_, active(), clamp_time(now)); }

Issues Engine::load(std::string_view state_json, Millis now) {
  changed();
  Issues issues = load_state(state_json, active(), clamp_time(now), *visitor_);
  visitor_->unbind();
  return issues;
}

}  // namespace seg
