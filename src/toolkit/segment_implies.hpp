// Whether every member of one segment is always a member of another, as far as the compiled rules
// show it: certain answers only ("false" means "not shown", never "no"). For lint: an offer whose
// every segment implies a segment with a better-ranked, never-blocked offer can never win.
#pragma once
#include <vector>

#include "engine/program.hpp"

namespace seg {

class SegmentImplies {
 public:
  explicit SegmentImplies(const Program& program);
  // `a` implies `b` when they are one segment; when `b` is a rule segment whose every condition
  // that must hold (the children of its top-level "all"s) is also one that must hold for `a`, or is
  // a reference to a segment `a` implies; or when `a` needs a segment that implies `b`.
  bool implies(int a, int b) const;

 private:
  bool implies_at(int a, int b, int depth) const;
  bool satisfies(int a, int condition, int depth) const;
  void conjuncts(int node, std::vector<int>& out) const;

  const Program& p_;
  std::vector<std::vector<int>> required_;  // per segment: the conditions that must hold (rule segments)
};

}  // namespace seg
