// What a condition found, said to the shopper it is about ("You looked at 2 products tagged new in
// the last 7 days"), for the "Why am I seeing this?" note. Read from a compiled Program (the
// page's explanation has no JSON configuration) and from the measured value, so it states a fact
// about the visit rather than the rule: no event ids, no trait or field keys with underscores, no
// comparison signs. The owner's words for the same condition are rule_words.hpp and explain.hpp.
#pragma once
#include <string>

#include "engine/evaluator.hpp"
#include "engine/program.hpp"

namespace seg {

// One sentence for a leaf condition (event, trait, context, segment reference); "" for all, any
// and not, whose children speak for themselves.
std::string shopper_sentence(const Program& program, const Visitor& visitor, const Node& node, const NodeOutcome& outcome);

// "new arrivals" for "new_arrivals", "x" for "": a key or value as words a shopper may read.
std::string shopper_key_words(const std::string& key);
// "7 days", "45 minutes", "1 day": a measured duration, rounded to its largest unit.
std::string shopper_duration_words(Millis ms);

}  // namespace seg
