// Offer decisions: per slot, the best candidate that caps, cooldown, suppression, schedule and
// holdout allow, and why; and the records (shown, dismissed, converted) that feed those limits.
#pragma once
#include <vector>

#include "shopper_segments/engine.hpp"
#include "evaluator.hpp"

namespace seg {

// `eval` must have run_segments() done. Fills `out` (its vectors are reused).
void decide_offers(Evaluator& eval, const Visitor& visitor, Millis now, Choices& out);
// The same decision with the program's names, for the C++ API, the CLI and JSON; `states` (the
// evaluation's, as segment_states() gives them) for what ranked a winner above each offer it outranked.
std::vector<Decision> name_choices(const Program& program, const Choices& choices, const std::vector<SegmentState>& states);
void record_outcome(OfferHistory& history, Outcome outcome, Millis now);

}  // namespace seg
