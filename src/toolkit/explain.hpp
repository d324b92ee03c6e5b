// Why a segment holds or not: the rule tree with each node's value and result, and the nearest
// unmet condition in words ("1 more view_item where tags = \"new\" within 7d").
#pragma once
#include <string>

#include "engine/json.hpp"

#include "engine/evaluator.hpp"

namespace seg {

// `eval` must have run_segments() done.
Json explain_segment(Evaluator& eval, int segment);
// An offer's own rule: {"offer", "slot", "tree" (null without a rule), "held"}, so an offer shown
// by its rule alone is explained like a segment. Its segments are explained by explain_segment;
// caps, schedule and holdout are the decision's reasons.
Json explain_offer(Evaluator& eval, int offer);

}  // namespace seg
