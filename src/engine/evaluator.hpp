// Evaluates a program's rules and segments against one visitor at an injected time.
#pragma once
#include <string>
#include <vector>

#include "program.hpp"
#include "visitor.hpp"

namespace seg {

struct NodeOutcome {
  bool held = false;
  bool has_value = false;  // false: "no value" (never happened, nothing to divide by, not set)
  double value = 0;
};

class Evaluator {
 public:
  Evaluator(const Program& program, Visitor& visitor, Millis now);

  // Evaluates every segment in dependency order. With `remember`, scored segments store their
  // membership so the exit threshold applies next time (hysteresis).
  void run_segments(bool remember);
  bool member(int segment) const { return member_[static_cast<std::size_t>(segment)] != 0; }
  double score(int segment) const { return score_[static_cast<std::size_t>(segment)]; }

  // One rule node; with `trace`, records every node's outcome by node index.
  NodeOutcome eval(int node, std::vector<NodeOutcome>* trace = nullptr);

  const Program& program() const { return program_; }
  const Visitor& visitor() const { return visitor_; }
  Millis now() const { return now_; }

 private:
  void series_window(int feature, const Window& w, double& count, double& sum) const;
  NodeOutcome leaf(const Node& n) const;

  const Program& program_;
  Visitor& visitor_;
  const Visitor::Binding& binding_;
  Millis now_;
  bool session_active_;
  std::vector<char> member_;
  std::vector<double> score_;
};

}  // namespace seg
