#include "visitor.hpp"

#include <algorithm>
#include <limits>

namespace seg {

const Visitor::Binding& Visitor::rebind(const Program& program) {
  binding_.program = &program;
  // A new visitor's profile takes the program's features in order (their keys are unique), with
  // no lookups; a profile with history finds or adds each key.
  const bool fresh_series = profile.series_keys.empty(), fresh_sets = profile.set_keys.empty();
  binding_.series.resize(program.series.size());
  for (std::size_t i = 0; i < program.series.size(); ++i)
    binding_.series[i] = fresh_series ? profile.append_series(program.series[i].key) : profile.series_slot(program.series[i].key);
  binding_.sets.resize(program.value_sets.size());
  for (std::size_t i = 0; i < program.value_sets.size(); ++i)
    binding_.sets[i] = fresh_sets ? profile.append_set(program.value_sets[i].key) : profile.set_slot(program.value_sets[i].key);
  binding_.step_bits.resize(program.steps.size());
  for (std::size_t i = 0; i < program.steps.size(); ++i)
    binding_.step_bits[i] = profile.step_bit(program.steps[i].key);
  return binding_;
}

void Visitor::redate_after(Millis now) {
  profile.redate_after(now);
  for (auto& [id, h] : offers) {
    for (Millis& t : h.shown) t = std::min(t, now);  // stays in order
    h.dismissed = std::min(h.dismissed, now);       // 0 (never) stays 0
    h.converted = std::min(h.converted, now);
  }
}

Millis Visitor::newest_time() const {
  Millis newest = profile.session_no > 0 ? std::max(profile.last_event, profile.latest) : std::numeric_limits<Millis>::min();
  for (const auto& [id, h] : offers) {
    if (!h.shown.empty()) newest = std::max(newest, h.shown.back());
    newest = std::max({newest, h.dismissed, h.converted});
  }
  return newest;
}

}  // namespace seg
