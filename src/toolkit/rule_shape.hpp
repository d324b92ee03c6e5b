// Whether two compiled rules ask the same thing. Compared on the Program, not the JSON, because the
// compiler has already made equal things equal: "7d", "1w" and 604800000 are one window, a filter's
// fields are in one order, and equal event questions share one feature index.
#pragma once
#include "engine/program.hpp"

namespace seg {

bool same_rule(const Program& p, int a, int b);
// Same rule, or same signals (weights and rules, in order) and thresholds; names and labels aside.
bool same_definition(const Program& p, const SegmentDef& a, const SegmentDef& b);

}  // namespace seg
