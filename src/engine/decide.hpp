// Offer decisions: per slot, the best candidate that caps, cooldown, suppression, schedule and
// holdout allow, and why; and the records (shown, dismissed, converted) that feed those limits.
#pragma once
#include <vector>

#include "engine.hpp"
#include "evaluator.hpp"

namespace seg {

// `eval` must have run_segments() done.
std::vector<Decision> decide_offers(Evaluator& eval, Visitor& visitor, Millis now);
void record_outcome(OfferHistory& history, Outcome outcome, Millis now);

}  // namespace seg
