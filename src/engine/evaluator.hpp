// Evaluates a program's rules and segments against one visitor at an injected time.
#pragma once
#include <string>
#include <vector>

#include "lookups.hpp"
#include "program.hpp"
#include "shopper_segments/segment_state.hpp"
#include "visitor.hpp"

namespace seg {

struct NodeOutcome {
  bool held = false;
  bool has_value = false;  // false: "no value" (never happened, nothing to divide by, not set)
  double value = 0;
};

class Evaluator {
 public:
  // `states` receives every segment's state (resized to the program's segments): the caller's
  // array, reused from one evaluation to the next without allocating.
  // `lookups` resolved for this program and visitor as they are now (Engine keeps them from one
  // change other than an event to the next).
  Evaluator(const Program& program, Visitor& visitor, Millis now, std::vector<SegmentState>& states,
            const Lookups& lookups);

  // Evaluates every segment in dependency order. With `remember`, scored segments store their
  // membership so the exit threshold applies next time (hysteresis).
  void run_segments(bool remember);
  bool member(int segment) const { return states_[static_cast<std::size_t>(segment)].member; }
  double score(int segment) const { return states_[static_cast<std::size_t>(segment)].score; }

  // One rule node; with `trace`, records every node's outcome by node index.
  NodeOutcome eval(int node, std::vector<NodeOutcome>* trace = nullptr);

  const Program& program() const { return program_; }
  const Visitor& visitor() const { return visitor_; }
  const Lookups& lookups() const { return lookups_; }
  Millis now() const { return now_; }

  // The earliest later time at which anything evaluated so far could give another answer
  // without a change to the visitor: a window edge reaching a bucket boundary, a `since`
  // threshold, the session's end, an entry or step leaving a window, a cap or cooldown running
  // out. Conservative (an answer may stay the same past it), never late.
  Millis valid_until() const { return valid_until_; }
  void limit(Millis t) {
    if (t > now_ && t < valid_until_) valid_until_ = t;
  }
  // The next time after now at which `t - offset` is a whole `period` (bucket boundaries are
  // whole minutes; local hours are whole hours of UTC shifted by the visitor's offset).
  void limit_to_edge(Millis offset, Millis period);
  void limit_to_minute_edge(Millis offset) { limit_to_edge(offset, kMinute); }

 private:
  // Not const: they also lower valid_until_.
  void series_window(int feature, const Window& w, double& count, double& sum);
  NodeOutcome leaf(const Node& n);
  void limit_by_thresholds(const Comparison& cmp, Millis since);

  const Program& program_;
  Visitor& visitor_;
  const Visitor::Binding& binding_;
  Millis now_;
  bool session_active_;
  std::vector<SegmentState>& states_;
  const Lookups& lookups_;
  Millis valid_until_;
};

}  // namespace seg
