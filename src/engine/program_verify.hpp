// The checks that make a decoded program safe to run: every assumption the evaluator and
// decide_offers() make about a Program, stated and tested once, when the program is loaded.
#pragma once
#include <string>

#include "program.hpp"

namespace seg {

// Empty when `program` is sound; otherwise one sentence naming the first problem found.
// Checks the stored parts (settings, features, nodes, children, segments, segment_order, offers,
// slots) and the slot lookups; by_type, segment_index and offer_index are rebuilt after it.
std::string verify_program(const Program& program);

}  // namespace seg
