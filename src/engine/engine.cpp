#include "engine.hpp"

#include <algorithm>
#include <cmath>

#include "decide.hpp"
#include "evaluator.hpp"
#include "explain.hpp"
#include "program.hpp"
#include "state_codec.hpp"
#include "visitor.hpp"

namespace seg {
namespace {

using json = Json;

// Types the config does not mention are still counted, up to this many series in all.
constexpr std::size_t kMaxSeriesForUnknownTypes = 256;

const double* number_field(const Event& e, const std::string& key) {
  for (const auto& kv : e.numbers)
    if (kv.first == key) return &kv.second;
  return nullptr;
}

// Counts one event into every feature of its type.
void count_event(const Program& program, Visitor& v, const Visitor::Binding& b, const Event& event, Millis now) {
  Profile& p = v.profile;
  const TypeFeatures* f = program.features_of(event.type);
  if (!f) {
    if (p.series.size() >= kMaxSeriesForUnknownTypes && !p.has_series(event.type)) return;
    const int slot = p.series_slot(event.type);
    if (slot >= 0) p.series[static_cast<std::size_t>(slot)].add(now, p.latest, 0, p.session_no);
    return;
  }
  for (int s : f->series) {
    const SeriesSpec& spec = program.series[static_cast<std::size_t>(s)];
    const int slot = b.series[static_cast<std::size_t>(s)];
    if (slot < 0 || !matches(spec.where, event)) continue;
    double value = 0;
    if (!spec.sum_field.empty()) {
      const double* field = number_field(event, spec.sum_field);
      // A sum counts only events that carry the field; negative amounts are ignored as bad input.
      if (!field || !(*field >= 0) || !std::isfinite(*field)) continue;
      value = *field;
    }
    p.series[static_cast<std::size_t>(slot)].add(now, p.latest, value, p.session_no);
  }
  for (int s : f->value_sets) {
    const ValueSetSpec& spec = program.value_sets[static_cast<std::size_t>(s)];
    const int slot = b.sets[static_cast<std::size_t>(s)];
    if (slot < 0 || !matches(spec.where, event)) continue;
    for (const auto& kv : event.strings)
      if (kv.first == spec.field) p.sets[static_cast<std::size_t>(slot)].add(kv.second, now);
  }
  std::uint64_t mask = 0;
  for (int s : f->steps) {
    const int bit = b.step_bits[static_cast<std::size_t>(s)];
    if (bit >= 0 && matches(program.steps[static_cast<std::size_t>(s)].where, event)) mask |= std::uint64_t{1} << bit;
  }
  if (mask) p.add_step_hit(mask, now);
}

// Times from outside are clamped to years 1970..9999, so no arithmetic on them can overflow.
Millis clamp_time(Millis t) { return std::clamp<Millis>(t, 0, 253402300799000LL); }

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

Engine::Engine() : visitor_(std::make_unique<Visitor>()) {}

const Program& Engine::active() const {
  if (!program_) {
    CompileResult r = compile_config(default_catalog_json());
    program_ = r.program ? r.program : compile_config(R"({"version":1})").program;
  }
  return *program_;
}

Engine::Engine(std::shared_ptr<const Program> program) : program_(std::move(program)), visitor_(std::make_unique<Visitor>()) {}
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

Issues Engine::configure(std::string_view config_json) {
  CompileResult r = compile_config(config_json);
  if (!r.program) return std::move(r.issues);
  program_ = std::move(r.program);
  visitor_->unbind();
  return {};
}

void Engine::set_visitor_id(std::string id) { visitor_->id = id.substr(0, kMaxStringBytes); }
const std::string& Engine::visitor_id() const { return visitor_->id; }

void Engine::set_trait(std::string key, Value value) {
  if (key.empty() || key.size() > kMaxStringBytes) return;
  if (!value.is_set()) { visitor_->traits.erase(key); return; }
  if (visitor_->traits.size() >= kMaxTraits && !visitor_->traits.count(key)) return;
  visitor_->traits[std::move(key)] = std::move(value);
}

void Engine::set_context(std::string key, Value value) {
  if (key.empty() || key.size() > kMaxStringBytes) return;
  if (!value.is_set()) { visitor_->context.erase(key); return; }
  if (visitor_->context.size() >= kMaxTraits && !visitor_->context.count(key)) return;
  visitor_->context[std::move(key)] = std::move(value);
}

void Engine::track(const Event& event, Millis now) {
  now = clamp_time(now);
  const Program& program = active();
  Visitor& v = *visitor_;
  const Visitor::Binding& b = v.bind(program);
  Profile& p = v.profile;
  p.latest = std::max(p.latest, now);
  // A clock that jumps back keeps the current session: only forward gaps end a session.
  const bool new_session = p.session_no == 0 || (now > p.last_event && now - p.last_event > program.settings.session_timeout);
  if (new_session) {
    ++p.session_no;
    p.session_start = now;
  }
  p.last_event = std::max(p.last_event, now);
  if (new_session) {
    Event start;
    start.type = "session_start";
    count_event(program, v, b, start, now);
  }
  count_event(program, v, b, event, now);
}

namespace {

std::vector<SegmentResult> segment_results(const Program& program, const Evaluator& eval) {
  std::vector<SegmentResult> out;
  out.reserve(program.segments.size());
  for (std::size_t i = 0; i < program.segments.size(); ++i) {
    const SegmentDef& def = program.segments[i];
    SegmentResult r;
    r.id = def.id;
    r.member = eval.member(static_cast<int>(i));
    r.score = eval.score(static_cast<int>(i));
    r.enter = def.enter;
    r.exit = def.exit;
    r.priority = def.priority;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::vector<SegmentResult> Engine::segments(Millis now) {
  Evaluator eval(active(), *visitor_, clamp_time(now));
  eval.run_segments(true);
  return segment_results(active(), eval);
}

std::vector<Decision> Engine::decide(Millis now) {
  now = clamp_time(now);
  Evaluator eval(active(), *visitor_, now);
  eval.run_segments(true);
  return decide_offers(eval, *visitor_, now);
}

std::vector<Decision> Engine::decide(Millis now, std::vector<SegmentResult>& segments_out) {
  now = clamp_time(now);
  Evaluator eval(active(), *visitor_, now);
  eval.run_segments(true);
  segments_out = segment_results(active(), eval);
  return decide_offers(eval, *visitor_, now);
}

bool Engine::record(std::string_view offer_id, Outcome outcome, Millis now) {
  if (!active().offer_index.count(std::string(offer_id))) return false;
  record_outcome(visitor_->offers[std::string(offer_id)], outcome, clamp_time(now));
  return true;
}

std::string Engine::explain_json(std::string_view segment_id, Millis now) {
  auto it = active().segment_index.find(std::string(segment_id));
  if (it == active().segment_index.end()) {
    json j;
    json error = json::object();
    error.set("code", "unknown_segment");
    error.set("path", "");
    error.set("message", "There is no segment \"" + std::string(segment_id.substr(0, 64)) + "\".");
    j.set("error", std::move(error));
    return j.dump();
  }
  Evaluator eval(active(), *visitor_, clamp_time(now));
  eval.run_segments(true);
  return explain_segment(eval, it->second).dump();
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
  Issues issues = load_state(state_json, active(), clamp_time(now), *visitor_);
  visitor_->unbind();
  return issues;
}

void Engine::forget() {
  visitor_->forget();
  visitor_->unbind();
}

}  // namespace seg
