// What an evaluation would otherwise find by name or hash on every call: each rule node's trait
// or context value, each offer's history, the visitor's control-group and holdout shares.
// Resolved from a visitor and a program, and valid until either changes in any way other than
// by an event (events touch none of these): Engine keeps one and resolves it again after such
// a change, so a page's evaluations, which follow events, look nothing up.
#pragma once
#include <vector>

#include "program.hpp"
#include "visitor.hpp"

namespace seg {

struct Lookups {
  std::vector<const Value*> node_values;           // by rule node; nullptr: not set or not a trait/context node
  std::vector<const OfferHistory*> offer_history;  // by offer; nullptr: never shown, dismissed or converted
  std::vector<double> holdout_share;               // by offer; the visitor's share, 1 for an offer without holdout
  double control_share = 1;                        // the visitor's share; 1 without a control group
  double tz_offset_minutes = 0;                    // context "tz_offset" (minutes east of UTC), 0 when not a number

  void resolve(const Program& program, const Visitor& visitor);
};

}  // namespace seg
