#include "shopper_segments/engine.hpp"

#include <algorithm>
#include <cmath>

#include "decide.hpp"
#include "evaluator.hpp"
#include "json.hpp"
#include "packed_event.hpp"
#include "program.hpp"
#include "visitor.hpp"

namespace seg {
namespace {

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

}  // namespace

Engine::Engine() : visitor_(std::make_unique<Visitor>()) {}

Engine::Engine(std::shared_ptr<const Program> program) : program_(std::move(program)), visitor_(std::make_unique<Visitor>()) {}
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

void Engine::set_visitor_id(std::string id) {
  changed();
  visitor_->id = std::string(utf8_prefix(id, kMaxStringBytes));
}
const std::string& Engine::visitor_id() const { return visitor_->id; }

void Engine::set_trait(std::string key, Value value) {
  changed();
  put_value(visitor_->traits, std::move(key), std::move(value));
}

void Engine::set_context(std::string key, Value value) {
  changed();
  put_value(visitor_->context, std::move(key), std::move(value));
}

void Engine::track_packed(std::string_view type, std::string_view packed_fields, Millis now) {
  decode_packed_event(type, packed_fields, packed_);
  track(packed_, now);
}

void Engine::track(const Event& event, Millis now) {
  ++version_;
  now = clamp_time(now);
  const Program& program = active();
  Visitor& v = *visitor_;
  const Visitor::Binding& b = v.bind(program);
  Profile& p = v.profile;
  // kClockSlack (profile.hpp): a time well before the newest event means the clock that gave the
  // newer ones was wrong; one well after the previous event moves the present only once confirmed.
  if (p.session_no > 0 && now < p.last_event - kClockSlack) v.redate_after(now);
  if (p.session_no == 0 || now <= p.last_event + kClockSlack) p.latest = std::max(p.latest, now);
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
  v.cart.apply(event);
}

void Engine::evaluate(Millis now) {
  now = clamp_time(now);
  if (reuse_ && evaluated_version_ == version_ && now >= evaluated_at_ && now < valid_until_) return;
  const Program& program = active();
  Evaluator eval(program, *visitor_, now, states_, lookups(program));
  eval.run_segments(true);
  decide_offers(eval, *visitor_, now, choices_);
  evaluated_version_ = version_;
  evaluated_at_ = now;
  valid_until_ = eval.valid_until();
  ++evaluations_;
}

const Lookups& Engine::lookups(const Program& program) {
  if (!lookups_ || lookups_version_ != values_version_ || lookups_program_ != &program) {
    if (!lookups_) lookups_ = std::make_unique<Lookups>();
    lookups_->resolve(program, *visitor_);
    lookups_version_ = values_version_;
    lookups_program_ = &program;
  }
  return *lookups_;
}

void Engine::trim() {
  choices_ = Choices();
  states_ = std::vector<SegmentState>();
  lookups_.reset();
  evaluated_version_ = 0;  // nothing to reuse
}

const Choices& Engine::choose(Millis now) {
  evaluate(now);
  return choices_;
}

const std::vector<SegmentState>& Engine::segment_states(Millis now) {
  evaluate(now);
  return states_;
}

bool Engine::record(std::string_view offer_id, Outcome outcome, Millis now) {
  if (!active().offer_index.count(std::string(offer_id))) return false;
  changed();
  now = clamp_time(now);
  if (visitor_->newest_time() > now + kClockSlack) visitor_->redate_after(now);  // as track() does
  record_outcome(visitor_->offers[std::string(offer_id)], outcome, now);
  return true;
}

void Engine::forget() {
  changed();
  visitor_->forget();
  visitor_->unbind();
}

}  // namespace seg
